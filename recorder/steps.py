"""From raw events to editable steps: typing, presses, hotkeys, clicks, drags, scrolls.

Pure and streaming: ``feed`` returns the steps that became certain with this event
(a click is certain only once no second click can make it a double click), and
``flush`` returns the rest when recording stops. Pointer steps get a placeholder
target (the absolute point); anchors are built afterwards from the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deskpilot import model as m
from deskpilot.input_events import ALTGR, RawEvent, modifier_of

CLICK_SLOP_PX = 4
DRAG_THRESHOLD_PX = 8
DOUBLE_CLICK_S = 0.4
SCROLL_JOIN_S = 1.0
SCROLL_JOIN_PX = 20
PRESS_KEYS = frozenset({"enter", "tab", "esc", "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
                        "delete", "insert", "backspace", "space", "menu", "pause", "printscreen", "capslock",
                        *(f"f{n}" for n in range(1, 25))})
MOD_ORDER = ("ctrl", "shift", "alt", "super")


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedStep:
    step: m.Step
    t_start: float
    t_end: float
    at: tuple[int, int] | None = None
    at_end: tuple[int, int] | None = None


def point_target(x: int, y: int) -> m.Target:
    return m.Target(anchors=(m.PointAnchor(at=(x, y)),))


@dataclass
class _Pending:
    kind: str  # "text", "press", "click", "scroll"
    t_start: float
    t_end: float
    text: list[str] = field(default_factory=list)
    key: str = ""
    count: int = 0
    x: int = 0
    y: int = 0
    button: str = "left"
    modifiers: tuple[str, ...] = ()


@dataclass
class _Down:
    t: float
    x: int
    y: int
    button: str
    modifiers: tuple[str, ...]


class StepBuilder:
    """Turns a stream of RawEvents into RecordedSteps, leaving out the recorder's own hotkeys."""

    def __init__(self, ignore: set[frozenset[str]] | None = None) -> None:
        self.ignore = ignore or set()
        self.held: set[str] = set()
        self.altgr = False
        self.swallowed: set[str] = set()
        self.pending: _Pending | None = None
        self.down: _Down | None = None
        self.first_t: float | None = None
        self.last_t: float | None = None

    def duration(self) -> float:
        return 0.0 if self.first_t is None or self.last_t is None else self.last_t - self.first_t

    # --- the stream ------------------------------------------------------------------------

    def feed(self, e: RawEvent) -> list[RecordedStep]:
        out: list[RecordedStep] = []
        if self.pending and self.pending.kind == "click" and e.t - self.pending.t_end > DOUBLE_CLICK_S:
            out += self._flush()
        handler = getattr(self, "_on_" + e.kind, None)
        if handler is not None:
            out += handler(e)
        return out

    def flush(self) -> list[RecordedStep]:
        return self._flush()

    def _touch(self, e: RawEvent) -> None:
        self.first_t = e.t if self.first_t is None else self.first_t
        self.last_t = e.t

    # --- keyboard ----------------------------------------------------------------------------

    def _on_key_down(self, e: RawEvent) -> list[RecordedStep]:
        key = (e.key or "").lower()
        mod = modifier_of(key)
        if key in ALTGR:
            self.altgr = True
            return []
        if mod:
            self.held.add(mod)
            return []
        combo = frozenset(self.held | {_key_name(e)})
        if combo in self.ignore:
            self.swallowed.add(key)
            return []
        self._touch(e)
        commanding = self.held & {"ctrl", "alt", "super"}
        if commanding and not self.altgr:
            keys = tuple(k for k in MOD_ORDER if k in self.held) + (_key_name(e),)
            return self._flush() + [RecordedStep(step=m.Hotkey(keys=keys), t_start=e.t, t_end=e.t)]
        if key == "backspace" and self.pending and self.pending.kind == "text" and self.pending.text:
            self.pending.text.pop()
            self.pending.t_end = e.t
            return []
        if e.char is not None and len(e.char) == 1 and e.char.isprintable() and key not in PRESS_KEYS - {"space"}:
            return self._type(e, e.char)
        if key in PRESS_KEYS:
            return self._press(e, key)
        return []  # a dead key or an unknown key produced nothing by itself

    def _on_key_up(self, e: RawEvent) -> list[RecordedStep]:
        key = (e.key or "").lower()
        if key in ALTGR:
            self.altgr = False
        elif modifier_of(key):
            self.held.discard(modifier_of(key) or "")
        self.swallowed.discard(key)
        return []

    def _type(self, e: RawEvent, ch: str) -> list[RecordedStep]:
        if self.pending and self.pending.kind == "text":
            self.pending.text.append(ch)
            self.pending.t_end = e.t
            return []
        out = self._flush()
        self.pending = _Pending("text", e.t, e.t, text=[ch])
        return out

    def _press(self, e: RawEvent, key: str) -> list[RecordedStep]:
        if self.pending and self.pending.kind == "press" and self.pending.key == key:
            self.pending.count += 1
            self.pending.t_end = e.t
            return []
        out = self._flush()
        self.pending = _Pending("press", e.t, e.t, key=key, count=1)
        return out

    # --- mouse ---------------------------------------------------------------------------------

    def _on_press(self, e: RawEvent) -> list[RecordedStep]:
        self._touch(e)
        out: list[RecordedStep] = []
        if not (self.pending and self.pending.kind == "click"):
            out += self._flush()
        mods = tuple(k for k in MOD_ORDER if k in self.held)
        self.down = _Down(e.t, e.x, e.y, e.button or "left", mods)
        return out

    def _on_release(self, e: RawEvent) -> list[RecordedStep]:
        down, self.down = self.down, None
        if down is None:
            return []
        self._touch(e)
        moved = max(abs(e.x - down.x), abs(e.y - down.y))
        if moved > DRAG_THRESHOLD_PX:
            drag = m.Drag(source=point_target(down.x, down.y), dest=point_target(e.x, e.y), button=down.button)
            return self._flush() + [RecordedStep(step=drag, t_start=down.t, t_end=e.t, at=(down.x, down.y),
                                                 at_end=(e.x, e.y))]
        p = self.pending
        if (p and p.kind == "click" and p.button == down.button and p.modifiers == down.modifiers and p.count < 3
                and down.t - p.t_end <= DOUBLE_CLICK_S and abs(down.x - p.x) <= CLICK_SLOP_PX
                and abs(down.y - p.y) <= CLICK_SLOP_PX):
            p.count += 1
            p.t_end = e.t
            return []
        out = self._flush()
        self.pending = _Pending("click", down.t, e.t, x=down.x, y=down.y, button=down.button, count=1,
                                modifiers=down.modifiers)
        return out

    def _on_screen(self, e: RawEvent) -> list[RecordedStep]:
        """The screen changed between two presses of a key: "Enter, a box appears, Enter" is two steps, not x2."""
        if self.pending and self.pending.kind == "press":
            return self._flush()
        return []

    def _on_scroll(self, e: RawEvent) -> list[RecordedStep]:
        self._touch(e)
        p = self.pending
        if (p and p.kind == "scroll" and e.t - p.t_end <= SCROLL_JOIN_S and abs(e.x - p.x) <= SCROLL_JOIN_PX
                and abs(e.y - p.y) <= SCROLL_JOIN_PX):
            p.count += e.dy
            p.t_end = e.t
            return []
        out = self._flush()
        self.pending = _Pending("scroll", e.t, e.t, x=e.x, y=e.y, count=e.dy)
        return out

    # --- emitting --------------------------------------------------------------------------------

    def _flush(self) -> list[RecordedStep]:
        p, self.pending = self.pending, None
        if p is None:
            return []
        if p.kind == "text":
            return [RecordedStep(step=m.Type(text="".join(p.text)), t_start=p.t_start, t_end=p.t_end)] if p.text else []
        if p.kind == "press":
            return [RecordedStep(step=m.Press(key=p.key, count=p.count), t_start=p.t_start, t_end=p.t_end)]
        if p.kind == "scroll":
            if p.count == 0:
                return []
            return [RecordedStep(step=m.Scroll(clicks=p.count, target=point_target(p.x, p.y)), t_start=p.t_start,
                                 t_end=p.t_end, at=(p.x, p.y))]
        click = m.Click(target=point_target(p.x, p.y), button=p.button, clicks=p.count, modifiers=p.modifiers)
        return [RecordedStep(step=click, t_start=p.t_start, t_end=p.t_end, at=(p.x, p.y))]


def _key_name(e: RawEvent) -> str:
    """The key of a combination: control characters (Ctrl+A arrives as '\\x01') back to their letter."""
    ch = e.char
    if ch is not None and len(ch) == 1 and 1 <= ord(ch) <= 26:
        return chr(ord(ch) + 96)
    key = (e.key or "").lower()
    if key and key not in ("", "unknown") and (len(key) > 1 or not ch):
        return key
    return (ch or key).lower()
