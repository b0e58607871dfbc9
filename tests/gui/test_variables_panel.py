"""Variables a clerk makes without editing YAML: "Make this a variable" on a typing step (named after its field,
the recorded value kept as its default, one undo), and the Variables panel's Add and Remove."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot.format import load_routine
from deskpilot.gui.main_window import MainWindow
from tests.gui.recorded import Recorded, make_recording, open_window


@pytest.fixture
def recorded(tmp_path: Path) -> Recorded:
    return make_recording(tmp_path / "customer")


@pytest.fixture
def window(qtbot, recorded: Recorded) -> MainWindow:  # type: ignore[no-untyped-def]
    return open_window(qtbot, recorded)


def asked(win: MainWindow, answer: str | None = None) -> list[tuple[str, str]]:
    """Answer the name question with the suggestion (or ``answer``); returns what was asked."""
    questions: list[tuple[str, str]] = []

    def ask(suggested: str, value: str) -> str | None:
        questions.append((suggested, value))
        return suggested if answer is None else answer

    win.editor.ask_variable_name = ask
    return questions


def test_make_this_a_variable_names_it_after_the_field_and_keeps_the_recorded_value(window: MainWindow,
                                                                                    recorded: Recorded) -> None:
    doc, model = window.doc, window.model
    assert doc is not None and model is not None
    questions = asked(window)
    window.select_row(1)  # type: C-1001, right after the click into "Customer ID:"
    assert window.editor.make_variable_button.isVisible()
    window.editor.make_variable_button.click()
    assert questions == [("customer_id", "C-1001")]
    assert doc.body(1) == "{{ customer_id }}" and doc.routine is not None
    assert doc.routine.variables == {"customer_id": "C-1001"}
    assert model.index(1, 1).data() == "Type the customer ID into 'Customer ID'"
    assert window.variables.names() == ["customer_id", "password"]
    assert window.variables.item(0, 1).text() == "C-1001"  # the recorded value is the default shown
    assert "customer_id" in window.editor.variable_info.text() and "C-1001" in window.editor.variable_info.text()
    assert not window.editor.make_variable_button.isVisible()

    assert window.save()
    text = (recorded.folder / "routine.yaml").read_text(encoding="utf-8")
    assert "- type: '{{ customer_id }}'" in text and "# the recorded value" in text  # the comment survives
    assert "variables:\n  customer_id: C-1001\n" in text and text.index("variables:") < text.index("steps:")
    routine = load_routine(recorded.folder).routine
    assert routine.steps[1].text == "{{ customer_id }}" and routine.variables == {"customer_id": "C-1001"}  # type: ignore[attr-defined]

    window.actions_by_name["undo"].trigger()  # one undo: the text and the variable together
    assert doc.body(1) == "C-1001" and doc.routine is not None and doc.routine.variables == {}
    assert window.variables.names() == ["password"]


def test_the_step_rows_context_menu_offers_it_only_on_a_plain_typed_value(window: MainWindow) -> None:
    asked(window, "cust")
    menu = window.editor.row_menu(1)
    make = menu.actions()[0]
    assert make.text() == "Make this a variable…" and make.isEnabled()
    assert not window.editor.row_menu(2).actions()[0].isEnabled()  # already the secret {{ password }}
    assert not window.editor.row_menu(0).actions()[0].isEnabled()  # a click types nothing
    make.trigger()
    assert window.doc is not None and window.doc.body(1) == "{{ cust }}"


def test_a_name_that_would_change_another_value_is_refused_and_nothing_changes(window: MainWindow) -> None:
    doc = window.doc
    assert doc is not None
    doc.set_variable("customer_id", "C-9999")
    asked(window)
    window.select_row(1)
    assert doc.suggested_variable(1) == "customer_id_2"  # the free name after the label
    asked(window, "customer_id")
    assert not window.editor.make_variable(1)
    assert "already a variable" in window.editor.problems.text() and doc.body(1) == "C-1001"
    asked(window, "2x")
    assert not window.editor.make_variable(1) and "letters, digits and _" in window.editor.problems.text()
    asked(window, "password")
    assert not window.editor.make_variable(1) and "secret" in window.editor.problems.text()


def test_the_name_comes_from_the_recorders_own_naming() -> None:
    from deskpilot import variables
    from deskpilot.recorder import routine

    assert routine.value_name is variables.value_name  # one function, not a second copy
    assert variables.value_name("Customer ID:") == "customer_id" and variables.value_name("金额：") == "金额"
    assert variables.free_name("city", ["city", "city_2"]) == "city_3"


def test_the_panel_adds_a_variable_with_its_default(window: MainWindow, recorded: Recorded) -> None:
    panel = window.variables
    assert panel.add_button.isEnabled()
    panel.ask_new = lambda taken: ("region", "EU")  # what the Add dialog answers
    panel.add_button.click()
    assert panel.names() == ["region", "password"] and panel.item(0, 1).text() == "EU"
    assert not panel.add_variable("region", "US") and "already" in panel.message.text()  # a name twice
    assert not panel.add_variable("", "x") and not panel.add_variable("no spaces", "x")
    panel.item(0, 1).setText("APAC")  # the default is edited in place
    assert window.save()
    assert load_routine(recorded.folder).routine.variables == {"region": "APAC"}


def test_remove_is_refused_while_a_step_uses_the_variable(window: MainWindow, recorded: Recorded) -> None:
    panel, doc = window.variables, window.doc
    assert doc is not None
    asked(window)
    window.editor.make_variable(1)
    doc.set_variable("unused", "x")
    assert not panel.remove_variable("customer_id")
    assert panel.message.text() == ("“customer_id” cannot be removed: step 2 uses it (Type the customer ID into "
                                    "'Customer ID'). Change those steps first.")
    assert doc.routine is not None and "customer_id" in doc.routine.variables
    with pytest.raises(ValueError, match="used by step 2"):
        doc.remove_variable("customer_id")  # the document refuses too
    panel.table.selectRow(panel.names().index("unused"))
    panel.remove_button.click()
    assert "unused" not in panel.names() and panel.message.text() == ""
    assert not panel.remove_variable("password")  # a secret a step types is refused the same way
    window.actions_by_name["undo"].trigger()
    assert "unused" in panel.names()


def test_a_routine_without_variables_says_how_to_make_one(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "routine.yaml").write_text("deskpilot: 1\nname: plain\nsteps:\n  - press: tab\n", encoding="utf-8")
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    win.open(folder / "routine.yaml")
    panel = win.variables
    assert panel.rowCount() == 0 and not panel.hint.isHidden() and "Add" in panel.hint.text()
    assert panel.add_button.isEnabled()


def test_a_typing_step_written_in_full_keeps_its_other_settings(window: MainWindow, recorded: Recorded) -> None:
    doc = window.doc
    assert doc is not None
    doc.set_field(1, "note", "the customer's number")  # `type: C-1001` becomes `type: {text: C-1001, note: ...}`
    asked(window)
    assert window.editor.make_variable(1)
    assert dict(doc.body(1)) == {"text": "{{ customer_id }}", "note": "the customer's number"}
    assert window.save()
    step = load_routine(recorded.folder).routine.steps[1]
    assert step.text == "{{ customer_id }}" and step.note == "the customer's number"  # type: ignore[attr-defined]


def test_the_add_dialog_takes_only_a_free_valid_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    from deskpilot.gui.qt import QDialogButtonBox
    from deskpilot.gui.values_dialog import NewVariableDialog

    dialog = NewVariableDialog(["customer_id"])
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "name" in dialog.problem.text()
    qtbot.keyClicks(dialog.name, "customer_id")
    assert not ok.isEnabled() and "already" in dialog.problem.text()
    dialog.name.setText("金额")
    qtbot.keyClicks(dialog.default, "12.50")
    assert ok.isEnabled() and dialog.answer() == ("金额", "12.50")
