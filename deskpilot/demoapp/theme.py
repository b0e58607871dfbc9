"""Fonts and colours: fixed, so screenshots and OCR are the same on every machine."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 11


def apply(app: QApplication, *, font_scale: float, dark: bool) -> None:
    app.setStyle("Fusion")
    font = QFont("DejaVu Sans")
    font.setPointSizeF(BASE_POINT_SIZE * font_scale)
    app.setFont(font)
    if dark:
        app.setPalette(_dark_palette())


def _dark_palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#333333",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#3c3c3c",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6aa8",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#3c3c3c",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    return pal
