"""Play a routine: each step waits for its target, acts, and reports; nothing sleeps on a fixed delay."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from deskpilot import model as m
from deskpilot.compare import mismatch, parse_value
from deskpilot.errors import (
    ExpectationFailed,
    PlaybackAborted,
    StepFailed,
    TargetAmbiguous,
    TargetNotFound,
)
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Clock, Frame, Input, Ocr, Pointer, Screen, SystemClock, Windows, Word
from deskpilot.result import Candidate, Resolution, RunReport, StepResult, candidate_summary
from deskpilot.variables import fill_step, uses_any
from deskpilot.vision.field import changed_regions
from deskpilot.vision.table import table_rows
from deskpilot.window_kinds import is_spreadsheet, is_terminal
from player.evidence import Evidence
from player.fields import FieldTypist, FocusedField, landing_problem

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


@dataclass
class _Found:
    point: Point
    resolution: Resolution
    frame: Frame
    waited: float


@dataclass
class _Context:
    values: dict[str, str]
    result: StepResult
    nested: list[StepResult] = field(default_factory=list)  # results of steps run inside this one


class Player:
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
        windows: Windows | None = None,
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
        self._final_index, self._last_input_index = _final_and_last_input(self.routine)
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
            ctx = _Context(values=values, result=result, nested=nested.setdefault(index, []))
            try:
                self._check_stop(index, step)
                if index == self._last_input_index and not self.options.dry_run:
                    self._before_last = (self.screen.grab(), self._titles())  # this row's confirmation must be new
                filled = fill_step(step, values, where=f"step {index} ({step.kind})")
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

    def _run_step(self, index: int, step: m.Step, ctx: _Context) -> None:
        handler = getattr(self, "_do_" + step.kind)
        handler(index, step, ctx)

    def _do_click(self, index: int, step: m.Click, ctx: _Context) -> None:
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
            self._field = _focused(found, step.target, text_cursor, window.id if window is not None else None)

    def _text_cursor(self, index: int, step: m.Click, found: _Found) -> bool:
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

    def _do_drag(self, index: int, step: m.Drag, ctx: _Context) -> None:
        start = self._find(index, step, step.source, ctx)
        end = self._find(index, step, step.dest, ctx)
        if not self.options.dry_run:
            self.driver.drag(start.point, end.point, button=step.button)

    def _do_scroll(self, index: int, step: m.Scroll, ctx: _Context) -> None:
        at = self._find(index, step, step.target, ctx).point if step.target else None
        if not self.options.dry_run:
            self.driver.scroll(step.clicks, at)

    def _do_type(self, index: int, step: m.Type, ctx: _Context) -> None:
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

    def _secret_values(self, ctx: _Context) -> set[str]:
        return {ctx.values[name] for name in self.routine.secrets if name in ctx.values}

    def _do_press(self, index: int, step: m.Press, ctx: _Context) -> None:
        if not self.options.dry_run:
            self.driver.press(step.key, step.count)
        if step.key not in KEEP_FOCUS:
            self._field = None

    def _do_hotkey(self, index: int, step: m.Hotkey, ctx: _Context) -> None:
        if not self.options.dry_run:
            self.driver.hotkey(step.keys)
        if step.keys not in KEEP_FOCUS_HOTKEYS:
            self._field = None

    def _do_wait_for(self, index: int, step: m.WaitFor, ctx: _Context) -> None:
        if step.gone:
            self._wait_gone(index, step, step.target, self._timeout(step), ctx)
        elif index == self._final_index and self._before_last is not None:
            self._find(index, step, step.target, ctx, accept=self._new_since_last_input)
        else:
            self._find(index, step, step.target, ctx)

    def _titles(self) -> dict[int, str]:
        return {w.id: w.title for w in self.windows.all()} if self.windows is not None else {}

    def _new_since_last_input(self, found: _Found) -> str | None:
        """The final check counts only what the application showed after this run's last action.

        A status line that still reads "Saved claim" from the previous row, or a title that had no '*'
        to lose, would otherwise confirm a row the application never saved.
        """
        assert self._before_last is not None
        before, titles = self._before_last
        best = found.resolution.best
        if best is None:
            return None
        if best.how == "window":
            window = best.found_text or ""
            if window and window in titles.values():
                return f"the window '{window}' looked like this before the last action: not this run's confirmation"
            return None
        if best.box is None:
            return None
        if not changed_regions(before, found.frame, within=best.box.grow(2)):
            return (f"{_quoted(best)} was on the screen already before the last action: it does not confirm this "
                    "run; the application showed nothing new")
        return None

    def _do_expect(self, index: int, step: m.Expect, ctx: _Context) -> None:
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

    def _expect_compare(self, index: int, step: m.Expect, ctx: _Context, timeout: float) -> None:
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

    def _read_at(self, found: _Found, target: m.Target, region: tuple[int, int, int, int]) -> str:
        return self.resolver.read_region(found.frame, _region_rect(found, target, region), self.routine.lang).strip()

    def _do_read_text(self, index: int, step: m.ReadText, ctx: _Context) -> None:
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

    def _do_read_table(self, index: int, step: m.ReadTable, ctx: _Context) -> None:
        found = self._find(index, step, step.target, ctx)
        rows = table_rows(self.resolver.words(found.frame, _region_rect(found, step.target, step.region)), step.columns)
        for name, value in ((step.into, json.dumps(rows, ensure_ascii=False)), (step.into + "_count", str(len(rows)))):
            ctx.values[name] = ctx.result.read[name] = value

    def _do_if_visible(self, index: int, step: m.IfVisible, ctx: _Context) -> None:
        """The nested steps only when the target shows up in time; its absence is no failure."""
        timeout = step.timeout if step.timeout is not None else m.IF_VISIBLE_TIMEOUT
        try:
            self._find(index, step, step.target, ctx, timeout=timeout)
        except TargetNotFound:
            ctx.result.description += " (not visible: skipped)"
            return
        self._run_nested(index, step.steps, ctx, ctx.values)

    def _do_call(self, index: int, step: m.Call, ctx: _Context) -> None:
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

    def _run_nested(self, index: int, steps: tuple[m.Step, ...], ctx: _Context, values: dict[str, str]) -> None:
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
                self._run_step(index, filled, _Context(values=values, result=result, nested=ctx.nested))
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

    # --- finding targets -------------------------------------------------------------------

    def _timeout(self, step: m.Step) -> float:
        if step.timeout is not None:
            return step.timeout
        return self.options.timeout if self.options.timeout is not None else self.routine.timeout

    def _find(self, index: int, step: m.Step, target: m.Target, ctx: _Context, *, timeout: float | None = None,
              accept: Callable[[_Found], str | None] | None = None) -> _Found:
        """Poll until the target resolves uniquely, or fail with the evidence; never guess.

        ``accept`` may refuse a found place (it says why): the search goes on, and the reason is the failure's.
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
            if res.found and res.best is not None:
                found = _Found(res.best.point, res, frame, self.clock.now() - start)
                refused = accept(found) if accept is not None else None
                if refused is None:
                    self._record_found(index, step, target, found, ctx)
                    return found
                res = Resolution(status="ambiguous", best=res.best, candidates=res.candidates, searched=res.searched,
                                 reason=refused)
            if self.clock.now() - start >= timeout:
                self._fail(index, step, res, frame, timeout)
            self._check_stop(index, step)
            self.clock.sleep(self.options.poll_interval)

    def _record_found(self, index: int, step: m.Step, target: m.Target, found: _Found, ctx: _Context) -> None:
        best = found.resolution.best
        assert best is not None
        r = ctx.result
        r.found_by, r.score, r.point = best.how, round(best.score, 3), (best.point.x, best.point.y)
        r.waited_seconds = round(found.waited, 3)
        r.candidates = [candidate_summary(c) for c in found.resolution.candidates[:5]]
        if best.how == "point":
            r.found_by = "point (fallback: recorded absolute position)"
        if self.options.dry_run:
            r.screenshot = self.evidence.save(index, found.frame, found.resolution, best.point)

    def _fail(self, index: int, step: m.Step, res: Resolution, frame: Frame, timeout: float) -> None:
        shot = self.evidence.save(index, frame, res, res.best.point if res.best else None)
        reason = f"not found after {timeout:.1f} s" + (f"; {res.reason}" if res.reason else "")
        details = [str(candidate_summary(c)) for c in res.candidates[:5]]
        if res.status == "ambiguous":
            raise TargetAmbiguous(index, self._shown, f"ambiguous after {timeout:.1f} s; {res.reason}", shot, details)
        raise TargetNotFound(index, self._shown, reason, shot, details)

    def _wait_gone(self, index: int, step: m.Step, target: m.Target, timeout: float, ctx: _Context) -> None:
        start = self.clock.now()
        while True:
            frame = self.screen.grab()
            res = self.resolver.resolve(target, frame)
            if not res.found:
                ctx.result.waited_seconds = round(self.clock.now() - start, 3)
                return
            if self.clock.now() - start >= timeout:
                shot = self.evidence.save(index, frame, res, res.best.point if res.best else None)
                raise TargetNotFound(index, self._shown, f"still on screen after {timeout:.1f} s", shot)
            self._check_stop(index, step)
            self.clock.sleep(self.options.poll_interval)


# keys that keep the keyboard focus in the field a click put it in; any other key may move it
KEEP_FOCUS = frozenset({"end", "home", "left", "right", "backspace", "delete", "insert", "space"})
KEEP_FOCUS_HOTKEYS = frozenset({("ctrl", "a"), ("ctrl", "c"), ("ctrl", "v"), ("ctrl", "x"), ("ctrl", "z"),
                                ("shift", "home"), ("shift", "end")})


def _final_and_last_input(routine: m.Routine) -> tuple[int | None, int | None]:
    """The 1-based index of the routine's final check and of the last input step before it."""
    final = routine.final_check()
    if final is None:
        return None, None
    at = next(i for i, s in enumerate(routine.steps) if s is final)
    last = max((i for i, s in enumerate(routine.steps[:at]) if not isinstance(s, m.CHECKS)), default=None)
    return at + 1, (last + 1 if last is not None else None)


def _quoted(c: Candidate) -> str:
    return f'"{c.found_text}"' if c.found_text else c.how


def _focused(found: _Found, target: m.Target, text_cursor: bool, window: int | None) -> FocusedField:
    """The field a click focused, with the label it was found by when that label sits to its left."""
    best = found.resolution.best
    label, height = None, 16
    if best is not None and best.how == "text" and best.box is not None:
        height = best.box.h
        if found.point.x - best.box.right > 0 and abs(found.point.y - best.box.center.y) <= best.box.h:
            label = best.box
    else:
        anchor = next((a for a in target.anchors if isinstance(a, m.TextAnchor) and a.height), None)
        height = anchor.height if anchor is not None and anchor.height else height
    return FocusedField(point=found.point, label=label, height=height, text_cursor=text_cursor, window=window)


def _reads(steps: tuple[m.Step, ...]) -> list[str]:
    out: list[str] = []
    for step in steps:
        into = getattr(step, "into", None)
        if isinstance(into, str):
            out += [into, into + "_count"] if isinstance(step, m.ReadTable) else [into]
        out += _reads(getattr(step, "steps", ()) or ())
    return out


def _region_rect(found: _Found, target: m.Target, region: tuple[int, int, int, int]) -> Rect:
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


