"""Sign this version... and Approve this version...: ``deskpilot sign`` / ``deskpilot approve`` from the window.

The same functions as the command line (``compliance.approval.sign`` / ``approve``), on the
same folder, as the same person (``current_actor``). A signature covers the files on disk, so
unsaved edits are saved first or nothing is signed: signing the disk while the window shows
something else would sign the wrong thing. An approver sees who signed, when, and how many
files the signature covers before approving. Signing reads the key from the OS keyring, which
may put an unlock prompt up: it runs off the GUI thread (``task``) while the badge says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deskpilot.errors import DeskPilotError
from deskpilot.gui import task
from deskpilot.gui.approval_badge import ApprovalBadge
from deskpilot.gui.qt import QAction, QApplication, QMessageBox, QObject, Qt, Signal

if TYPE_CHECKING:
    from deskpilot.compliance.approval import Verdict
    from deskpilot.compliance.identity import Actor
    from deskpilot.gui.main_window import MainWindow

APPROVABLE = ("signed", "approved")  # another approver may add their approval to an approved version


class ApprovalActions(QObject):
    """Runs the window's two approval actions and keeps them enabled only where they can do something."""

    signed = Signal(object)  # the Verdict after signing
    approved = Signal(object)  # the Verdict after approving
    failed = Signal(str)  # the refusal or error, as the person was shown it

    def __init__(self, win: MainWindow, badge: ApprovalBadge, sign_action: QAction, approve_action: QAction) -> None:
        super().__init__(win)
        self.win, self.badge = win, badge
        self.sign_action, self.approve_action = sign_action, approve_action
        self.busy = False
        badge.offer([sign_action, approve_action])
        badge.shown.connect(self._on_shown)
        self.refresh()

    # --- what may be done now ------------------------------------------------------------------------------

    def folder(self) -> Path | None:
        doc = self.win.doc
        return doc.path.parent if doc is not None else None

    def approve_blocker(self) -> str | None:
        """Why Approve cannot be used now, or None."""
        doc = self.win.doc
        if doc is None:
            return self.tr("Open a recording first")
        if self.busy:
            return self.tr("Signing or approving is under way")
        if doc.is_dirty():
            return self.tr("The window shows unsaved edits, not the signed version: undo them (or save and sign "
                           "the new version) first")
        state = self.badge.state
        if state in APPROVABLE:
            return None
        if state == "changed":
            return self.tr("Changed since it was signed: its author signs the new version first")
        if state == "bad-signature":
            return self.tr("A signature does not match: its author signs it again first")
        return self.tr("Not signed yet: its author signs this version first")

    def refresh(self) -> None:
        """Enable the actions where they can act; a disabled Approve says why in its tooltip."""
        doc_open = self.win.doc is not None
        self.sign_action.setEnabled(doc_open and not self.busy)
        self.sign_action.setToolTip(self.sign_action.text() if doc_open else self.tr("Open a recording first"))
        blocker = self.approve_blocker()
        self.approve_action.setEnabled(blocker is None)
        self.approve_action.setToolTip(self.approve_action.text() if blocker is None else blocker)

    def _on_shown(self) -> None:
        if not self.busy:
            self.refresh()

    # --- Sign this version ---------------------------------------------------------------------------------

    def sign(self) -> None:
        """Save first when there are edits (or nothing is signed), then sign what is on disk as its author."""
        from deskpilot.compliance.approval import sign as sign_recording
        from deskpilot.compliance.identity import current_actor

        doc, folder = self.win.doc, self.folder()
        if doc is None or folder is None or self.busy:
            return
        if doc.is_dirty() and not (self.ask_save_first(folder.name) and self.win.save()):
            return  # cancelled, or the edits do not save (the status bar says why)
        if self.badge.state == "approved" and not self.ask_sign_again(folder.name, self._approvers()):
            return
        actor = current_actor()
        self._start(self.tr("Signing {name} ...").format(name=folder.name), lambda: sign_recording(folder, actor),
                    lambda verdict: self._on_signed(verdict, actor), self.tr("Sign this version"))

    def ask_save_first(self, name: str) -> bool:
        """Save and sign, or Cancel."""
        return self._ask(QMessageBox.Icon.Question, self.tr("Sign this version"),
                         self.tr("{name} has unsaved changes.").format(name=name),
                         self.tr("A signature covers the saved files, so the changes are saved first."),
                         self.tr("Save and sign"))

    def ask_sign_again(self, name: str, approvers: str) -> bool:
        """Signing an approved version again makes it a new one: its approval goes."""
        return self._ask(QMessageBox.Icon.Warning, self.tr("Sign this version"),
                         self.tr("{name} is approved by {who}.").format(name=name, who=approvers),
                         self.tr("Signing it again makes it a new version: the approval goes, and it needs "
                                 "approving again."), self.tr("Sign again"))

    def _on_signed(self, verdict: Verdict, actor: Actor) -> None:
        self.win.statusBar().showMessage(self.tr("Signed {name} as {user}: another person approves it now")
                                         .format(name=verdict.folder.name, user=actor.user))
        self.signed.emit(verdict)

    # --- Approve this version ------------------------------------------------------------------------------

    def approve(self) -> None:
        """Show who signed what and when; approve as the person acting now once they confirm."""
        from deskpilot.compliance.approval import approve as approve_recording
        from deskpilot.compliance.approval import verify
        from deskpilot.compliance.identity import current_actor
        from deskpilot.compliance.manifest import build_manifest
        from deskpilot.compliance.policy import load_policy

        title = self.tr("Approve this version")
        folder = self.folder()
        blocker = self.approve_blocker()
        if folder is None or blocker is not None:
            if folder is not None and not self.busy:
                self.tell(title, blocker or "")
            return
        try:
            verdict = verify(folder)
            manifest = build_manifest(folder)
            allow_self = load_policy().approver_may_author
        except DeskPilotError as exc:
            self.tell(title, str(exc))
            return
        if verdict.status not in APPROVABLE or verdict.author is None:
            self.badge.show_for(folder)  # the disk changed since the badge looked: it says what now
            self.tell(title, "\n".join(verdict.lines()[:1]))
            return
        actor = current_actor()
        if not self.confirm_approve(folder.name, verdict, sorted(manifest.files), sorted(manifest.calls),
                                    actor.user, allow_self):
            return
        self._start(self.tr("Approving {name} ...").format(name=folder.name),
                    lambda: approve_recording(folder, actor, allow_self=allow_self),
                    lambda result: self._on_approved(result, actor), title)

    def confirm_approve(self, name: str, verdict: Verdict, files: list[str], calls: list[str], user: str,
                        allow_self: bool) -> bool:
        """Approve, or Cancel: the author, when they signed, what the signature covers; a warning for the author."""
        author = verdict.author
        assert author is not None
        lines = [self.tr("{author} signed it on {host} at {time} (key {key}).").format(
                     author=author.user, host=author.host, time=local_time(author.at), key=_fingerprint(author.key)),
                 self.tr("Files the signature covers: {count}").format(count=len(files))]
        if calls:
            lines.append(self.tr("Recordings it calls, covered too: {count}").format(count=len(calls)))
        if verdict.approvers:
            lines.append(self.tr("Approved already by {who}").format(who=", ".join(a.user for a in verdict.approvers)))
        self_approval = author.user == user
        if self_approval and allow_self:
            lines.append("⚠ " + self.tr("You ({user}) signed this version yourself. Your team's policy lets an author "
                                        "approve their own recording; the approval will say so.").format(user=user))
        elif self_approval:
            lines.append("⚠ " + self.tr("You ({user}) signed this version yourself: another person must approve it. "
                                        "DeskPilot refuses an author's approval unless your team's policy allows it.")
                         .format(user=user))
        details = "\n".join(files + calls)
        return self._ask(QMessageBox.Icon.Warning if self_approval else QMessageBox.Icon.Question,
                         self.tr("Approve this version"),
                         self.tr("Approve {name} as {user}?").format(name=name, user=user), "\n".join(lines),
                         self.tr("Approve"), details)

    def _on_approved(self, verdict: Verdict, actor: Actor) -> None:
        self.win.statusBar().showMessage(self.tr("Approved {name} as {user}").format(name=verdict.folder.name,
                                                                                     user=actor.user))
        self.approved.emit(verdict)

    # --- running it, and the questions (methods of their own, so tests answer them) ---------------------------------

    def _start(self, what: str, work: Callable[[], Verdict], on_done: Callable[[Verdict], None], title: str) -> None:
        """``work`` off the GUI thread (the keyring may prompt); busy until it ends; the badge looks again after."""
        self.busy = True
        self.refresh()
        self.badge.set_busy(what)
        self.win.statusBar().showMessage(what)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def done(result: Any) -> None:
            self._end()
            on_done(result)

        def failed(message: str) -> None:
            self._end()
            self.win.statusBar().clearMessage()
            self.tell(title, message)
            self.failed.emit(message)

        thread = task.start(self, work, done, failed)
        tasks = self.win._tasks  # the window waits for these before it closes
        tasks.append(thread)
        thread.finished.connect(lambda: tasks.remove(thread) if thread in tasks else None)

    def _end(self) -> None:
        QApplication.restoreOverrideCursor()
        self.busy = False
        doc = self.win.doc
        self.badge.show_for(doc.path.parent if doc is not None else None, dirty=doc is not None and doc.is_dirty())

    def tell(self, title: str, message: str) -> None:
        """A refusal or an error, as the person reads it: its one line, never a traceback."""
        QMessageBox.warning(self.win, title, message)

    def _approvers(self) -> str:
        from deskpilot.compliance.approval import verify

        folder = self.folder()
        try:
            return ", ".join(a.user for a in verify(folder).approvers) if folder is not None else ""
        except DeskPilotError:
            return ""

    def _ask(self, icon: QMessageBox.Icon, title: str, text: str, informative: str, accept: str,
             details: str = "") -> bool:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, self.win)
        box.setInformativeText(informative)
        if details:
            box.setDetailedText(details)
        go = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go


def local_time(at: str) -> str:
    """A signature's UTC time as the person's local date and time; the stored text when it is not one."""
    try:
        return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at


def _fingerprint(key: str) -> str:
    from deskpilot.compliance.keys import fingerprint

    try:
        return fingerprint(key)
    except ValueError:
        return "?"
