"""``deskpilot gui``: the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from deskpilot.gui import i18n
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QApplication
from deskpilot.gui.settings import load_settings
from deskpilot.gui.theme import apply_scheme


def run(library: Path | None, open_path: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("DeskPilot")
    settings = load_settings()
    apply_scheme(app, settings.theme)  # before the first window, so it opens in the right colours
    i18n.install(app, settings.language)  # and in the right language: every string is translated as it is built
    window = MainWindow(library)
    if open_path is not None:
        window.open(open_path)
    window.show()
    return int(app.exec())
