"""The command line: the one module on top that wires the core, the player, the recorder and the GUI."""

from __future__ import annotations

import datetime as dt
import sys
import threading
from enum import IntEnum
from pathlib import Path
from typing import Any, NoReturn

import click
from rich.console import Console
from rich.table import Table

from deskpilot.errors import DataError, DeskPilotError, RoutineError
from deskpilot.variables import missing_values, parse_assignments, variables_used

console = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=True)


class Exit(IntEnum):
    OK = 0
    STEP_FAILED = 1
    BAD_INPUT = 2


def _fail(exc: DeskPilotError) -> NoReturn:
    """One line per problem, then the exit code for bad input or environment."""
    lines = exc.all_lines() if isinstance(exc, RoutineError) else [str(exc)]
    for line in lines:
        console.print(f"[red]error:[/red] {line}", markup=True, soft_wrap=True)
    sys.exit(Exit.BAD_INPUT)


@click.group(invoke_without_command=True)
@click.version_option(package_name="deskpilot")
@click.pass_context
def main(ctx: click.Context) -> None:
    """DeskPilot: record a desktop routine once, replay it by what is on the screen."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


def _load(path: Path) -> Any:
    """The recording at ``path``, or every problem in it on stderr and exit 2."""
    from deskpilot.format import load_routine

    try:
        return load_routine(path)
    except DeskPilotError as exc:
        _fail(exc)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Validate a recording folder (or its routine.yaml) and list every problem."""
    loaded = _load(path)
    routine = loaded.routine
    names = variables_used(routine)
    out.print(f"{loaded.path}: OK, {len(routine.steps)} steps" + (f"; variables: {', '.join(names)}" if names else ""))


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
def show(path: Path) -> None:
    """Print the steps of a recording as a readable table."""
    loaded = _load(path)
    routine = loaded.routine
    table = Table(title=f"{routine.name} ({len(routine.steps)} steps)")
    for col in ("#", "line", "step", "anchors", "note"):
        table.add_column(col)
    for i, (step, line) in enumerate(zip(routine.steps, loaded.step_lines), start=1):
        target = getattr(step, "target", None) or getattr(step, "source", None)
        kinds = ", ".join(type(a).__name__.replace("Anchor", "").lower() for a in getattr(target, "anchors", ()))
        table.add_row(str(i), str(line), step.describe(), kinds, step.note or "")
    out.print(table)


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
def play(path: Path, assignments: tuple[str, ...], dry_run: bool, report_dir: Path | None,
         timeout: float | None, allow_fallback: bool, data: Path | None, sheet: str | None,
         results_file: Path | None, from_row: int | None, rows: str | None, on_failure: str | None,
         recovery: Path | None) -> None:
    """Play a recording on the live screen (once, or once per row of --data)."""
    from deskpilot.format import load_routine
    from player.runner import PlayOptions

    try:
        loaded = load_routine(path)
        values = parse_assignments(assignments)
        values.update(_secrets(loaded.routine, values))
        if data is None:
            values.update(_ask_missing(loaded, values))
    except DeskPilotError as exc:
        _fail(exc)
    report_dir = report_dir or Path("reports") / f"{loaded.path.parent.name}-{dt.datetime.now():%Y%m%d-%H%M%S}"
    options = PlayOptions(dry_run=dry_run, timeout=timeout, allow_fallback=allow_fallback, report_dir=report_dir)
    if data is not None:
        sys.exit(_play_rows(loaded, values, options, data=data, sheet=sheet, results=results_file, from_row=from_row,
                            rows=rows, on_failure=on_failure, recovery=recovery))
    sys.exit(_play(loaded.routine, values, options))


def _play_rows(loaded: Any, values: dict[str, str], options: Any, *, data: Path, sheet: str | None,
               results: Path | None, from_row: int | None, rows: str | None, on_failure: str | None,
               recovery: Path | None) -> Exit:
    """Check the data, columns, results file and recovery routine; then play row by row."""
    from deskpilot.environment import check_display, check_tesseract
    from deskpilot.format import load_routine
    from player.batch import FailurePolicy
    from player.batch_progress import BatchProgress
    from player.batch_session import BatchRequest, play_batch, prepare

    try:
        request = BatchRequest(data=data, sheet=sheet, results=results, from_row=from_row, rows=rows,
                               policy=FailurePolicy.parse(on_failure or loaded.routine.on_failure or "stop"),
                               recovery=load_routine(recovery) if recovery is not None else None)
        if not options.dry_run:
            check_display()  # before the results file exists: a refused run leaves no file behind
            check_tesseract(loaded.routine.lang)
        prepared = prepare(loaded, values, request)
    except DeskPilotError as exc:
        _fail(exc)
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
            summary = play_batch(loaded, values, options, request, prepared, progress)
    except DeskPilotError as exc:
        _fail(exc)
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


def _ask_missing(loaded: Any, given: dict[str, str]) -> dict[str, str]:
    """Values nobody gave: asked for in a terminal, else an error naming the --var to give."""
    missing = missing_values(loaded.routine, given)
    if missing and not _interactive():
        raise DataError(f"{loaded.path}: variable '{missing[0]}' has no value; give it with --var {missing[0]}=VALUE")
    return {name: click.prompt(f"{name}", type=str) for name in missing}


def _secrets(routine: object, given: dict[str, str]) -> dict[str, str]:
    """Each secret the routine uses: environment, keyring, or a prompt without echo when someone is there."""
    import getpass

    from deskpilot.secrets import env_name, secret_value

    out: dict[str, str] = {}
    for name in getattr(routine, "secrets", ()):
        if name in given:
            continue
        value = secret_value(name, getattr(routine, "folder", None))
        if value is None and _interactive():
            value = getpass.getpass(f"{name} (not shown): ")
        if value is None:
            raise DataError(f"secret '{name}' has no value: set {env_name(name)}, store it in the keyring for this "
                            "recording (deskpilot secret set), or run in a terminal to be asked")
        out[name] = value
    return out


def _play(routine: object, values: dict[str, str], options: object) -> Exit:
    """Build the real adapters, play with progress, write the report; returns the exit code."""
    from player.progress import RichProgress
    from player.report import write_report
    from player.session import open_session

    try:
        session = open_session(routine, options)  # type: ignore[arg-type]
    except DeskPilotError as exc:
        _fail(exc)
    stop = threading.Event()
    with RichProgress(console, len(session.player.routine.steps)) as progress:
        session.player.listener = progress
        session.player.stop = stop
        with session.abort_hotkey(stop):
            report = session.player.run(values)
    folder = session.player.options.report_dir
    assert folder is not None
    _, html_path = write_report(report, folder)
    if getattr(routine, "folder", None) is not None:
        from player.history import record_run

        record_run(routine.folder, report, folder)  # type: ignore[attr-defined]
    if report.status in ("passed", "dry-run"):
        colour = "yellow" if report.outcome != report.status else "green"
        out.print(f"[{colour}]{report.outcome}[/{colour}]: {len(report.steps)} steps in {report.seconds:.1f} s; "
                  f"report: {html_path}")
        if report.outcome != report.status:
            out.print("  the routine ends without a check of the application's confirmation: nothing showed that "
                      "the application saved it; add a wait_for step for its 'saved' message")
        return Exit.OK
    console.print(f"[red]{report.status}:[/red] {report.error}", soft_wrap=True)
    console.print(f"report: {html_path}")
    return Exit.STEP_FAILED


@main.command()
@click.option("--report", "report_dir", type=click.Path(path_type=Path), help="Folder for the run report.")
@click.option("--font-scale", type=float, default=1.0, show_default=True, help="Perturb the demo app: font scale.")
@click.option("--dark", is_flag=True, help="Perturb the demo app: dark theme.")
@click.option("--at", "position", nargs=2, type=int, default=(40, 40), show_default=True,
              help="Perturb the demo app: window position X Y.")
def demo(report_dir: Path | None, font_scale: float, dark: bool, position: tuple[int, int]) -> None:
    """Start the demo app (on a virtual display if there is none) and play the demo recording on it."""
    import os
    import tempfile

    from demoapp.launch import launch
    from deskpilot.format import load_routine
    from deskpilot.xserver import VirtualDisplay
    from player.runner import PlayOptions

    report_dir = (report_dir or Path("reports") / f"demo-{dt.datetime.now():%Y%m%d-%H%M%S}").resolve()
    recording = DEMO_RECORDING
    try:
        loaded = load_routine(recording)
        display = VirtualDisplay(1280, 800) if not os.environ.get("DISPLAY") else None
        if display is not None:
            os.environ["DISPLAY"] = display.start()
            out.print(f"no display: running on a virtual X display {display.name} (Xvfb)")
    except DeskPilotError as exc:
        _fail(exc)
    saved = Path(tempfile.mkdtemp(prefix="deskpilot-demo-")) / "customers.jsonl"
    args = ["--x", str(position[0]), "--y", str(position[1]), "--font-scale", str(font_scale)] + (["--dark"] if dark else [])
    app = launch(saved, *args)
    try:
        code = _play(loaded.routine, {}, PlayOptions(report_dir=report_dir))
        for record in app.records():
            out.print(f"the demo app saved: {record}")
    finally:
        app.stop()
        if display is not None:
            display.stop()
    sys.exit(code)


@main.command()
@click.argument("name")
@click.option("--out", type=click.Path(path_type=Path), default=Path("recordings"), show_default=True,
              help="Folder the recording folder is written into.")
@click.option("--lang", default="eng", show_default=True, help="Tesseract languages, e.g. eng+chi_sim.")
@click.option("--stop-hotkey", default="ctrl+alt+shift+s", show_default=True, help="Keys that stop recording.")
@click.option("--pause-hotkey", default="ctrl+alt+shift+p", show_default=True, help="Keys that pause and resume.")
def record(name: str, out: Path, lang: str, stop_hotkey: str, pause_hotkey: str) -> None:
    """Record a routine: do it once, stop with Ctrl+Alt+Shift+S (pause: Ctrl+Alt+Shift+P) or Ctrl+C."""
    import signal

    from deskpilot.environment import check_display, check_tesseract
    from deskpilot.vision.tesseract import TesseractOcr
    from recorder.recover import recover_all
    from recorder.session import RecordOptions, check_name, open_recorder

    try:
        check_name(name)
        check_display()
        check_tesseract(lang)
        out.mkdir(parents=True, exist_ok=True)
        for path in recover_all(out, TesseractOcr()):
            console.print(f"recovered an unfinished recording into {path}")
        if (out / name).exists():
            raise DataError(f"{out / name} already exists: choose another name or move it away")
    except DeskPilotError as exc:
        _fail(exc)
    options = RecordOptions(name=name, out=out, lang=lang, stop_keys=_combo(stop_hotkey), pause_keys=_combo(pause_hotkey))
    recorder = open_recorder(options, listener=_PrintSteps())
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: recorder.stopped.set())
    recorder.start()
    console.print(f"recording: stop with {stop_hotkey} or Ctrl+C; pause and resume with {pause_hotkey}")
    recorder.wait()
    console.print("stopping: finishing the last steps ...")
    final = recorder.stop()
    confirmation = recorder.assembler.confirmation
    if confirmation is not None:
        console.print(f"  final check: {confirmation.describe()} (the application's confirmation; edit or delete it "
                      "in routine.yaml)", highlight=False)
    else:
        console.print("  no confirmation was seen after the last action: replays will report 'entered, not "
                      "confirmed'; add a wait_for step for what the application shows when it has saved",
                      highlight=False)
    print(f"saved {final / 'routine.yaml'} ({len(recorder.assembler.steps) + (confirmation is not None)} steps)",
          flush=True)


@main.group()
def secret() -> None:
    """Secrets of a recording, kept in the OS keyring for that recording only."""


@secret.command("set")
@click.argument("path", type=click.Path(path_type=Path))
@click.argument("name")
def secret_set(path: Path, name: str) -> None:
    """Store the value of secret NAME for the recording at PATH (asked for without echo)."""
    import getpass

    from deskpilot.secrets import store_secret

    loaded = _load(path)
    if name not in loaded.routine.secrets:
        _fail(DataError(f"{loaded.path}: declares no secret '{name}'; its secrets are "
                        f"{', '.join(loaded.routine.secrets) or 'none'}"))
    value = getpass.getpass(f"{name} for {loaded.path.parent.name} (not shown): ")
    try:
        store_secret(name, loaded.routine.folder, value)
    except Exception as exc:  # no keyring backend: say so, keep nothing
        _fail(DataError(f"the OS keyring is not available ({exc}); set {name} in the environment instead"))
    out.print(f"stored {name} for {loaded.path.parent} in the keyring")


def _combo(text: str) -> frozenset[str]:
    """"ctrl+alt+shift+s" as the set of keys the recorder watches for."""
    keys = frozenset(k.strip().lower() for k in text.split("+") if k.strip())
    if len(keys) < 2:
        raise click.BadParameter(f"{text!r}: give a combination such as ctrl+alt+shift+s")
    return keys


class _PrintSteps:
    """Prints each step as it is recorded, weak anchors flagged."""

    def step_recorded(self, index: int, step: object) -> None:
        weak = getattr(step, "weak", None)
        flag = f"  [yellow](weak: {weak})[/yellow]" if weak else ""
        console.print(f"  {index:>3} {step.describe()}{flag}", markup=True, highlight=False)  # type: ignore[attr-defined]

    def state_changed(self, state: str) -> None:
        console.print(f"[{state}]", markup=False)


@main.command()
@click.option("--library", type=click.Path(path_type=Path), default=None,
              help="The folder of recordings to show (default: the one in Settings).")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def gui(library: Path | None, path: Path | None) -> None:
    """Open the desktop application (also what plain `deskpilot` does)."""
    from deskpilot.environment import check_display

    try:
        check_display()
    except DeskPilotError as exc:
        _fail(exc)
    from gui.app import run

    sys.exit(run(library, path))


DEMO_RECORDING = Path(__file__).resolve().parent.parent / "recordings" / "demo"


if __name__ == "__main__":  # pragma: no cover
    main()
