"""Looking for a step's target on the live screen: poll until it resolves uniquely, or fail with the evidence.

Every step waits on its target, up to its timeout, and never sleeps on a fixed delay; a
place may be refused by the step (it did not land on its control), and the refusal is the
failure's reason. A mixin of the player: it reads the player's screen, resolver and clock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deskpilot import model as m
from deskpilot.errors import TargetAmbiguous, TargetNotFound
from deskpilot.geometry import Point
from deskpilot.ports import Clock, Frame, Screen
from deskpilot.result import Resolution, StepResult, candidate_summary
from deskpilot.player.evidence import Evidence

if TYPE_CHECKING:
    from deskpilot.player.healing import Healer
    from deskpilot.player.runner import PlayOptions, TargetResolver


@dataclass
class Found:
    point: Point
    resolution: Resolution
    frame: Frame
    waited: float


@dataclass
class Context:
    values: dict[str, str]
    result: StepResult
    nested: list[StepResult] = field(default_factory=list)  # results of steps run inside this one



class Searching:
    """The polling part of the player."""

    routine: m.Routine
    screen: Screen
    resolver: TargetResolver
    clock: Clock
    options: PlayOptions
    evidence: Evidence
    healer: Healer | None  # proposes repaired anchors when a later anchor found what an earlier one missed
    _shown: str

    def _check_stop(self, index: int, step: m.Step) -> None:  # the player's own
        raise NotImplementedError

    def _timeout(self, step: m.Step) -> float:
        if step.timeout is not None:
            return step.timeout
        return self.options.timeout if self.options.timeout is not None else self.routine.timeout

    def _find(self, index: int, step: m.Step, target: m.Target, ctx: Context, *, timeout: float | None = None,
              accept: Callable[[Found], str | None] | None = None,
              give_up: Callable[[Frame], bool] | None = None) -> Found:
        """Poll until the target resolves uniquely, or fail with the evidence; never guess.

        ``accept`` may refuse a found place (it says why): the search goes on, and the reason is the failure's.
        ``give_up`` may end the wait before the timeout, told each frame the target was not on (an optional
        dialog, once the screen has settled without it): the step fails as not found, without the point.
        """
        if timeout is None:
            timeout = self._timeout(step)
        if self.options.dry_run:
            timeout = min(timeout, self.options.dry_run_timeout)
        start = self.clock.now()
        while True:
            frame = self.screen.grab()
            res = self.resolver.resolve(target, frame)
            if not res.found and self.options.allow_fallback and self.clock.now() - start >= timeout:
                # the recorded point only as a last resort: after the whole wait, never while the target may still come
                res = self.resolver.resolve(target, frame, allow_point=True)
            found, res = self._accepted(index, step, target, res, frame, start, accept, ctx)
            if found is not None:
                return found
            ending = self.clock.now() - start >= timeout or (give_up is not None and give_up(frame))
            if ending:  # the last look reads everything, the second readings too
                found, res = self._accepted(index, step, target, self.resolver.resolve(target, frame, thorough=True),
                                            frame, start, accept, ctx)
                if found is not None:
                    return found
                self._fail(index, step, res, frame, min(timeout, self.clock.now() - start))
            self._check_stop(index, step)
            self.clock.sleep(self.options.poll_interval)

    def _accepted(self, index: int, step: m.Step, target: m.Target, res: Resolution, frame: Frame, start: float,
                  accept: Callable[[Found], str | None] | None, ctx: Context) -> tuple[Found | None, Resolution]:
        """The found place when ``accept`` takes it (recorded in the step's result); else the resolution to fail on."""
        if not res.found or res.best is None:
            return None, res
        found = Found(res.best.point, res, frame, self.clock.now() - start)
        refused = accept(found) if accept is not None else None
        if refused is None:
            self._record_found(index, step, target, found, ctx)
            return found, res
        return None, Resolution(status="ambiguous", best=res.best, candidates=res.candidates, searched=res.searched,
                                reason=refused)

    def _record_found(self, index: int, step: m.Step, target: m.Target, found: Found, ctx: Context) -> None:
        best = found.resolution.best
        assert best is not None
        r = ctx.result
        r.found_by, r.score, r.point = best.how, round(best.score, 3), (best.point.x, best.point.y)
        r.waited_seconds = round(found.waited, 3)
        r.candidates = [candidate_summary(c) for c in found.resolution.candidates[:5]]
        if best.how == "point":
            r.found_by = "point (fallback: recorded absolute position)"
        if self.healer is not None and not self.options.dry_run:
            which = "source" if target is getattr(step, "source", None) else (
                "dest" if target is getattr(step, "dest", None) else "target")
            self.healer.note(r, r.path or str(index), which, target, best, found.frame)
        if self.options.dry_run:
            r.screenshot = self.evidence.save(index, found.frame, found.resolution, best.point)

    def _fail(self, index: int, step: m.Step, res: Resolution, frame: Frame, timeout: float) -> None:
        shot = self.evidence.save(index, frame, res, res.best.point if res.best else None)
        reason = f"not found after {timeout:.1f} s" + (f"; {res.reason}" if res.reason else "")
        details = [str(candidate_summary(c)) for c in res.candidates[:5]]
        if res.status == "ambiguous":
            raise TargetAmbiguous(index, self._shown, f"ambiguous after {timeout:.1f} s; {res.reason}", shot, details)
        raise TargetNotFound(index, self._shown, reason, shot, details)

    def _wait_gone(self, index: int, step: m.Step, target: m.Target, timeout: float, ctx: Context) -> None:
        start = self.clock.now()
        while True:
            frame = self.screen.grab()
            res = self.resolver.resolve(target, frame, thorough=True)  # gone only when no reading finds it
            if not res.found:
                ctx.result.waited_seconds = round(self.clock.now() - start, 3)
                return
            if self.clock.now() - start >= timeout:
                shot = self.evidence.save(index, frame, res, res.best.point if res.best else None)
                raise TargetNotFound(index, self._shown, f"still on screen after {timeout:.1f} s", shot)
            self._check_stop(index, step)
            self.clock.sleep(self.options.poll_interval)


