"""The anchor editor opens on the target, enlarged, with its anchors in one sentence; "Whole window" zooms out;
the marks go around things, their words under the picture."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.geometry import Point, Rect
from deskpilot.gui.anchor_editor import AnchorPanel, zoom_view
from deskpilot.gui.repick import recorded_screen
from tests.gui.recorded import Recorded, make_recording, open_window


@pytest.fixture
def recorded(tmp_path: Path) -> Recorded:
    return make_recording(tmp_path / "customer")


@pytest.fixture
def panel(qtbot, recorded: Recorded) -> AnchorPanel:  # type: ignore[no-untyped-def]
    from deskpilot.format import load_routine

    panel = AnchorPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 560)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_step(load_routine(recorded.folder).routine.steps[0], recorded.folder)
    return panel


def shown(panel: AnchorPanel) -> Rect:
    """The part of the recorded screen the picture shows, in screen pixels."""
    view = panel.picture
    assert view.source_size is not None
    return Rect(view.origin.x, view.origin.y, *view.source_size)


def test_it_opens_zoomed_on_the_target_not_the_whole_window(panel: AnchorPanel, recorded: Recorded) -> None:
    region = shown(panel)
    assert region.contains(recorded.point) and region.contains(recorded.label.center)
    assert region.w < 0.7 * recorded.window.w  # a part of the window: the one around the target
    picture = panel.picture.pixmap().deviceIndependentSize()
    assert picture.width() / region.w >= 1.0  # shown at least at its size: readable
    assert max(picture.width() / panel.picture.width(), picture.height() / panel.picture.height()) > 0.95  # fills it


def test_whole_window_zooms_out_and_back(panel: AnchorPanel, recorded: Recorded) -> None:
    zoomed = shown(panel)
    panel.whole.click()
    assert shown(panel) == recorded.window  # the recorded window, not the black around it
    panel.whole.click()
    assert shown(panel) == zoomed


def test_a_click_on_the_zoomed_picture_is_a_pixel_of_the_screen(panel: AnchorPanel, recorded: Recorded,  # type: ignore[no-untyped-def]
                                                                qtbot) -> None:
    from deskpilot.gui.qt import QPoint, Qt

    got: list[tuple[int, int]] = []
    panel.picture.picked.connect(lambda x, y: got.append((x, y)))
    at = panel.picture.from_source(recorded.point.x, recorded.point.y)
    assert at is not None
    qtbot.mouseClick(panel.picture, Qt.MouseButton.LeftButton, pos=QPoint(round(at[0]), round(at[1])))
    assert got and Point(*got[0]).distance(recorded.point) <= 2


def test_the_anchors_are_one_sentence_and_the_marks_are_explained_beside_the_picture(panel: AnchorPanel) -> None:
    assert panel.summary.text() == ("Found by the field labelled 'Customer ID:', its picture, and its place in "
                                    "'Customer Master - ACME ERP'.")
    assert not panel.details.isVisible() and "offset" in panel.details.text()  # the raw anchors, on request
    panel.details_button.click()
    assert panel.details.isVisible()
    legend = panel.legend.text()
    assert all(word in legend for word in ("click", "label", "picture", "window"))
    assert panel.legend.geometry().top() >= panel.picture.geometry().bottom()  # under the picture, not on it
    assert "where the step clicks" in panel.legend.toolTip()


def test_the_point_mark_leaves_the_target_itself_clear(panel: AnchorPanel, recorded: Recorded) -> None:
    """The mark is a ring around the point with ticks outside it: the pixels at the point are the screen's."""
    from deskpilot.gui.qt import QColor

    image = panel.picture.grab().toImage()
    at = panel.picture.from_source(recorded.point.x, recorded.point.y)
    assert at is not None
    ring = QColor(image.pixel(round(at[0]), round(at[1])))
    assert not (ring.red() > 180 and ring.green() < 80)  # not the red of the mark


def test_the_zoom_keeps_the_point_in_sight_when_the_label_is_too_far(recorded: Recorded) -> None:
    from deskpilot.format import load_routine
    from deskpilot.gui.anchor_editor import marks

    step = load_routine(recorded.folder).routine.steps[0]
    screen = recorded_screen(step, recorded.folder)
    assert screen is not None
    drawn = marks(step.target, recorded.folder)  # type: ignore[attr-defined]
    narrow = zoom_view(drawn, screen, (160, 300), recorded.window)
    assert narrow is not None and narrow.grow(-20).contains(recorded.point)


def test_the_main_window_shows_the_selected_steps_target_zoomed(qtbot, recorded: Recorded) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, recorded)
    win.select_row(0)
    region = shown(win.anchor_panel)
    assert region.contains(recorded.point) and region.w < recorded.window.w
