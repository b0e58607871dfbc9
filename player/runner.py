"""Play a routine: each step waits for its target, acts, and reports; nothing sleeps on a fixed delay."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from deskpilot import model as m
from deskpilot.compare import mismatch, parse_value
from deskpilot.errors import (
    ExpectationFailed,
    PlaybackAborted,
    StepFailed,
    TargetNotFound,
)
from deskpilot.geometry import Rect
from deskpilot.ports import Clock, Frame, Input, Ocr, Pointer, Screen, SystemClock, WindowList, Word
from deskpilot.result import Candidate, Resolution, RunReport, StepResult
from deskpilot.variables import fill_step, uses_any
from deskpilot.vision.table import table_rows
from deskpilot.window_kinds import is_spreadsheet, is_terminal
from deskpilot.player.confirmation import final_and_last_input, new_since_last_input
from deskpilot.player.evidence import Evidence
from deskpilot.player.fields import KEEP_FOCUS, KEEP_FOCUS_HOTKEYS, FieldTypist, FocusedField, focused, landing_problem
from deskpilot.player.searching import Context, Found, Searching

log = logging.getLogger(__name__)


class TargetResolver(Protocol):
    def resolve(self, target: m.Target, frame: Frame | None = None, *, allow_point: bool = False) -> Resolution: ...

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


class Player(Searching):
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
        handler = getattr(self, "_do_" + step.kind)
        handler(index, step, ctx)

    def _do_click(self, index: int, step: m.Click, ctx: Context) -> None:
        found = self._find(index, step, step.target, ctx, accept=lambda f: landing_problem(f.frame, f.point,
                                                                                          f.resolution, step.target))
        if self.options.dry_run:
            return
        text_cursor = self._text_cursor(index, step, found)
        self.driver.click(found.point, button=step.button, clicks=step.clicks, modifiers=step.modifiers)
        self._field = None
        window = self.windows.at(found.point) if self.windows is not None else None
        takes_typing = text_cursor or self.pointer is None or (window is not None and (
            is_spreadsheet(window.app) or is_terminal(window.app)))
        if step.button == "left" and not step.modifiers and takes_typing:  # a button or a menu item is no field
            self._field = focused(found, step.target, text_cursor, window.id if window is not None else None)

    def _text_cursor(self, index: int, step: m.Click, found: Found) -> bool:
        """Whether the pointer shows a text cursor at the place; a step recorded over a field requires one."""
        if self.pointer is None:
            return False
        self.driver.move(found.point)  # the pointer shows what is under it only once it is there
        deadline = self.clock.now() + (0.6 if step.cursor == "text" else 0.0)
        while True:
            if self.pointer.shape() == "text":
                return True
            if self.clock.now() >= deadline:
                break
            self.clock.sleep(0.05)
        if step.cursor == "text":
            shot = self.evidence.save(index, self.screen.grab(), found.resolution, found.point)
            raise TargetNotFound(index, self._shown, f"no field at ({found.point.x}, {found.point.y}): the pointer "
                                 "shows no text cursor there, as it did when this was recorded", shot)
        return False

    def _do_drag(self, index: int, step: m.Drag, ctx: Context) -> None:
        start = self._find(index, step, step.source, ctx)
        end = self._find(index, step, step.dest, ctx)
        if not self.options.dry_run:
            self.driver.drag(start.point, end.point, button=step.button)

    def _do_scroll(self, index: int, step: m.Scroll, ctx: Context) -> None:
        at = self._find(index, step, step.target, ctx).point if step.target else None
        if not self.options.dry_run:
            self.driver.scroll(step.clicks, at)

    def _do_type(self, index: int, step: m.Type, ctx: Context) -> None:
        if self.options.dry_run:
            return
        if self._field is not None and self.windows is not None and self._field.window is not None:
            now = self.windows.at(self._field.point)
            if now is None or now.id != self._field.window:
                self._field = None  # a window opened over the clicked field since: the focus is elsewhere
        typed = self.typist.type(index, self._shown, step, self._field,
                                 secret=uses_any(step, self.routine.secrets) or step.text in self._secret_values(ctx))
        if typed.emptied is not None:
            ctx.result.description += f" (emptied first: {typed.how})"
        elif typed.how:
            ctx.result.description += f" ({typed.how})"

    def _secret_values(self, ctx: Context) -> set[str]:
        return {ctx.values[name] for name in self.routine.secrets if name in ctx.values}

    def _do_press(self, index: int, step: m.Press, ctx: Context) -> None:
        if not self.options.dry_run:
            self.driver.press(step.key, step.count)
        if step.key not in KEEP_FOCUS:
            self._field = None

    def _do_hotkey(self, index: int, step: m.Hotkey, ctx: Context) -> None:
        if not self.options.dry_run:
            self.driver.hotkey(step.keys)
        if step.keys not in KEEP_FOCUS_HOTKEYS:
            self._field = None

    def _do_wait_for(self, index: int, step: m.WaitFor, ctx: Context) -> None:
        if step.gone:
            self._wait_gone(index, step, step.target, self._timeout(step), ctx)
        elif index == self._final_index and self._before_last is not None:
            before = self._before_last
            self._find(index, step, step.target, ctx, accept=lambda found: new_since_last_input(before, found))
        else:
            self._find(index, step, step.target, ctx)

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

    def _read_at(self, found: Found, target: m.Target, region: tuple[int, int, int, int]) -> str:
        return self.resolver.read_region(found.frame, _region_rect(found, target, region), self.routine.lang).strip()

    def _do_read_text(self, index: int, step: m.ReadText, ctx: Context) -> None:
        found = self._find(index, step, step.target, ctx)
        text = self._read_at(found, step.target, step.region)
        if step.parse is not None or step.pattern is not None:
            value, why = parse_value(text, step.parse, step.pattern)
            if value is None:
                shot = self.evidence.save(index, found.frame, found.resolution, found.point)
                raise ExpectationFailed(index, self._shown, why, shot)
            text = value
        ctx.values[step.into] = text
        ctx.result.read[step.into] = text

    def _do_read_table(self, index: int, step: m.ReadTable, ctx: Context) -> None:
        found = self._find(index, step, step.target, ctx)
        rows = table_rows(self.resolver.words(found.frame, _region_rect(found, step.target, step.region)), step.columns)
        for name, value in ((step.into, json.dumps(rows, ensure_ascii=False)), (step.into + "_count", str(len(rows)))):
            ctx.values[name] = ctx.result.read[name] = value

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
        for name in _reads(callee.steps):
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


def _reads(steps: tuple[m.Step, ...]) -> list[str]:
    out: list[str] = []
    for step in steps:
        into = getattr(step, "into", None)
        if isinstance(into, str):
            out += [into, into + "_count"] if isinstance(step, m.ReadTable) else [into]
        out += _reads(getattr(step, "steps", ()) or ())
    return out


def _region_rect(found: Found, target: m.Target, region: tuple[int, int, int, int]) -> Rect:
    """``[dx, dy, w, h]`` from the found point, grown with the font when the anchor's text grew."""
    dx, dy, w, h = region
    scale = _scale(found.resolution.best, target)
    return Rect(round(found.point.x + dx * scale), round(found.point.y + dy * scale), round(w * scale), round(h * scale))


def _scale(best: Candidate | None, target: m.Target) -> float:
    """How much larger the anchor text is now than when recorded; regions grow with the font."""
    if best is None or best.box is None or best.how != "text":
        return 1.0
    anchor = target.anchors[best.anchor_index]
    if isinstance(anchor, m.TextAnchor) and anchor.height:
        return max(0.5, min(3.0, best.box.h / anchor.height))
    return 1.0


