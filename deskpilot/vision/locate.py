"""Turn what was seen (OCR words, image matches, windows) into scored candidates, and decide.

Pure: no capture, no OCR, no OpenCV here, so every rule is unit-tested on plain data.
The decision never guesses: a best candidate must be good enough and clearly
ahead of any other place, or the step fails with the candidates shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Window, Word
from deskpilot.result import Candidate, Resolution
from deskpilot.vision.text import find_phrases, numbers_in

MIN_SCORE = 0.8
MARGIN = 0.1
SAME_PLACE_PX = 6
NEAR_PENALTY = 0.15  # an equal text farther from the recorded place loses to the nearer one
WINDOW_ALONE_SCORE = 0.85  # a window anchor is trusted alone, but only supports text and image anchors
WINDOW_SUPPORT_SCORE = 0.55
POINT_SCORE = 0.5


def shifted(anchor: m.TextAnchor, shift: tuple[int, int]) -> m.TextAnchor:
    """The anchor with its position hint moved along with its window."""
    if anchor.near is None or shift == (0, 0):
        return anchor
    return dataclasses.replace(anchor, near=(anchor.near[0] + shift[0], anchor.near[1] + shift[1]))


def text_candidates(anchor: m.TextAnchor, index: int, words: Sequence[Word]) -> list[Candidate]:
    matches = find_phrases(words, anchor.text)
    numbers = numbers_in(anchor.text)
    cands = []
    for pm in matches:
        if numbers and numbers_in(pm.text) != numbers:
            continue  # another number is another text, however alike the rest reads
        if anchor.offset_em is not None:
            dx, dy = anchor.offset_em[0] * pm.box.h, anchor.offset_em[1] * pm.box.h
        else:
            dx, dy = anchor.offset
        score = pm.similarity * (0.8 + 0.2 * pm.conf)
        cands.append(Candidate(point=pm.box.center.offset(dx, dy), score=score, anchor_index=index, how="text",
                               box=pm.box, found_text=pm.text, text_similarity=pm.similarity, ocr_conf=pm.conf))
    return _prefer(anchor.occurrence, anchor.near, cands)


def _prefer(occurrence: int | None, near: tuple[int, int] | None, cands: list[Candidate]) -> list[Candidate]:
    """Apply the anchor's disambiguation: the n-th in reading order, or the one nearest the recorded place."""
    good = [c for c in cands if c.score >= MIN_SCORE]
    if occurrence is not None:
        ordered = reading_order(good)
        return [ordered[occurrence - 1]] if 0 < occurrence <= len(ordered) else []
    if near is not None and len(good) > 1:  # a tie-break among near-equals: never over a clearly better match
        target = Point(*near)
        top = max(c.score for c in good)
        close = [c for c in good if c.score >= top - MARGIN]
        nearest = min(close, key=lambda c: (c.box or Rect(c.point.x, c.point.y, 1, 1)).center.distance(target))
        return [c if c is nearest else _with_score(c, c.score - NEAR_PENALTY) for c in cands]
    return cands


def reading_order(cands: Sequence[Candidate]) -> list[Candidate]:
    """Rows top to bottom, each left to right; a box whose centre is within half a text height of a row is on it."""
    rows: list[list[Candidate]] = []
    for c in sorted(cands, key=lambda c: _centre(c).y):
        if rows and _centre(c).y - _centre(rows[-1][0]).y <= max(2, _height(rows[-1][0]) // 2):
            rows[-1].append(c)
        else:
            rows.append([c])
    return [c for row in rows for c in sorted(row, key=lambda c: _centre(c).x)]


def _centre(c: Candidate) -> Point:
    return c.box.center if c.box else c.point


def _height(c: Candidate) -> int:
    return c.box.h if c.box else 10


def _with_score(c: Candidate, score: float) -> Candidate:
    return Candidate(point=c.point, score=max(0.0, score), anchor_index=c.anchor_index, how=c.how, box=c.box,
                     found_text=c.found_text, text_similarity=c.text_similarity, ocr_conf=c.ocr_conf, scale=c.scale)


def image_candidates(anchor: m.ImageAnchor, index: int, boxes: Sequence[tuple[Rect, float, float]],
                     template_size: tuple[int, int]) -> list[Candidate]:
    """``boxes``: (matched box, score, scale). The point is the anchor's point inside the crop, scaled."""
    tw, th = template_size
    px, py = anchor.point if anchor.point is not None else (tw // 2, th // 2)
    cands = [Candidate(point=Point(round(box.x + px * scale), round(box.y + py * scale)), score=score,
                       anchor_index=index, how="image", box=box, scale=scale) for box, score, scale in boxes]
    return _prefer(None, anchor.near, cands)


def window_candidates(anchor: m.WindowAnchor, index: int, windows: Sequence[Window], alone: bool) -> list[Candidate]:
    score = WINDOW_ALONE_SCORE if alone else WINDOW_SUPPORT_SCORE
    return [Candidate(point=Point(w.rect.x + anchor.point[0], w.rect.y + anchor.point[1]), score=score,
                      anchor_index=index, how="window", box=w.rect, found_text=w.title) for w in windows]


def point_candidate(anchor: m.PointAnchor, index: int) -> Candidate:
    return Candidate(point=Point(*anchor.at), score=POINT_SCORE, anchor_index=index, how="point")


def decide(cands: Sequence[Candidate], *, min_score: float = MIN_SCORE, margin: float = MARGIN) -> Resolution:
    """Found only when the best is good enough and no other place comes close; agreeing anchors support it."""
    ranked = sorted(cands, key=lambda c: -c.score)
    if not ranked:
        return Resolution(status="not_found", best=None, reason="nothing that looks like it is on screen")
    best = ranked[0]
    if best.score < min_score:
        return Resolution(status="not_found", best=None, candidates=tuple(ranked), reason=f"best match {_show(best)} "
                          f"({best.score:.2f} < {min_score:.2f}) at ({best.point.x}, {best.point.y})")
    rivals = [c for c in ranked[1:] if c.point.distance(best.point) > SAME_PLACE_PX and c.score > best.score - margin
              and (c.how == best.how or c.score >= min_score)]
    if rivals:
        places = ", ".join(f"{_show(c)} {c.score:.2f} at ({c.point.x}, {c.point.y})" for c in [best, *rivals][:4])
        return Resolution(status="ambiguous", best=best, candidates=tuple(ranked),
                          reason=f"{len(rivals) + 1} places match equally well: {places}")
    return Resolution(status="found", best=best, candidates=tuple(ranked))


def _show(c: Candidate) -> str:
    return f'"{c.found_text}"' if c.found_text and c.how == "text" else c.how


AGREE_PX = 12  # two anchors agree when they put the point this close (or within a text height)
WINDOW_SLACK_PX = 24  # the layout may shift this much, plus one and a half text heights, and what a resize explains


def corroborate(res: Resolution, pool: Sequence[Candidate], target: m.Target, *,
                window_list: bool = True) -> Resolution:
    """A found place must be backed by another of the target's anchors, when it has any.

    A strong text score alone is not enough: another text on the window that shares words
    with the label can score 0.97 in a dark theme where the label itself is not read. So
    the place must agree with an image of it, or lie where its window anchor puts it
    (allowing for a larger font and a resized window). A target with nothing to compare
    (one anchor written by hand) is taken as written. Without a ``window_list`` (a remote
    desktop is one picture) a window anchor can neither back nor contradict, so it counts as absent.
    """
    best = res.best
    if not res.found or best is None or best.how not in ("text", "image"):
        return res
    kinds = (m.TextAnchor, m.ImageAnchor, m.WindowAnchor) if window_list else (m.TextAnchor, m.ImageAnchor)
    others = [a for i, a in enumerate(target.anchors) if i != best.anchor_index and isinstance(a, kinds)]
    if not others:
        return res
    agree = max(AGREE_PX, round(0.8 * (best.box.h if best.box and best.how == "text" else 14)))
    for c in pool:
        if c.anchor_index == best.anchor_index or c.how not in ("text", "image"):
            continue
        if c.how != best.how and c.score >= MIN_SCORE and c.point.distance(best.point) <= agree:
            return res
    windows = [c for c in pool if c.how == "window" and c.box is not None]
    for c in windows:
        if _window_agrees(best, c, target):
            return res
    recorded = _recorded_place(best, target)
    if recorded is not None and not windows and _near_recorded(best, recorded, target):
        return res  # where it was when recorded, and no window says otherwise: the screen has not moved
    expected = ", ".join(f"({c.point.x}, {c.point.y})" for c in windows[:2])
    why = (f"its window anchor expects it near {expected}" if windows else
           "no other anchor of the target backs it, and it is not where it was recorded")
    return Resolution(status="ambiguous", best=best, candidates=res.candidates, searched=res.searched,
                      reason=f"found {_show(best)} at ({best.point.x}, {best.point.y}), but {why}; "
                             "not accepted on its score alone")


def _window_agrees(best: Candidate, window: Candidate, target: m.Target) -> bool:
    """Whether the found point lies where the window anchor puts it, given font and size changes."""
    anchor = target.anchors[window.anchor_index]
    assert isinstance(anchor, m.WindowAnchor) and window.box is not None
    scale = _scale_of(best, target)
    height = best.box.h if best.box is not None and best.how == "text" else 14
    box = window.box
    rel = (best.point.x - box.x, best.point.y - box.y)
    for axis, now, recorded_size, point in ((0, box.w, anchor.size[0] if anchor.size else None, anchor.point[0]),
                                            (1, box.h, anchor.size[1] if anchor.size else None, anchor.point[1])):
        grown = now - recorded_size if recorded_size else 0
        slack = 0 if recorded_size else now // 4  # an old recording without its window size: a quarter either way
        stretched = point * now / recorded_size if recorded_size else point  # a layout that grows with its window
        places = (point, point * scale, point + grown, point + grown / 2, point * scale + grown, stretched)
        tolerance = WINDOW_SLACK_PX + 1.5 * height + slack
        if not min(places) - tolerance <= rel[axis] <= max(places) + tolerance:
            return False
    return True


def _recorded_place(best: Candidate, target: m.Target) -> Point | None:
    """Where the point was on the recording's screen: the absolute point, or the found anchor's own hint."""
    at = next((a.at for a in target.anchors if isinstance(a, m.PointAnchor)), None)
    if at is not None:
        return Point(*at)
    anchor = target.anchors[best.anchor_index]
    if isinstance(anchor, m.ImageAnchor) and anchor.near is not None:
        return Point(*anchor.near)
    return None


def _near_recorded(best: Candidate, recorded: Point, target: m.Target) -> bool:
    height = best.box.h if best.box is not None and best.how == "text" else 14
    tolerance = WINDOW_SLACK_PX + 1.5 * height
    return abs(best.point.x - recorded.x) <= tolerance and abs(best.point.y - recorded.y) <= tolerance


def _scale_of(best: Candidate, target: m.Target) -> float:
    """How much larger the screen's text is than when recorded, from the found anchor itself."""
    anchor = target.anchors[best.anchor_index]
    if best.how == "text" and isinstance(anchor, m.TextAnchor) and anchor.height and best.box is not None:
        return max(0.5, min(3.0, best.box.h / anchor.height))
    if best.how == "image" and best.scale:
        return best.scale
    return 1.0


def window_places(target: m.Target, cands: list[Candidate]) -> list[tuple[Point, Rect]]:
    """Where each found window of the target puts its point: as recorded, moved with a resize, or scaled with it."""
    out: list[tuple[Point, Rect]] = []
    for c in cands:
        if c.how != "window" or c.box is None:
            continue
        anchor = target.anchors[c.anchor_index]
        assert isinstance(anchor, m.WindowAnchor)
        box, (px, py) = c.box, anchor.point
        places: list[tuple[float, float]] = [(px, py)]
        if anchor.size:
            (rw, rh), dw, dh = anchor.size, box.w - anchor.size[0], box.h - anchor.size[1]
            places += [(px * box.w / rw, py * box.h / rh), (px + dw, py + dh), (px + dw / 2, py + dh / 2)]
        for x, y in places:
            point = Point(round(box.x + x), round(box.y + y))
            if box.contains(point) and all(point.distance(p) > 5 for p, _ in out):
                out.append((point, box))
    return out


def window_shift(target: m.Target, expected: Point | None) -> tuple[int, int]:
    """How far the window moved since recording: where its anchor puts the point now minus where it was."""
    at = next((a.at for a in target.anchors if isinstance(a, m.PointAnchor)), None)
    if expected is None or at is None:
        return (0, 0)
    return expected.x - at[0], expected.y - at[1]
