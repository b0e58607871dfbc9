"""A picture of a place that matches only that place: the image anchor the recorder writes and a repair proposes.

A crop around the point, taking in its label, grown until it matches only one place on the
frame: an empty field is told from the empty field above it by the label beside it, and a
flat crop (an empty field, a blank wall) matches everywhere, so it grows first.
"""

from __future__ import annotations

from pathlib import Path

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.images import write_png
from deskpilot.ports import Frame
from deskpilot.vision.match import grey, match
from deskpilot.vision.text import union

CROP_START = (48, 24)
CROP_MAX = (400, 200)


def unique_crop(frame: Frame, point: Point, folder: Path, name: str,
                 include: Rect | None = None) -> m.ImageAnchor | None:
    """A crop around the point, taking in its label, grown until it matches only one place on the frame.

    With the label inside, an empty field is told from the empty field above it: the
    picture is then the label and its field, as a person sees it.
    """
    haystack = grey(frame.pixels)
    w, h = CROP_START
    while w <= CROP_MAX[0] and h <= CROP_MAX[1]:
        wanted = Rect.centered(point, w, h)
        if include is not None and include.center.distance(point) <= 400:
            wanted = union([wanted, include.grow(4)])
        rect = frame.rect.intersect(wanted)
        if rect is None:
            return None
        pixels, rect = frame.crop(rect)
        crop = grey(pixels)
        if crop.std() > 8:  # a flat crop (empty field, blank wall) matches everywhere: grow it
            found = match(haystack, (frame.origin.x, frame.origin.y), crop, threshold=0.9, scales=(1.0,), limit=2)
            if len(found) == 1:
                write_png(folder / name, pixels)
                return m.ImageAnchor(image=name, point=(point.x - rect.x, point.y - rect.y), near=(point.x, point.y))
        w, h = int(w * 1.5), int(h * 1.5)
    return None
