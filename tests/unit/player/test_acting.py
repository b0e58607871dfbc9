"""A place found right of a label that overshoots its field (the font grew, the field did not)."""

from __future__ import annotations

import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.player.acting import _along_the_row
from deskpilot.player.searching import Found
from deskpilot.ports import Frame
from deskpilot.result import Candidate, Resolution


def _found(how: str, point: Point, box: Rect) -> Found:
    best = Candidate(point=point, score=0.97, anchor_index=0, how=how, box=box)
    return Found(point, Resolution(status="found", best=best), Frame(np.zeros((4, 4, 3), np.uint8)), 0.0)


def test_points_back_toward_the_label_are_tried_after_the_place_itself_and_never_over_the_label() -> None:
    points = _along_the_row(_found("text", Point(518, 130), Rect(300, 122, 110, 16)))
    assert points[0] == Point(518, 130) and all(p.y == 130 for p in points)
    assert [p.x for p in points[1:4]] == [494, 470, 446] and min(p.x for p in points) > 410 + 6


def test_a_place_found_by_its_picture_is_tried_alone() -> None:
    assert _along_the_row(_found("image", Point(518, 130), Rect(480, 120, 80, 20))) == [Point(518, 130)]
