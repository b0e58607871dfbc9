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
        """Set a default in ``variables:`` (created when missing): a new variable, or a new default."""
        before = copy.deepcopy(self.loaded.document.get("variables"))

        def apply(_s: Any) -> None:
            self._put_variable(name, value)

        self.undo.push(_Edit(self, self.tr("set variable {name}").format(name=name), apply,
                             lambda _s: self._put_variables(before)))

    def _put_variable(self, name: str, value: str) -> None:
        doc = self.loaded.document  # looked up now: a save replaces the document object
        if not isinstance(doc.get("variables"), dict):
            doc.insert(list(doc).index("steps") if "steps" in doc else len(doc), "variables", CommentedMap())
        doc["variables"][name] = value

    def _put_variables(self, before: Any, key: str = "variables") -> None:
        """``variables:`` (or ``secrets:``) back as it was: a deep copy of it, or None for none; before the steps."""
        doc = self.loaded.document
        if before is None:
            doc.pop(key, None)
        elif key in doc:
            doc[key] = copy.deepcopy(before)
        else:
            doc.insert(list(doc).index("steps") if "steps" in doc else len(doc), key, copy.deepcopy(before))

    # --- variables: what a step types, made a name a spreadsheet's column (or the person) fills ---------------

    def variable_names(self) -> list[str]:
        """Every name the routine knows: its defaults, its secrets, and the names its steps use."""
        from deskpilot.variables import variables_used

        routine = self.routine
        if routine is None:
            return [str(n) for n in (self.loaded.document.get("variables") or {})]
        names = list(routine.variables) + [n for n in routine.secrets if n not in routine.variables]
        return names + [n for n in variables_used(routine) if n not in names]

    def uses_of(self, name: str) -> list[int]:
        """The rows whose step uses the variable (nested and called steps count for the step holding them)."""
        from deskpilot.variables import steps_using

        return steps_using(self.routine, name) if self.routine is not None else []

    def typed_value(self, row: int) -> str | None:
        """The text a typing step types when it is a plain value (no variable in it yet), else None."""
        from deskpilot.variables import names_in

        step = self.step(row)
        if not isinstance(step, m.Type) or not step.text or names_in(step.text):
            return None
        return step.text

    def suggested_variable(self, row: int) -> str:
        """A free name for the value a typing step types: after the label of the field the step before clicked
        ("Customer ID:" -> customer_id), as the recorder names one; "value" without a label."""
        from deskpilot.gui.sentences import field_label
        from deskpilot.variables import free_name, value_name

        before = self.step(row - 1) if row > 0 else None
        label = field_label(before.target) if isinstance(before, m.Click) else None
        return free_name(value_name(label) if label else "value", self.variable_names())

    def make_variable(self, row: int, name: str) -> None:
        """The value a typing step types becomes the default of variable ``name`` and the step types
        ``{{ name }}``: one undoable edit. A name already in use must have that very default (then the step
        shares it); anything else raises ValueError with the reason, and nothing changes."""
        from deskpilot.variables import NAME

        value = self.typed_value(row)
        if value is None:
            raise ValueError(self.tr("Only a step that types a plain value can make it a variable"))
        if not NAME.match(name):
            raise ValueError(self.tr("A variable's name is letters, digits and _, and starts with a letter: "
                                     "not '{name}'").format(name=name))
        routine = self.routine
        if routine is not None and name in routine.secrets:
            raise ValueError(self.tr("'{name}' is a secret: choose another name").format(name=name))
        known = routine.variables if routine is not None else {}
        if name in known and str(known[name]) != value:
            raise ValueError(self.tr("'{name}' is already a variable, with the default '{value}': choose another "
                                     "name").format(name=name, value=known[name]))
        if routine is not None and name not in known and name in self.variable_names():
            raise ValueError(self.tr("Steps already use '{name}' for another value: choose another name").format(
                name=name))
        kind = self.kind(row)
        step_before = copy.deepcopy(self.steps[row][kind])
        variables_before = copy.deepcopy(self.loaded.document.get("variables"))
        placeholder = "{{ " + name + " }}"

        def apply(s: Any) -> None:
            body = s[row][kind]
            if isinstance(body, dict):
                body["text"] = placeholder
            else:
                s[row][kind] = placeholder
            self._put_variable(name, value)

        def revert(s: Any) -> None:
            s[row][kind] = copy.deepcopy(step_before)
            self._put_variables(variables_before)

        self.undo.push(_Edit(self, self.tr("make step {n}'s value the variable {name}").format(n=row + 1, name=name),
                             apply, revert))

    def remove_variable(self, name: str) -> None:
        """Drop a variable (its default, or its place among the secrets); refused (ValueError) while a step uses it."""
        used = self.uses_of(name)
        if used:
            raise ValueError(self.tr("'{name}' is used by step {steps}").format(
                name=name, steps=", ".join(str(r + 1) for r in used)))
        doc = self.loaded.document
        variables_before = copy.deepcopy(doc.get("variables"))
        secrets_before = copy.deepcopy(doc.get("secrets"))

        def apply(_s: Any) -> None:
            doc = self.loaded.document
            variables, secrets = doc.get("variables"), doc.get("secrets")
            if isinstance(variables, dict):
                variables.pop(name, None)
                if not variables:
                    doc.pop("variables")
            if isinstance(secrets, list) and name in secrets:
                secrets.remove(name)
                if not secrets:
                    doc.pop("secrets")

        def revert(_s: Any) -> None:
            self._put_variables(variables_before)
            self._put_variables(secrets_before, "secrets")

        self.undo.push(_Edit(self, self.tr("remove variable {name}").format(name=name), apply, revert))

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
