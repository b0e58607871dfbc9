"""What every added back-office screen shares: title, size, the --slow delay and the geometry ground truth."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from deskpilot.demoapp.chinese import say
from deskpilot.demoapp.geometry_dump import GeometryDump
from deskpilot.demoapp.options import Options


class ScreenWindow(QWidget):
    """A top-level screen; subclasses build their widgets and name the screen for the geometry dump."""

    SCREEN = "screen"  # the geometry dump's screen name; not `screen`, which is QWidget.screen()

    def __init__(self, options: Options) -> None:
        super().__init__()
        self.options = options
        self.setWindowTitle(options.title)
        self.resize(options.width, options.height)
        self.geometry_dump = GeometryDump(self, options.geometry_out) if options.geometry_out else None

    def screen_name(self) -> str:
        return self.SCREEN

    def say(self, english: str, *values: object) -> str:
        """``english`` in the screen's language (``--lang``)."""
        return say(self.options.lang, english, *values)

    def later(self, action: Callable[[], None]) -> None:
        """Run ``action`` after the --slow delay, as a slow back end would, or now."""
        if self.options.slow > 0:
            QTimer.singleShot(int(self.options.slow * 1000), action)
        else:
            action()

    def changed(self) -> None:
        """The layout may have moved: rewrite the ground truth (debounced)."""
        if self.geometry_dump:
            self.geometry_dump.schedule()

    def moveEvent(self, event: object) -> None:
        self.changed()

    def resizeEvent(self, event: object) -> None:
        self.changed()

    def showEvent(self, event: object) -> None:
        self.changed()


def heading(text: str) -> QLabel:
    """A bold title 1.3 times the body size, like the customer form's."""
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.3)
    label.setFont(font)
    return label


def button_row(buttons: Iterable[tuple[str, Callable[[], object]]]) -> QHBoxLayout:
    """Push buttons left to right; none is a default button, so Enter in a field never presses one by surprise."""
    row = QHBoxLayout()
    for text, slot in buttons:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row
