"""``deskpilot gui``: the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from gui.main_window import MainWindow
from gui.qt import QApplication


def run(library: Path | None, open_path: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("DeskPilot")
    window = MainWindow(library)
    if open_path is not None:
        window.open(open_path)
    window.show()
    return int(app.exec())
