"""The window's shell: main actions on a toolbar that fits, the rest in menus, Start here while nothing is open."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskpilot.gui import main_window
from deskpilot.gui.main_window import EXAMPLES, MainWindow
from deskpilot.gui.qt import QApplication, QDialogButtonBox, QDockWidget, Qt, QToolButton
from deskpilot.gui.start_panel import NameDialog, clean_name
from deskpilot.gui.theme import apply_scheme

DATA = Path(__file__).resolve().parents[1] / "data" / "routines" / "valid"
TOOLBAR = ["record", "play", "pause", "stop", "play_data", "find", "save"]
SHORTCUTS = {"record": "Ctrl+R", "save": "Ctrl+S", "undo": "Ctrl+Z", "redo": "Ctrl+Y", "delete": "Del",
             "duplicate": "Ctrl+D", "up": "Alt+Up", "down": "Alt+Down", "play": "F5", "play_from": "Shift+F5",
             "play_data": "Ctrl+F5", "stop": "Esc", "step": "F10", "breakpoint": "F9", "pause": "F6",
             "find": "Ctrl+F"}  # as they were when every action sat on one toolbar


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    shutil.copytree(DATA / "full", tmp_path / "lib" / "full")
    monkeypatch.setattr(main_window, "save_settings", lambda settings: None)  # not the session's store
    win = MainWindow(tmp_path / "lib")
    qtbot.addWidget(win)
    return win


@pytest.fixture(params=["light", "dark"])
def scheme(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[str]:
    apply_scheme(qapp, request.param)
    yield request.param
    apply_scheme(qapp, "system")


def menu_actions(win: MainWindow) -> dict[str, list[str]]:
    """Each menu's title (without its &) and the actions' object texts in it."""
    out = {}
    for top in win.menuBar().actions():
        menu = top.menu()
        out[top.text().replace("&", "")] = [a.text() for a in menu.actions() if not a.isSeparator()]
    return out


def test_the_menus_hold_every_action_with_the_shortcuts_it_had(window: MainWindow) -> None:
    menus = menu_actions(window)
    assert list(menus) == ["File", "Edit", "Step", "Run", "View"]
    listed = {text for texts in menus.values() for text in texts}
    assert all(action.text() in listed for action in window.actions_by_name.values())
    for name, keys in SHORTCUTS.items():
        assert window.actions_by_name[name].shortcut().toString() == keys, name
    assert window.actions_by_name["save"].toolTip() == "Save (Ctrl+S)"
    inserts = [a.text() for n, a in window.actions_by_name.items() if n.startswith("insert_")]
    assert "Insert a wait" in inserts and "Insert a check" in inserts
    assert not [text for text in inserts if "_" in text]  # human names, never "Insert wait_for"
    assert {"Library", "Step", "Anchors", "Variables", "Runs", "Heal", "Main actions"} <= set(menus["View"])


def test_the_main_toolbar_holds_the_main_actions_and_fits_1280_pixels(window: MainWindow, scheme: str,
                                                                      qtbot: QtBot) -> None:
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    bar = window.main_toolbar
    shown = [a for a in bar.actions() if not a.isSeparator()]
    assert shown == [window.actions_by_name[name] for name in TOOLBAR]
    assert [a.iconText() for a in shown] == ["Record", "Play", "Pause", "Stop", "Run with data", "Find now", "Save"]
    assert all(not a.icon().isNull() for a in shown)
    assert bar.sizeHint().width() <= 1280
    assert all(bar.widgetForAction(a).isVisible() for a in shown)  # none pushed behind the >> chevron
    chevron = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert chevron is None or not chevron.isVisible()
    assert window.menuBar().sizeHint().width() <= 1280
    assert bar.widgetForAction(window.actions_by_name["record"]).font().bold()


def test_start_here_while_nothing_is_open_the_steps_while_a_recording_is(window: MainWindow, tmp_path: Path) -> None:
    actions = window.actions_by_name
    assert window.centre.currentWidget() is window.start_panel
    assert not actions["play"].isEnabled() and not actions["insert_click"].isEnabled()
    assert actions["record"].isEnabled() and actions["settings"].isEnabled()
    assert window.findChild(QDockWidget, "anchors").isHidden()  # nothing to show about a recording yet
    assert [window.start_panel.recent.item(i).text() for i in range(window.start_panel.recent.count())] == \
        ["Every step — 22 steps"]
    assert window.start_panel.examples.count() == len(list(EXAMPLES.glob("*/routine.yaml")))
    window.start_panel.recent.itemClicked.emit(window.start_panel.recent.item(0))  # one click opens it
    assert window.doc is not None and window.doc.path == tmp_path / "lib" / "full" / "routine.yaml"
    assert window.centre.currentWidget() is window.table
    assert window.recordings.currentItem().text() == "Every step — 22 steps"  # marked in the library too
    assert actions["play"].isEnabled() and actions["insert_click"].isEnabled()
    assert not window.findChild(QDockWidget, "anchors").isHidden()  # the panels about a recording come with it
    assert window.close_recording()
    assert window.doc is None and window.centre.currentWidget() is window.start_panel
    assert not actions["play"].isEnabled() and window.windowTitle() == "DeskPilot"


def test_record_asks_for_a_name_when_none_is_given(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    started: list[str] = []
    monkeypatch.setattr(window.runs, "start_recording", lambda: started.append(window.new_name.text()))
    window.ask_name = lambda suggested: asked.append(suggested)  # type: ignore[method-assign,func-returns-value]
    window.actions_by_name["record"].trigger()  # the toolbar's Record (Ctrl+R)
    assert asked == ["recording-1"] and started == []  # cancelled: nothing records
    window.ask_name = lambda suggested: "enter-claims"  # type: ignore[method-assign]
    window.record_button.click()
    assert started == ["enter-claims"]
    window.ask_name = lambda suggested: pytest.fail("a usable name was given")  # type: ignore[method-assign]
    window.new_name.setText("Month end")
    window.record_button.click()
    assert started[-1] == "Month-end"  # spaces become '-': a folder name


def test_the_name_dialog_suggests_and_checks_the_name(qtbot: QtBot, tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    dialog = NameDialog(tmp_path, "recording-1")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.name.text() == "recording-1" and ok.isEnabled()
    for bad in ("taken", "../up", ".hidden", ""):
        dialog.name.setText(bad)
        assert not ok.isEnabled() and dialog.problem.text(), bad
    dialog.name.setText("  new one ")
    assert ok.isEnabled() and dialog.value() == "new-one" == clean_name("  new one ")


def test_examples_are_listed_once_apart_from_the_persons_recordings(qtbot: QtBot, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    shutil.copytree(EXAMPLES / "demo", library / "demo")  # an unchanged copy: the example is not listed again
    shutil.copytree(EXAMPLES / "expense-claims", library / "expense-claims")
    changed = library / "expense-claims" / "routine.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "# mine now\n", encoding="utf-8")
    win = MainWindow(library)
    qtbot.addWidget(win)
    panel = win.library_panel
    mine = [panel.recordings.item(i).text() for i in range(panel.recordings.count())]
    shipped = [panel.examples.item(i).text() for i in range(panel.examples.count())]
    assert mine == ["Enter a customer — 18 steps", "Enter expense claims — 14 steps"]
    assert "Enter a customer — 18 steps" not in shipped and "Enter expense claims — 14 steps" in shipped
    assert len(shipped) == len(set(shipped)) == len(list(EXAMPLES.glob("*/routine.yaml"))) - 1
    assert "open" in panel.hint.text() and "Click to open" in panel.examples.item(0).toolTip()

    (tmp_path / "examples").symlink_to(EXAMPLES)  # the examples folder itself, by another path
    win.library = tmp_path / "examples"
    win.refresh_library()
    assert panel.examples.count() == 0 and panel.examples.isHidden()
    assert panel.recordings.count() == len(list(EXAMPLES.glob("*/routine.yaml")))


def test_one_click_in_the_library_opens_and_a_second_does_not_reopen(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    view = window.recordings
    item = view.item(0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center())
    assert window.doc is not None and window.doc.path.parent.name == "full"
    doc = window.doc
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(view.item(0)).center())
    assert window.doc is doc  # the one open already: not opened again


def test_search_filters_both_sections(window: MainWindow) -> None:
    window.search.setText("expense")
    assert window.recordings.count() == 0 and window.library_panel.empty.text() == "Nothing matches the search."
    assert [window.library_panel.examples.item(i).text() for i in range(window.library_panel.examples.count())] == \
        ["Enter expense claims — 14 steps"]
