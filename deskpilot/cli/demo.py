"""The demo: the demo application and its recording, on a virtual display when there is none."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from deskpilot.cli.common import fail, main, out
from deskpilot.cli.play import _play
from deskpilot.errors import DeskPilotError
from deskpilot.shipped import DEMO_RECORDING


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

    from deskpilot.demoapp.launch import launch
    from deskpilot.format import load_routine
    from deskpilot.platform.x11.xvfb import VirtualDisplay
    from deskpilot.player.runner import PlayOptions

    report_dir = (report_dir or Path("reports") / f"demo-{dt.datetime.now():%Y%m%d-%H%M%S}").resolve()
    recording = DEMO_RECORDING
    try:
        loaded = load_routine(recording)
        display = VirtualDisplay(1280, 800) if not os.environ.get("DISPLAY") else None
        if display is not None:
            os.environ["DISPLAY"] = display.start()
            if display.bus_address:  # the demo app joins the display's accessibility bus, as on a desktop
                os.environ["DBUS_SESSION_BUS_ADDRESS"] = display.bus_address
            out.print(f"no display: running on a virtual X display {display.name} (Xvfb)")
    except DeskPilotError as exc:
        fail(exc)
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
