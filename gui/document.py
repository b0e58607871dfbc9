"""An open routine in the editor: the ruamel document, its undo stack, validation as you edit, atomic saves.

Edits change the round-trip document in place, node by node, so a save keeps every
hand-written comment and the formatting of untouched steps.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from deskpilot import model as m
from deskpilot.errors import Problem
from deskpilot.format import LoadedRoutine, load_routine, save_routine, validate_document
from deskpilot.format.registry import STEPS
from deskpilot.gui.qt import QObject, QUndoCommand, QUndoStack, Signal


def _new_step(kind: str) -> CommentedMap:
    """A fresh ``- kind: example`` item: each insert gets its own nodes, so undo and later edits stay apart."""
    example = STEPS[kind].example
    assert example is not None
    return CommentedMap([(kind, example())])


# the kinds the editor can insert, in the registry's order: those with an example body
NEW_STEPS: dict[str, Callable[[], CommentedMap]] = {
    kind: partial(_new_step, kind) for kind, spec in STEPS.items() if spec.example is not None}


class RoutineDocument(QObject):
    """The model the views subscribe to; every edit is an undoable command."""

    changed = Signal()
    saved = Signal(str)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.loaded: LoadedRoutine = load_routine(path)
        self.undo = QUndoStack(self)
        self.undo.cleanChanged.connect(self._on_clean_changed)
        self.routine: m.Routine | None = self.loaded.routine
        self.problems: list[Problem] = []

    def restore(self, text: str) -> None:
        """Take a document text (an autosave) as an undoable edit of the whole routine."""
        from deskpilot.format import yamlio

        restored = yamlio.parse(text, str(self.path))
        before = copy.deepcopy(self.loaded.document)

        def swap(doc: Any) -> None:
            self.loaded.document.clear()
            self.loaded.document.update(copy.deepcopy(doc))

        self.undo.push(_Edit(self, self.tr("restore unsaved changes"), lambda _s: swap(restored),
                             lambda _s: swap(before)))

    def _on_clean_changed(self, _clean: bool) -> None:
        self.changed.emit()

    # --- reading -----------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.loaded.path

    @property
    def steps(self) -> Any:
        return self.loaded.document["steps"]

    def kind(self, row: int) -> str:
        return str(next(iter(self.steps[row])))

    def body(self, row: int) -> Any:
        return self.steps[row][self.kind(row)]

    def describe(self, row: int) -> str:
        if self.routine is not None and row < len(self.routine.steps):
            return self.routine.steps[row].describe()
        return self.kind(row)

    def main_key(self, row: int) -> str:
        """The key a step's bare value stands for (``press: tab`` is ``{key: tab}``); a target's text otherwise."""
        spec = STEPS.get(self.kind(row))
        return spec.shorthand if spec is not None and spec.shorthand else "text"

    def step(self, row: int) -> m.Step | None:
        return self.routine.steps[row] if self.routine is not None and row < len(self.routine.steps) else None

    def is_dirty(self) -> bool:
        return not self.undo.isClean()

    # --- editing (through the undo stack) ------------------------------------------------------

    def delete(self, row: int) -> None:
        self.undo.push(_Edit(self, self.tr("delete step {n}").format(n=row + 1), lambda s: s.pop(row),
                             lambda s, node=self.steps[row]: s.insert(row, node)))

    def duplicate(self, row: int) -> None:
        node = copy.deepcopy(self.steps[row])
        self.undo.push(_Edit(self, self.tr("duplicate step {n}").format(n=row + 1), lambda s: s.insert(row + 1, node),
                             lambda s: s.pop(row + 1)))

    def move(self, row: int, to: int) -> None:
        if row == to or not (0 <= to < len(self.steps)):
            return
        self.undo.push(_Edit(self, self.tr("move step {n}").format(n=row + 1), lambda s: s.insert(to, s.pop(row)),
                             lambda s: s.insert(row, s.pop(to))))

    def insert(self, row: int, kind: str) -> None:
        node = NEW_STEPS[kind]()
        self.undo.push(_Edit(self, self.tr("insert {kind}").format(kind=kind), lambda s: s.insert(row, node),
                             lambda s: s.pop(row)))

    def set_field(self, row: int, key: str, value: Any) -> None:
        """Set ``key`` in a step's settings; a shorthand step (``type: text``) becomes a mapping first."""
        kind, bare = self.kind(row), self.main_key(row)
        before = copy.deepcopy(self.steps[row][kind])

        def apply(s: Any) -> None:
            body = s[row][kind]
            if not isinstance(body, dict):
                body = CommentedMap([(bare, body)])
                s[row][kind] = body
            if value in (None, ""):
                body.pop(key, None)
            else:
                body[key] = value

        def revert(s: Any) -> None:
            s[row][kind] = copy.deepcopy(before)

        self.undo.push(_Edit(self, self.tr("set {key} of step {n}").format(key=key, n=row + 1), apply, revert))

    def set_target(self, row: int, target: m.Target, weak: str | None = None, frame: str | None = None) -> None:
        """Replace a step's target (a re-pick): written out in full, inline anchor keys removed.

        ``frame`` is the screen the new target was picked on, when it is not the one already kept.
        """
        from deskpilot.format.nodes import target_node
        from deskpilot.format.targets import ALL_ANCHOR_KEYS

        kind = self.kind(row)
        before = copy.deepcopy(self.steps[row][kind])

        def apply(s: Any) -> None:
            body = s[row][kind]
            if not isinstance(body, dict):
                body = CommentedMap()
                s[row][kind] = body
            for key in [k for k in body if k in ALL_ANCHOR_KEYS]:
                del body[key]
            body["target"] = target_node(target)
            body.pop("weak", None)  # a fresh pick passed its own self-check, or says why not
            if weak:
                body["weak"] = weak
            if frame:
                body["frame"] = frame

        def revert(s: Any) -> None:
            s[row][kind] = copy.deepcopy(before)

        self.undo.push(_Edit(self, self.tr("re-pick target of step {n}").format(n=row + 1), apply, revert))

    def set_anchor(self, edit: Any) -> None:
        """Put one healed anchor into its step (a ``deskpilot.format.heal.Edit``), undoable like a re-pick."""
        from deskpilot.format.heal import put_anchor

        row = edit.where[0]
        before = copy.deepcopy(self.steps[row])

        def revert(s: Any) -> None:
            s[row] = copy.deepcopy(before)

        self.undo.push(_Edit(self, self.tr("heal step {n}").format(n=edit.proposal.step),
                             lambda s: put_anchor(s, edit), revert))

    def set_variable(self, name: str, value: str) -> None:
        """Set a default in ``variables:`` (created when missing)."""
        before = copy.deepcopy(self.loaded.document.get("variables"))

        def apply(_s: Any) -> None:
            doc = self.loaded.document  # looked up now: a save replaces the document object
            if not isinstance(doc.get("variables"), dict):
                doc.insert(list(doc).index("steps") if "steps" in doc else len(doc), "variables", CommentedMap())
            doc["variables"][name] = value

        def revert(_s: Any) -> None:
            doc = self.loaded.document
            if before is None:
                doc.pop("variables", None)
            else:
                doc["variables"] = copy.deepcopy(before)

        self.undo.push(_Edit(self, self.tr("set variable {name}").format(name=name), apply, revert))

    # --- validation and saving --------------------------------------------------------------------

    def revalidate(self) -> None:
        routine, problems = validate_document(self.loaded.document, self.path)
        self.routine, self.problems = routine, problems
        self.changed.emit()

    def save(self) -> bool:
        """Atomic save, only of a valid routine: a file that will not load is never written."""
        if self.problems:
            return False
        save_routine(self.loaded)
        self.loaded = load_routine(self.path)
        self.undo.setClean()
        self.saved.emit(str(self.path))
        return True


class _Edit(QUndoCommand):
    def __init__(self, doc: RoutineDocument, text: str, redo: Any, undo: Any) -> None:
        super().__init__(text)
        self.doc, self._redo, self._undo = doc, redo, undo

    def redo(self) -> None:
        self._redo(self.doc.steps)
        self.doc.revalidate()

    def undo(self) -> None:
        self._undo(self.doc.steps)
        self.doc.revalidate()
