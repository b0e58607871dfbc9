"""A recording as the recorder leaves one, for the step list, anchor editor and variables tests.

A 1280x800 screen, black but for the form's window (as the recorder keeps it), a click into the field
right of "Customer ID:" with every anchor kind and its screen, a plain typed value (not yet a variable),
a secret typed into a password field, Save, a step only its place finds, and the confirmation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.images import write_png
from tests.unit.vision.render import render_form

LABELS = ["Customer ID:", "Company:", "City:"]
WINDOW = Point(200, 150)  # where the form's window sits on the recorded screen
SCREEN = (1280, 800)


@dataclass(frozen=True)
class Recorded:
    folder: Path
    point: Point  # where the first step clicks, on the screen
    label: Rect  # the "Customer ID:" label's box, on the screen
    window: Rect  # the form's window, on the screen


def make_recording(folder: Path) -> Recorded:
    pixels, boxes = render_form(LABELS, size=18, width=700)
    h, w = pixels.shape[:2]
    screen = np.zeros((SCREEN[1], SCREEN[0], 3), np.uint8)
    screen[WINDOW.y:WINDOW.y + h, WINDOW.x:WINDOW.x + w] = pixels
    (folder / "screens").mkdir(parents=True)
    (folder / "anchors").mkdir()
    write_png(folder / "screens" / "001.png", screen)
    box = boxes["Customer ID:"]
    label = Rect(box.x + WINDOW.x, box.y + WINDOW.y, box.w, box.h)
    point = Point(WINDOW.x + 18 * 9 + 110, label.center.y)  # inside the field box of that row
    crop = Rect(label.x - 4, point.y - 12, point.x + 30 - (label.x - 4), 24)  # the label and the field
    write_png(folder / "anchors" / "001.png", screen[crop.y:crop.bottom, crop.x:crop.right])
    save = np.full((24, 48, 3), 230, np.uint8)
    write_png(folder / "anchors" / "002.png", save)
    dx, dy = point.x - label.center.x, point.y - label.center.y
    (folder / "routine.yaml").write_text(f"""deskpilot: 1
name: Enter a customer
secrets: [password]
steps:
  - click:
      target:
        - text: 'Customer ID:'
          offset: [{dx}, {dy}]
          height: {label.h}
        - image: anchors/001.png
          point: [{point.x - crop.x}, {point.y - crop.y}]
        - window: ^Customer\\ Master\\ \\-\\ ACME\\ ERP$
          point: [{point.x - WINDOW.x}, {point.y - WINDOW.y}]
          size: [{w}, {h}]
        - at: [{point.x}, {point.y}]
      cursor: text
      frame: screens/001.png
  - type: C-1001   # the recorded value
  - type: '{{{{ password }}}}'
  - click:
      target:
        - text: Save
        - image: anchors/002.png
          point: [24, 12]
  - click:
      target:
        - window: ^Customer\\ Master
          point: [600, 20]
        - at: [800, 170]
      weak: the picture is not unique on its frame
  - wait_for: {{text: 'Saved C-1001', timeout: 10}}
""", encoding="utf-8")
    return Recorded(folder, point, label, Rect(WINDOW.x, WINDOW.y, w, h))


def open_window(qtbot, recorded: Recorded) -> Any:  # type: ignore[no-untyped-def]
    """The main window at 1280x800 with the recording open; unsaved edits are discarded on close."""
    from deskpilot.gui.main_window import MainWindow
    from deskpilot.gui.qt import QMessageBox

    win = MainWindow(recorded.folder.parent)
    win.ask_unsaved = lambda name: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open(recorded.folder / "routine.yaml")
    return win
