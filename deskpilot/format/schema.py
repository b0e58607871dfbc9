"""Format version 1: the document's top level, checked into the typed model; each step by its kind's builder.

Every problem is collected with its line; nothing stops at the first. What each step
kind's body may hold is in ``deskpilot.format.registry``.
"""

from __future__ import annotations

import re
from typing import Any

from deskpilot import model as m
from deskpilot.format import values as v
from deskpilot.format.problems import Collector, line_of
from deskpilot.format.registry import parse_step
from deskpilot.format.step_values import as_written

TOP_KEYS = ("deskpilot", "name", "manual_seconds", "lang", "timeout", "variables", "secrets", "on_failure", "steps")
ON_FAILURE = re.compile(r"stop|skip|retry(:[1-9][0-9]*)?")
LANG = re.compile(r"[A-Za-z_]+(\+[A-Za-z_]+)*")


def parse_document(c: Collector, doc: Any, *, folder: Any) -> m.Routine | None:
    c.unknown_keys(doc, TOP_KEYS)
    name = v.text(c, doc, "name") if "name" in doc else None
    kw: dict[str, Any] = {}
    if "manual_seconds" in doc:
        kw["manual_seconds"] = v.number(c, doc, "manual_seconds", minimum=0)
    if "lang" in doc:
        kw["lang"] = v.text(c, doc, "lang")
        if kw["lang"] is not None and not LANG.fullmatch(kw["lang"]):
            c.add(line_of(doc, "lang"), f"'lang' must be Tesseract language codes joined by '+', not {kw['lang']!r}",
                  "e.g. eng, or eng+chi_sim")
            kw["lang"] = None
    if "timeout" in doc:
        kw["timeout"] = v.number(c, doc, "timeout", positive=True)
    if "variables" in doc:
        kw["variables"] = _variables(c, doc)
    if "secrets" in doc:
        kw["secrets"] = _secrets(c, doc)
    if "on_failure" in doc:
        kw["on_failure"] = v.text(c, doc, "on_failure")
        if kw["on_failure"] is not None and not ON_FAILURE.fullmatch(kw["on_failure"]):
            c.add(line_of(doc, "on_failure"), f"'on_failure' must be stop, skip, retry or retry:N, not "
                  f"{kw['on_failure']!r}", "e.g. on_failure: retry:2")
            kw["on_failure"] = None
    steps = _steps(c, doc)
    if c.problems or steps is None:
        return None
    return m.Routine(name=name or (folder.name if folder else "routine"), steps=tuple(steps), folder=folder,
                     **{k: val for k, val in kw.items() if val is not None})


def _variables(c: Collector, doc: Any) -> dict[str, str] | None:
    node = doc["variables"]
    if node is None:
        return {}
    if not isinstance(node, dict):
        c.add(line_of(doc, "variables"), "'variables' must be a mapping of name: default value")
        return None
    out = {}
    for key, value in node.items():
        if not m.VARIABLE_NAME.match(str(key)):
            c.add(line_of(node, key), f"variable name '{key}' must be letters, digits and _ (not starting with a digit)")
        elif isinstance(value, (dict, list)):
            c.add(line_of(node, key), f"variable '{key}' must have a plain value")
        else:
            out[str(key)] = as_written(value)
    return out


def _secrets(c: Collector, doc: Any) -> tuple[str, ...] | None:
    node = doc["secrets"]
    if not isinstance(node, list) or not all(isinstance(x, str) and m.VARIABLE_NAME.match(x) for x in node):
        c.add(line_of(doc, "secrets"), "'secrets' must be a list of variable names, e.g. [password]")
        return None
    return tuple(node)


def _steps(c: Collector, doc: Any) -> list[m.Step] | None:
    node = doc.get("steps")
    if not node:
        c.add(line_of(doc, "steps") if "steps" in doc else 1, "the routine has no steps",
              "add a 'steps:' list, e.g. '  - click: Save'")
        return None
    if not isinstance(node, list):
        c.add(line_of(doc, "steps"), "'steps' must be a list of steps, each starting with '- '")
        return None
    steps: list[m.Step] = []
    for i, item in enumerate(node):
        c.step, c.kind = i + 1, None
        step = parse_step(c, item, line_of(node, i))
        if step is not None:
            steps.append(step)
    c.step = c.kind = None
    return steps
