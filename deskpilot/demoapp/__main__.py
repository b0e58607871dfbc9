"""``python -m deskpilot.demoapp --out customers.jsonl``: the legacy-looking application DeskPilot automates."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from deskpilot.demoapp import theme
from deskpilot.demoapp.expense import ExpenseWindow
from deskpilot.demoapp.options import Options, parse
from deskpilot.demoapp.reports import ReportsWindow
from deskpilot.demoapp.terminal import TerminalWindow
from deskpilot.demoapp.window import MainWindow

SCREENS: dict[str, Callable[[Options], QWidget]] = {
    "customer": MainWindow, "expense": ExpenseWindow, "terminal": TerminalWindow, "reports": ReportsWindow,
}


def build_window(app: QApplication, options: Options) -> QWidget:
    theme.apply(app, font_scale=options.font_scale, dark=options.dark)
    window = SCREENS[options.screen](options)
    window.move(options.x, options.y)
    return window


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    app = QApplication(sys.argv[:1])
    window = build_window(app, options)
    QTimer.singleShot(int(options.slow * 1000), window.show)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
