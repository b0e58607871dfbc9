"""Executors of the steps that read the screen into variables: read_text and read_table.

A mixin of the player: the region ``[dx, dy, w, h]`` is taken from the found point and grows
with the font when the anchor's text grew since it was recorded.
"""

from __future__ import annotations

import json

from deskpilot import model as m
from deskpilot.compare import parse_value
from deskpilot.errors import ExpectationFailed
from deskpilot.geometry import Rect
from deskpilot.ports import Accessibility, WindowList
from deskpilot.result import Candidate
from deskpilot.vision.table import table_rows
from deskpilot.player.searching import Context, Found, Searching


# elements whose text is a value to read (never a password field's)
READABLE_ROLES = frozenset({"text", "entry", "label", "spin button", "table cell", "status bar", "paragraph",
                            "static", "heading"})


class Reading(Searching):
    """The reading part of the player."""

    windows: WindowList | None

    access: Accessibility | None

    def _read_at(self, found: Found, target: m.Target, region: tuple[int, int, int, int]) -> str:
        rect = _region_rect(found, target, region)
        tree = self._tree_text(found, rect)
        if tree is not None:
            return tree
        return self.resolver.read_region(found.frame, rect, self.routine.lang).strip()

    def _tree_text(self, found: Found, rect: Rect) -> str | None:
        """The text of the one element the region covers, as the application holds it (no OCR); None when the
        tree has none there, or several: then the screen is read."""
        best = found.resolution.best
        if self.access is None or best is None or best.element is None:
            return None
        window = next((w for w in (self.windows.all() if self.windows is not None else [])
                       if w.rect.contains(best.element.rect.center)), None)
        around = self.access.elements(window) if window is not None else [best.element]
        inside = [e for e in around if rect.contains(e.rect.center) and e.role in READABLE_ROLES]
        if len(inside) != 1:
            return None
        now = self.access.refresh(inside[0]) or inside[0]
        text = now.value if now.value is not None else now.name
        return text.strip() if text and text.strip() else None

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
