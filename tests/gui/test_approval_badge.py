"""The status bar says whether the open recording is the version an approver signed, and an edit says it is not.

Real keys in a real keyring (gnome-keyring on a private D-Bus, the ``secret_service`` fixture).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deskpilot.compliance.approval import approve, sign
from deskpilot.compliance.identity import Actor
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QMessageBox

DATA = Path(__file__).resolve().parents[1] / "data" / "routines" / "valid"


@pytest.fixture
def approved(tmp_path: Path, secret_service: dict[str, str]) -> Path:
    folder = tmp_path / "full"
    shutil.copytree(DATA / "full", folder)
    sign(folder, Actor("alice", "desk-1"))
    approve(folder, Actor("bob", "desk-2"))
    return folder


def open_window(qtbot, folder: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(folder.parent)
    win.ask_unsaved = lambda name: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.open(folder / "routine.yaml")
    return win


def test_an_approved_recording_says_so_and_an_edit_says_the_approval_is_gone(qtbot, approved: Path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(qtbot, approved)
    assert win.approval.state == "approved" and "bob" in win.approval.text()
    win.select_row(1)
    win.actions_by_name["delete"].trigger()
    assert win.approval.state == "edited" and "bob" in win.approval.text()
    win.actions_by_name["undo"].trigger()
    assert win.approval.state == "approved"
    win.select_row(1)
    win.actions_by_name["delete"].trigger()
    assert win.save()
    assert win.approval.state == "changed" and "routine.yaml" in win.approval.text()


def test_an_unsigned_recording_says_not_signed(qtbot, tmp_path: Path, secret_service: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "full"
    shutil.copytree(DATA / "full", folder)
    win = open_window(qtbot, folder)
    assert win.approval.state == "unsigned"

