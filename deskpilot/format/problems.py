"""Collecting every problem in a routine file with its line, and suggesting the key that was meant."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from deskpilot.errors import Problem


def line_of(node: Any, key: object = None, default: int = 1) -> int:
    """1-based line of a key in a mapping, an item in a sequence, or the node itself."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return default
    try:
        if key is None:
            found = lc.line
        elif isinstance(key, int) and not isinstance(node, dict):
            found = lc.item(key)[0]
        else:
            found = lc.key(key)[0]
    except (KeyError, IndexError, TypeError, AttributeError):
        found = getattr(lc, "line", None)
    return int(found) + 1 if isinstance(found, int) else default  # a node made in memory has no line yet


def suggest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


@dataclass
class Collector:
    """Where problems gather while a whole document is checked; the step in focus is named in each."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    step: int | None = None
    kind: str | None = None

    def add(self, line: int | None, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(file=self.file, line=line, message=message, step=self.step, kind=self.kind,
                                     hint=hint))

    def unknown_keys(self, node: Any, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in node:
            if key not in allowed:
                self.add(line_of(node, key), f"unknown key '{key}'",
                         suggest(key, allowed) or f"allowed here: {', '.join(sorted(allowed))}")
