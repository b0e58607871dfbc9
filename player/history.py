"""Run history: one JSON line per run (and per data row), the baseline for the time DeskPilot saves.

Kept outside the recording (a shared recording stays unchanged) in
``$XDG_DATA_HOME/deskpilot/runs.jsonl`` (``~/.local/share`` by default).
Lines are only ever appended; a reader skips a line it cannot use (a cut-off
write, a field from a newer version) instead of failing on it. Under ``encrypt: at_rest``
a new history file is sealed line by line (``deskpilot.compliance.sealing``); one that
began in clear goes on in clear, and the readers here open both.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deskpilot.compliance.sealing import LineAppender, read_lines
from deskpilot.result import RunReport


def history_file() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "deskpilot" / "runs.jsonl"


@dataclass(frozen=True, kw_only=True)
class RunEntry:
    recording: str  # the recording's folder, resolved: what runs of one recording have in common
    started: str  # ISO 8601, local time with offset
    status: str
    seconds: float
    saved_seconds: float | None
    report: str | None
    name: str = ""  # the routine's name when it ran
    confirmed: bool | None = None  # the application's confirmation was seen (None: older lines, or not asked)
    data_run: str | None = None  # the data run this row belongs to; None for a run on its own
    row: int | None = None  # the data row (1 = the first under the header)

    @property
    def done(self) -> bool:
        """The run did the whole job: it passed, and nothing says the application's confirmation was missing."""
        return self.status == "passed" and self.confirmed is not False


def time_saved(report: RunReport, *, partial: bool = False) -> float | None:
    """Manual minus replay seconds, for a whole run the application confirmed; anything else saved nobody time."""
    if partial or report.outcome != "passed" or not report.manual_seconds:
        return None
    return round(report.manual_seconds - report.seconds, 1)


def record_run(recording: Path, report: RunReport, report_dir: Path | None, *, partial: bool = False,
               data_run: str | None = None, row: int | None = None) -> RunEntry:
    """Append the run, on disk when this returns; ``partial`` (played from a later step, or one step) saves no time."""
    entry = RunEntry(recording=str(recording.resolve()), started=report.started, status=report.status,
                     seconds=report.seconds, saved_seconds=time_saved(report, partial=partial),
                     report=str((report_dir / "report.html").resolve()) if report_dir else None,
                     name=report.routine, confirmed=report.confirmed, data_run=data_run, row=row)
    path = history_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with LineAppender(path) as history:  # the user's only
        history.append(json.dumps(dataclasses.asdict(entry), ensure_ascii=False))
        history.sync()
    return entry


_FIELDS = {f.name for f in dataclasses.fields(RunEntry)}


def _entry(line: str) -> RunEntry | None:
    """One line as an entry, or None for a line that is damaged or not one of ours."""
    try:
        data = json.loads(line)
        if not isinstance(data, dict):
            return None
        return RunEntry(**{k: v for k, v in data.items() if k in _FIELDS})
    except (json.JSONDecodeError, TypeError):
        return None


def all_runs() -> list[RunEntry]:
    """Every run of every recording, oldest first; a damaged line is skipped, not fatal. ``SealingError`` when the
    history is sealed and this keyring cannot open it."""
    entries = (_entry(line) for line in read_lines(history_file()))
    return [e for e in entries if e is not None]


def recording_key(recording: Path) -> str:
    """How the history names a recording: its folder, resolved (a routine.yaml given stands for its folder)."""
    path = recording.resolve()
    return str(path.parent if path.suffix in (".yaml", ".yml") else path)


def runs_of(recording: Path) -> list[RunEntry]:
    """The runs of one recording, newest first."""
    wanted = recording_key(recording)
    return [e for e in all_runs() if e.recording == wanted][::-1]


@dataclass(frozen=True, kw_only=True)
class WeeklySaving:
    """What one recording did in one ISO week: the figure the time-saved table and the Runs panel show."""

    recording: str  # as in RunEntry.recording
    name: str  # the routine's name in its latest run that week
    year: int  # ISO year and week: a week is Monday to Sunday, in the run's own local time
    week: int
    runs: int  # times it was played: a run on its own, or a data run (however many rows it had)
    rows: int  # data rows played
    passed: int  # runs on their own and data rows that did the whole job
    saved_seconds: float  # manual minus replay time over the passed ones that have a manual time
    unmeasured: int = 0  # passed ones whose recording has no manual_seconds: time saved unknown

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def weekly_savings(entries: Iterable[RunEntry], *, weeks: int | None = None,
                   today: dt.date | None = None) -> list[WeeklySaving]:
    """Time saved per recording per ISO week, by recording then newest week first; ``weeks`` keeps the last N
    weeks counted back from the week of ``today`` (that week is one). Entries with no readable date are left out."""
    since: dt.date | None = None
    if weeks is not None:
        day = today or dt.date.today()
        since = day - dt.timedelta(days=day.weekday() + 7 * (weeks - 1))  # the Monday N-1 weeks back
    groups: dict[tuple[str, int, int], list[RunEntry]] = {}
    for entry in entries:
        try:
            when = dt.datetime.fromisoformat(entry.started).date()
        except ValueError:
            continue
        if since is not None and when < since:
            continue
        year, week, _ = when.isocalendar()
        groups.setdefault((entry.recording, year, week), []).append(entry)
    out = [_week(recording, year, week, group) for (recording, year, week), group in groups.items()]
    return sorted(out, key=lambda w: (w.name.casefold(), w.recording, -w.year, -w.week))


def _week(recording: str, year: int, week: int, entries: list[RunEntry]) -> WeeklySaving:
    singles = [e for e in entries if e.data_run is None]
    rows: dict[tuple[str, int | None], bool] = {}  # a retried row is one row: done when any attempt was
    for e in entries:
        if e.data_run is not None:
            key = (e.data_run, e.row)
            rows[key] = rows.get(key, False) or e.done
    done = [e for e in entries if e.done]
    name = next((e.name for e in reversed(entries) if e.name), Path(recording).name)
    return WeeklySaving(recording=recording, name=name, year=year, week=week,
                        runs=len(singles) + len({e.data_run for e in entries if e.data_run is not None}),
                        rows=len(rows), passed=len([e for e in singles if e.done]) + sum(rows.values()),
                        saved_seconds=round(sum(e.saved_seconds or 0.0 for e in done), 1),
                        unmeasured=sum(e.saved_seconds is None for e in done))


def format_duration(seconds: float) -> str:
    """"45 s", "12 min 30 s", "3 h 05 min": how the CLI and the GUI show time saved."""
    sign, left = ("-" if seconds < 0 else ""), round(abs(seconds))
    hours, rest = divmod(left, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours} h {minutes:02d} min"
    if minutes:
        return f"{sign}{minutes} min {secs:02d} s"
    return f"{sign}{secs} s"
