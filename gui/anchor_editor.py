"""The anchor editor: the screen recorded with a step, its point and anchors drawn on it, and re-picking.

The person fixes a step the way they would explain it: "click here" (Point: every
anchor built anew), "this is the label" (Label: the text under the mouse becomes
the text anchor), "look for this picture" (Crop: a dragged rectangle becomes the
image anchor). Label and Crop keep the point to click, so they work on the
recorded screen only, where that point is known; the live screen of "Find now"
takes Point picks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.images import image_size, read_png
from deskpilot.ports import Frame
from deskpilot.vision.text import union
from deskpilot.gui.qt import (
    QButtonGroup,
    QColor,
    QCoreApplication,
    QHBoxLayout,
    QImage,
    QLabel,
    QPainter,
    QPen,
    QPixmap,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QRect,
    QRubberBand,
    QSize,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from deskpilot.gui.repick import recorded_point, recorded_screen, step_target

MODES = ("point", "label", "crop")


class FrameView(QLabel):
    """A frame scaled to fit; clicks and dragged rectangles come back in the frame's own pixels."""

    picked = Signal(int, int)
    cropped = Signal(int, int, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(240, 160))
        self.source_size: tuple[int, int] | None = None
        self.origin = Point(0, 0)
        self.dragging = False  # set while the person draws a crop
        self._full: QPixmap | None = None
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._start: Point | None = None

    def show_pixmap(self, pixmap: QPixmap | None, source_size: tuple[int, int] | None,
                    origin: Point = Point(0, 0)) -> None:
        """``origin``: where the picture's top-left sits in the frame, when it shows only part of it."""
        self._full, self.source_size, self.origin = pixmap, source_size, origin
        self._rescale()

    def resizeEvent(self, event: object) -> None:
        self._rescale()

    def _rescale(self) -> None:
        if self._full is None or self._full.isNull():
            self.clear()
            return
        ratio = self.devicePixelRatioF()  # sharp on high-DPI screens: scale to device pixels
        scaled = self._full.scaled(self.size() * ratio, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        self.setPixmap(scaled)

    def to_source(self, x: float, y: float) -> Point | None:
        """A widget position as a frame pixel, or None outside the picture."""
        pixmap = self.pixmap()
        if self.source_size is None or pixmap is None or pixmap.isNull():
            return None
        size = pixmap.deviceIndependentSize()
        ox, oy = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2  # the picture is centred
        fx, fy = (x - ox) / size.width(), (y - oy) / size.height()
        if not (0 <= fx <= 1 and 0 <= fy <= 1):
            return None
        return Point(self.origin.x + round(fx * self.source_size[0]), self.origin.y + round(fy * self.source_size[1]))

    def mousePressEvent(self, event: object) -> None:
        pos = event.position()  # type: ignore[attr-defined]
        if self.dragging:
            self._start = Point(round(pos.x()), round(pos.y()))
            self._band.setGeometry(QRect(self._start.x, self._start.y, 0, 0))
            self._band.show()
            return
        point = self.to_source(pos.x(), pos.y())
        if point is not None:
            self.picked.emit(point.x, point.y)

    def mouseMoveEvent(self, event: object) -> None:
        if self._start is not None:
            pos = event.position()  # type: ignore[attr-defined]
            self._band.setGeometry(QRect(self._start.x, self._start.y, round(pos.x()) - self._start.x,
                                         round(pos.y()) - self._start.y).normalized())

    def mouseReleaseEvent(self, event: object) -> None:
        if self._start is None:
            return
        pos = event.position()  # type: ignore[attr-defined]
        a, b = self.to_source(self._start.x, self._start.y), self.to_source(pos.x(), pos.y())
        self._start = None
        self._band.hide()
        if a is not None and b is not None:
            self.cropped.emit(min(a.x, b.x), min(a.y, b.y), abs(a.x - b.x), abs(a.y - b.y))


class AnchorPanel(QWidget):
    """The selected step's anchors in words and on its recorded screen; Find now; re-pick; a busy bar."""

    find_requested = Signal()
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.picture = FrameView()
        self.frame: Frame | None = None  # the frame shown, live or recorded, for re-picking on it
        self.recorded = False  # whether that frame is the step's recorded screen
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
        col = QVBoxLayout(self)
        col.addWidget(self.summary)
        col.addWidget(self.picture, 1)
        col.addLayout(row)
        col.addWidget(self.find)
        col.addLayout(busy_row)
        self.set_busy(None)

    @property
    def mode(self) -> str:
        return MODES[max(0, self.modes.checkedId())]

    def set_mode(self, mode: str) -> None:
        self.modes.button(MODES.index(mode)).setChecked(True)

    def _on_mode(self, _id: int, checked: bool) -> None:
        if checked:
            self.picture.dragging = self.mode == "crop"

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
        lines = [_describe(a) for a in getattr(target, "anchors", ())]
        if step is not None and step.weak:
            lines.append(self.tr("⚠ weak: {why}").format(why=step.weak))
        screen = recorded_screen(step, folder) if folder is not None else None
        if target is not None and screen is None:
            lines.append(self.tr("No screen was kept with this step: Find now, then click to re-pick."))
        self.summary.setText("\n".join(lines) or self.tr("This step has no target."))
        self.find.setEnabled(target is not None)
        if screen is not None and target is not None and folder is not None:
            drawn = marks(target, folder)
            self.show_frame(frame_pixmap(screen, drawn), screen, recorded=True, view=_around(drawn, screen.rect))
        else:
            image = _first_image(target, folder)
            self.show_frame(_with_point(file_pixmap(image[0]), image[1]) if image else None, None, recorded=False)

    def show_frame(self, pixmap: QPixmap | None, frame: Frame | None, *, recorded: bool,
                   view: Rect | None = None) -> None:
        """Show ``pixmap`` (of ``frame``), zoomed to ``view`` (frame pixels) when given."""
        self.frame, self.recorded = frame, recorded
        if frame is None or pixmap is None:
            self.picture.show_pixmap(pixmap, None)
        elif view is None:
            self.picture.show_pixmap(pixmap, (frame.rect.w, frame.rect.h))
        else:
            part = pixmap.copy(view.x - frame.origin.x, view.y - frame.origin.y, view.w, view.h)
            self.picture.show_pixmap(part, (view.w, view.h), Point(view.x - frame.origin.x, view.y - frame.origin.y))
        for mode in ("label", "crop"):  # these keep the recorded point, which only the recorded screen shows
            self.modes.button(MODES.index(mode)).setEnabled(recorded)
        if not recorded:
            self.set_mode("point")

    def set_picture(self, pixmap: QPixmap | None, frame: Frame | None = None) -> None:
        """A live frame (Find now) or a failure screenshot; only Point picks on it."""
        self.show_frame(pixmap, frame, recorded=False)


@dataclass(frozen=True)
class Mark:
    """One thing drawn on the recorded screen: a box or a cross, its colour and caption."""

    kind: str  # "point", "box", "corner"
    rect: Rect
    colour: str
    caption: str


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
            out.append(Mark("box", Rect(point.x - a.point[0], point.y - a.point[1], w, h),
                            "#2da44e", a.image))
        elif isinstance(a, m.WindowAnchor):
            out.append(Mark("corner", Rect(point.x - a.point[0], point.y - a.point[1], 24, 24), "#d97706",
                            QCoreApplication.translate("AnchorPanel", "window")))
    return out


def pixels_pixmap(pixels: np.ndarray) -> QPixmap:
    """BGR pixels as a pixmap (a copy: the pixels may go away)."""
    rgb = np.ascontiguousarray(pixels[:, :, ::-1])
    h, w = rgb.shape[:2]
    return QPixmap.fromImage(QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy())


def file_pixmap(path: Path) -> QPixmap:
    """A picture file as a pixmap, read by deskpilot.images (any path, any letters); empty when unreadable."""
    pixels = read_png(path)
    return pixels_pixmap(pixels) if pixels is not None else QPixmap()


def frame_pixmap(frame: Frame, drawn: list[Mark]) -> QPixmap:
    """The frame with the marks painted on it at its own resolution (pens thick enough to survive scaling)."""
    pixmap = pixels_pixmap(frame.pixels)
    w = pixmap.width()
    painter = QPainter(pixmap)
    width = max(2, w // 640)
    for mark in drawn:
        r = mark.rect  # a recorded screen starts at the desktop's origin
        painter.setPen(QPen(QColor(mark.colour), width))
        if mark.kind == "point":
            c = r.center
            painter.drawLine(r.x, c.y, r.right, c.y)
            painter.drawLine(c.x, r.y, c.x, r.bottom)
            painter.drawEllipse(c.x - r.w // 4, c.y - r.h // 4, r.w // 2, r.h // 2)
        elif mark.kind == "corner":
            painter.drawLine(r.x, r.y, r.right, r.y)
            painter.drawLine(r.x, r.y, r.x, r.bottom)
        else:
            painter.drawRect(r.x, r.y, r.w, r.h)
        if mark.caption:
            painter.drawText(r.x, max(12, r.y - 4), mark.caption)
    painter.end()
    return pixmap


def _around(drawn: list[Mark], screen: Rect) -> Rect | None:
    """The part of the screen worth showing: the marks with room around them, at least 720x450."""
    if not drawn:
        return None
    box = union([d.rect for d in drawn]).grow(60)
    w, h = max(box.w, 720), max(box.h, 450)
    wanted = Rect(box.center.x - w // 2, box.center.y - h // 2, w, h)
    x = min(max(wanted.x, screen.x), max(screen.x, screen.right - w))  # slide inside rather than cut off
    y = min(max(wanted.y, screen.y), max(screen.y, screen.bottom - h))
    return screen.intersect(Rect(x, y, w, h))


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
