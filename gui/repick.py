"""What the anchor editor asks of the vision code: find a target, and new anchors where the person points.

Everything here OCRs or matches, so the window runs it off the GUI thread. It
works on two kinds of frame: the live screen ("Find now") and the screen kept
with the step when it was recorded. On a recorded screen there are no live
windows to ask, so the step's window anchor is carried over, moved by as much as
the point moved.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from deskpilot import model as m
from deskpilot.errors import DeskPilotError
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, WindowList
from deskpilot.images import read_png, write_png
from deskpilot.vision.resolve import Resolver
from deskpilot.gui.qt import QCoreApplication


@dataclass(frozen=True)
class LiveLook:
    """What "Find now" saw: the frame, the annotated picture and a one-line verdict."""

    frame: Frame
    png: bytes
    text: str


@dataclass(frozen=True)
class Repicked:
    """A re-picked target and, when it does not lead back to its point on its own frame, why."""

    target: m.Target
    weak: str | None
    frame: str | None = None  # a live screen kept as the step's new recorded screen


def step_target(step: m.Step | None) -> m.Target | None:
    """The target the editor shows and edits: a drag's is its start."""
    target = getattr(step, "target", None) or getattr(step, "source", None)
    return target if isinstance(target, m.Target) else None


def recorded_point(target: m.Target | None) -> Point | None:
    """Where the step pointed when it was recorded (its absolute anchor), on the recorded screen."""
    for a in getattr(target, "anchors", ()):
        if isinstance(a, m.PointAnchor):
            return Point(*a.at)
    return None


def recorded_screen(step: m.Step | None, folder: Path) -> Frame | None:
    """The screen kept with the step, or None when the recording has none (hand-written, or older)."""
    name = getattr(step, "frame", None)
    if not name:
        return None
    path = folder / name
    pixels = read_png(path)
    return Frame(pixels, Point(0, 0)) if pixels is not None else None


def find_live(target: m.Target, folder: Path, lang: str) -> LiveLook:
    """Resolve a target on the live screen and draw every candidate with its score."""
    from deskpilot.platform import backend
    from deskpilot.vision.draw import annotate
    from deskpilot.vision.tesseract import TesseractOcr

    platform = backend()
    platform.check()
    screen = platform.screen()
    frame = screen.grab()
    res = Resolver(screen, TesseractOcr(), platform.windows(), folder, lang=lang).resolve(target, frame)
    scores = QCoreApplication.translate("Repick", ", ").join(
        QCoreApplication.translate("Repick", "{how} {score:.2f} at ({x}, {y})").format(
            how=c.how, score=c.score, x=c.point.x, y=c.point.y) for c in res.candidates[:6])
    verdict = {"found": QCoreApplication.translate("Repick", "found"),
               "ambiguous": QCoreApplication.translate("Repick", "ambiguous"),
               "not_found": QCoreApplication.translate("Repick", "not found")}.get(res.status, res.status)
    text = QCoreApplication.translate("Repick", "{verdict}: {detail}").format(verdict=verdict,
                                                                             detail=scores or res.reason)
    return LiveLook(frame, annotate(frame, res, res.best.point if res.best else None), text)


def repick_point(frame: Frame, point: Point, old: m.Target | None, folder: Path, lang: str, image_name: str, *,
                 live: bool) -> Repicked:
    """Every anchor built anew for the picked point, as the recorder builds them, and self-checked."""
    from deskpilot.recorder.anchors import build_target

    kept = _keep(frame, folder) if live else None  # the old recorded screen would show the old place
    windows = _live_windows() if live else None
    built = build_target(frame, point, resolver=_resolver(folder, lang, windows), windows=windows, folder=folder,
                         image_name=image_name, screen=(frame.rect.w, frame.rect.h))
    target = built.target
    was = recorded_point(old)
    if not live and was is not None:  # no live windows to ask: the old window anchor, moved with the point
        for a in getattr(old, "anchors", ()):
            if isinstance(a, m.WindowAnchor):
                moved = (a.point[0] + point.x - was.x, a.point[1] + point.y - was.y)
                target = target.with_anchor(dataclasses.replace(a, point=moved))
    return Repicked(target, built.weak, kept)


def repick_label(frame: Frame, label_at: Point, target: m.Target, folder: Path, lang: str) -> Repicked:
    """The text under ``label_at`` becomes the step's text anchor; the point to click stays where it was."""
    from deskpilot.recorder.anchors import self_check, text_anchor_from

    point = _point_of(target)
    resolver = _resolver(folder, lang, None)
    found = text_anchor_from(resolver.words(frame, frame.rect), label_at, point)
    if found is None:
        raise DeskPilotError(QCoreApplication.translate(
            "Repick", "no text at ({x}, {y}) on this screen; click on the letters of a label").format(
            x=label_at.x, y=label_at.y))
    new = target.with_anchor(found[0])
    return Repicked(new, self_check(new, frame, point, resolver))


def repick_crop(frame: Frame, region: Rect, target: m.Target, folder: Path, lang: str, image_name: str) -> Repicked:
    """The drawn rectangle becomes the step's image anchor; the point to click stays where it was."""
    from deskpilot.recorder.anchors import image_anchor_from, self_check

    point = _point_of(target)
    if region.w < 8 or region.h < 8:
        raise DeskPilotError(QCoreApplication.translate(
            "Repick", "the drawn picture is too small to find again; drag a rectangle of at least 8x8 pixels"))
    anchor = image_anchor_from(frame, region, point, folder, image_name)
    if anchor is None:
        raise DeskPilotError(QCoreApplication.translate(
            "Repick", "the drawn rectangle is outside the screen; drag it over the screen picture"))
    new = target.with_anchor(anchor)
    return Repicked(new, self_check(new, frame, point, _resolver(folder, lang, None)))


def _keep(frame: Frame, folder: Path) -> str:
    from deskpilot.recorder.routine import SCREENS

    n = 1
    while (folder / f"{SCREENS}/{n:03d}.png").exists():
        n += 1
    name = f"{SCREENS}/{n:03d}.png"
    write_png(folder / name, frame.pixels)
    return name


def _point_of(target: m.Target) -> Point:
    point = recorded_point(target)
    if point is None:
        raise DeskPilotError(QCoreApplication.translate(
            "Repick", "this step has no recorded point; re-pick the point first (Point mode)"))
    return point


def _resolver(folder: Path, lang: str, windows: WindowList | None) -> Resolver:
    from deskpilot.vision.tesseract import TesseractOcr

    return Resolver(None, TesseractOcr(), windows, folder, lang=lang)  # type: ignore[arg-type]  # frames are given


def _live_windows() -> WindowList | None:
    from deskpilot.platform import backend

    return backend().windows()
