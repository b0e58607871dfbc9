"""ports.Accessibility over AT-SPI: the control under a point, a window's controls, one control read again.

The X stack chooses the window (AT-SPI cannot say which of two overlapping applications is on
top), the tree names what is inside it. Every answer is None or [] when the bus, the
application or the object does not answer in time; nothing here raises to the caller.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Sequence

from deskpilot.geometry import Point, Rect
from deskpilot.platform.atspi.bus import AtspiBus, Ref
from deskpilot.platform.atspi.decode import TEXT_ROLES, path_entry
from deskpilot.platform.atspi.proxy import Node, read_labels_and_index, read_names, read_node, read_texts
from deskpilot.platform.atspi.tree import Frame, Walked, choose_frame, climb, descend, frames, pick, walk
from deskpilot.platform.atspi.xstack import Top, XStack
from deskpilot.vision.elements import MENU_ROLES, SECRET_ROLES
from deskpilot.ports import Element, Window

log = logging.getLogger(__name__)

WALK_TTL = 0.3  # seconds a window's walk is reused: one step's several look-ups, not a stale screen
FRAME_TTL = 2.0  # seconds a window's frame is reused while its title and box stay the same


class AtspiAccessibility:
    """The accessibility tree of the applications on one X display, through its accessibility bus."""

    def __init__(self, bus: AtspiBus, xstack: XStack) -> None:
        self.bus, self.xstack = bus, xstack
        self._lock = threading.Lock()
        self._walks: dict[int, tuple[float, Window, list[Element]]] = {}
        self._frames: dict[int, tuple[float, Window, Frame]] = {}

    # --- ports.Accessibility ----------------------------------------------------------------------

    def element_at(self, point: Point) -> Element | None:
        try:
            top = self.xstack.at(point)
            if top is None:
                return None
            if top.popup:
                return self._in_popup(top, point)
            frame = self._frame(top.window, top.pid)
            if frame is None:
                return None
            chain = climb(self.bus, descend(self.bus, frame.ref, point))
            chosen = pick(chain, point)
            if chosen is None:
                return None
            labels, index = read_labels_and_index(self.bus, [chain[chosen].ref], index=True)[0]
            node = dataclasses.replace(chain[chosen], labelled_by=labels, index=index)
            ancestors = tuple(path_entry(n.role, n.name) for n in reversed(chain[chosen + 1:]))
            return self._element(node, frame, top.window.rect, ancestors)
        except Exception:  # an application's odd answer must not break a recording
            log.exception("element_at(%s) failed", point)
            return None

    def elements(self, window: Window) -> list[Element]:
        now = time.monotonic()
        with self._lock:
            cached = self._walks.get(window.id)
        if cached is not None and now - cached[0] < WALK_TTL and cached[1] == window:
            return list(cached[2])
        try:
            frame = self._frame(window)
            found = self._walk(frame, window.rect) if frame is not None else []
        except Exception:
            log.exception("elements(%s) failed", window.title)
            found = []
        with self._lock:
            self._walks = {k: v for k, v in self._walks.items() if now - v[0] < WALK_TTL}
            self._walks[window.id] = (time.monotonic(), window, found)
        return list(found)

    def refresh(self, element: Element) -> Element | None:
        ref = element.ref
        if not (isinstance(ref, tuple) and len(ref) == 2 and all(isinstance(p, str) for p in ref)):
            return None
        with self._lock:
            self._walks.clear()  # what was read before this may be stale too
        try:
            node = read_node(self.bus, ref, relations=True)
            if node is None or "defunct" in node.states:
                return None
            value = self._values([node])[0]
            label = self._labels([node], {})[0]
        except Exception:
            log.exception("refresh(%s) failed", element.name)
            return None
        # a control hidden since keeps its last box; its states (no "showing") say it cannot be used now
        return dataclasses.replace(element, role=node.role, name=node.name, rect=node.box or element.rect,
                                   value=value, label=label, states=node.states)

    # --- the parts ----------------------------------------------------------------------------------

    def _frame(self, window: Window, pid: int | None = None) -> Frame | None:
        """The tree's frame of an X window, remembered while the window keeps its title and box."""
        now = time.monotonic()
        with self._lock:
            cached = self._frames.get(window.id)
        if cached is not None and now - cached[0] < FRAME_TTL and (cached[1].title, cached[1].rect) == (
                window.title, window.rect):
            return cached[2]
        pid = pid if pid is not None else self.xstack.pid(window.id)
        frame = choose_frame(window, frames(self.bus), pid)
        if frame is not None:
            with self._lock:
                self._frames = {k: v for k, v in self._frames.items() if now - v[0] < FRAME_TTL}  # closed ones go
                self._frames[window.id] = (now, window, frame)
        return frame

    def _in_popup(self, popup: Top, point: Point) -> Element | None:
        """The item under the point in an open menu or drop-down: the deepest showing one within the popup.

        GTK and Qt both keep a popup's items under the control that opened it, in the owner's tree;
        the owner is the window the popup is transient for, else any window of the popup's process.
        """
        owner = self.xstack.window(popup.owner) if popup.owner else None
        if owner is not None:
            found = [f for f in [self._frame(owner.window, owner.pid)] if f is not None]
        else:
            found = [f for f in frames(self.bus) if popup.pid is not None and f.pid == popup.pid]
        inside = popup.window.rect.grow(2)
        for frame in found:
            hits = [w for w in walk(self.bus, frame.ref) if w.node.box is not None
                    and w.node.box.contains(point) and inside.intersect(w.node.box) == w.node.box]
            if hits:
                deepest = max(hits, key=lambda w: len(w.path))
                return next(iter(self._built([deepest], frame, popup.window.rect)), None)
        return None

    def _walk(self, frame: Frame, clip: Rect) -> list[Element]:
        """The window's showing elements, their boxes clipped to it; an open menu's items whole, wherever they
        hang (below a small window): they are the window's own, on top of whatever is under them."""
        walked = [w for w in walk(self.bus, frame.ref) if w.node.box is not None and (
            w.node.box.intersect(clip) or w.node.role in MENU_ROLES)]
        return self._built(walked, frame, clip)

    def _built(self, walked: Sequence[Walked], frame: Frame, clip: Rect) -> list[Element]:
        nodes = [w.node for w in walked]
        values = self._values(nodes)
        labels = self._labels(nodes, {w.node.ref: w.node.name for w in walked})
        out = []
        for w, value, label in zip(walked, values, labels):
            rect = w.node.box if w.node.role in MENU_ROLES else (
                w.node.box.intersect(clip) if w.node.box is not None else None)
            if rect is not None:
                out.append(self._make(w.node, frame, rect, w.path, w.index, value, label))
        return out

    def _element(self, node: Node, frame: Frame, clip: Rect, path: tuple[str, ...]) -> Element | None:
        rect = node.box.intersect(clip) if node.box is not None else None
        if rect is None:
            return None
        return self._make(node, frame, rect, path, node.index, self._values([node])[0], self._labels([node], {})[0])

    @staticmethod
    def _make(node: Node, frame: Frame, rect: Rect, path: tuple[str, ...], index: int | None,
              value: str | None, label: str | None) -> Element:
        return Element(role=node.role, name=node.name, rect=rect, value=value, label=label, path=path,
                       window=frame.name, app=frame.app, states=node.states, index=index, ref=node.ref)

    def _values(self, nodes: Sequence[Node]) -> list[str | None]:
        """What text fields hold; never a password field's (its role says it is secret, that is enough)."""
        wanted = [i for i, n in enumerate(nodes) if n.role in TEXT_ROLES and n.role not in SECRET_ROLES]
        texts = read_texts(self.bus, [nodes[i].ref for i in wanted])
        out: list[str | None] = [None] * len(nodes)
        for i, text in zip(wanted, texts):
            out[i] = text
        return out

    def _labels(self, nodes: Sequence[Node], known: dict[Ref, str]) -> list[str | None]:
        """The name of each node's first labelled-by target, from the walk when it has it, else asked."""
        missing = list({n.labelled_by[0] for n in nodes if n.labelled_by and n.labelled_by[0] not in known})
        names = dict(known)
        names.update({ref: name for ref, name in zip(missing, read_names(self.bus, missing)) if name is not None})
        out: list[str | None] = []
        for n in nodes:
            label = names.get(n.labelled_by[0], "").strip() if n.labelled_by else ""
            out.append(label or None)
        return out

    def close(self) -> None:
        self.bus.close()
