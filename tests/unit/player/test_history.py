from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from deskpilot.result import RunReport
from deskpilot.player.history import RunEntry, format_duration, record_run, runs_of, time_saved, weekly_savings


def test_runs_are_kept_per_recording_newest_first_with_time_saved(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    a, b = tmp_path / "a", tmp_path / "b"
    record_run(a, RunReport(routine="a", started="t1", status="passed", seconds=10, manual_seconds=70), None)
    record_run(b, RunReport(routine="b", started="t2", status="failed", seconds=3, manual_seconds=70), tmp_path / "r")
    record_run(a, RunReport(routine="a", started="t3", status="failed", seconds=4, manual_seconds=70), None)
    (tmp_path / "data" / "deskpilot" / "runs.jsonl").open("a").write("{broken\n")
    runs = runs_of(a)
    assert [(r.started, r.status, r.saved_seconds) for r in runs] == [("t3", "failed", None), ("t1", "passed", 60.0)]
    assert runs_of(b)[0].report == str((tmp_path / "r" / "report.html").resolve())


def entry(started: str, status: str = "passed", saved: float | None = 30.0, *, recording: str = "/r/claims",
          name: str = "Enter claims", data_run: str | None = None, row: int | None = None,
          confirmed: bool | None = True) -> RunEntry:
    return RunEntry(recording=recording, started=started, status=status, seconds=10.0,
                    saved_seconds=saved if status == "passed" and confirmed is not False else None, report=None,
                    name=name, confirmed=confirmed, data_run=data_run, row=row)


def test_weekly_savings_count_runs_rows_passed_and_time_saved_per_recording_and_iso_week() -> None:
    entries = [
        entry("2026-11-23T09:00:00+01:00"),  # Monday of ISO week 48
        entry("2026-11-24T10:00:00+01:00", data_run="a", row=1),
        entry("2026-11-24T10:01:00+01:00", "failed", data_run="a", row=2),
        entry("2026-11-24T10:02:00+01:00", data_run="a", row=2),  # row 2 again: retried, one row
        entry("2026-11-24T10:03:00+01:00", confirmed=False, data_run="a", row=3),  # entered, not confirmed
        entry("2026-11-29T23:59:00+01:00", "aborted"),  # Sunday: still week 48
        entry("2026-11-30T08:00:00+01:00", saved=None),  # week 49; no manual_seconds in the routine
        entry("2026-11-30T08:00:00+01:00", recording="/r/other", name="Other"),
        entry("not a date"),
    ]
    weeks = weekly_savings(entries)
    assert [(w.name, w.label, w.runs, w.rows, w.passed, w.saved_seconds, w.unmeasured) for w in weeks] == [
        ("Enter claims", "2026-W49", 1, 0, 1, 0.0, 1),
        ("Enter claims", "2026-W48", 3, 3, 3, 90.0, 0),
        ("Other", "2026-W49", 1, 0, 1, 30.0, 0),
    ]
    recent = weekly_savings(entries, weeks=1, today=dt.date(2026, 12, 2))
    assert [(w.name, w.label) for w in recent] == [("Enter claims", "2026-W49"), ("Other", "2026-W49")]
    assert len(weekly_savings(entries, weeks=2, today=dt.date(2026, 12, 2))) == 3


def test_time_saved_needs_a_whole_confirmed_run_with_a_manual_time() -> None:
    report = RunReport(routine="r", started="t", status="passed", seconds=10, manual_seconds=40, confirmed=True)
    assert time_saved(report) == 30.0 and time_saved(report, partial=True) is None
    report.confirmed = False  # entered, not confirmed
    assert time_saved(report) is None
    assert time_saved(RunReport(routine="r", started="t", status="failed", seconds=3, manual_seconds=40)) is None
    assert time_saved(RunReport(routine="r", started="t", status="passed", seconds=3)) is None


def test_lines_from_a_newer_version_or_cut_short_are_read_or_skipped_not_fatal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    record_run(tmp_path / "a", RunReport(routine="a", started="t1", status="passed", seconds=1), None, row=4,
               data_run="x")
    path = tmp_path / "data" / "deskpilot" / "runs.jsonl"
    newer = {**json.loads(path.read_text(encoding="utf-8")), "started": "t2", "from_the_future": 1}
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(newer) + "\n" + '[1, 2]\n{"recording": "cut')
    assert [(r.started, r.row, r.data_run, r.name) for r in runs_of(tmp_path / "a")] == [
        ("t2", 4, "x", "a"), ("t1", 4, "x", "a")]
    assert runs_of(tmp_path / "a" / "routine.yaml") == runs_of(tmp_path / "a")  # the file stands for its folder


@pytest.mark.parametrize("seconds, shown", [(0, "0 s"), (45.4, "45 s"), (750, "12 min 30 s"),
                                            (3 * 3600 + 300, "3 h 05 min"), (-12, "-12 s")])
def test_durations_read_as_a_person_says_them(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown
