"""Run history: one JSON line per run, the baseline for the time DeskPilot saves.

Kept outside the recording (a shared recording stays unchanged) in
``$XDG_DATA_HOME/deskpilot/runs.jsonl`` (``~/.local/share`` by default).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from deskpilot.result import RunReport


def history_file() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "deskpilot" / "runs.jsonl"


@dataclass(frozen=True, kw_only=True)
class RunEntry:
    recording: str
    started: str
    status: str
    seconds: float
    saved_seconds: float | None
    report: str | None


def record_run(recording: Path, report: RunReport, report_dir: Path | None) -> RunEntry:
    """Append the run; time saved counts only runs that did the whole job."""
    saved = None
    if report.status == "passed" and report.manual_seconds:
        saved = round(report.manual_seconds - report.seconds, 1)
    entry = RunEntry(recording=str(recording.resolve()), started=report.started, status=report.status,
                     seconds=report.seconds, saved_seconds=saved,
                     report=str((report_dir / "report.html").resolve()) if report_dir else None)
    path = history_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)  # the user's only
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry.__dict__, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return entry


def runs_of(recording: Path) -> list[RunEntry]:
    """The runs of one recording, newest first; a damaged line is skipped, not fatal."""
    path, wanted = history_file(), str(recording.resolve())
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue
        if data.get("recording") == wanted:
            out.append(RunEntry(**data))
    return out[::-1]
