"""Ground truth for tests and benchmarks: where every label, field and button is on screen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QStyle, QWidget

from deskpilot.atomic import write_atomic


class GeometryDump:
    """Writes the window's geometry as JSON, debounced, whenever it may have changed."""

    def __init__(self, window: Any, path: Path) -> None:
        self.window, self.path = window, path
        self.timer = QTimer(window, singleShot=True, interval=100)  # dies with the window, never fires after it
        self.timer.timeout.connect(self.write)

    def schedule(self) -> None:
        self.timer.start()

    def write(self) -> None:
        w = self.window
        origin = w.mapToGlobal(QPoint(0, 0))
        data = {
            "title": w.windowTitle(), "screen": w.screen_name(),
            "client": [origin.x(), origin.y(), w.width(), w.height()],
            "labels": [{"text": lab.text(), "rect": _text_rect(lab)} for lab in _visible(w, QLabel) if lab.text()],
            "fields": [{"name": f.objectName(), "rect": _rect(f)} for f in _visible(w, QLineEdit) if f.objectName()],
            "buttons": [{"text": b.text(), "rect": _rect(b)} for b in _visible(w, QPushButton)],
        }
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1))


def _visible(root: QWidget, kind: type) -> list[Any]:
    return [child for child in root.findChildren(kind) if child.isVisible()]


def _rect(widget: QWidget) -> list[int]:
    p = widget.mapToGlobal(QPoint(0, 0))
    return [p.x(), p.y(), widget.width(), widget.height()]


def _text_rect(label: QLabel) -> list[int]:
    """The rectangle of the label's text itself, aligned as the label draws it."""
    contents = label.contentsRect()
    metrics = label.fontMetrics()
    text_rect = QStyle.alignedRect(label.layoutDirection(), label.alignment(),
                                   metrics.boundingRect(label.text()).size(), contents)
    p = label.mapToGlobal(text_rect.topLeft())
    return [p.x(), p.y(), text_rect.width(), text_rect.height()]
