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
from deskpilot.result import StepResult
from deskpilot.variables import fill_step, uses_any
from deskpilot.player.searching import Context, Searching

if TYPE_CHECKING:
    from deskpilot.player.runner import PlayerListener


class Nesting(Searching):
    """The nesting part of the player."""

    listener: PlayerListener | None

    def _run_step(self, index: int, step: m.Step, ctx: Context) -> None:  # the player's own
        raise NotImplementedError

    def _do_if_visible(self, index: int, step: m.IfVisible, ctx: Context) -> None:
        """The nested steps only when the target shows up in time; its absence is no failure."""
        timeout = step.timeout if step.timeout is not None else m.IF_VISIBLE_TIMEOUT
        try:
            self._find(index, step, step.target, ctx, timeout=timeout)
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
