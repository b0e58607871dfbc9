"""The Heal panel on real widgets: Accept is an undoable edit of the open routine, Reject is remembered."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from deskpilot import model as m
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QMessageBox
from tests.unit.format.test_heal import FULL, proposal, snapshot, write_report


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)  # ./reports is where ``deskpilot play`` leaves its reports
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shutil.copytree(FULL, tmp_path / "lib" / "full")
    write_report(tmp_path / "reports" / "full-20250102-090000", proposal(),
                 proposal("3", None, "element", {"element": "push button", "name": "Clear"}))
    win = MainWindow(tmp_path / "lib")
    win.ask_unsaved = lambda name: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.open(tmp_path / "lib" / "full" / "routine.yaml")
    return win


def shown(win: MainWindow) -> list[str]:
    return [win.heal.items.item(i).text() for i in range(win.heal.items.count())]


def test_the_proposals_show_on_their_steps(window: MainWindow) -> None:
    assert shown(window) == [
        "Step 1: replace its image anchor — the picture no longer matches; the element and the label agree on "
        "(412, 233)",
        "Step 3: add an element anchor — the picture no longer matches; the element and the label agree on "
        "(412, 233)"]
    assert "full-20250102-090000: 2 to review" in window.heal.header.text()
    window.heal.items.setCurrentRow(1)
    assert window.selected_row() == 2  # choosing a proposal shows its step
    window.select_row(0)
    assert window.heal.items.currentRow() == 0  # and choosing a step shows its proposal


def test_accept_changes_the_document_and_undo_takes_it_back(window: MainWindow, tmp_path: Path) -> None:
    doc = window.doc
    assert doc is not None
    before_text, before_files = doc.loaded.text, snapshot(tmp_path / "lib")
    window.heal.items.setCurrentRow(0)
    window.heal.accept_button.click()
    image = doc.routine.steps[0].target.anchors[2]  # type: ignore[union-attr]
    assert image == m.ImageAnchor(image="anchors/step-1-2.png", point=(20, 8), near=(412, 233))
    assert (tmp_path / "lib" / "full" / "anchors" / "step-1-2.png").is_file()  # copied when accepted
    assert doc.is_dirty() and (tmp_path / "lib" / "full" / "routine.yaml").read_text() == before_text  # not saved
    assert [t.split(":")[0] for t in shown(window)] == ["Step 3"]
    window.actions_by_name["undo"].trigger()
    assert not doc.is_dirty() and doc.routine == doc.loaded.routine
    from deskpilot.format import render

    assert render(doc.loaded) == before_text
    assert [t.split(":")[0] for t in shown(window)] == ["Step 1", "Step 3"]  # it is back for review
    window.actions_by_name["redo"].trigger()
    assert window.save()
    saved = (tmp_path / "lib" / "full" / "routine.yaml").read_text()
    assert "        - image: anchors/step-1-2.png\n" in saved and saved.count("\n") == before_text.count("\n") - 1
    assert set(snapshot(tmp_path / "lib")) - set(before_files) == {"full/anchors/step-1-2.png"}


def test_reject_hides_it_for_good(window: MainWindow, tmp_path: Path) -> None:
    report = tmp_path / "reports" / "full-20250102-090000"
    window.heal.items.setCurrentRow(1)
    window.heal.reject_button.click()
    assert [t.split(":")[0] for t in shown(window)] == ["Step 1"]
    saved = json.loads((report / "heal-rejected.json").read_text(encoding="utf-8"))
    assert [(r["step"], r["kind"]) for r in saved["rejected"]] == [("3", "element")]
    assert window.doc is not None and not window.doc.is_dirty()
    window.editor.open_again()
    window.heal.refresh()
    assert [t.split(":")[0] for t in shown(window)] == ["Step 1"]  # it does not come back


def test_a_proposal_for_a_step_changed_since_says_so(window: MainWindow) -> None:
    doc = window.doc
    assert doc is not None
    doc.delete(0)  # step 1 is another step now
    window.heal.items.setCurrentRow(0)
    assert not window.heal.accept_button.isEnabled()
    assert "the routine changed since that run" in window.heal.detail.text()
