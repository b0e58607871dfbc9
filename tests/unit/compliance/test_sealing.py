"""Encryption at rest, against a real keyring (gnome-keyring on a private bus) and real AES-256-GCM.

Under ``encrypt: at_rest`` screens, crops, reports, evidence, results, the journal and the run history are
written sealed: no other program opens them, every reader of DeskPilot does, and without a key nothing is
written at all.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from deskpilot.batch.results import ResultsFile, RowResult
from deskpilot.compliance import keys, sealing
from deskpilot.compliance.sealing import (
    LINES_MAGIC,
    MAGIC,
    LineAppender,
    SealingError,
    open_bytes,
    read_lines,
    read_private,
    seal_bytes,
    write_private,
)
from deskpilot.images import image_size, read_png, write_png
from deskpilot.input_events import RawEvent
from deskpilot.player.evidence import Evidence
from deskpilot.player.history import history_file, record_run, runs_of
from deskpilot.player.report import read_report_html, read_report_json, sealed_note, write_report
from deskpilot.ports import Frame
from deskpilot.recorder.journal import Journal, JournalHeader, read_journal
from deskpilot.result import Resolution, RunReport, StepResult
from deskpilot.vision.match import load_template
from tests.keyring_session import bus_without_keyring

pytestmark = pytest.mark.usefixtures("secret_service")

WHEN = "2026-11-24T13:05:00+01:00"
PIXELS = np.random.default_rng(7).integers(0, 255, (30, 40, 3), dtype=np.uint8)


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The team's policy file, sealing at rest; a test turns it off by writing it again."""
    path = tmp_path / "policy.yaml"
    path.write_text("encrypt: at_rest\n", encoding="utf-8")
    monkeypatch.setenv("DESKPILOT_POLICY", str(path))
    monkeypatch.setenv("DESKPILOT_USER", "clerk")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return path


def policy_off(path: Path) -> None:
    path.write_text("# no sealing now\nkeep: {reports: 30 days}\n", encoding="utf-8")


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A session bus on which no keyring runs: asking it would start gnome-keyring and put a prompt up."""
    with bus_without_keyring() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.setattr(keys, "_ready", {})
        monkeypatch.setattr(sealing, "_keys", {})
        yield


# --- the formats ----------------------------------------------------------------------------------------------


def test_whole_files_round_trip_sealed_and_clear_ones_read_as_they_are(policy: Path, tmp_path: Path) -> None:
    sealed = seal_bytes(b"amount 12.50", "report.json")
    assert sealed.startswith(MAGIC) and b"12.50" not in sealed
    assert open_bytes(sealed, "report.json") == b"amount 12.50"
    assert open_bytes(b'{"clear": true}', "report.json") == b'{"clear": true}'  # written before the policy
    write_private(tmp_path / "r" / "report.json", '{"total": "12.50"}')
    assert (tmp_path / "r" / "report.json").read_bytes().startswith(MAGIC)
    assert read_private(tmp_path / "r" / "report.json") == b'{"total": "12.50"}'


def test_a_sealed_file_swapped_for_another_does_not_open(policy: Path, tmp_path: Path) -> None:
    write_private(tmp_path / "step-001.png", b"first")
    write_private(tmp_path / "step-002.png", b"second")
    a, b = (tmp_path / "step-001.png").read_bytes(), (tmp_path / "step-002.png").read_bytes()
    (tmp_path / "step-001.png").write_bytes(b)
    (tmp_path / "step-002.png").write_bytes(a)
    with pytest.raises(SealingError) as info:
        read_private(tmp_path / "step-001.png")
    assert str(info.value).startswith(f"{tmp_path / 'step-001.png'}: sealed with another data key, damaged, or "
                                      "renamed from another sealed file")
    assert "\n" not in str(info.value)


def test_another_person_of_the_account_reads_it_and_a_keyring_without_the_key_names_the_file(
        policy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    write_private(tmp_path / "report.json", b"{}")
    monkeypatch.setenv("DESKPILOT_USER", "somebody-else")  # the operator replays what the author sealed
    assert read_private(tmp_path / "report.json") == b"{}"
    stored = keyring.get_password(sealing.SERVICE, sealing.KEY_NAME)
    assert stored is not None
    keyring.delete_password(sealing.SERVICE, sealing.KEY_NAME)
    sealing._keys.clear()
    try:
        with pytest.raises(SealingError, match=r"report\.json: the OS keyring holds no data key"):
            read_private(tmp_path / "report.json")
        assert keyring.get_password(sealing.SERVICE, sealing.KEY_NAME) is None  # reading never makes a key
    finally:
        keyring.set_password(sealing.SERVICE, sealing.KEY_NAME, stored)
        sealing._keys.clear()


def test_lines_round_trip_and_a_torn_last_line_is_skipped(policy: Path, tmp_path: Path) -> None:
    path = tmp_path / "runs.jsonl"
    with LineAppender(path) as lines:
        assert lines.sealed and lines.fresh
        for text in ('{"n": 1}', '{"n": "zwölf"}'):
            lines.append(text)
    raw = path.read_bytes()
    assert raw.startswith(LINES_MAGIC + b"\n") and "zwölf".encode() not in raw and raw.count(b"\n") == 3
    with path.open("ab") as fh:
        fh.write(raw.split(b"\n")[1][:20])  # a kill while writing the next line
    assert read_lines(path) == ['{"n": 1}', '{"n": "zwölf"}']
    with LineAppender(path) as lines:  # the next writer ends the torn line and starts its own
        assert not lines.fresh
        lines.append('{"n": 3}')
    assert read_lines(path) == ['{"n": 1}', '{"n": "zwölf"}', '{"n": 3}']


def test_policy_off_writes_clear_and_each_file_keeps_the_format_it_started_with(policy: Path, tmp_path: Path) -> None:
    sealed_first = tmp_path / "sealed.jsonl"
    with LineAppender(sealed_first) as lines:
        lines.append("a")
    write_private(tmp_path / "sealed.json", b"{}")
    policy_off(policy)
    clear_first = tmp_path / "clear.jsonl"
    with LineAppender(clear_first) as lines:
        assert not lines.sealed
        lines.append("b")
    write_private(tmp_path / "clear.json", b"{}")
    write_png(tmp_path / "clear.png", PIXELS)
    assert clear_first.read_bytes() == b"b\n" and (tmp_path / "clear.json").read_bytes() == b"{}"
    assert cv2.imdecode(np.frombuffer((tmp_path / "clear.png").read_bytes(), np.uint8), cv2.IMREAD_COLOR) is not None
    with LineAppender(sealed_first) as lines:  # sealed once, sealed for good
        lines.append("c")
    write_private(tmp_path / "sealed.json", b"[]")
    assert read_lines(sealed_first) == ["a", "c"] and b"\nc\n" not in sealed_first.read_bytes()
    assert (tmp_path / "sealed.json").read_bytes().startswith(MAGIC)
    policy.write_text("encrypt: at_rest\n", encoding="utf-8")
    with LineAppender(clear_first) as lines:  # begun in clear: never half sealed
        lines.append("d")
    assert clear_first.read_bytes() == b"b\nd\n" and read_lines(clear_first) == ["b", "d"]
    assert read_png(tmp_path / "clear.png") is not None and read_private(tmp_path / "clear.json") == b"{}"


def test_without_a_keyring_nothing_is_written_and_one_line_says_the_fix(policy: Path, tmp_path: Path,
                                                                        no_keyring: None) -> None:
    writers = {
        "screen.png": lambda p: write_png(p, PIXELS),
        "report.json": lambda p: write_private(p, b"{}"),
        "runs.jsonl": lambda p: LineAppender(p),
        "claims.results.csv": lambda p: ResultsFile.open(p, routine_name="r", routine_id="id", read_names=[]),
    }
    for name, write in writers.items():
        with pytest.raises(SealingError) as info:
            write(tmp_path / name)
        message = str(info.value)
        assert message.startswith(str(tmp_path / name)) and "unlock the keyring" in message, message
        assert "\n" not in message
        assert not (tmp_path / name).exists(), name
    with pytest.raises(SealingError, match="unlock the keyring"):
        Evidence(tmp_path / "report")  # a run that could not seal its report stops before its first step
    with pytest.raises(SealingError, match="unlock the keyring"):
        Journal(tmp_path / "r.recording", JournalHeader(name="r", started=WHEN, screen=(1, 1)))
    assert not (tmp_path / "r.recording").exists() and not (tmp_path / "report").exists()


# --- what the product writes and reads ------------------------------------------------------------------------


def test_a_sealed_png_opens_only_through_deskpilot(policy: Path, tmp_path: Path) -> None:
    path = tmp_path / "anchors" / "003.png"
    write_png(path, PIXELS)
    raw = path.read_bytes()
    assert raw.startswith(MAGIC) and b"PNG" not in raw[:32]
    assert cv2.imdecode(np.frombuffer(raw, np.uint8), cv2.IMREAD_COLOR) is None
    assert np.array_equal(read_png(path), PIXELS)
    assert image_size(path) == (40, 30)
    assert load_template(path).shape == (30, 40)


def test_a_recording_with_sealed_anchors_loads(policy: Path, tmp_path: Path) -> None:
    from deskpilot.format import load_routine

    folder = tmp_path / "login"
    write_png(folder / "anchors" / "ok.png", PIXELS)
    (folder / "routine.yaml").write_text("deskpilot: 1\nname: login\nsteps:\n  - click:\n      target:\n"
                                         "        - image: anchors/ok.png\n          point: [1, 1]\n", encoding="utf-8")
    assert len(load_routine(folder).routine.steps) == 1


def test_the_report_its_evidence_and_the_page_are_sealed_and_the_window_reads_them(policy: Path,
                                                                                   tmp_path: Path) -> None:
    folder = tmp_path / "reports" / "claims-20261124-130500"
    shot = Evidence(folder).save(1, Frame(PIXELS), Resolution(status="not_found", best=None), None)
    assert shot == "step-001.png"
    report = RunReport(routine="Enter claims", started=WHEN, status="failed", seconds=2.0, variables={"total": "12.50"},
                       steps=[StepResult(index=1, kind="click", description='click "OK"', status="failed",
                                         error="not found", screenshot=shot)])
    json_path, html_path = write_report(report, folder)
    for path in (json_path, html_path, folder / shot):
        assert path.read_bytes().startswith(MAGIC), path
        assert b"Enter claims" not in path.read_bytes() and b"12.50" not in path.read_bytes()
    page = read_report_html(folder)
    assert "<h1>Enter claims</h1>" in page
    inlined = page.split('src="data:image/png;base64,', 1)[1].split('"', 1)[0]
    assert cv2.imdecode(np.frombuffer(base64.b64decode(inlined), np.uint8), cv2.IMREAD_COLOR) is not None
    assert read_report_json(folder)["variables"] == {"total": "12.50"}  # type: ignore[index]
    assert sealed_note(html_path) == " (sealed: open it in DeskPilot's window, Runs panel)"
    policy_off(policy)
    again = tmp_path / "reports" / "later"
    (again / shot).parent.mkdir(parents=True)
    (again / shot).write_bytes((folder / shot).read_bytes())
    write_report(report, again)  # a sealed picture is never inlined into a clear page
    assert (again / "report.html").read_bytes().startswith(MAGIC) and "Enter claims" in read_report_html(again)
    report.steps[0].screenshot = None
    clear = write_report(report, tmp_path / "reports" / "clear")[1]
    assert sealed_note(clear) == "" and read_report_html(clear).startswith("<!doctype html>")


def test_the_run_history_is_sealed_line_by_line_and_read_back(policy: Path, tmp_path: Path) -> None:
    recording = tmp_path / "claims"
    for started, status in (("t1", "passed"), ("t2", "failed")):
        record_run(recording, RunReport(routine="claims", started=started, status=status, seconds=3,
                                        manual_seconds=40), None)
    raw = history_file().read_bytes()
    assert raw.startswith(LINES_MAGIC) and b"claims" not in raw
    assert [(r.started, r.status, r.saved_seconds) for r in runs_of(recording)] == [("t2", "failed", None),
                                                                                   ("t1", "passed", 37.0)]


def test_the_journal_is_sealed_per_event_and_a_cut_line_is_skipped(policy: Path, tmp_path: Path) -> None:
    header = JournalHeader(name="r", started=WHEN, screen=(1280, 800))
    journal = Journal(tmp_path / "r.recording", header)
    events = [RawEvent(t=1.0, kind="press", x=5, y=6, button="left"), RawEvent(t=1.1, kind="key_down", char="ä")]
    for event in events:
        journal.append(event)
    journal.close()
    path = tmp_path / "r.recording" / "journal.jsonl"
    assert path.read_bytes().startswith(LINES_MAGIC) and b"press" not in path.read_bytes()
    with path.open("ab") as fh:
        fh.write(b"c2VhbGVkIGJ1dCBjdXQ")  # a kill in the middle of the next event
    assert read_journal(tmp_path / "r.recording") == (header, [(1, events[0], False), (2, events[1], False)])


def test_sealed_csv_results_resume_with_their_done_rows(policy: Path, tmp_path: Path) -> None:
    path = tmp_path / "claims.results.csv"
    first = ResultsFile.open(path, routine_name="enter-claim", routine_id="abc", read_names=["total"])
    for row, status in ((1, "ok"), (2, "failed"), (3, "skipped")):
        first.write(RowResult(row=row, status=status, values={"total": "12.50"}, finished=WHEN))
    first.close()
    raw = path.read_bytes()
    assert raw.startswith(LINES_MAGIC) and b"12.50" not in raw and b"enter-claim" not in raw
    with path.open("ab") as fh:
        fh.write(b"AAAA")  # a kill while a row was appended
    again = ResultsFile.open(path, routine_name="enter-claim", routine_id="abc", read_names=["total"])
    try:
        assert again.finished_rows() == {1, 3}
        assert again.latest()[1].values == {"total": "12.50"}
        again.write(RowResult(row=2, status="ok", finished=WHEN))
    finally:
        again.close()
    assert not path.read_bytes().endswith(b"AAAA\n")  # the cut line went before the next row came
    later = ResultsFile.peek(path, routine_id="abc", read_names=["total"])
    assert {n: r.status for n, r in later.items()} == {1: "ok", 2: "ok", 3: "skipped"}


def test_sealed_xlsx_results_resume_too(policy: Path, tmp_path: Path) -> None:
    path = tmp_path / "claims.results.xlsx"
    first = ResultsFile.open(path, routine_name="enter-claim", routine_id="abc", read_names=[])
    first.write(RowResult(row=1, status="ok", finished=WHEN))
    first.close()
    assert path.read_bytes().startswith(MAGIC)
    assert ResultsFile.peek(path, routine_id="abc", read_names=[])[1].status == "ok"


def test_a_sealed_reports_repair_is_read_and_its_picture_sealed_again_under_its_new_name(policy: Path,
                                                                                          tmp_path: Path) -> None:
    import json

    from deskpilot.format import heal, load_routine
    from tests.unit.format.test_heal import FULL, NEW_PICTURE, copy_case, proposal

    recording = copy_case(FULL, tmp_path / "recordings")
    report = tmp_path / "report"
    write_png(report / NEW_PICTURE["image"], PIXELS)  # type: ignore[operator]
    steps = [{"index": 1, "kind": "click", "description": "click", "status": "ok", "path": "", "heal": [proposal()]}]
    write_private(report / "report.json", json.dumps({"routine": "x", "steps": steps}))
    applied = heal.apply(load_routine(recording), heal.load_proposals(report), report)
    copied = applied.pictures[0]
    assert copied.read_bytes().startswith(MAGIC) and np.array_equal(read_png(copied), PIXELS)
    again = heal.apply(load_routine(recording), heal.load_proposals(report), report)
    assert again.edits == () and [p.step for p in again.already] == ["1"]  # the same picture, told by its content
