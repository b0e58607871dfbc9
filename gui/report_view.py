"""A run's report inside the window: report.html (its screenshots inlined) in a text browser.

A report used to be handed to whatever program the desktop opens HTML with; on a
clerk's machine that was often none ("no apps available"). The page the player writes
(``deskpilot.player.report``) is self-contained, so a QTextBrowser shows it as it is;
its screenshots are drawn to the width of the view rather than cut off at its edge.
A report sealed under ``encrypt: at_rest`` opens here (``read_report_html``) and nowhere else.
"""

from __future__ import annotations

import base64
import re
import struct
from html import escape as html_escape
from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QGuiApplication,
    QLabel,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from deskpilot.player.report import read_report_html

IMAGE = re.compile(r'<img (?P<rest>[^>]*?)src="data:image/png;base64,(?P<data>[A-Za-z0-9+/=]+)"')


def png_width(data: str) -> int | None:
    """The width of a base64 PNG, read from its header alone (the first 24 bytes)."""
    try:
        head = base64.b64decode(data[:32] + "=" * (-len(data[:32]) % 4))
    except ValueError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int(struct.unpack(">I", head[16:20])[0])


ROW = re.compile(r"<tr>(?:(?!</tr>).)*?<img (?:(?!</tr>).)*?</tr>", re.S)
PICTURE = re.compile(r"<img [^>]*>")
TABLE = '<table width="100%" cellspacing="0">'
COLUMNS = ("4%", "46%", "10%", "16%", "8%", "8%", "8%")  # the report's table: #, step, status, found by, score, ...


def fitted(html: str, width: int) -> str:
    """The page as a text browser lays it out well: each step's picture on a row of its own under the step,
    across the table, and drawn at ``width`` when it is wider (its height follows)."""

    def fit(match: re.Match[str]) -> str:
        natural = png_width(match.group("data"))
        shown = f'width="{width}" ' if natural is None or natural > width else ""
        return f'<img {match.group("rest")}{shown}src="data:image/png;base64,{match.group("data")}"'

    def widths(match: re.Match[str]) -> str:  # every cell of a row its share, so the tables line up
        cells = iter(COLUMNS)
        return re.sub(r"<(t[dh])([ >])", lambda c: f'<{c.group(1)} width="{next(cells, "")}"{c.group(2)}',
                      match.group(0))

    def picture_below(match: re.Match[str]) -> str:
        row = match.group(0)
        pictures = PICTURE.findall(row)
        return PICTURE.sub("", row) + "</table>" + "".join(f"<p>{p}</p>" for p in pictures) + TABLE

    html = html.replace("<table><tr><th>", TABLE + "<tr><th>", 1)
    html = re.sub(r"<tr>.*?</tr>", widths, html, flags=re.S)
    return IMAGE.sub(fit, ROW.sub(picture_below, html))


class ReportBrowser(QTextBrowser):
    """The report's HTML; pictures refit when the view is resized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.html = ""
        self._width = 0

    def show_html(self, html: str) -> None:
        self.html = html
        self._width = 0
        self._fit()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()

    def _fit(self) -> None:
        width = max(240, self.viewport().width() - 140)  # the table's margin and its first column
        if self.html and abs(width - self._width) > 24:
            self._width = width
            scroll = self.verticalScrollBar().value()
            self.setHtml(fitted(self.html, width))
            self.verticalScrollBar().setValue(scroll)


class ReportView(QDialog):
    """One run's report, with where it is on disk (selectable, to send to a colleague)."""

    def __init__(self, report: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Run report"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path = QLabel()
        self.path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path.setWordWrap(True)
        self.browser = ReportBrowser()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(self.path)
        col.addWidget(self.browser, 1)
        col.addWidget(buttons)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        w, h = (int(room.width() * 0.9), int(room.height() * 0.9)) if room is not None else (980, 760)
        self.resize(min(980, w), min(760, h))
        self.load(report)

    def load(self, report: Path) -> bool:
        """Show ``report`` (report.html, or the folder that holds it); False, and why, when it is not there."""
        page = report / "report.html" if report.is_dir() else report
        self.path.setText(self.tr("Report: {path}").format(path=page))
        try:
            html = read_report_html(page)
        except OSError:
            self.browser.show_html("<p>" + self.tr("This report is no longer there: reports are kept for 30 days, "
                                                   "then removed.") + "</p>")
            return False
        except DeskPilotError as exc:  # sealed, and this keyring cannot open it: say why, and the fix
            self.browser.show_html("<p>" + html_escape(str(exc)) + "</p>")
            return False
        self.browser.show_html(html)
        return True
