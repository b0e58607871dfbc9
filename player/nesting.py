"""Executors of the steps that run other steps: if_visible (an optional dialog) and call (another recording).

A mixin of the player. Nested steps are reported as "4.1", "4.2"...; a call runs the callee
with its defaults, the caller's values and the values it passes, and brings back what the
step registry says the callee reads -- the same names ``variables_used`` counts on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deskpilot import model as m
from deskpilot.errors import StepFailed, TargetNotFound
from deskpilot.format.registry import kind_of
from deskpilot.geometry import Rect
from deskpilot.player.searching import Context, Searching
from deskpilot.ports import Clock, Frame, WindowList
from deskpilot.result import StepResult
from deskpilot.variables import fill_step, uses_any
from deskpilot.vision.changes import BAR_HEIGHT, BAR_WIDTH
from deskpilot.vision.field import changed_regions

if TYPE_CHECKING:
    from deskpilot.player.runner import PlayerListener

SETTLED = 0.6  # s with nothing new on the screen (a caret's blink aside) nor in its windows: what was coming came
AT_LEAST = 1.0  # s from the step's start an optional target is looked for whatever the screen does
JOIN = 6  # what changed_regions grows a change by, on its own: a caret's bar comes back this much wider


class Nesting(Searching):
    """The nesting part of the player."""

    listener: PlayerListener | None
    windows: WindowList | None

    def _run_step(self, index: int, step: m.Step, ctx: Context) -> None:  # the player's own
        raise NotImplementedError

    def _do_if_visible(self, index: int, step: m.IfVisible, ctx: Context) -> None:
        """The nested steps only when the target shows up; its absence is no failure.

        The step costs what the screen's change costs, not its whole timeout: once the screen and its window list have been still for ``SETTLED`` (a
        caret's blink is no change) and the target is not there, it is not coming; while anything
        moves (a dialog opening, a slow application drawing) the search goes on to the timeout.

        The trade-off: a busy application draws nothing while it works, so a dialog it opens late, with
        the screen still until then, looks like no dialog. ``AT_LEAST`` after the step started (and so
        after the input before it) is always waited, and the step's own ``timeout`` is the most it waits.
        A dialog missed so is no wrong entry: it stays over the form, and the next step (the application's
        confirmation, at the latest) fails loudly.
        """
        timeout = step.timeout if step.timeout is not None else m.IF_VISIBLE_TIMEOUT
        settled = Settling(self.clock, self.windows, at_least=min(AT_LEAST, timeout))
        try:
            self._find(index, step, step.target, ctx, timeout=timeout, give_up=settled)
        except TargetNotFound:
            ctx.result.description += " (not visible: skipped)"
            return
        self._run_nested(index, step.steps, ctx, ctx.values)

    def _do_call(self, index: int, step: m.Call, ctx: Context) -> None:
        """The called recording's steps with its defaults, the caller's values and the call's own; reads come back."""
        callee = step.callee
        if callee is None:
            raise StepFailed(index, self._shown, f"the called recording {step.routine} was not loaded")
        values = {**callee.variables, **ctx.values, **step.with_values}
        folder = getattr(self.resolver, "folder", None)
        if callee.folder is not None and folder is not None:
            self.resolver.folder = callee.folder  # type: ignore[attr-defined]  # its anchor images live there
        try:
            self._run_nested(index, callee.steps, ctx, values)
        finally:
            if folder is not None:
                self.resolver.folder = folder  # type: ignore[attr-defined]
        for name in kind_of(step).reads(step):  # what the callee read, a call inside it included
            if name in values:
                ctx.values[name] = ctx.result.read[name] = values[name]

    def _run_nested(self, index: int, steps: tuple[m.Step, ...], ctx: Context, values: dict[str, str]) -> None:
        """Steps inside a step: each reported as "4.1", "4.2"...; a failure names the nested step."""
        for j, step in enumerate(steps, start=1):
            path = f"{ctx.result.path or index}.{j}"
            result = StepResult(index=index, kind=step.kind, description=step.describe(), path=path)
            started = self.clock.now()
            shown = self._shown
            try:
                self._check_stop(index, step)
                filled = fill_step(step, values, where=f"step {path} ({step.kind})")
                result.description = filled.describe() if not uses_any(step, self.routine.secrets) else step.describe()
                self._shown = f"{path} {result.description}"
                if self.listener:
                    self.listener.step_started(index, filled)
                self._run_step(index, filled, Context(values=values, result=result, nested=ctx.nested))
                result.status = "dry-run" if self.options.dry_run else "ok"
            except StepFailed as exc:
                result.status, result.error = "failed", str(exc)
                raise
            finally:
                self._shown = shown
                result.seconds = round(self.clock.now() - started, 3)
                ctx.nested.append(result)
                if self.listener:
                    self.listener.step_finished(result)


class Settling:
    """Told each frame of a search, says when the screen has settled: the end of the wait for an optional target."""

    def __init__(self, clock: Clock, windows: WindowList | None, *, still: float = SETTLED,
                 at_least: float = AT_LEAST) -> None:
        self.clock, self.windows, self.still, self.at_least = clock, windows, still, at_least
        self.started = clock.now()
        self._since = self.started
        self._frame: Frame | None = None
        self._shown: list[tuple[int, str, Rect]] | None = None

    def __call__(self, frame: Frame) -> bool:
        now = self.clock.now()
        shown = [(w.id, w.title, w.rect) for w in self.windows.all()] if self.windows is not None else []
        if self._frame is None or shown != self._shown or moved(self._frame, frame):
            self._since = now
        self._frame, self._shown = frame, shown
        return now - self.started >= self.at_least and now - self._since >= self.still


def moved(before: Frame, after: Frame) -> bool:
    """Whether the screen changed between two frames by more than a caret's blink: the player's own measure
    of a change (``changed_regions``, as a typed field's settling uses), a thin bar a line tall left out."""
    return any(not (r.w <= BAR_WIDTH + JOIN and 2 * r.w <= r.h <= BAR_HEIGHT[1] + JOIN)
               for r in changed_regions(before, after))
