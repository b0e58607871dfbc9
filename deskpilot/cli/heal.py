"""``deskpilot heal``: the anchors a replay proposes to repair, as a diff of routine.yaml; ``--apply`` writes them.

A recording is never rewritten on its own: the player only writes proposals into the
run report, and this command shows them to a person first. Writing is all or nothing:
when one chosen proposal no longer fits the routine, no file is touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskpilot.cli.common import console, fail, load, main, out
from deskpilot.errors import DataError, DeskPilotError

if TYPE_CHECKING:
    from deskpilot.format.heal import Proposal

REPORTS = Path("reports")  # where ``deskpilot play`` puts its reports


@main.command()
@click.argument("recording", type=click.Path(path_type=Path))
@click.option("--report", "report_dir", type=click.Path(path_type=Path),
              help="The run's report folder (default: the newest under ./reports with proposals).")
@click.option("--apply", "write", is_flag=True, help="Write the proposals into routine.yaml.")
@click.option("--only", metavar="STEPS", help="Take only the proposals for these steps, e.g. 9,12 or 4.1.")
def heal(recording: Path, report_dir: Path | None, write: bool, only: str | None) -> None:
    """Show the repaired anchors a run proposes, as a diff of routine.yaml; --apply writes them."""
    from deskpilot.format import heal as h

    loaded = load(recording)
    if report_dir is not None and report_dir.name == h.REPORT_FILE:
        report_dir = report_dir.parent  # the report.json itself was given
    try:
        folder = report_dir if report_dir is not None else h.find_report(loaded.path, [REPORTS])
        if folder is None:
            raise DataError(f"no report with proposals for {loaded.path.parent.name} under {REPORTS}/; play the "
                            "recording first, or give the run's report folder with --report")
        skipped: list[str] = []
        proposals = _chosen(h.pending(folder, skipped=skipped), only, folder)
        out.print(f"report: {folder}" + ("" if report_dir is not None else " (the newest with proposals)"),
                  markup=False)
        for note in skipped:
            console.print(f"note: {note}", markup=False, soft_wrap=True)
        for p in proposals:
            out.print(f"{p.describe()}: {p.why}" if p.why else p.describe(), markup=False)
        if not write:
            _show(h.diff(loaded, proposals, folder))
            out.print("nothing written; run again with --apply to write it")
            return
        applied = h.apply(loaded, proposals, folder)
    except DeskPilotError as exc:
        fail(exc)
    if not applied.edits:
        out.print(f"nothing to write: {loaded.path} has every proposal already")
    else:
        out.print(f"wrote {loaded.path}", markup=False)
    for line in applied.lines():
        out.print(f"  {line}", markup=False)


def _chosen(found: list[Proposal], only: str | None, folder: Path) -> list[Proposal]:
    """The proposals for the steps ``--only`` names (all without it); a step with none is an error."""
    if not found:
        raise DataError(f"{folder}: no proposals to review (the run proposed none, or all were rejected)")
    if only is None:
        return found
    wanted = [s.strip() for s in only.split(",") if s.strip()]
    steps = sorted({p.step for p in found}, key=lambda s: [int(n) for n in s.split(".")])
    missing = [s for s in wanted if s not in steps]
    if missing or not wanted:
        raise DataError(f"--only {only}: the report has no proposal for step {', '.join(missing) or '(none given)'}; "
                        f"its proposals are for step {', '.join(steps)}")
    return [p for p in found if p.step in wanted]


def _show(text: str) -> None:
    """The diff, coloured in a terminal and as plain text anywhere else (a pipe, a file, a test)."""
    if not text:
        out.print("the routine has every proposal already: no change")
    elif out.is_terminal:
        from rich.syntax import Syntax

        out.print(Syntax(text, "diff", theme="ansi_dark", background_color="default"))
    else:
        click.echo(text, nl=False)
