"""The editor on real widgets: edit, reorder, undo/redo, validation, round-trip saves, changes on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deskpilot.format import load_routine
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.sentences import sentences
from deskpilot.gui.qt import QMessageBox, Qt

DATA = Path(__file__).resolve().parents[1] / "data" / "routines" / "valid"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    for name in ("full", "demo"):
        shutil.copytree(DATA / name, tmp_path / name)
    win = MainWindow(tmp_path)
    win.answers: list[str] = []  # type: ignore[attr-defined]

    def answer(name: str) -> QMessageBox.StandardButton:
        win.answers.append(name)  # type: ignore[attr-defined]
        return QMessageBox.StandardButton.Discard

    win.ask_unsaved = answer  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.open(tmp_path / "full" / "routine.yaml")
    return win


def rows(win: MainWindow) -> list[str]:
    assert win.model is not None
    return [win.model.index(r, 1).data() for r in range(win.model.rowCount())]


def test_the_library_lists_the_recordings_and_filters(window: MainWindow) -> None:
    from deskpilot.gui.main_window import EXAMPLES

    examples = len(list(EXAMPLES.glob("*/routine.yaml")))
    assert examples >= 3  # the demo and the data examples
    labels = [window.recordings.item(i).text() for i in range(window.recordings.count())]
    shipped = window.library_panel.examples
    assert len(labels) == 2  # the examples are in a section of their own, each once: the demo copied here is not
    assert shipped.count() == examples - 1 and "Enter a customer — 18 steps" in labels  # listed again as an example
    window.search.setText("every")
    assert [window.recordings.item(i).text() for i in range(window.recordings.count())] == ["Every step — 22 steps"]
    assert shipped.count() == 0


def test_delete_undo_redo(window: MainWindow) -> None:
    before = rows(window)
    window.select_row(1)
    window.actions_by_name["delete"].trigger()
    assert rows(window) == before[:1] + before[2:]
    window.actions_by_name["undo"].trigger()
    assert rows(window) == before
    window.actions_by_name["redo"].trigger()
    assert rows(window) == before[:1] + before[2:]


def test_reorder_and_save_keep_the_hand_comments(window: MainWindow, tmp_path: Path) -> None:
    before = rows(window)
    window.select_row(1)
    window.actions_by_name["down"].trigger()
    assert rows(window)[1:3] == [before[2], before[1]]
    assert window.selected_row() == 2
    assert window.save()
    text = (tmp_path / "full" / "routine.yaml").read_text(encoding="utf-8")
    assert "# the label" in text and "# single quotes stay single" in text and "name: 'Every step'" in text
    reloaded = load_routine(tmp_path / "full").routine
    assert window.model is not None
    assert sentences(reloaded) == [window.model.sentence(r) for r in range(window.model.rowCount())]


def test_editing_a_field_validates_as_you_type(window: MainWindow, tmp_path: Path) -> None:
    window.select_row(6)  # type: "{{ customer_id }}"
    window.field_main.setText("C-{{ customer_id }}")
    window.field_main.editingFinished.emit()
    assert rows(window)[6] == "Type 'C-[customer ID]'"  # the variable said by name, in words
    window.field_timeout.setText("-1")
    window.field_timeout.editingFinished.emit()
    assert "'timeout' must be greater than 0, not -1.0" in window.problems.text()
    assert not window.actions_by_name["save"].isEnabled()
    assert not window.save()  # an invalid routine is never written
    window.actions_by_name["undo"].trigger()
    assert window.problems.text() == "" and window.actions_by_name["save"].isEnabled()
    assert window.save()
    assert load_routine(tmp_path / "full").routine.steps[6].text == "C-{{ customer_id }}"  # type: ignore[attr-defined]


def test_duplicate_and_insert(window: MainWindow) -> None:
    n = len(rows(window))
    window.select_row(0)
    window.actions_by_name["duplicate"].trigger()
    window.actions_by_name["insert_press"].trigger()
    assert len(rows(window)) == n + 2
    assert rows(window)[1] == rows(window)[0] and rows(window)[2] == "Press Tab"


def test_unsaved_edits_are_autosaved_and_the_autosave_goes_on_save(window: MainWindow, tmp_path: Path) -> None:
    autosave = tmp_path / "full" / ".routine.yaml.autosave"
    window.select_row(0)
    window.actions_by_name["delete"].trigger()
    assert autosave.exists() and "Every step" in autosave.read_text(encoding="utf-8")
    window.save()
    assert not autosave.exists()


def test_a_file_changed_on_disk_is_reloaded_when_there_are_no_edits(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                                    tmp_path: Path) -> None:
    path = tmp_path / "full" / "routine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: 'Every step'", "name: 'Changed outside'"),
                    encoding="utf-8")
    qtbot.waitUntil(lambda: window.doc is not None and window.doc.loaded.routine.name == "Changed outside", timeout=5000)


def test_closing_with_unsaved_edits_asks_first(window: MainWindow) -> None:
    window.select_row(0)
    window.actions_by_name["delete"].trigger()
    window.close()
    assert window.answers == ["full"]  # type: ignore[attr-defined]


def test_the_anchor_panel_shows_a_steps_anchors_and_its_picture(window: MainWindow) -> None:
    window.select_row(0)
    text = window.anchor_panel.summary.text()  # the anchors in one sentence
    assert text.startswith("Found by the text field the application calls 'Customer ID', the field labelled "
                           "'Customer ID:', its picture, and its place in 'Customer Master'.")
    details = window.anchor_panel.details.text()  # and as the file writes them, for whoever edits the YAML
    assert "text “Customer ID:”" in details and "image anchors/001.png" in details and "window /^Customer Master/" in details
    assert window.anchor_panel.picture.pixmap() is not None and not window.anchor_panel.picture.pixmap().isNull()
    assert window.model is not None and window.model.index(0, 2).data(Qt.ItemDataRole.DecorationRole) is not None


def test_the_runs_panel_lists_each_run_with_the_time_saved(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.result import RunReport
    from deskpilot.player.history import record_run

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shutil.copytree(DATA / "demo", tmp_path / "demo")
    record_run(tmp_path / "demo", RunReport(routine="d", started="2026-11-24T10:00:00+00:00", status="passed",
                                            seconds=5.0, manual_seconds=60), None)
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    win.open(tmp_path / "demo" / "routine.yaml")
    assert [win.history.item(i).text() for i in range(win.history.count())] == [
        "2026-11-24 10:00  passed  5.0 s, saved 55 s"]
    assert win.recordings.item(0).text().endswith(", last run 2026-11-24 10:00 passed")  # in the library too


def test_breakpoints_are_marked_in_the_list(window: MainWindow) -> None:
    window.select_row(2)
    window.actions_by_name["breakpoint"].trigger()
    assert window.model is not None and window.model.index(2, 0).data() == "● 3"
    window.actions_by_name["breakpoint"].trigger()
    assert window.model.index(2, 0).data() == "3"


def test_settings_are_kept_and_change_the_library(window: MainWindow, tmp_path: Path) -> None:
    from deskpilot.gui.settings import Settings, load_settings

    other = tmp_path / "elsewhere"
    shutil.copytree(DATA / "minimal", other / "minimal")
    window.apply_settings(Settings(lang="eng+chi_sim", timeout=4.0, stop_hotkey="ctrl+alt+shift+q",
                                   pause_hotkey="ctrl+alt+shift+w", library=str(other)))
    assert load_settings().lang == "eng+chi_sim" and load_settings().timeout == 4.0
    labels = [window.recordings.item(i).text() for i in range(window.recordings.count())]
    assert labels == ["Press tab — 1 steps"] and window.library_panel.examples.count() > 0  # examples apart
    assert window.statusBar().currentMessage() == f"The library now shows {other}."  # switched visibly


def test_dragging_a_step_moves_it_and_undo_puts_it_back(window: MainWindow) -> None:
    assert window.model is not None
    before = rows(window)
    data = window.model.mimeData([window.model.index(0, 0)])
    window.model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, window.model.index(-1, -1))
    assert rows(window)[:3] == [before[1], before[2], before[0]]
    window.actions_by_name["undo"].trigger()
    assert rows(window) == before


def test_a_repicked_target_replaces_the_old_one_and_saves(window: MainWindow, tmp_path: Path) -> None:
    from deskpilot import model as m

    assert window.doc is not None
    new = m.Target(anchors=(m.TextAnchor(text="Clear", offset=(0, 0)), m.PointAnchor(at=(5, 6))))
    window.doc.set_target(2, new, weak="picked by hand")  # step 3 was the inline `click: {text: Clear}`
    assert rows(window)[2] == "Click 'Clear'"
    assert window.save()
    step = load_routine(tmp_path / "full").routine.steps[2]
    assert step.target == new and step.weak == "picked by hand"  # type: ignore[attr-defined]
    window.actions_by_name["undo"].trigger()
    assert window.doc.step(2).target.anchors == (m.TextAnchor(text="Clear"),)  # type: ignore[union-attr]


def test_variables_are_edited_in_the_document(window: MainWindow, tmp_path: Path) -> None:
    assert window.doc is not None
    window.doc.set_variable("region", "EU")
    window.doc.set_variable("customer_id", "C-9")
    assert window.save()
    text = (tmp_path / "full" / "routine.yaml").read_text(encoding="utf-8")
    assert load_routine(tmp_path / "full").routine.variables == {"customer_id": "C-9", "amount": "12.50", "region": "EU"}
    assert text.index("variables:") < text.index("steps:")


def test_a_click_on_the_picture_maps_to_frame_pixels(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from deskpilot.ports import Frame
    from deskpilot.gui.qt import QPixmap

    label = window.anchor_panel.picture
    label.resize(400, 300)
    pixmap = QPixmap(400, 250)
    window.anchor_panel.set_picture(pixmap, Frame(np.zeros((800, 1280, 3), np.uint8)))
    got: list[tuple[int, int]] = []
    label.picked.connect(lambda x, y: got.append((x, y)))
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=label.rect().center())
    assert got and abs(got[0][0] - 640) <= 8 and abs(got[0][1] - 400) <= 8


def test_the_variables_panel_shows_and_edits_defaults(window: MainWindow, tmp_path: Path) -> None:
    panel = window.variables
    names = [panel.item(i, 0).text() for i in range(panel.rowCount())]
    assert names == ["customer_id", "amount"]
    panel.item(1, 1).setText("99.90")
    assert window.save()
    assert load_routine(tmp_path / "full").routine.variables["amount"] == "99.90"
    window.actions_by_name["undo"].trigger()
    assert panel.item(1, 1).text() == "12.50"


def test_edits_lost_in_a_crash_are_offered_back_from_the_autosave(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(DATA / "full", tmp_path / "full")
    first = MainWindow(tmp_path)
    qtbot.addWidget(first)
    first.open(tmp_path / "full" / "routine.yaml")
    first.select_row(0)
    first.actions_by_name["delete"].trigger()  # then the program dies: no save, no question
    n = len(rows(first))
    first.watcher.removePaths(first.watcher.files())  # a dead program watches nothing ...
    assert first.doc is not None
    first.doc.undo.setClean()  # ... and asks nothing when the test closes it

    again = MainWindow(tmp_path)
    again.ask_restore = lambda path: True  # type: ignore[method-assign]
    again.ask_unsaved = lambda name: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(again)
    again.open(tmp_path / "full" / "routine.yaml")
    assert len(rows(again)) == n and again.doc is not None and again.doc.is_dirty()
    assert again.save()
    assert len(load_routine(tmp_path / "full").routine.steps) == n
    assert not (tmp_path / "full" / ".routine.yaml.autosave").exists()
