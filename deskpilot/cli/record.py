"""Recording a routine, and the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deskpilot.cli.common import console, fail, main
from deskpilot.errors import DataError, DeskPilotError


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

    from deskpilot.compliance.roles import require_role
    from deskpilot.environment import check_tesseract
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.recorder.recover import recover_all
    from deskpilot.recorder.session import RecordOptions, check_name, open_recorder

    try:
        check_name(name)
        require_role("author", out / name, "record")  # before the person spends their time on it
        backend().check()
        check_tesseract(lang)
        out.mkdir(parents=True, exist_ok=True)
        for path in recover_all(out, TesseractOcr()):
            console.print(f"recovered an unfinished recording into {path}")
        if (out / name).exists():
            raise DataError(f"{out / name} already exists: choose another name or move it away")
    except DeskPilotError as exc:
        fail(exc)
    options = RecordOptions(name=name, out=out, lang=lang, stop_keys=_combo(stop_hotkey), pause_keys=_combo(pause_hotkey))
    recorder = open_recorder(options, listener=_PrintSteps())
    if recorder.access is None:  # said once: normal for old toolkits, terminals and remote desktops
        console.print("note: no accessibility bus on this display (or DESKPILOT_ACCESSIBILITY=off): recording by "
                      "what the screen shows, text and pictures")
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
    from deskpilot.platform import backend

    try:
        backend().check()
    except DeskPilotError as exc:
        fail(exc)
    from deskpilot.gui.app import run

    sys.exit(run(library, path))
