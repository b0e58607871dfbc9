"""Sign this version and Approve this version from the window: the CLI's sign/approve, the badge following at once.

Real keys in a real keyring (gnome-keyring on a private D-Bus, the ``secret_service`` fixture); each person is
``DESKPILOT_USER``, as in tests/unit/compliance/test_signing.py. The questions are real QMessageBoxes whose
``exec`` is answered by clicking one of their buttons.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskpilot.compliance.approval import verify
from deskpilot.compliance.manifest import build_manifest
from deskpilot.format import load_routine
from deskpilot.gui import i18n
from deskpilot.gui.approval_actions import local_time
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QApplication, QMenu, QMessageBox, Qt

DATA = Path(__file__).resolve().parents[1] / "data" / "routines" / "valid"


@dataclass
class Answers:
    """What the window asked and said; ``accept`` decides the next questions' answers."""

    accept: bool = True
    asked: list[str] = field(default_factory=list)  # each question's text and informative text
    told: list[str] = field(default_factory=list)  # each warning's message


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    seen = Answers()

    def exec_(box: QMessageBox) -> int:
        seen.asked.append(box.text() + "\n" + box.informativeText())
        wanted = QMessageBox.ButtonRole.AcceptRole if seen.accept else QMessageBox.ButtonRole.RejectRole
        next(b for b in box.buttons() if box.buttonRole(b) == wanted).click()
        return 0

    def warning(parent: object, title: str, message: str, *args: object) -> QMessageBox.StandardButton:
        seen.told.append(message)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    return seen


@pytest.fixture
def folder(tmp_path: Path, secret_service: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DESKPILOT_USER", "alice")
    monkeypatch.setenv("DESKPILOT_POLICY", str(tmp_path / "no-policy.yaml"))
    shutil.copytree(DATA / "full", tmp_path / "lib" / "full")
    return tmp_path / "lib" / "full"


def open_window(qtbot: QtBot, folder: Path) -> MainWindow:
    win = MainWindow(folder.parent)
    win.ask_unsaved = lambda name: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.open(folder / "routine.yaml")
    return win


def sign(qtbot: QtBot, win: MainWindow) -> None:
    with qtbot.waitSignal(win.approval_actions.signed, timeout=20000):
        win.actions_by_name["sign"].trigger()
        assert not win.actions_by_name["sign"].isEnabled() and "Signing" in win.approval.text()  # busy meanwhile


def test_alice_signs_and_bob_approves_from_the_window(qtbot: QtBot, folder: Path, answers: Answers,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    win = open_window(qtbot, folder)
    sign_action, approve_action = win.actions_by_name["sign"], win.actions_by_name["approve"]
    assert win.approval.state == "unsigned" and sign_action.isEnabled()
    assert not approve_action.isEnabled() and "Not signed yet" in approve_action.toolTip()
    sign(qtbot, win)
    assert win.approval.state == "signed" and "alice" in win.approval.text()
    assert verify(folder).status == "signed" and answers.asked == [] and answers.told == []
    assert approve_action.isEnabled() and sign_action.isEnabled()
    monkeypatch.setenv("DESKPILOT_USER", "bob")
    with qtbot.waitSignal(win.approval_actions.approved, timeout=20000):
        approve_action.trigger()
    [question] = answers.asked
    signed_by = verify(folder).author
    assert signed_by is not None
    assert "Approve full as bob?" in question
    assert f"alice signed it on {signed_by.host} at {local_time(signed_by.at)}" in question
    assert f"Files the signature covers: {len(build_manifest(folder).files)}" in question
    assert "yourself" not in question and answers.told == []
    assert win.approval.state == "approved" and "bob" in win.approval.text()
    verdict = verify(folder)
    assert verdict.status == "approved" and [a.user for a in verdict.approvers] == ["bob"]


def test_the_author_approving_is_warned_and_the_refusal_shown_as_one_line(qtbot: QtBot, folder: Path,
                                                                          answers: Answers) -> None:
    win = open_window(qtbot, folder)
    sign(qtbot, win)
    with qtbot.waitSignal(win.approval_actions.failed, timeout=20000) as refused:
        win.actions_by_name["approve"].trigger()
    [question] = answers.asked
    assert "You (alice) signed this version yourself" in question
    [message] = answers.told
    assert refused.args == [message]
    assert "was signed by alice, who may not approve it too" in message
    assert "\n" not in message and "Traceback" not in message
    assert win.approval.state == "signed" and verify(folder).status == "signed"
    assert win.actions_by_name["approve"].isEnabled()  # not busy any more


def test_unsaved_edits_are_saved_before_signing_and_the_saved_file_is_what_is_signed(
        qtbot: QtBot, folder: Path, answers: Answers) -> None:
    win = open_window(qtbot, folder)
    steps = len(load_routine(folder).routine.steps)
    win.select_row(1)
    win.actions_by_name["delete"].trigger()
    assert win.doc is not None and win.doc.is_dirty()
    assert not win.actions_by_name["approve"].isEnabled()
    answers.accept = False  # Cancel: nothing saved, nothing signed
    win.actions_by_name["sign"].trigger()
    assert len(answers.asked) == 1 and "full has unsaved changes" in answers.asked[0]
    assert win.doc.is_dirty() and verify(folder).status == "unsigned"
    assert len(load_routine(folder).routine.steps) == steps
    answers.accept = True  # Save and sign
    sign(qtbot, win)
    assert len(answers.asked) == 2 and not win.doc.is_dirty()
    assert len(load_routine(folder).routine.steps) == steps - 1
    verdict = verify(folder)
    assert verdict.status == "signed" and verdict.author is not None and verdict.author.user == "alice"
    assert win.approval.state == "signed"


def test_signing_an_approved_version_again_asks_first(qtbot: QtBot, folder: Path, answers: Answers,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    win = open_window(qtbot, folder)
    sign(qtbot, win)
    monkeypatch.setenv("DESKPILOT_USER", "bob")
    with qtbot.waitSignal(win.approval_actions.approved, timeout=20000):
        win.actions_by_name["approve"].trigger()
    monkeypatch.setenv("DESKPILOT_USER", "alice")
    answers.accept = False
    win.actions_by_name["sign"].trigger()
    assert "full is approved by bob." in answers.asked[-1]
    assert verify(folder).status == "approved" and win.approval.state == "approved"


def test_the_actions_need_an_open_recording_and_the_badge_offers_them(qtbot: QtBot, folder: Path) -> None:
    win = MainWindow(folder.parent)
    qtbot.addWidget(win)
    sign_action, approve_action = win.actions_by_name["sign"], win.actions_by_name["approve"]
    assert not sign_action.isEnabled() and not approve_action.isEnabled()
    assert sign_action.toolTip() == "Open a recording first"
    assert sign_action in win.menuBar().actions()[0].menu().actions()  # the File menu
    win.open(folder / "routine.yaml")
    assert sign_action.isEnabled() and not approve_action.isEnabled()
    badge = win.approval
    assert badge.actions() == [sign_action, approve_action]
    assert badge.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu  # the right-click menu
    win.show()
    qtbot.waitExposed(win)
    qtbot.mouseClick(badge, Qt.MouseButton.LeftButton)
    menu = badge.findChild(QMenu)
    assert menu is not None and menu.actions() == [sign_action, approve_action]
    qtbot.waitUntil(menu.isVisible)
    menu.close()
    assert win.close_recording()
    assert not sign_action.isEnabled() and not approve_action.isEnabled()


def test_the_actions_speak_chinese(qtbot: QtBot, folder: Path, qapp: QApplication,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV, "zh_CN")
    assert i18n.install(qapp) == "zh_CN"
    try:
        win = open_window(qtbot, folder)
        assert win.actions_by_name["sign"].text() == "为此版本签名…"
        assert win.actions_by_name["approve"].text() == "审批此版本…"
        assert win.actions_by_name["approve"].toolTip() == "尚未签名：需由作者先为此版本签名"
    finally:
        i18n.remove(qapp)
