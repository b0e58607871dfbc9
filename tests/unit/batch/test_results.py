"""The results file: created next to the data, appended durably, resumable, and never someone else's."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from deskpilot.batch.results import ResultsFile, RowResult, finished_now, results_path
from deskpilot.errors import DataError

HEADER = "row,status,error,seconds,finished,total,routine,routine_id,fingerprint"
WHEN = "2026-11-24T13:05:00+01:00"


def open_results(path: Path, routine_id: str = "abc123def456", reads: list[str] | None = None,
                 name: str = "enter-claim") -> ResultsFile:
    """Opened, and its run lock let go at once: these tests reopen files as a later run would."""
    results = ResultsFile.open(path, routine_name=name, routine_id=routine_id,
                               read_names=["total"] if reads is None else reads)
    results.close()
    return results


def csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_results_path_sits_next_to_the_data() -> None:
    assert results_path(Path("/d/claims.csv")) == Path("/d/claims.results.csv")
    assert results_path(Path("/d/claims.xlsx")) == Path("/d/claims.results.xlsx")
    with pytest.raises(DataError, match=r"claims\.xls: .*save it as CSV or \.xlsx"):
        results_path(Path("/d/claims.xls"))


def test_new_csv_results_get_a_header_and_one_line_per_write(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    results = open_results(path)
    assert csv_rows(path) == [HEADER.split(",")]
    results.write(RowResult(row=1, status="ok", seconds=3.14159, values={"total": "12.50"}, finished=WHEN))
    results.write(RowResult(row=2, status="failed", error='step 3 (click "OK"):\nnot found', seconds=10,
                            finished=WHEN))
    assert path.read_bytes().startswith(b"\xef\xbb\xbfrow,status,")
    assert csv_rows(path)[1:] == [
        ["1", "ok", "", "3.14", WHEN, "12.50", "enter-claim", "abc123def456", ""],
        ["2", "failed", 'step 3 (click "OK"): not found', "10.00", WHEN, "", "enter-claim", "abc123def456", ""],
    ]


def test_reopened_results_give_latest_status_and_finished_rows(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    first = open_results(path)
    for row, status in [(1, "ok"), (2, "failed"), (3, "skipped"), (4, "failed"), (2, "ok"), (1, "failed")]:
        first.write(RowResult(row=row, status=status, values={"total": f"t{row}"}, finished=WHEN))
    again = open_results(path)
    assert again.finished_rows() == {2, 3}
    latest = again.latest()
    assert {n: r.status for n, r in latest.items()} == {1: "failed", 2: "ok", 3: "skipped", 4: "failed"}
    assert latest[2] == RowResult(row=2, status="ok", error="", seconds=0.0, values={"total": "t2"}, finished=WHEN)


def test_results_of_another_routine_are_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    open_results(path, routine_id="aaaaaaaaaaaa", name="old-routine").write(RowResult(row=1, status="ok"))
    with path.open("ab") as fh:
        fh.write(b"2,ok,,1.00,x,,old-rou")  # a cut last line must not be repaired either
    before = path.read_bytes()
    with pytest.raises(DataError) as info:
        open_results(path, routine_id="bbbbbbbbbbbb")
    assert str(info.value) == ("claims.results.csv was written by another routine (old-routine); "
                               "move it away or pass --results NEW.csv")
    assert path.read_bytes() == before


def test_a_cut_last_line_is_left_out_and_removed_before_appending(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    open_results(path).write(RowResult(row=1, status="ok", values={"total": "5"}, finished=WHEN))
    with path.open("ab") as fh:
        fh.write("2,ok,,1.00,2026-11-24T13:06:00+01:00,Zü".encode()[:-1])  # cut inside the "ü"
    results = open_results(path)
    assert results.finished_rows() == {1}
    assert csv_rows(path) == [HEADER.split(","), ["1", "ok", "", "0.00", WHEN, "5", "enter-claim", "abc123def456", ""]]
    results.write(RowResult(row=2, status="ok", values={"total": "7"}, finished=WHEN))
    assert [r[0] for r in csv_rows(path)] == ["row", "1", "2"]
    assert open_results(path).finished_rows() == {1, 2}


def test_a_header_missing_a_read_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    open_results(path, reads=[])
    before = path.read_bytes()
    with pytest.raises(DataError) as info:
        open_results(path, reads=["total", "ref"])
    assert str(info.value) == ("claims.results.csv has no column for the read value(s) 'total', 'ref', which the "
                               "routine now reads; move it away or pass --results NEW.csv")
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_results_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("name,amount\nBob,1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        open_results(path)
    assert str(info.value) == ("claims.csv is not a DeskPilot results file (no column 'row'); "
                               "move it away or pass --results NEW.csv")
    assert path.read_text(encoding="utf-8") == "name,amount\nBob,1\n"


def test_a_bad_status_line_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    path.write_text(f"{HEADER}\n1,ok,,1.00,{WHEN},,r,abc123def456\n2,done,,1.00,{WHEN},,r,abc123def456\n")
    with pytest.raises(DataError) as info:
        open_results(path)
    assert str(info.value) == ("claims.results.csv:3: status 'done' is not one of ok, entered, failed, skipped, committing, uncertain; "
                               "fix or delete that line")


def test_a_read_name_that_clashes_with_a_results_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="reads text into 'status'.*rename that read_text variable"):
        open_results(tmp_path / "claims.results.csv", reads=["status"])
    assert not (tmp_path / "claims.results.csv").exists()


def test_an_empty_results_file_is_started_afresh(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    path.write_bytes(b"")
    assert open_results(path).finished_rows() == set()
    assert csv_rows(path) == [HEADER.split(",")]


def test_xlsx_results_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.xlsx"
    first = open_results(path)
    first.write(RowResult(row=1, status="ok", seconds=1.239, values={"total": "=SUM(A1:A3)"}, finished=WHEN))
    first.write(RowResult(row=2, status="failed", error="step 2: not found", seconds=4, finished=WHEN))
    again = open_results(path)
    assert again.finished_rows() == {1}
    assert again.latest()[1] == RowResult(row=1, status="ok", seconds=1.24, values={"total": "=SUM(A1:A3)"},
                                          finished=WHEN)
    again.write(RowResult(row=2, status="ok", seconds=2, values={"total": "00123"}, finished=WHEN))
    assert open_results(path).finished_rows() == {1, 2}

    sheet = openpyxl.load_workbook(path).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0] == HEADER.split(",")
    assert cells[1] == [1, "ok", None, 1.24, WHEN, "=SUM(A1:A3)", "enter-claim", "abc123def456", None]
    assert cells[3] == [2, "ok", None, 2, WHEN, "00123", "enter-claim", "abc123def456", None]
    assert sheet["F2"].data_type == "s"  # text read from the screen never becomes a formula
    assert sheet["D2"].number_format == "0.00"


def test_xlsx_results_of_another_routine_are_refused_and_left_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.xlsx"
    open_results(path, routine_id="aaaaaaaaaaaa", name="old").write(RowResult(row=1, status="ok"))
    before = path.read_bytes()
    with pytest.raises(DataError, match=r"^claims\.results\.xlsx was written by another routine \(old\); "
                                        r"move it away or pass --results NEW\.xlsx$"):
        open_results(path)
    assert path.read_bytes() == before


def test_a_corrupt_xlsx_results_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.xlsx"
    path.write_bytes(b"PK\x03\x04 cut")
    with pytest.raises(DataError, match="claims.results.xlsx: cannot open it.*pass --results NEW.xlsx"):
        open_results(path)
    assert path.read_bytes() == b"PK\x03\x04 cut"


def test_row_result_rejects_an_unknown_status_and_stamps_the_time() -> None:
    with pytest.raises(ValueError, match="status must be one of ok, entered, failed, skipped, committing, uncertain"):
        RowResult(row=1, status="done")
    stamp = RowResult(row=1, status="ok").finished
    assert len(stamp) == len("2026-11-24T13:05:00+01:00") and stamp[10] == "T" and stamp[:4] == finished_now()[:4]


def test_a_value_that_looks_like_a_formula_is_written_so_no_spreadsheet_runs_it(tmp_path: Path) -> None:
    """A screen or a data cell may hold "=HYPERLINK(...)" or "@SUM(...)": OWASP's CSV injection."""
    path = tmp_path / "claims.results.csv"
    results = ResultsFile.open(path, routine_name="claims", routine_id="abc", read_names=["total", "note"])
    results.write(RowResult(row=1, status="ok", values={"total": "-12.50", "note": '=HYPERLINK("http://x","y")'}))
    results.write(RowResult(row=2, status="ok", values={"total": "+5", "note": "@SUM(A1:A9)"}))
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert [r["note"] for r in rows] == ['\'=HYPERLINK("http://x","y")', "'@SUM(A1:A9)"]
    assert [r["total"] for r in rows] == ["-12.50", "+5"]  # a signed number stays a number


def test_two_runs_cannot_play_the_same_results_file_at_once(tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    first = ResultsFile.open(path, routine_name="c", routine_id="a", read_names=[])
    with pytest.raises(DataError, match=r"claims.results.csv is being played by process \d+ since"):
        ResultsFile.open(path, routine_name="c", routine_id="a", read_names=[])
    first.close()
    ResultsFile.open(path, routine_name="c", routine_id="a", read_names=[]).close()  # free once the first ends
    assert not path.with_name("claims.results.csv.lock").exists()


def test_a_resume_on_changed_data_is_refused_and_rows_being_saved_are_held(tmp_path: Path) -> None:
    from deskpilot.batch.results import row_fingerprint

    path = tmp_path / "claims.results.csv"
    played = {1: {"claimant": "Anna"}, 2: {"claimant": "Ben"}}
    results = open_results(path, reads=[])
    results.write(RowResult(row=1, status="ok", fingerprint=row_fingerprint(played[1])))
    results.write(RowResult(row=2, status="committing", fingerprint=row_fingerprint(played[2])))
    again = open_results(path, reads=[])
    again.check_rows({n: row_fingerprint(v) for n, v in played.items()})  # the same data: fine
    assert again.finished_rows() == {1} and again.held_rows() == {2}
    with pytest.raises(DataError, match="row 1 was played with other data .* has other values now"):
        again.check_rows({1: row_fingerprint({"claimant": "Zoe"}), 2: row_fingerprint(played[2])})
