"""The annotated picture of a failed or found step: what was searched, what was seen, where it would click."""

from __future__ import annotations

import cv2
import numpy as np

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame
from deskpilot.result import Candidate, Resolution
from deskpilot.vision.draw import GREY, ORANGE, RED, annotate


def test_the_picture_shows_searched_regions_candidates_and_the_point() -> None:
    frame = Frame(np.full((200, 300, 3), 255, np.uint8), Point(1000, 500))  # a crop from the right of the desktop
    cand = Candidate(point=Point(1150, 600), score=0.71, anchor_index=0, how="text", box=Rect(1100, 550, 60, 20),
                     found_text="Customer 1D:")
    res = Resolution(status="not_found", best=None, candidates=(cand,), searched=(Rect(1010, 510, 280, 180),))
    png = annotate(frame, res, Point(1250, 650))
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_COLOR)
    assert img is not None
    assert img.shape == (200, 300, 3)
    assert tuple(img[100, 10]) == GREY  # the searched region's left edge, in frame coordinates
    assert tuple(img[70, 130]) == ORANGE  # the candidate's box, bottom edge
    assert tuple(img[150, 250]) == RED  # the crosshair on the point
    assert np.array_equal(frame.pixels, np.full((200, 300, 3), 255, np.uint8))  # the frame itself is untouched
