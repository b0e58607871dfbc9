"""``{{ name }}`` placeholders: find them and fill them in, executing nothing.

Substitution is plain text replacement by name; there is no expression language,
so a value from a spreadsheet can never run code.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from deskpilot.errors import DataError
from deskpilot.format.registry import kind_of
from deskpilot.model import VARIABLE_NAME, Routine, Step, Target
from deskpilot.vision.text import join_words

T = TypeVar("T")

PLACEHOLDER = re.compile(r"\{\{\s*([^\W\d]\w*)\s*\}\}")  # letters of any script: a Chinese form's {{ 金额 }}
NAME = VARIABLE_NAME


def names_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def value_name(label: str) -> str:
    """A variable name after a field's label: "Customer ID:" -> customer_id, "金额：" -> 金额 (a Chinese
    spreadsheet's column heads are Chinese too); a label of no letters -> value.

    The recorder names a typed value with it, and the editor's "Make this a variable" does the same."""
    slug = re.sub(r"\W+", "_", join_words(unicodedata.normalize("NFKC", label).split()).lower()).strip("_")
    return slug if slug.isidentifier() else "value"


def free_name(name: str, taken: Iterable[str]) -> str:
    """``name``, or ``name_2``, ``name_3`` ... when it is taken."""
    used = set(taken)
    if name not in used:
        return name
    n = 2
    while f"{name}_{n}" in used:
        n += 1
    return f"{name}_{n}"


def substitute(text: str, values: Mapping[str, str], *, where: str = "") -> str:
    """Replace every placeholder; a name with no value is an error that says how to give one."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            prefix = f"{where}: " if where else ""
            raise DataError(f"{prefix}variable '{name}' has no value; give it with --var {name}=VALUE")
        return str(values[name])

    return PLACEHOLDER.sub(fill, text)


TEXT_FIELDS = ("text", "key", "note", "value", "expected")


def step_texts(step: Step) -> Iterable[str]:
    """Every text field of a step that may hold placeholders (not those of steps nested in it)."""
    for attr in TEXT_FIELDS:
        value = getattr(step, attr, None)
        if isinstance(value, str):
            yield value
    yield from (getattr(step, "with_values", None) or {}).values()
    for attr in ("target", "source", "dest"):
        target = getattr(step, attr, None)
        for anchor in getattr(target, "anchors", ()):
            for field_name in ("text", "window"):
                value = getattr(anchor, field_name, None)
                if isinstance(value, str):
                    yield value


def variables_used(routine: Routine) -> list[str]:
    """Names the routine needs, in first-use order, minus those a read step produces before use.

    Steps nested in ``if_visible`` count; a called recording adds what it needs beyond
    its own defaults and the values the call passes, and provides what it reads (the
    step registry says what each kind reads: the player brings exactly that back).
    """
    produced: set[str] = set()
    needed: list[str] = []
    _collect(routine.steps, produced, needed)
    return needed


def _collect(steps: Iterable[Step], produced: set[str], needed: list[str]) -> None:
    for step in steps:
        names = [n for text in step_texts(step) for n in names_in(text)]
        callee = getattr(step, "callee", None)
        if isinstance(callee, Routine):
            given = set(getattr(step, "with_values", {}))
            names += [n for n in variables_used(callee) if n not in callee.variables and n not in given]
        for name in names:
            if name not in produced and name not in needed:
                needed.append(name)
        _collect(getattr(step, "steps", ()) or (), produced, needed)
        produced.update(kind_of(step).reads(step))


def parse_assignments(pairs: Iterable[str]) -> dict[str, str]:
    """``--var k=v`` pairs into a dict, with a clear error for a malformed one."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not NAME.match(name):
            raise DataError(f"--var {pair!r}: expected NAME=VALUE with NAME made of letters, digits and _")
        out[name] = value
    return out


def missing_values(routine: Routine, values: Mapping[str, str]) -> list[str]:
    return [name for name in variables_used(routine) if name not in values and name not in routine.variables]


def fill_step(step: Step, values: Mapping[str, str], *, where: str = "") -> Step:
    """The step with every placeholder in its texts and anchor texts filled in."""
    changes: dict[str, Any] = {}
    for attr in ("text", "key", "value", "expected"):
        value = getattr(step, attr, None)
        if isinstance(value, str) and names_in(value):
            changes[attr] = substitute(value, values, where=where)
    given = getattr(step, "with_values", None)
    if given:
        changes["with_values"] = {k: substitute(v, values, where=where) for k, v in given.items()}
    for attr in ("target", "source", "dest"):
        target = getattr(step, attr, None)
        if isinstance(target, Target):
            changes[attr] = Target(anchors=tuple(_fill_anchor(a, values, where) for a in target.anchors))
    return dataclasses.replace(step, **changes) if changes else step


def _fill_anchor(anchor: T, values: Mapping[str, str], where: str) -> T:
    changes = {
        name: substitute(getattr(anchor, name), values, where=where)
        for name in ("text", "window")
        if isinstance(getattr(anchor, name, None), str) and names_in(getattr(anchor, name))
    }
    return dataclasses.replace(anchor, **changes) if changes else anchor  # type: ignore[type-var]


def steps_using(routine: Routine, name: str) -> list[int]:
    """The indexes of the routine's steps that use ``name``: in their texts, in the steps nested in them, or
    in a recording they call (which takes the caller's value): the steps a variable cannot be removed under."""

    def uses(step: Step) -> bool:
        callee = getattr(step, "callee", None)
        return uses_any(step, [name]) or any(uses(s) for s in getattr(step, "steps", ()) or ()) or (
            isinstance(callee, Routine) and name in variables_used(callee))

    return [i for i, step in enumerate(routine.steps) if uses(step)]


def uses_any(step: Step, names: Iterable[str]) -> bool:
    wanted = set(names)
    return bool(wanted) and any(name in wanted for text in step_texts(step) for name in names_in(text))
