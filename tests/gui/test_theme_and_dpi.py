"""Light and dark schemes with colours that keep their contrast; sizes that fit small and high-DPI screens."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from deskpilot.gui.qt import QApplication, QColor, QPalette
from deskpilot.gui.theme import apply_scheme, colour, is_dark

ROOT = Path(__file__).resolve().parents[2]


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours."""
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_scheme(qapp, "system")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_scheme_gets_its_palette_and_readable_colours(app: QApplication, scheme: str) -> None:
    apply_scheme(app, scheme)
    app.processEvents()
    assert is_dark() == (scheme == "dark")
    palette = QApplication.palette()
    base, text = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    assert contrast(colour("weak"), base) >= 3.0  # weak steps' text on the list
    assert contrast(colour("problem"), palette.color(QPalette.ColorRole.Window)) >= 3.0
    for row in ("current", "failed"):  # the list's own text on a marked row
        assert contrast(text, colour(row)) >= 4.5, row


SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from deskpilot.gui.main_window import MainWindow
w = MainWindow()
room = app.primaryScreen().availableGeometry()
w.anchor_panel.picture.show_pixmap(__import__("deskpilot.gui.qt", fromlist=["QPixmap"]).QPixmap(400, 300), (400, 300))
w.show()
app.processEvents()
print(json.dumps({"w": w.width(), "h": w.height(), "room": [room.width(), room.height()],
                  "ratio": w.devicePixelRatioF(), "pixmap_ratio": w.anchor_panel.picture.pixmap().devicePixelRatio()}))
"""


@pytest.mark.parametrize("scale", ["1", "2"])
def test_the_window_fits_the_screen_and_pictures_are_sharp_at_any_scale(scale: str, tmp_path: Path) -> None:
    import json

    # a 1366x768 laptop screen, and the same at 200 % (a 2732x1536 panel): both 1366x768 logical pixels
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": 1366 * int(scale),
                                               "height": 768 * int(scale), "logicalDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=scale,
               XDG_CONFIG_HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["ratio"] == float(scale) and got["pixmap_ratio"] == float(scale)
    assert got["room"] == [1366, 768]
    assert got["w"] <= got["room"][0] and got["h"] <= got["room"][1]
