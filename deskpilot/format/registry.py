"""The one table of step kinds: for each kind its model class, its YAML keys, how it is read from the file and
written to it, and which variables it reads off the screen.

The loader, the writer, the variables, the editor and the player all look a kind up
here, so they cannot drift apart; the player keeps its own table of executors (the
core does not import the player) and a unit test holds that table to this one.
Adding a step kind is: its model class, its builder and writer (``input_steps``,
``screen_steps`` or ``flow_steps``), one entry in ``STEPS``, and its executor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from ruamel.yaml.comments import CommentedMap

from deskpilot import model as m
from deskpilot.format import flow_steps as flow
from deskpilot.format import input_steps as act
from deskpilot.format import screen_steps as look
from deskpilot.format.nodes import fits_on_a_line, num, scalar
from deskpilot.format.problems import Collector, suggest

S = TypeVar("S", bound=m.Step)
COMMON_KEYS = ("note", "timeout", "weak", "frame", "commits")  # every kind takes these
TARGET_KEYS = frozenset({"target", "from", "to"})
Builder = Callable[[Collector, Any, int, frozenset[str]], m.Step | None]  # (problems, body, its line, allowed keys)


def _reads_nothing(step: m.Step) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StepKind(Generic[S]):
    """Everything the core knows about one step kind, in one place."""

    cls: type[S]
    keys: tuple[str, ...]  # its own keys in the file; ``COMMON_KEYS`` and, with a target, anchor keys come on top
    build: Builder  # its body in the file -> the model; every problem goes to the collector, with its line
    write: Callable[[S], CommentedMap]  # the model -> its body in the house style, common keys left to ``step_node``
    reads: Callable[[S], tuple[str, ...]] = _reads_nothing  # variables it sets from the screen, for later steps
    shorthand: str | None = None  # the key a bare body stands for: ``press: tab`` is ``press: {key: tab}``
    example: Callable[[], Any] | None = None  # a new step's body, for the editor's insert menu

    @property
    def kind(self) -> str:
        return self.cls.kind

    @property
    def allowed(self) -> frozenset[str]:
        """The keys its body may hold, anchors written inline aside."""
        return frozenset(self.keys + COMMON_KEYS)

    @property
    def takes_target(self) -> bool:
        """Whether it finds something on screen, so its body holds anchors (and their images)."""
        return bool(TARGET_KEYS & set(self.keys))


def kind_of(step: m.Step) -> StepKind[Any]:
    spec = STEPS.get(step.kind)
    if spec is None or not isinstance(step, spec.cls):
        raise TypeError(f"no step kind registered for {type(step).__name__}")
    return spec


def parse_step(c: Collector, item: Any, line: int) -> m.Step | None:
    """One ``- kind: body`` item of a steps list; ``None`` when it has problems (all of them collected)."""
    if not isinstance(item, dict) or len(item) != 1:
        c.add(line, "a step is one kind with its settings, e.g. '- click: Save'")
        return None
    kind, body = next(iter(item.items()))
    spec = STEPS.get(kind)
    if spec is None:
        c.add(line, f"unknown step kind '{kind}'", suggest(kind, STEPS) or f"use one of {', '.join(STEPS)}")
        return None
    c.kind = kind
    before = len(c.problems)
    step = spec.build(c, body, line, spec.allowed)
    if step is None and len(c.problems) == before:  # a builder that forgot to say why: never drop a step silently
        c.add(line, f"'{kind}' could not be read", "compare it with the examples in the documentation")
    return step if len(c.problems) == before else None


def step_node(step: m.Step) -> CommentedMap:
    """``{kind: body}``; the body is a bare value when the step has nothing but its shorthand value."""
    spec = kind_of(step)
    body = spec.write(step)
    for key in ("note", "timeout", "weak", "frame"):
        value = getattr(step, key)
        if value is not None:
            body[key] = num(value) if key == "timeout" else scalar(value)
    if step.commits:
        body["commits"] = True
    if len(body) == 1 and next(iter(body)) == spec.shorthand:
        return CommentedMap([(step.kind, next(iter(body.values())))])
    if fits_on_a_line(body):
        body.fa.set_flow_style()
    return CommentedMap([(step.kind, body)])


def reads(steps: Iterable[m.Step]) -> list[str]:
    """The variables ``steps`` read off the screen, in order, each once: what later steps may use."""
    out: list[str] = []
    for step in steps:
        out += [name for name in kind_of(step).reads(step) if name not in out]
    return out


def _read_into(step: m.ReadText) -> tuple[str, ...]:
    return (step.into,)


def _table_into(step: m.ReadTable) -> tuple[str, ...]:
    return step.into, step.into + "_count"


def _nested_reads(step: m.IfVisible) -> tuple[str, ...]:
    return tuple(reads(step.steps))


def _called_reads(step: m.Call) -> tuple[str, ...]:
    """All the callee reads, a call inside it included: the player brings each back to the caller."""
    return tuple(reads(step.callee.steps)) if step.callee is not None else ()


_KINDS: tuple[StepKind[Any], ...] = (
    StepKind(cls=m.Click, keys=("target", "button", "clicks", "modifiers", "cursor"), build=act.build_click,
             write=act.write_click, shorthand="text", example=lambda: "Save"),
    StepKind(cls=m.Drag, keys=("from", "to", "button"), build=act.build_drag, write=act.write_drag),
    StepKind(cls=m.Scroll, keys=("target", "clicks"), build=act.build_scroll, write=act.write_scroll),
    StepKind(cls=m.Type, keys=("text", "verify", "mode"), build=act.build_type, write=act.write_type,
             shorthand="text", example=lambda: "text"),
    StepKind(cls=m.Press, keys=("key", "count"), build=act.build_press, write=act.write_press, shorthand="key",
             example=lambda: "tab"),
    StepKind(cls=m.Hotkey, keys=("keys",), build=act.build_hotkey, write=act.write_hotkey, shorthand="keys",
             example=lambda: ["ctrl", "s"]),
    StepKind(cls=m.WaitFor, keys=("target", "gone", "state"), build=look.build_wait_for, write=look.write_looking,
             shorthand="text", example=lambda: CommentedMap([("text", "Saved"), ("timeout", 10)])),
    StepKind(cls=m.Expect, keys=("target", "gone", "region", "value", "tolerance", *m.COMPARISONS),
             build=look.build_expect, write=look.write_expect, shorthand="text",
             example=lambda: CommentedMap([("text", "Saved")])),
    StepKind(cls=m.ReadText, keys=("target", "region", "into", "parse", "pattern"), build=look.build_read_text,
             write=look.write_read_text, reads=_read_into, shorthand="text"),
    StepKind(cls=m.ReadTable, keys=("target", "region", "into", "columns"), build=look.build_read_table,
             write=look.write_read_table, reads=_table_into, shorthand="text"),
    StepKind(cls=m.IfVisible, keys=("target", "steps"), build=partial(flow.build_if_visible, parse=parse_step),
             write=partial(flow.write_if_visible, write=step_node), reads=_nested_reads, shorthand="text"),
    StepKind(cls=m.Call, keys=("routine", "with"), build=flow.build_call, write=flow.write_call,
             reads=_called_reads, shorthand="routine"),
)
STEPS: dict[str, StepKind[Any]] = {spec.kind: spec for spec in _KINDS}  # in the order messages list them
