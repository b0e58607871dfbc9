from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.result import RunReport
from deskpilot.player.history import record_run, runs_of


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
