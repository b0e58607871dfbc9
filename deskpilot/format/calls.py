"""``call`` steps: the called recording is loaded and checked with its caller, so a run never starts
with a broken or missing shared routine, and a loop of calls is refused before anything plays.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from deskpilot import model as m
from deskpilot.errors import RoutineError
from deskpilot.format.problems import Collector, line_of

MAX_DEPTH = 8

Loader = Callable[[Path, tuple[Path, ...]], m.Routine]  # (routine file, the calling chain) -> routine


def attach_callees(c: Collector, routine: m.Routine, steps_node: Any, file: Path, calling: tuple[Path, ...],
                   load: Loader) -> m.Routine:
    """The routine with each ``call`` step's callee loaded; problems go to ``c`` at the calling line."""
    chain = (*calling, file.resolve())
    steps = tuple(_attach(c, step, line_of(steps_node, i), file, chain, load, i + 1)
                  for i, step in enumerate(routine.steps))
    return dataclasses.replace(routine, steps=steps)


def _attach(c: Collector, step: m.Step, line: int, file: Path, chain: tuple[Path, ...], load: Loader,
            number: int) -> m.Step:
    if isinstance(step, m.IfVisible):
        return dataclasses.replace(step, steps=tuple(_attach(c, s, line, file, chain, load, number)
                                                     for s in step.steps))
    if not isinstance(step, m.Call):
        return step
    from deskpilot.format.loader import routine_file

    c.step, c.kind = number, "call"
    target = routine_file(file.parent / step.routine).resolve()
    try:
        if target in chain:
            loop = " -> ".join(p.parent.name for p in (*chain, target)[chain.index(target):])
            c.add(line, f"calls round in a loop: {loop}", "a recording may not call itself, even through others")
            return step
        if len(chain) >= MAX_DEPTH:
            c.add(line, f"calls nest deeper than {MAX_DEPTH} recordings", "call fewer levels deep")
            return step
        if not target.is_file():
            c.add(line, f"no recording at {step.routine}", "give a folder holding routine.yaml, relative to this one")
            return step
        try:
            callee = load(target, chain)
        except RoutineError as exc:
            first = exc.problems[0]
            at = f" at its line {first.line}" if first.line is not None else ""
            c.add(line, f"the called recording {step.routine} has a problem{at}: {first.message}",
                  first.hint or f"run 'deskpilot check {step.routine}'")
            return step
        return dataclasses.replace(step, callee=callee)
    finally:
        c.step = c.kind = None
