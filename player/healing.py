"""Proposed repairs of a step's anchors, for a person to review (``deskpilot heal``); a run never rewrites them.

When the tree found a step's element but its picture no longer matches where the label
still agrees, the recording has drifted (a new theme, a larger font): a fresh crop is
proposed. When the picture and the label found the place but the element has gone (a
renamed or moved control), the element there now is proposed. Nothing is proposed on a
single anchor's word: two kinds of evidence must agree on the place.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

from deskpilot import model as m
from deskpilot.format.nodes import anchor_node
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Accessibility, Element, Frame, WindowList
from deskpilot.result import Candidate, StepResult
from deskpilot.vision.elements import anchor_of, element_anchor, usable
from deskpilot.vision.crops import unique_crop
from deskpilot.vision.resolve import Resolver
from deskpilot.vision.structural import window_pattern
from deskpilot.vision.text import find_phrases

log = logging.getLogger(__name__)
HEAL = "heal"  # the report's sub-folder for proposed pictures
LABEL_REACH = (320, 40)  # how far left of and above its element a label is looked for
LABEL_AGREES = 0.85


@dataclasses.dataclass
class Healer:
    """Looks at a found step's other anchors; writes proposed pictures into the report folder.

    The cheap look (do the pictures still match?) happens as the step is found; the reading that must
    back a repair is done once the run is over (``settle``), so that healing never slows a step."""

    resolver: Resolver
    access: Accessibility | None
    windows: WindowList | None
    report_dir: Path | None
    _later: list[tuple[StepResult, str, str, m.Target, Candidate, Frame]] = dataclasses.field(default_factory=list)

    def note(self, result: StepResult, step: str, which: str, target: m.Target, best: Candidate, frame: Frame) -> None:
        """A found step: kept for after the run when something about it may need repair."""
        if best.how == "element" and best.element is not None:
            if not self._picture_drifted(target, best.element, best.point, frame):
                return
        elif best.how not in ("text", "image") or element_anchor(target) is None:
            return
        self._later.append((result, step, which, target, best, frame))

    def settle(self) -> None:
        """Propose the repairs of the steps noted during the run, into their results."""
        for result, step, which, target, best, frame in self._later:
            result.heal += self.propose(step, which, target, best, frame)
        self._later.clear()

    def _picture_drifted(self, target: m.Target, element: Element, point: Point, frame: Frame) -> bool:
        if self.report_dir is None or not any(isinstance(a, m.ImageAnchor) for a in target.anchors):
            return False
        inside = element.rect.grow(6)
        return not any(inside.contains(c.point) for c in self.resolver.pictures_near(target, frame, point))

    def propose(self, step: str, which: str, target: m.Target, best: Candidate, frame: Frame) -> list[dict[str, Any]]:
        try:
            if best.how == "element" and best.element is not None:
                return self._visual_drift(step, which, target, best.element, best.point, frame)
            if best.how in ("text", "image"):
                return self._element_drift(step, which, target, best.point)
        except Exception as exc:  # a proposal is a courtesy: it never fails a step that passed
            log.warning("step %s: no repair proposed: %s", step, exc)
        return []

    def _visual_drift(self, step: str, which: str, target: m.Target, element: Element, point: Point,
                      frame: Frame) -> list[dict[str, Any]]:
        """Found by its element: a picture that no longer matches there, while the label still leads there."""
        images = [(i, a) for i, a in enumerate(target.anchors) if isinstance(a, m.ImageAnchor)]
        if not images or not self._picture_drifted(target, element, point, frame):
            return []  # the picture still matches at the element: nothing drifted
        texts = [a for a in target.anchors if isinstance(a, m.TextAnchor)]
        label = self._label_beside(texts, element, frame) if texts else None
        if texts and label is None:
            return []  # the label must agree, or it is one anchor's word against another's
        out = []
        for i, anchor in images:
            new = self._crop(step, i, anchor, point, frame, label)
            if new is not None:
                what = f"{element.role} '{element.name or element.label or ''}'"
                out.append(_proposal(step, which, i, new, f"the picture no longer matches; the element {what}"
                                     + (" and its label agree" if texts else "") + f" on ({point.x}, {point.y})"))
        return out

    def _label_beside(self, texts: list[m.TextAnchor], element: Element, frame: Frame) -> Rect | None:
        """Where the label still reads beside this element (on it, left of it or just above it), or None.

        Only that band is read, not the window: a drifted screen costs one small OCR call per step."""
        r = element.rect
        band = frame.rect.intersect(Rect(r.x - LABEL_REACH[0], r.y - LABEL_REACH[1], r.w + LABEL_REACH[0] + 8,
                                         r.h + 2 * LABEL_REACH[1]))
        if band is None:
            return None
        words = self.resolver.words(frame, band)
        found = [p for a in texts for p in find_phrases(words, a.text) if p.similarity >= LABEL_AGREES]
        return max(found, key=lambda p: p.similarity).box if found else None

    def _crop(self, step: str, i: int, anchor: m.ImageAnchor, point: Point, frame: Frame,
              label: Rect | None) -> m.ImageAnchor | None:
        """A fresh picture of the place, its label inside, grown until it matches nowhere else on the screen
        (as the recorder makes them): a picture that matched the next empty field too would be worse than none."""
        assert self.report_dir is not None
        name = f"{HEAL}/step-{step.replace('.', '-')}-{i}.png"
        new = unique_crop(frame, point, self.report_dir, name, include=label)
        return dataclasses.replace(new, threshold=anchor.threshold, label=anchor.label) if new is not None else None

    def _element_drift(self, step: str, which: str, target: m.Target, point: Point) -> list[dict[str, Any]]:
        """Found by the picture and the label while the element anchor found nothing: the control there now."""
        found = element_anchor(target)
        if found is None or self.access is None or self.windows is None:
            return []
        element = self.access.element_at(point)
        if not usable(element, point):
            return []
        assert element is not None
        pattern = window_pattern(target)
        window = self.windows.at(point)
        siblings = self.access.elements(window) if window is not None else [element]
        new = anchor_of(element, point, pattern, siblings)
        if new is None or new == found[1]:
            return []
        return [_proposal(step, which, found[0], new, f"the element {found[1].role} '{found[1].name or found[1].label}'"
                          f" is gone; the picture and the label found {element.role} "
                          f"'{element.name or element.label or ''}' at ({point.x}, {point.y})")]


def _proposal(step: str, which: str, index: int | None, anchor: m.Anchor, why: str) -> dict[str, Any]:
    kind = {m.ElementAnchor: "element", m.TextAnchor: "text", m.ImageAnchor: "image",
            m.WindowAnchor: "window"}.get(type(anchor), "at")
    return {"step": step, "target": which, "anchor": index, "kind": kind, "new": _plain(anchor_node(anchor)),
            "why": why}


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node if isinstance(node, (bool, int, float)) or node is None else str(node)
