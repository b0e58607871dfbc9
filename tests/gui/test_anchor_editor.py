"""The anchor editor on real widgets and real Tesseract: the recorded screen, re-picking, Cancel, asked values."""

from __future__ import annotations

import threading
from pathlib import Path

from deskpilot.images import read_png, write_png
import pytest

from deskpilot import model as m
from deskpilot.format import load_routine
from deskpilot.gui.anchor_editor import marks
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QMessageBox, QPoint, Qt
from tests.unit.vision.render import render_form

LABELS = ["Customer ID:", "Company:", "City:"]


@pytest.fixture
def recorded(tmp_path: Path) -> tuple[Path, dict]:  # type: ignore[type-arg]
    """A recording whose one click step kept its screen: the field right of "Customer ID:"."""
    pixels, boxes = render_form(LABELS, size=18, width=700)
    folder = tmp_path / "form"
    (folder / "screens").mkdir(parents=True)
    write_png(folder / "screens" / "001.png", pixels)
    label = boxes["Customer ID:"]
    point = (18 * 9 + 110, label.center.y)  # inside the field box of that row
    offset = (point[0] - label.center.x, point[1] - label.center.y)
    (folder / "routine.yaml").write_text(
        "deskpilot: 1\nname: form\nsteps:\n  - click:\n      target:\n"
        f"        - text: 'Customer ID:'\n          offset: [{offset[0]}, {offset[1]}]\n"
        f"        - at: [{point[0]}, {point[1]}]\n      frame: screens/001.png\n  - type: x\n", encoding="utf-8")
    return folder, {"boxes": boxes, "point": point, "size": pixels.shape[1::-1]}


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Warnings the window would show; a modal box would block the test instead."""
    from deskpilot.gui import main_window

    shown: list[str] = []
    monkeypatch.setattr(main_window.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    return shown


@pytest.fixture
def window(qtbot, recorded: tuple[Path, dict], warnings: list[str]) -> MainWindow:  # type: ignore[no-untyped-def, type-arg]
    win = MainWindow(recorded[0].parent)
    win.ask_unsaved = lambda name: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    win.open(recorded[0] / "routine.yaml")
    win.select_row(0)
    return win


def view_pos(win: MainWindow, x: int, y: int) -> QPoint:
    """Where a frame pixel sits on the scaled picture in the panel."""
    view = win.anchor_panel.picture
    size = view.pixmap().deviceIndependentSize()
    ox, oy = (view.width() - size.width()) / 2, (view.height() - size.height()) / 2
    sw, sh = view.source_size
    x, y = x - view.origin.x, y - view.origin.y  # the picture may show only the part around the step
    return QPoint(round(ox + x * size.width() / sw), round(oy + y * size.height() / sh))


def target_of(folder: Path) -> m.Target:
    step = load_routine(folder).routine.steps[0]
    assert isinstance(step, m.Click)
    return step.target


def test_the_recorded_screen_is_shown_with_the_point_and_the_label_marked(window: MainWindow,
                                                                           recorded: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    folder, info = recorded
    panel = window.anchor_panel
    assert panel.recorded and panel.picture.source_size is not None
    assert panel.modes.button(1).isEnabled() and panel.modes.button(2).isEnabled()  # Label and Crop on it
    drawn = marks(target_of(folder), folder)
    label = info["boxes"]["Customer ID:"]
    point = next(d for d in drawn if d.kind == "point")
    box = next(d for d in drawn if d.caption == "Customer ID:")
    assert point.rect.center.distance(m_point(info["point"])) <= 1
    assert box.rect.center.distance(label.center) <= 1  # worked back from the point by the offset


def m_point(p: tuple[int, int]):  # type: ignore[no-untyped-def]
    from deskpilot.geometry import Point

    return Point(*p)


def test_clicking_another_label_makes_it_the_text_anchor_and_keeps_the_point(
        window: MainWindow, recorded: tuple[Path, dict], qtbot, warnings: list[str]) -> None:  # type: ignore[no-untyped-def, type-arg]
    folder, info = recorded
    window.anchor_panel.whole.click()  # the editor opens on the target: zoom out to reach another label
    window.anchor_panel.set_mode("label")
    company = info["boxes"]["Company:"]
    qtbot.mouseClick(window.anchor_panel.picture, Qt.MouseButton.LeftButton, pos=view_pos(window, company.center.x, company.center.y))
    assert window.anchor_panel.busy.isVisible()
    qtbot.waitUntil(lambda: not window.anchor_panel.busy.isVisible(), timeout=30000)
    assert warnings == [], window.statusBar().currentMessage()
    assert window.doc is not None and window.save()
    text = target_of(folder).anchors[0]
    assert isinstance(text, m.TextAnchor) and text.text == "Company:"
    px, py = info["point"]
    assert abs(text.offset[0] - (px - company.center.x)) <= 3 and abs(text.offset[1] - (py - company.center.y)) <= 3
    assert m.PointAnchor(at=info["point"]) in target_of(folder).anchors  # the point to click stays
    window.actions_by_name["undo"].trigger()
    assert window.doc.step(0).target.anchors[0].text == "Customer ID:"  # type: ignore[union-attr]


def test_a_dragged_rectangle_becomes_the_image_anchor(window: MainWindow, recorded: tuple[Path, dict], qtbot,  # type: ignore[no-untyped-def]
                                                       warnings: list[str]) -> None:
    folder, info = recorded
    window.anchor_panel.whole.click()  # "City:" is two rows below the target: zoom out to the whole window
    window.anchor_panel.set_mode("crop")
    label = info["boxes"]["City:"].grow(6)
    view = window.anchor_panel.picture
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=view_pos(window, label.x, label.y))
    qtbot.mouseMove(view, pos=view_pos(window, label.right, label.bottom))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=view_pos(window, label.right, label.bottom))
    assert window.anchor_panel.busy.isVisible()
    qtbot.waitUntil(lambda: not window.anchor_panel.busy.isVisible(), timeout=30000)
    assert warnings == []
    assert window.doc is not None and window.save()
    image = next(a for a in target_of(folder).anchors if isinstance(a, m.ImageAnchor))
    crop = read_png(folder / image.image)
    assert crop is not None and abs(crop.shape[1] - label.w) <= 4 and abs(crop.shape[0] - label.h) <= 4
    px, py = info["point"]
    assert abs(image.point[0] - (px - label.x)) <= 4 and abs(image.point[1] - (py - label.y)) <= 4


def test_cancel_frees_the_window_at_once_and_drops_the_late_result(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   warnings: list[str]) -> None:
    from deskpilot.gui import main_window

    release = threading.Event()

    def slow(*args: object, **kw: object) -> object:
        release.wait(10)
        raise AssertionError("a cancelled re-pick must not be applied")  # would show as a warning if it were

    monkeypatch.setattr(main_window, "repick_point", slow)
    panel = window.anchor_panel
    qtbot.mouseClick(panel.picture, Qt.MouseButton.LeftButton, pos=view_pos(window, 300, 20))
    assert panel.busy.isVisible() and not panel.picture.isEnabled()
    qtbot.mouseClick(panel.cancel, Qt.MouseButton.LeftButton)
    assert not panel.busy.isVisible() and panel.picture.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not window._tasks, timeout=10000)
    assert warnings == [] and window.doc is not None and not window.doc.is_dirty()


def test_a_run_asks_for_values_it_lacks_and_does_not_start_when_cancelled(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.gui.values_dialog import ValuesDialog, values_to_ask

    folder = tmp_path / "login"
    folder.mkdir()
    (folder / "routine.yaml").write_text(
        "deskpilot: 1\nname: login\nvariables: {user: clerk}\nsecrets: [password]\nsteps:\n"
        "  - type: '{{ user }}'\n  - type: '{{ password }}'\n  - type: '{{ customer }}'\n", encoding="utf-8")
    monkeypatch.delenv("DESKPILOT_SECRET_PASSWORD", raising=False)
    routine = load_routine(folder).routine
    names, known = values_to_ask(routine)
    assert names == ["customer", "password"] and known == {}
    monkeypatch.setenv("DESKPILOT_SECRET_PASSWORD", "s3cret")
    assert values_to_ask(routine) == (["customer"], {"password": "s3cret"})
    dialog = ValuesDialog(["customer", "password"], routine.secrets)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edits["customer"], "C-42")
    qtbot.keyClicks(dialog.edits["password"], "pw")
    assert dialog.values() == {"customer": "C-42", "password": "pw"}
    assert dialog.edits["password"].echoMode() == dialog.edits["password"].EchoMode.Password
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    win.open(folder / "routine.yaml")
    asked: list[m.Routine] = []
    win.ask_values = lambda r: asked.append(r)  # type: ignore[method-assign, func-returns-value]  # Cancel
    win.play(1)
    assert asked and win._worker is None and win._thread is None
