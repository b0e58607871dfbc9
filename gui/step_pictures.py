"""A picture of what a step acts on, as it looked when recorded, for its row in the step list.

48 px high, so a person recognises the element: a field with the end of its label (cut from the screen kept
with the step, at its own size), a button or an icon (its image anchor, enlarged up to three times). The
row shows it the same when selected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from deskpilot import model as m
from deskpilot.images import read_png
from deskpilot.gui.qt import QColor, QGuiApplication, QIcon, QImage, QPainter, QPixmap, QSize, Qt
from deskpilot.gui.repick import recorded_point

PICTURE = QSize(144, 48)  # what the step acts on, as it looked: at least 48 px high
MAX_ZOOM = 3.0  # a small anchor crop is enlarged at most this much: more is only blur


def step_targets(step: m.Step | None) -> list[m.Target]:
    """Every target of a step: a drag has two."""
    return [t for t in (getattr(step, name, None) for name in ("target", "source", "dest")) if isinstance(t, m.Target)]


def step_picture(step: m.Step | None, folder: Path, cache: dict[tuple[Any, ...], QIcon | None]) -> QIcon | None:
    """What the step acts on as it looked, 48 px high: the recorded screen around it (beside its label, for a
    field named by one), else its image anchor; None when the recording kept neither."""
    targets = step_targets(step)
    if step is None or not targets:
        return None
    image = next((a for a in targets[0].anchors if isinstance(a, m.ImageAnchor)), None)
    point = recorded_point(targets[0])
    gap = _label_gap(targets[0])
    sources: list[tuple[Path, tuple[int, int] | None, float]] = []
    if image is not None:
        sources.append((folder / image.image, image.point, MAX_ZOOM))
    if step.frame and point is not None:  # a field beside its label: the screen shows both crisply
        sources.insert(0 if gap else len(sources), (folder / step.frame, (point.x, point.y), 1.0))
    for path, at, zoom in sources:
        try:
            key: tuple[Any, ...] = (path, at, zoom, gap, path.stat().st_mtime_ns)
        except OSError:
            continue
        if key not in cache:
            pixels = read_png(path)
            cache[key] = _fitted(pixels, at, zoom, gap) if pixels is not None else None
        if cache[key] is not None:
            return cache[key]
    return None


def ratio() -> float:
    screen = QGuiApplication.primaryScreen()
    return screen.devicePixelRatio() if screen is not None else 1.0


def _label_gap(target: m.Target) -> float:
    """How far right of its label's end a field's point is (0 for a point on its text, or with no label left of
    it): the picture then shows the label's end beside the field."""
    text = next((a for a in target.anchors if isinstance(a, m.TextAnchor)), None)
    if text is None or text.offset[0] <= 24 or abs(text.offset[1]) > abs(text.offset[0]):
        return 0.0
    half_label = 0.3 * (text.height or 14) * len(text.text)  # as the anchor editor estimates a label's box
    return max(0.0, text.offset[0] - half_label)


def still_icon(pixmap: QPixmap) -> QIcon:
    """An icon that looks the same selected: Qt would tint a selected row's picture."""
    out = QIcon()
    for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
        out.addPixmap(pixmap, mode)
    return out


def _fitted(pixels: np.ndarray, at: tuple[int, int] | None, zoom: float, gap: float = 0.0) -> QIcon:
    """A PICTURE-sized picture around ``at``: a small crop enlarged to the box's height (at most ``zoom`` times),
    a screen cut at its own size; what is wider than the box is cut to it around ``at``, or -- ``gap`` from a
    label on its left -- with the label's end in it and the field after it."""
    if pixels.ndim == 2:
        pixels = np.stack([pixels] * 3, axis=2)
    h, w = pixels.shape[:2]
    scale = zoom if h > 4 * PICTURE.height() else min(zoom, PICTURE.height() / h)
    cx, cy = at if at is not None else (w // 2, h // 2)
    cw, ch = min(w, round(PICTURE.width() / scale)), min(h, round(PICTURE.height() / scale))
    cx -= round(gap + 0.05 * cw) if gap else 0  # the label's end just right of the middle, the field after it
    x0 = min(max(0, cx - cw // 2), w - cw)
    y0 = min(max(0, cy - ch // 2), h - ch)
    part = np.ascontiguousarray(pixels[y0:y0 + ch, x0:x0 + cw, :3][:, :, ::-1])
    image = QImage(part.data, cw, ch, 3 * cw, QImage.Format.Format_RGB888).copy()
    dpr = ratio()
    size = QSize(round(cw * scale * dpr), round(ch * scale * dpr))
    shown = QPixmap.fromImage(image).scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation)
    box = QPixmap(round(PICTURE.width() * dpr), round(PICTURE.height() * dpr))
    box.fill(Qt.GlobalColor.transparent)
    painter = QPainter(box)
    x, y = (box.width() - shown.width()) // 2, (box.height() - shown.height()) // 2
    painter.drawPixmap(x, y, shown)
    painter.setPen(QColor(128, 128, 128, 160))
    painter.drawRect(x, y, shown.width() - 1, shown.height() - 1)
    painter.end()
    box.setDevicePixelRatio(dpr)
    return still_icon(box)
