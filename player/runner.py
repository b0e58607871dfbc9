"""Play a routine: each step waits for its target, acts, and reports; nothing sleeps on a fixed delay.

The run loop is here; each step kind is played by its executor (``executors``), written per
family in ``acting``, ``checking``, ``reading`` and ``nesting``, mixins of the player like ``searching``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from deskpilot import model as m
from deskpilot.errors import PlaybackAborted, StepFailed
from deskpilot.geometry import Rect
from deskpilot.ports import Accessibility, Clock, Frame, Input, Ocr, Pointer, Screen, SystemClock, WindowList, Word
from deskpilot.result import Resolution, RunReport, StepResult
from deskpilot.variables import fill_step, uses_any
from deskpilot.player.acting import Acting
from deskpilot.player.checking import Checking
from deskpilot.player.confirmation import final_and_last_input
from deskpilot.player.evidence import Evidence
from deskpilot.player.executors import EXECUTORS
from deskpilot.player.fields import FieldTypist, FocusedField
from deskpilot.player.tree_typing import TreeTypist
from deskpilot.player.healing import Healer
from deskpilot.vision.resolve import Resolver
from deskpilot.player.nesting import Nesting
from deskpilot.player.searching import Context

log = logging.getLogger(__name__)


class TargetResolver(Protocol):
    def resolve(self, target: m.Target, frame: Frame | None = None, *, allow_point: bool = False,
                thorough: bool = False) -> Resolution: ...

    def read_region(self, frame: Frame, rect: Rect, lang: str | None = None, *, line: bool = False) -> str: ...

    def words(self, frame: Frame, region: Rect) -> list[Word]: ...


class PlayerListener(Protocol):
    def step_started(self, index: int, step: m.Step) -> None: ...

    def step_finished(self, result: StepResult) -> None: ...

    def run_finished(self, report: RunReport) -> None: ...


@dataclass(frozen=True, kw_only=True)
class PlayOptions:
    dry_run: bool = False
    timeout: float | None = None  # overrides the routine's default step timeout
    allow_fallback: bool = False  # may use the recorded absolute point; the report says when it did
    report_dir: Path | None = None
    poll_interval: float = 0.1
    expect_timeout: float = 3.0  # an expect step looks a little while, it is no wait_for
    dry_run_timeout: float = 2.0
    start_at: int = 1  # 1-based step to start from
    stop_after: int | None = None  # last step to run: "run one step" is start_at == stop_after
    breakpoints: frozenset[int] = frozenset()  # 1-based steps to pause before


class Player(Acting, Checking, Nesting):
    """Runs one routine against a screen, an input driver and a target resolver."""

    def __init__(
        self,
        routine: m.Routine,
        *,
        driver: Input,
        resolver: TargetResolver,
        screen: Screen,
        clock: Clock | None = None,
        listener: PlayerListener | None = None,
        stop: threading.Event | None = None,
        options: PlayOptions | None = None,
        failsafe: Callable[[], bool] | None = None,
        windows: WindowList | None = None,
        pointer: Pointer | None = None,
        other_ocr: tuple[Ocr, ...] = (),
        access: Accessibility | None = None,
    ) -> None:
        self.routine = routine
        self.driver = driver
        self.resolver = resolver
        self.screen = screen
        self.clock = clock or SystemClock()
        self.listener = listener
        self.stop = stop or threading.Event()
        self.pause_requested = threading.Event()  # set from another thread: pause before the next step
        self.resume = threading.Event()
        self.options = options or PlayOptions()
        self.failsafe = failsafe
        self.evidence = Evidence(self.options.report_dir)
        self.windows, self.pointer = windows, pointer
        self.other_ocr = other_ocr  # other readings a typed field is checked with before it fails
        self.typist = FieldTypist(driver, screen, resolver, windows, self.clock, self.evidence, routine.lang,
                                  self.options.poll_interval, other_ocr)
        self.access = access  # the accessibility tree: fields read back through the application itself
        self.tree_typist = TreeTypist(driver, access, screen, self.clock, self.evidence,
                                      self.options.poll_interval) if access is not None else None
        self.healer = Healer(resolver, access, windows, self.options.report_dir) if isinstance(
            resolver, Resolver) else None
        self._field: FocusedField | None = None  # where the last click put the keyboard focus
        self.on_commit: Callable[[], None] | None = None  # told just before the step that saves (a data run's mark)
        self._final_index: int | None = None  # the routine's final check, and the input step before it
        self._last_input_index: int | None = None
        self._before_last: tuple[Frame, dict[int, str]] | None = None
        self._shown = ""  # the current step as people may see it: placeholders left in when they hold a secret

    # --- the run -------------------------------------------------------------------------

    def run(self, variables: Mapping[str, str] | None = None) -> RunReport:
        values = {**self.routine.variables, **(variables or {})}
        report = RunReport(
            routine=self.routine.name,
            started=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            manual_seconds=self.routine.manual_seconds,
            dry_run=self.options.dry_run,
            variables={k: v for k, v in values.items() if k not in self.routine.secrets},
        )
        t0 = self.clock.now()
        failed = False
        report.steps = [StepResult(index=i, kind=s.kind, description=s.describe())
                        for i, s in enumerate(self.routine.steps, start=1)]
        nested: dict[int, list[StepResult]] = {}  # results of steps inside a step (if_visible, call)
        self._final_index, self._last_input_index = final_and_last_input(self.routine)
        commit = self.routine.commit_index()
        for index, step in enumerate(self.routine.steps, start=1):
            result = report.steps[index - 1]
            if index < self.options.start_at or (self.options.stop_after is not None and index > self.options.stop_after):
                result.status = "skipped"
                continue
            if index in self.options.breakpoints or self.pause_requested.is_set():
                self._pause_before(index)
            if self.listener:
                self.listener.step_started(index, step)
            started = self.clock.now()
            self._shown = step.describe()
            ctx = Context(values=values, result=result, nested=nested.setdefault(index, []))
            try:
                self._check_stop(index, step)
                if index == self._last_input_index and not self.options.dry_run:
                    titles = {w.id: w.title for w in self.windows.all()} if self.windows is not None else {}
                    self._before_last = (self.screen.grab(), titles)  # this row's confirmation must be new
                filled = fill_step(step, values, where=f"step {index} ({step.kind})")
                if commit is not None and index == commit + 1 and not self.options.dry_run:
                    report.committed = True
                    if self.on_commit is not None:
                        self.on_commit()  # on disk before the application is asked to save
                if not uses_any(step, self.routine.secrets):  # a secret is never shown, logged or reported
                    self._shown = filled.describe()
                result.description = self._shown
                self._run_step(index, filled, ctx)
                result.status = "dry-run" if self.options.dry_run else "ok"
            except PlaybackAborted as exc:
                result.status, result.error = "aborted", str(exc)
                report.status, report.error = "aborted", str(exc)
            except StepFailed as exc:
                result.status, result.error, result.screenshot = "failed", str(exc), exc.screenshot
                failed = True
                if not self.options.dry_run:
                    report.status, report.error = "failed", str(exc)
            finally:
                result.seconds = round(self.clock.now() - started, 3)
                if self.listener:
                    self.listener.step_finished(result)
            if report.status in ("failed", "aborted"):
                break
        report.steps = [r for top in report.steps for r in (top, *nested.get(top.index, []))]
        if self.healer is not None:
            self.healer.settle()  # repairs proposed once the run is over: never a step's time
        if report.status == "running":
            report.status = ("dry-run" if not failed else "failed") if self.options.dry_run else "passed"
            if report.status == "passed":
                report.confirmed = self.routine.final_check() is not None and self.options.stop_after is None
            if failed and self.options.dry_run:
                report.error = "some targets were not found on the live screen"
        report.seconds = round(self.clock.now() - t0, 3)
        if self.listener:
            self.listener.run_finished(report)
        return report

    def _pause_before(self, index: int) -> None:
        """Hold before step ``index`` until resumed or stopped; the stop is then reported by the step itself."""
        self.pause_requested.clear()
        self.resume.clear()
        notify = getattr(self.listener, "paused", None)
        if notify is not None:
            notify(index)
        while not self.resume.wait(0.1) and not self.stop.is_set():
            pass

    def _check_stop(self, index: int, step: m.Step) -> None:
        if self.stop.is_set():
            raise PlaybackAborted(index, self._shown, "stopped by the abort hotkey")
        if self.failsafe is not None and self.failsafe():
            raise PlaybackAborted(index, self._shown, "stopped by the fail-safe: the mouse is in a screen corner")

    # --- steps ---------------------------------------------------------------------------

    def _run_step(self, index: int, step: m.Step, ctx: Context) -> None:
        EXECUTORS[step.kind](self, index, step, ctx)
