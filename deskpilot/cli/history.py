"""``deskpilot history``: the time DeskPilot saved, per recording per week, from the run history.

The figures are ``weekly_savings`` over the history every run writes (the GUI's
Runs panel shows the same for one recording): what the team measures to decide
which routine to automate next.
"""

from __future__ import annotations

from pathlib import Path

import click

from deskpilot.cli.common import fail, main, out
from deskpilot.errors import DeskPilotError


@main.command()
@click.option("--recording", type=click.Path(path_type=Path),
              help="Only this recording (its folder or its routine.yaml).")
@click.option("--weeks", type=click.IntRange(min=1), help="Only the last N weeks (this week is one).")
def history(recording: Path | None, weeks: int | None) -> None:
    """Time saved per recording per ISO week: runs, data rows, passed, time saved."""
    from rich.table import Table

    from deskpilot.player.history import all_runs, format_duration, history_file, recording_key, weekly_savings

    try:
        entries = all_runs()
    except DeskPilotError as exc:  # a sealed history this keyring cannot open: the fix, not a traceback
        fail(exc)
    if recording is not None:
        wanted = recording_key(recording)
        entries = [e for e in entries if e.recording == wanted]
    rows = weekly_savings(entries, weeks=weeks)
    if not rows:
        which = f" of {recording}" if recording is not None else ""
        when = "" if weeks is None else " this week" if weeks == 1 else f" in the last {weeks} weeks"
        out.print(f"no runs{which}{when} in the run history ({history_file()})")
        return
    table = Table(title="Time saved per week", title_justify="left")
    table.add_column("recording")
    table.add_column("week")
    for column in ("runs", "rows", "passed", "time saved"):
        table.add_column(column, justify="right")
    for w in rows:
        same_name = len({r.recording for r in rows if r.name == w.name}) > 1
        name = f"{w.name} ({w.recording})" if same_name else w.name  # two recordings, one name: tell them apart
        saved = format_duration(w.saved_seconds) + (" *" if w.unmeasured else "")
        table.add_row(name, w.label, str(w.runs), str(w.rows), str(w.passed), saved)
    if len(rows) > 1:
        table.add_section()
        table.add_row("total", "", str(sum(w.runs for w in rows)), str(sum(w.rows for w in rows)),
                      str(sum(w.passed for w in rows)), format_duration(sum(w.saved_seconds for w in rows)))
    out.print(table)
    unmeasured = sum(w.unmeasured for w in rows)
    if unmeasured:
        out.print(f"* {unmeasured} passed without a manual time: add manual_seconds (how long the routine takes by "
                  "hand) to their routine.yaml to count the time they save")
