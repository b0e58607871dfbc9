"""The step list a clerk reads: a sentence, an icon per kind, a picture of the element, a strong/weak badge,
✓/✗ and seconds after a run, the running step highlighted -- changed through the model, read off the view."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QBrush, QColor, QIcon, Qt
from deskpilot.gui.step_table import COLUMNS, NOTE_ROLE, PICTURE, SENTENCE_ROLE, StepTableModel
from deskpilot.gui.theme import colour
from tests.gui.recorded import Recorded, make_recording, open_window


@pytest.fixture
def recorded(tmp_path: Path) -> Recorded:
    return make_recording(tmp_path / "customer")


@pytest.fixture
def window(qtbot, recorded: Recorded) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, recorded)


def model_of(win: MainWindow) -> StepTableModel:
    assert win.model is not None
    return win.model


def test_each_row_says_its_step_as_a_sentence(window: MainWindow) -> None:
    model = model_of(window)
    said = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert said == ["Click the field 'Customer ID'", "Type 'C-1001' into 'Customer ID'",
                    "Type the password (secret)", "Click 'Save'", "Click the window 'Customer Master'",
                    "Wait until 'Saved C-1001' shows"]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] == [
        "#", "step", "anchors", "result"]  # every column has a header: no blank one


def test_a_note_shows_under_its_sentence_and_the_whole_text_is_in_the_tooltip(window: MainWindow) -> None:
    assert window.doc is not None
    window.doc.set_field(3, "note", "the form saves here")
    model = model_of(window)
    index = model.index(3, 1)
    assert index.data() == "Click 'Save'\nthe form saves here"
    assert index.data(SENTENCE_ROLE) == "Click 'Save'" and index.data(NOTE_ROLE) == "the form saves here"
    assert "Click 'Save'" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Note: the form saves here" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_every_row_has_the_icon_of_its_kind_and_a_step_with_a_target_its_picture(window: MainWindow) -> None:
    model = model_of(window)
    for row in range(model.rowCount()):
        kind_icon = model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
        assert isinstance(kind_icon, QIcon) and not kind_icon.isNull()
    first, save = (model.index(r, 2).data(Qt.ItemDataRole.DecorationRole) for r in (0, 3))
    for picture in (first, save):
        assert isinstance(picture, QIcon)
        pixmap = picture.pixmap(PICTURE)
        assert pixmap.deviceIndependentSize().height() >= 48
    assert model.index(1, 2).data(Qt.ItemDataRole.DecorationRole) is None  # typing has no picture
    assert window.table.iconSize().height() >= 48 and window.table.rowHeight(0) >= 48 + 8


def test_the_picture_is_of_the_element_not_an_empty_box(window: MainWindow, recorded: Recorded) -> None:
    """The first click's picture is cut from its screen beside its label: it shows ink, not a blank field."""
    import numpy as np

    model = model_of(window)
    picture = model.index(0, 2).data(Qt.ItemDataRole.DecorationRole).pixmap(PICTURE).toImage()
    grey = np.array([[QColor(picture.pixel(x, y)).lightness() for x in range(picture.width())]
                     for y in range(picture.height())])
    assert (grey < 100).mean() > 0.02  # the end of "Customer ID:" and the field's frame


def test_a_badge_says_strong_or_weak_instead_of_the_anchor_kinds(window: MainWindow) -> None:
    model = model_of(window)
    badges = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert badges == ["strong", "", "", "strong", "⚠ weak", "strong"]
    weak = model.index(4, 2)
    assert "the picture is not unique on its frame" in weak.data(Qt.ItemDataRole.ToolTipRole)
    assert weak.data(Qt.ItemDataRole.ForegroundRole).color() == colour("weak")
    assert "Found by the field labelled 'Customer ID:', its picture, and its place in 'Customer Master - ACME ERP'" \
        in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)


def test_after_a_run_each_step_shows_done_or_failed_and_its_seconds(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = model_of(window)
    with qtbot.waitSignal(model.dataChanged):
        model.set_results([(0, "ok", 0.42, None), (1, "ok", 1.25, None),
                           (2, "failed", 10.0, "step 3 (type): the field did not take the text")])
    assert [model.index(r, 3).data() for r in range(4)] == ["✓ 0.4 s", "✓ 1.2 s", "✗ 10.0 s", ""]
    assert "the field did not take the text" in model.index(2, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(2, 1).data(Qt.ItemDataRole.BackgroundRole).color() == colour("failed")
    model.set_results([(3, "skipped", None, None)])  # more results keep the earlier ones
    assert model.index(0, 3).data() == "✓ 0.4 s" and model.index(3, 3).data() == "skipped"
    model.clear_results()
    assert [model.index(r, 3).data() for r in range(4)] == ["", "", "", ""]
    model.results[1] = "ok"  # what the run side wrote before set_results: still shown
    assert model.index(1, 3).data() == "✓"


def test_the_step_being_played_is_highlighted_and_kept_in_sight(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = model_of(window)
    with qtbot.waitSignal(model.current_changed) as seen:
        model.set_current(2)
    assert seen.args == [2]
    background = model.index(2, 1).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QBrush) and background.color() == colour("current")
    assert model.index(2, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(2, 0).data().startswith("▶")
    assert model.index(1, 1).data(Qt.ItemDataRole.BackgroundRole) is None
    model.mark(None)  # the older name, as the run side calls it
    assert model.current is None and model.index(2, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_long_sentence_ends_in_an_ellipsis_and_is_whole_in_the_tooltip(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from deskpilot.gui.step_table import _wrapped

    assert window.doc is not None
    long_value = "a very long value that someone typed " * 4
    window.doc.set_field(1, "text", long_value.strip())
    model = model_of(window)
    tip = model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert long_value.strip() in tip  # the typed text whole, though the sentence cuts it
    font = window.table.font()
    lines = _wrapped(model.index(1, 1).data(SENTENCE_ROLE), font, 160, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")


def test_nothing_is_cut_at_1280_pixels(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 1280 px the sentence column is wide enough for the recorded sentences on at most two lines."""
    from deskpilot.gui.qt import QFontMetrics

    qtbot.wait(50)
    model = model_of(window)
    width = window.table.columnWidth(1) - 12
    metrics = QFontMetrics(window.table.font())
    assert width >= 240
    for row in range(model.rowCount()):
        assert metrics.horizontalAdvance(model.index(row, 1).data(SENTENCE_ROLE)) <= 2 * width
    for column in (0, 2, 3):  # the header of each narrow column is not cut either
        header = model.headerData(column, Qt.Orientation.Horizontal)
        assert metrics.horizontalAdvance(header) <= window.table.columnWidth(column)
