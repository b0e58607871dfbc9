"""The recorded or live screen in the anchor editor: scaled to fit, its marks drawn over it at the screen's
resolution, clicks and dragged rectangles given back in the frame's own pixels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.images import read_png
from deskpilot.gui.qt import (
    QColor,
    QImage,
    QLabel,
    QPainter,
    QPen,
    QPixmap,
    QPointF,
    QRect,
    QRectF,
    QRubberBand,
    QSize,
    QSizePolicy,
    Qt,
    Signal,
)


@dataclass(frozen=True)
class Mark:
    """One thing drawn on the recorded screen: a box or a cross, its colour and caption."""

    kind: str  # "point", "box", "corner"
    rect: Rect
    colour: str
    caption: str


class FrameView(QLabel):
    """A frame scaled to fit; clicks and dragged rectangles come back in the frame's own pixels."""

    picked = Signal(int, int)
    cropped = Signal(int, int, int, int)
    resized = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(QSize(200, 120))
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)  # the picture never sizes the panel
        self.source_size: tuple[int, int] | None = None
        self.origin = Point(0, 0)
        self.marks: list[Mark] = []  # drawn over the picture in screen pixels, in frame coordinates
        self.dragging = False  # set while the person draws a crop
        self._full: QPixmap | None = None
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self)
        self._start: Point | None = None

    def sizeHint(self) -> QSize:
        return QSize(320, 300)  # room to read the zoomed target: the panel asks for it beside the step's form

    def show_pixmap(self, pixmap: QPixmap | None, source_size: tuple[int, int] | None,
                    origin: Point = Point(0, 0), marks: list[Mark] | None = None) -> None:
        """``origin``: where the picture's top-left sits in the frame, when it shows only part of it."""
        self._full, self.source_size, self.origin = pixmap, source_size, origin
        self.marks = list(marks or [])
        self._rescale()

    def resizeEvent(self, event: object) -> None:
        self._rescale()
        self.resized.emit()

    def from_source(self, x: float, y: float) -> tuple[float, float] | None:
        """A frame pixel's place on the widget (the inverse of ``to_source``)."""
        pixmap = self.pixmap()
        if self.source_size is None or pixmap is None or pixmap.isNull():
            return None
        size = pixmap.deviceIndependentSize()
        ox, oy = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
        return (ox + (x - self.origin.x) * size.width() / self.source_size[0],
                oy + (y - self.origin.y) * size.height() / self.source_size[1])

    def paintEvent(self, event: object) -> None:
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self.marks:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for mark in self.marks:
            a, b = self.from_source(mark.rect.x, mark.rect.y), self.from_source(mark.rect.right, mark.rect.bottom)
            if a is None or b is None:
                continue
            draw_mark(painter, mark, a, b)
        painter.end()

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


def pixels_pixmap(pixels: np.ndarray) -> QPixmap:
    """BGR pixels as a pixmap (a copy: the pixels may go away)."""
    rgb = np.ascontiguousarray(pixels[:, :, ::-1])
    h, w = rgb.shape[:2]
    return QPixmap.fromImage(QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy())


def file_pixmap(path: Path) -> QPixmap:
    """A picture file as a pixmap, read by deskpilot.images (any path, any letters); empty when unreadable."""
    pixels = read_png(path)
    return pixels_pixmap(pixels) if pixels is not None else QPixmap()


def draw_mark(painter: QPainter, mark: Mark, a: tuple[float, float], b: tuple[float, float]) -> None:
    """One mark in screen pixels: an outline around a box, a corner, or a ring with ticks around the point --
    nothing on what the step clicks itself."""
    painter.setPen(QPen(QColor(mark.colour), 2))
    (x0, y0), (x1, y1) = a, b
    if mark.kind == "point":
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        r = 9.0
        painter.drawEllipse(QRectF(cx - r, cy - r, 2 * r, 2 * r))
        for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            painter.drawLine(QPointF(cx + dx * (r + 2), cy + dy * (r + 2)), QPointF(cx + dx * (r + 9), cy + dy * (r + 9)))
    elif mark.kind == "corner":
        painter.drawLine(QPointF(x0, y0), QPointF(x0 + 24, y0))
        painter.drawLine(QPointF(x0, y0), QPointF(x0, y0 + 24))
    else:
        painter.drawRect(QRectF(x0 - 3, y0 - 3, x1 - x0 + 6, y1 - y0 + 6))  # just outside: the label stays readable
