"""``deskpilot doctor``: what this machine gives DeskPilot, a line each -- the first thing to ask for on a ticket.

Every line names what was found and, where something is missing, the fix; the exit code
is non-zero only when DeskPilot cannot run at all here (no display, no Tesseract).
"""

from __future__ import annotations

import sys

from deskpilot.cli.common import main, out


@main.command()
def doctor() -> None:
    """The display, the OCR engines and their languages, and the accessibility tree this machine gives DeskPilot."""
    from deskpilot.errors import DeskPilotError
    from deskpilot.platform import backend
    from deskpilot.vision import second_reading
    from deskpilot.vision.engines import engine
    from deskpilot.vision.tesseract import installed_languages

    broken = False
    platform = backend()
    try:
        platform.check()
        out.print(f"display: {platform.name} ready")
    except DeskPilotError as exc:
        out.print(f"display: {exc}", markup=False)
        broken = True
    try:
        languages = sorted(installed_languages())
        out.print(f"OCR: {engine().name}; languages {', '.join(languages)}", markup=False)
    except DeskPilotError as exc:
        out.print(f"OCR: {exc}", markup=False)
        broken = True
    try:
        out.print(f"OCR second reading: {second_reading.role()}", markup=False)
    except DeskPilotError as exc:  # a misspelt DESKPILOT_OCR_SECOND: said, but DeskPilot still runs on Tesseract
        out.print(f"OCR second reading: {exc}", markup=False)
    if not broken:
        tree = platform.accessibility()
        out.print("accessibility: " + ("the AT-SPI bus answers: GTK, Qt and LibreOffice programs are found by their "
                                       "controls" if tree is not None else "no accessibility bus: targets are found "
                                       "by text and pictures (start at-spi2 in the session to use it)"), markup=False)
    sys.exit(2 if broken else 0)
