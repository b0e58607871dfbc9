"""Executors of the steps that check the screen and change nothing: wait_for and expect.

A mixin of the player. The routine's final check must be new since the last input (see
``confirmation``), so a message left from the previous data row never confirms this one.
"""

from __future__ import annotations

from deskpilot import model as m
from deskpilot.compare import mismatch
from deskpilot.errors import ExpectationFailed, TargetNotFound
from deskpilot.ports import Accessibility, Frame
from deskpilot.player.confirmation import new_since_last_input
from deskpilot.player.reading import Reading
from deskpilot.player.searching import Context, Found


class Checking(Reading):
    """The checking part of the player; a comparison reads its region as ``read_text`` does."""

    _final_index: int | None  # the routine's final check (1-based), and what the screen was before its last input
    _before_last: tuple[Frame, dict[int, str]] | None
    access: Accessibility | None

    def _do_wait_for(self, index: int, step: m.WaitFor, ctx: Context) -> None:
        if step.gone:
            self._wait_gone(index, step, step.target, self._timeout(step), ctx)
        elif index == self._final_index and self._before_last is not None:
            before = self._before_last
            self._find(index, step, step.target, ctx, accept=lambda found: new_since_last_input(before, found))
        elif step.state is not None:
            self._find(index, step, step.target, ctx, accept=lambda found: self._not_yet(found, step.state or ""))
        else:
            self._find(index, step, step.target, ctx)

    def _not_yet(self, found: Found, state: str) -> str | None:
        """Why the element found is not yet in ``state``; read again, not from the walk that found it."""
        best = found.resolution.best
        if best is None or best.element is None or self.access is None:
            return f"the state '{state}' can only be seen in the accessibility tree, and the target was found " \
                   "by the picture"
        now = self.access.refresh(best.element)
        if now is None:
            return "the element went away"
        state_name = "sensitive" if state == "enabled" and "enabled" not in now.states else state
        return None if state_name in now.states else f"{best.element.role} '{best.element.name}' is not {state} yet"

    def _do_expect(self, index: int, step: m.Expect, ctx: Context) -> None:
        timeout = step.timeout if step.timeout is not None else self.options.expect_timeout
        if step.compare is not None:
            self._expect_compare(index, step, ctx, timeout)
            return
        assert step.target is not None
        try:
            if step.gone:
                self._wait_gone(index, step, step.target, timeout, ctx)
            else:
                self._find(index, step, step.target, ctx, timeout=timeout)
        except TargetNotFound as exc:
            raise ExpectationFailed(index, self._shown, "expected on screen but " + exc.reason, exc.screenshot) from None

    def _expect_compare(self, index: int, step: m.Expect, ctx: Context, timeout: float) -> None:
        """A value, or the text at a region, against the expected one; the screen may take a moment to settle."""
        assert step.compare is not None and step.expected is not None
        if step.value is not None:
            problem = mismatch(step.compare, step.expected, step.value, step.tolerance)
            if problem:
                raise ExpectationFailed(index, self._shown, problem)
            return
        assert step.target is not None and step.region is not None
        deadline = self.clock.now() + timeout
        while True:
            found = self._find(index, step, step.target, ctx)
            seen = self._read_at(found, step.target, step.region)
            problem = mismatch(step.compare, step.expected, seen, step.tolerance)
            if problem is None:
                return
            if self.clock.now() >= deadline:
                shot = self.evidence.save(index, found.frame, found.resolution, found.point)
                raise ExpectationFailed(index, self._shown, problem, shot)
            self._check_stop(index, step)
            self.clock.sleep(self.options.poll_interval)
