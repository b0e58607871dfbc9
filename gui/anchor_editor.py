"""The anchor editor: the screen recorded with a step, zoomed to its target, its anchors in one sentence, and
re-picking.

The picture opens on the target at a readable size (the recorded screen around its point and label,
enlarged to fill the panel); "Whole window" zooms out. The marks are thin outlines drawn around the
label, the picture and the point -- never over what the step clicks -- and what each colour is stands in
a legend under the picture, not on it.

The person fixes a step the way they would explain it: "click here" (Point: every
anchor built anew), "this is the label" (Label: the text under the mouse becomes
the text anchor), "look for this picture" (Crop: a dragged rectangle becomes the
image anchor). Label and Crop keep the point to click, so they work on the
recorded screen only, where that point is known; the live screen of "Find now"
takes Point picks.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.images import image_size
from deskpilot.ports import Frame
from deskpilot.vision.text import union
from deskpilot.gui.qt import (
    QButtonGroup,
    QColor,
    QCoreApplication,
    QHBoxLayout,
    QLabel,
    QPainter,
    QPen,
    QPixmap,
    QProgressBar,
    QPushButton,
    QRadioButton,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.gui.frame_view import FrameView, Mark, file_pixmap, pixels_pixmap
from deskpilot.gui.repick import recorded_point, recorded_screen, step_target
from deskpilot.gui.sentences import found_by

__all__ = ["AnchorPanel", "FrameView", "Mark", "file_pixmap", "marks", "pixels_pixmap", "whole_view", "zoom_view"]

MODES = ("point", "label", "crop")


class AnchorPanel(QWidget):
    """The selected step's anchors in a sentence and on its recorded screen; Find now; re-pick; a busy bar."""

    find_requested = Signal()
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()  # the anchors in one sentence ("Found by ..."), a failure or a Find now verdict
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()  # each anchor as the file has it, for whoever edits the YAML
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(False)
        self.details_button = QToolButton()
        self.details_button.setText(self.tr("Details"))
        self.details_button.setToolTip(self.tr("Each anchor as the routine file writes it"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.toggled.connect(self._on_details_toggled)
        self.picture = FrameView()
        self.picture.resized.connect(self._on_picture_resized)
        self.legend = QLabel()  # what each mark's colour is: beside the picture, never on it
        self.legend.setWordWrap(True)
        self.whole = QToolButton()
        self.whole.setText(self.tr("Whole window"))
        self.whole.setCheckable(True)
        self.whole.setToolTip(self.tr("Zoom out to the whole recorded window, or back in to the target"))
        self.whole.toggled.connect(self._on_whole_toggled)
        self.frame: Frame | None = None  # the frame shown, live or recorded, for re-picking on it
        self.recorded = False  # whether that frame is the step's recorded screen
        self._screen: tuple[Frame, QPixmap, list[Mark], Rect] | None = None  # recorded screen, picture, marks, window
        self._cut_for = (0, 0)  # the picture's size the zoomed part was cut for
        self.modes = QButtonGroup(self)
        row = QHBoxLayout()
        tips = {"point": self.tr("Click where the step should click: every anchor is built anew there"),
                "label": self.tr("Click the label that tells the place: it becomes the text anchor"),
                "crop": self.tr("Drag a rectangle around what to look for: it becomes the image anchor")}
        names = {"point": self.tr("&Point"), "label": self.tr("&Label"), "crop": self.tr("C&rop")}
        for i, mode in enumerate(MODES):
            button = QRadioButton(names[mode])
            button.setToolTip(tips[mode])
            button.setObjectName(mode)
            self.modes.addButton(button, i)
            row.addWidget(button)
        self.modes.button(0).setChecked(True)
        self.modes.idToggled.connect(self._on_mode)
        self.find = QPushButton(self.tr("Find now"))
        self.find.setToolTip(self.tr("Look for this target on the live screen and show every candidate (Ctrl+F)"))
        self.find.clicked.connect(self.find_requested.emit)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # OCR gives no percentage: a moving bar says it is working
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setToolTip(self.tr("Stop waiting for this; its result is thrown away (Esc)"))
        self.cancel.clicked.connect(self.cancel_requested.emit)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy, 1)
        busy_row.addWidget(self.cancel)
        view_row = QHBoxLayout()
        view_row.addWidget(self.details_button)
        view_row.addStretch(1)
        view_row.addWidget(self.whole)
        col = QVBoxLayout(self)
        col.addWidget(self.summary)
        col.addLayout(view_row)
        col.addWidget(self.details)
        col.addWidget(self.picture, 1)
        col.addWidget(self.legend)
        col.addLayout(row)
        col.addWidget(self.find)
        col.addLayout(busy_row)
        self.set_busy(None)

    def resizeEvent(self, event: object) -> None:
        """A wrapped label's minimum is one line to Qt's layouts; say its real height, so nothing overlaps."""
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_labels()

    def _fit_labels(self) -> None:
        for label in (self.summary, self.legend, self.details):
            width = label.width() if label.width() > 50 else self.width() - 20
            label.setMinimumHeight(max(0, label.heightForWidth(width)) if label.text() else 0)

    @property
    def mode(self) -> str:
        return MODES[max(0, self.modes.checkedId())]

    def set_mode(self, mode: str) -> None:
        self.modes.button(MODES.index(mode)).setChecked(True)

    def _on_mode(self, _id: int, checked: bool) -> None:
        if checked:
            self.picture.dragging = self.mode == "crop"

    def _on_details_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def set_busy(self, what: str | None) -> None:
        """Show the busy bar with ``what`` it is doing, or hide it; picking waits until it is done."""
        for w in (self.busy, self.cancel):
            w.setVisible(what is not None)
        self.busy.setFormat(what or "")
        self.busy.setTextVisible(what is not None)
        self.picture.setEnabled(what is None)
        self.find.setEnabled(what is None)

    def show_step(self, step: m.Step | None, folder: Path | None) -> None:
        target = step_target(step)
        lines = [found_by(target, cursor=getattr(step, "cursor", None))] if target is not None else []
        if step is not None and step.weak:
            lines.append(self.tr("⚠ weak: {why}").format(why=step.weak))
        screen = recorded_screen(step, folder) if folder is not None else None
        if target is not None and screen is None:
            lines.append(self.tr("No screen was kept with this step: Find now, then click to re-pick."))
        self.summary.setText("\n".join(lines) or self.tr("This step has no target."))
        self.details.setText("\n".join(_describe(a) for a in getattr(target, "anchors", ())))
        self.details_button.setVisible(target is not None)
        self.find.setEnabled(target is not None)
        self._screen = None
        self.whole.blockSignals(True)
        self.whole.setChecked(False)  # each step opens on its target
        self.whole.blockSignals(False)
        if screen is not None and target is not None and folder is not None:
            drawn = marks(target, folder)
            self._screen = (screen, pixels_pixmap(screen.pixels), drawn, whole_view(screen))
            self._show_recorded()
        else:
            image = _first_image(target, folder)
            self.show_frame(_with_point(file_pixmap(image[0]), image[1]) if image else None, None, recorded=False)
        legend, explained = _legend(target, self._screen[2] if self._screen else [])
        self.legend.setText(legend)
        self.legend.setToolTip(explained)
        self._fit_labels()

    def _show_recorded(self) -> None:
        """The recorded screen: around the target, or the whole window when "Whole window" is pressed."""
        if self._screen is None:
            return
        screen, pixmap, drawn, window = self._screen
        self._cut_for = self._picture_size()
        view = window if self.whole.isChecked() else zoom_view(drawn, screen, self._cut_for, window)
        self.show_frame(pixmap, screen, recorded=True, view=view, drawn=drawn)

    def _picture_size(self) -> tuple[int, int]:
        w, h = self.picture.width(), self.picture.height()
        return (w, h) if w >= 100 and h >= 60 else (320, 200)  # not laid out yet: a usual panel's size

    def _on_picture_resized(self) -> None:
        (w, h), (cw, ch) = self._picture_size(), self._cut_for
        if self._screen is not None and not self.whole.isChecked() and (abs(w - cw) > 0.1 * cw or abs(h - ch) > 0.1 * ch):
            self._show_recorded()  # cut again for the new size, so the target still fills the panel

    def _on_whole_toggled(self, _whole: bool) -> None:
        self._show_recorded()

    def show_frame(self, pixmap: QPixmap | None, frame: Frame | None, *, recorded: bool,
                   view: Rect | None = None, drawn: list[Mark] | None = None) -> None:
        """Show ``pixmap`` (of ``frame``), zoomed to ``view`` (frame pixels) when given, ``drawn`` marked on it."""
        self.frame, self.recorded = frame, recorded
        self.whole.setVisible(recorded)
        self.legend.setVisible(recorded)
        if frame is None or pixmap is None:
            self.picture.show_pixmap(pixmap, None)
        elif view is None:
            self.picture.show_pixmap(pixmap, (frame.rect.w, frame.rect.h), marks=drawn)
        else:
            part = pixmap.copy(view.x - frame.origin.x, view.y - frame.origin.y, view.w, view.h)
            self.picture.show_pixmap(part, (view.w, view.h), Point(view.x - frame.origin.x, view.y - frame.origin.y),
                                     marks=drawn)
        for mode in ("label", "crop"):  # these keep the recorded point, which only the recorded screen shows
            self.modes.button(MODES.index(mode)).setEnabled(recorded)
        if not recorded:
            self.set_mode("point")

    def set_picture(self, pixmap: QPixmap | None, frame: Frame | None = None) -> None:
        """A live frame (Find now) or a failure screenshot; only Point picks on it."""
        self._screen = None
        self.show_frame(pixmap, frame, recorded=False)


def marks(target: m.Target, folder: Path) -> list[Mark]:
    """Where each anchor put the point on the recorded screen, worked back from the recorded point."""
    point = recorded_point(target)
    if point is None:
        return []
    out = [Mark("point", Rect.centered(point, 20, 20), "#e02020", "")]
    for a in target.anchors:
        if isinstance(a, m.TextAnchor):
            h = a.height or 14
            centre = Point(round(point.x - a.offset[0]), round(point.y - a.offset[1]))
            out.append(Mark("box", Rect.centered(centre, max(h, round(0.6 * h * len(a.text))), h + 6), "#1f6feb", a.text))
        elif isinstance(a, m.ImageAnchor):
            w, h = image_size(folder / a.image) or (0, 0)
            px, py = a.point if a.point is not None else (w // 2, h // 2)  # no point: the picture's middle
            out.append(Mark("box", Rect(point.x - px, point.y - py, w, h), "#2da44e", a.image))
        elif isinstance(a, m.WindowAnchor):
            out.append(Mark("corner", Rect(point.x - a.point[0], point.y - a.point[1], 24, 24), "#d97706",
                            QCoreApplication.translate("AnchorPanel", "window")))
    return out


ZOOM_MARGIN = 36  # frame pixels around the marks: enough of the form to see where the target is
ZOOM = (1.0, 3.0)  # how much the target is enlarged: at its own size at least, at most before it is only blur
ZOOM_TIGHT = 0.8  # in a narrow panel, the label and the point together at a little under their size


def zoom_view(drawn: list[Mark], screen: Frame, panel: tuple[int, int], window: Rect | None = None) -> Rect | None:
    """The part of the recorded screen to show by default, for a picture of ``panel`` (width, height) pixels: the
    marks (the point, the label, the picture) with a margin, enlarged to fill the panel. Where they do not fit at
    their own size, the label and the point alone, a little smaller if need be; the point always stays in sight.
    Slid inside the screen (inside ``window``, the recorded window, where it fits), not cut."""
    if not drawn:
        return None
    near = [d.rect for d in drawn if d.kind != "corner"]  # the window's corner can be far away
    box = union(near or [d.rect for d in drawn]).grow(ZOOM_MARGIN)
    pw, ph = max(panel[0], 1), max(panel[1], 1)
    scale = min(ZOOM[1], pw / box.w, ph / box.h)
    if scale < ZOOM[0]:  # too wide for the panel: what tells the place is the label and the point
        essential = [d.rect for d in drawn if d.kind == "point" or (d.kind == "box" and not d.caption.endswith(".png"))]
        box = union(essential or near or [d.rect for d in drawn]).grow(ZOOM_MARGIN // 3)
        scale = max(ZOOM_TIGHT, min(ZOOM[0], pw / box.w, ph / box.h))
    w, h = min(round(pw / scale), screen.rect.w), min(round(ph / scale), screen.rect.h)
    cx, cy = box.center.x, box.center.y
    point = next((d.rect.center for d in drawn if d.kind == "point"), None)
    if point is not None:  # what the step clicks stays in the picture, a margin from its edge
        room_x, room_y = max(0, w // 2 - ZOOM_MARGIN), max(0, h // 2 - ZOOM_MARGIN)
        cx = min(max(cx, point.x - room_x), point.x + room_x)
        cy = min(max(cy, point.y - room_y), point.y + room_y)
    room, lit = screen.rect, window or screen.rect
    across = lit if w <= lit.w else room  # the black around the window only where the window is too small
    down = lit if h <= lit.h else room
    x = min(max(cx - w // 2, across.x), across.right - w)
    y = min(max(cy - h // 2, down.y), down.bottom - h)
    return Rect(x, y, w, h)


def whole_view(screen: Frame) -> Rect:
    """The recorded window: the screen kept with a step holds only it (the rest is black), so its lit part."""
    lit = np.argwhere(screen.pixels.reshape(screen.pixels.shape[0], screen.pixels.shape[1], -1).max(axis=2) > 0)
    if not len(lit):
        return screen.rect
    (top, left), (bottom, right) = lit.min(axis=0), lit.max(axis=0)
    o = screen.origin
    return Rect(o.x + int(left), o.y + int(top), int(right - left) + 1, int(bottom - top) + 1)


def _legend(target: m.Target | None, drawn: list[Mark]) -> tuple[str, str]:
    """What each colour on the picture marks: a short line (rich text) and, for its tooltip, in full."""
    short: list[str] = []
    full: list[str] = []
    for mark in drawn:
        if mark.kind == "point":
            word = QCoreApplication.translate("AnchorPanel", "click")
            what = QCoreApplication.translate("AnchorPanel", "red: where the step clicks")
        elif mark.kind == "corner":
            word = QCoreApplication.translate("AnchorPanel", "window")
            what = QCoreApplication.translate("AnchorPanel", "orange: the corner of its window")
        elif mark.caption.endswith(".png"):
            word = QCoreApplication.translate("AnchorPanel", "picture")
            what = QCoreApplication.translate("AnchorPanel", "green: the picture it looks for ({file})").format(
                file=mark.caption)
        else:
            word = QCoreApplication.translate("AnchorPanel", "label")
            what = QCoreApplication.translate("AnchorPanel", "blue: the label “{text}” it is found by").format(
                text=mark.caption)
        short.append(f"<span style='white-space:nowrap'><span style='color:{mark.colour}'>■</span>&nbsp;"
                     f"{html.escape(word)}</span>")
        full.append(what)
    return " &nbsp; ".join(short), "\n".join(full)


def _describe(a: m.Anchor) -> str:
    if isinstance(a, m.ElementAnchor):
        return QCoreApplication.translate("AnchorPanel", "element {r} “{n}” in /{w}/").format(
            r=a.role, n=a.name or a.label or "", w=a.window or "")
    if isinstance(a, m.TextAnchor):
        return QCoreApplication.translate("AnchorPanel", "text “{t}”, offset {o} ({e} text heights)").format(
            t=a.text, o=a.offset, e=a.offset_em)
    if isinstance(a, m.ImageAnchor):
        return QCoreApplication.translate("AnchorPanel", "image {i}, point {p}").format(i=a.image, p=a.point)
    if isinstance(a, m.WindowAnchor):
        return QCoreApplication.translate("AnchorPanel", "window /{w}/ at {p}").format(w=a.window, p=a.point)
    return QCoreApplication.translate("AnchorPanel", "recorded point {p}").format(p=a.at)


def _first_image(target: m.Target | None, folder: Path | None) -> tuple[Path, tuple[int, int]] | None:
    for a in getattr(target, "anchors", ()):
        if isinstance(a, m.ImageAnchor) and folder is not None and (folder / a.image).is_file():
            return folder / a.image, a.point
    return None


def _with_point(pixmap: QPixmap, point: tuple[int, int] | None) -> QPixmap:
    """The anchor picture with the recorded click point marked on it, as the person clicked it."""
    if pixmap.isNull():
        return pixmap
    x, y = point if point is not None else (pixmap.width() // 2, pixmap.height() // 2)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#e02020"), 2))
    painter.drawLine(x - 8, y, x + 8, y)
    painter.drawLine(x, y - 8, x, y + 8)
    painter.drawEllipse(x - 5, y - 5, 10, 10)
    painter.end()
    return pixmap
