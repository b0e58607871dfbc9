"""Playing a recording: once, or once per row of a data file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskpilot.cli.common import Exit, console, fail, main, out
from deskpilot.errors import DeskPilotError
from deskpilot.variables import parse_assignments

if TYPE_CHECKING:
    from deskpilot.format import LoadedRoutine
    from deskpilot.model import Routine
    from deskpilot.player.runner import PlayOptions
    from deskpilot.ports import Backend


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--var", "assignments", multiple=True, metavar="NAME=VALUE", help="Set a variable (repeatable).")
@click.option("--dry-run", is_flag=True, help="Find every target and draw where it would click; touch nothing.")
@click.option("--report", "report_dir", type=click.Path(path_type=Path), help="Folder for the run report.")
@click.option("--timeout", type=click.FloatRange(min=0.1), help="Default seconds each step waits for its target.")
@click.option("--allow-fallback", is_flag=True, help="Let a step use the recorded absolute point as a last resort.")
@click.option("--data", type=click.Path(path_type=Path), help="Play once per row of this CSV or .xlsx file.")
@click.option("--sheet", help="The .xlsx sheet to read (default: the first).")
@click.option("--results", "results_file", type=click.Path(path_type=Path),
              help="Results file (default: beside the data, e.g. claims.results.csv).")
@click.option("--from-row", type=int, help="Play from this data row on (1 = the first row under the header).")
@click.option("--rows", help="Play only these data rows, e.g. 3 or 2-5,9.")
@click.option("--on-failure", metavar="stop|skip|retry[:N]",
              help="What a failed row does: stop the run, skip to the next row, or retry it N times "
                   "(default: the routine's on_failure, else stop).")
@click.option("--recovery", type=click.Path(path_type=Path),
              help="A recording played before each retry (close a dialog, go back to the start screen).")
@click.option("--vnc", metavar="HOST:DISPLAY",
              help="Play on a remote desktop over VNC (password: deskpilot secret set-vnc, or DESKPILOT_VNC_PASSWORD).")
def play(path: Path, assignments: tuple[str, ...], dry_run: bool, report_dir: Path | None,
         timeout: float | None, allow_fallback: bool, data: Path | None, sheet: str | None,
         results_file: Path | None, from_row: int | None, rows: str | None, on_failure: str | None,
         recovery: Path | None, vnc: str | None) -> None:
    """Play a recording on the live screen (once, or once per row of --data)."""
    from deskpilot.compliance.policy import enforce_policy
    from deskpilot.format import load_routine
    from deskpilot.platform import backend
    from deskpilot.player.run import resolve_values
    from deskpilot.player.runner import PlayOptions

    try:
        enforce_policy(path)  # a team that requires approval plays nothing unapproved, not even a dry run
        platform = backend(vnc)
        loaded = load_routine(path)
        values = resolve_values(loaded.routine, parse_assignments(assignments), _ask, rows=data is not None,
                                where=loaded.path)
    except DeskPilotError as exc:
        fail(exc)
    report_dir = report_dir or Path("reports") / f"{loaded.path.parent.name}-{dt.datetime.now():%Y%m%d-%H%M%S}"
    options = PlayOptions(dry_run=dry_run, timeout=timeout, allow_fallback=allow_fallback, report_dir=report_dir)
    if data is not None:
        sys.exit(_play_rows(loaded, values, options, data=data, sheet=sheet, results=results_file, from_row=from_row,
                            rows=rows, on_failure=on_failure, recovery=recovery, platform=platform))
    sys.exit(_play(loaded.routine, values, options, platform))


def _play_rows(loaded: LoadedRoutine, values: dict[str, str], options: PlayOptions, *, data: Path, sheet: str | None,
               results: Path | None, from_row: int | None, rows: str | None, on_failure: str | None,
               recovery: Path | None, platform: Backend) -> Exit:
    """Check the data, columns, results file and recovery routine; then play row by row."""
    from deskpilot.environment import check_tesseract
    from deskpilot.format import load_routine
    from deskpilot.player.batch import FailurePolicy
    from deskpilot.player.batch_progress import BatchProgress
    from deskpilot.player.batch_session import BatchRequest, prepare
    from deskpilot.player.run import play_rows

    try:
        request = BatchRequest(data=data, sheet=sheet, results=results, from_row=from_row, rows=rows,
                               policy=FailurePolicy.parse(on_failure or loaded.routine.on_failure or "stop"),
                               recovery=load_routine(recovery) if recovery is not None else None)
        if not options.dry_run:
            platform.check()  # before the results file exists: a refused run leaves no file behind
            check_tesseract(loaded.routine.lang)
        prepared = prepare(loaded, values, request)
    except DeskPilotError as exc:
        fail(exc)
    if prepared.encoding:
        console.print(f"note: {data.name} was read as {prepared.encoding.upper()} text (not UTF-8)")
    if prepared.held:
        rows_text = ", ".join(str(n) for n in prepared.held)
        console.print(f"[yellow]held back[/yellow]: row(s) {rows_text} stopped while being saved in an earlier run and "
                      "may be in the application already; check it, then play them with --rows "
                      f"{rows_text} if they are not there", markup=True)
    if prepared.unused:
        console.print(f"note: columns not used by the routine: {', '.join(prepared.unused)}")
    if not prepared.rows:
        prepared.results.close()
        out.print(f"nothing to do: all {prepared.already_done} rows are finished in {prepared.results.path.name}; "
                  "--rows or --from-row plays rows again")
        return Exit.OK
    if prepared.already_done and from_row is None and rows is None:
        console.print(f"resuming: {prepared.already_done} rows already finished in {prepared.results.path.name}")
    try:
        with BatchProgress(console, len(prepared.rows)) as progress:
            summary = play_rows(loaded, values, options, request, prepared, progress, platform=platform)
    except DeskPilotError as exc:
        fail(exc)
    entered = f"{summary.entered} entered, not confirmed, " if summary.entered else ""
    line = (f"{summary.ok} ok, {entered}{summary.failed} failed of {summary.total} rows in {summary.seconds:.1f} s; "
            f"results: {prepared.results.path}")
    if summary.aborted_at is not None:
        console.print(f"[yellow]aborted[/yellow] at row {summary.aborted_at} (not written; the same command resumes "
                      f"there): {line}")
        return Exit.STEP_FAILED
    if summary.stopped_at is not None:
        console.print(f"[red]stopped[/red] at row {summary.stopped_at} (--on-failure stop): {line}")
        return Exit.STEP_FAILED
    (out if not summary.failed else console).print(("[green]passed[/green]: " if not summary.failed
                                                     else "[red]failed rows[/red]: ") + line)
    return Exit.OK if not summary.failed else Exit.STEP_FAILED


def _interactive() -> bool:
    return sys.stdin.isatty()


def _ask(name: str, secret: bool) -> str | None:
    """The run path's question for a value nobody gave: a prompt in a terminal (a secret without echo), else
    None, and the run path says which --var, variable or keyring entry would give it."""
    if not _interactive():
        return None
    if secret:
        import getpass

        return getpass.getpass(f"{name} (not shown): ")
    return str(click.prompt(f"{name}", type=str))


def _play(routine: Routine, values: dict[str, str], options: PlayOptions, platform: Backend | None = None) -> Exit:
    """Play once on the run path with a progress bar, then say how it went; returns the exit code."""
    from deskpilot.player.progress import RichProgress
    from deskpilot.player.report import sealed_note
    from deskpilot.player.run import play_once

    try:
        with RichProgress(console, len(routine.steps)) as progress:
            finished = play_once(routine, values, options, listener=progress, platform=platform)
    except DeskPilotError as exc:  # the machine is not ready (no display, no Tesseract): nothing was played
        fail(exc)
    report, html_path = finished.report, finished.html
    repairs = sum(len(step.heal) for step in report.steps)
    if repairs and options.report_dir is not None:
        console.print(f"{repairs} repaired anchor(s) proposed (the recording has drifted); review them with: "
                      f"deskpilot heal {routine.folder} --report {options.report_dir}", soft_wrap=True)
    if report.status in ("passed", "dry-run"):
        colour = "yellow" if report.outcome != report.status else "green"
        out.print(f"[{colour}]{report.outcome}[/{colour}]: {len(report.steps)} steps in {report.seconds:.1f} s; "
                  f"report: {html_path}{sealed_note(html_path)}")
        if report.outcome != report.status:
            out.print("  the routine ends without a check of the application's confirmation: nothing showed that "
                      "the application saved it; add a wait_for step for its 'saved' message")
        return Exit.OK
    console.print(f"[red]{report.status}:[/red] {report.error}", soft_wrap=True)
    console.print(f"report: {html_path}{sealed_note(html_path)}")
    return Exit.STEP_FAILED
