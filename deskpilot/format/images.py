"""Anchor images must stay inside the recording folder, exist, and be readable PNG or JPEG pictures.

A shared recording is data from someone else: an ``image:`` that points outside
its folder (``../``, an absolute path, a symlink out) could make DeskPilot read
any file on the machine, so it is refused rather than followed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from deskpilot.errors import Problem
from deskpilot.format.problems import Collector, line_of
from deskpilot.format.registry import STEPS

if TYPE_CHECKING:
    from deskpilot.format.loader import LoadedRoutine

IMAGE_FORMATS = ("PNG", "JPEG")


def check_images(loaded: LoadedRoutine) -> list[Problem]:
    """Check a loaded routine's images again (they may have changed since it was loaded)."""
    c = Collector(str(loaded.path))
    collect_image_problems(c, loaded.document.get("steps"), loaded.path.parent)
    return c.problems


def collect_image_problems(c: Collector, steps_node: Any, folder: Path) -> None:
    """Every ``image:`` in every step, each reported at its own line."""
    if not isinstance(steps_node, list):
        return
    root = folder.resolve()
    for i, item in enumerate(steps_node):
        if not isinstance(item, dict) or len(item) != 1:
            continue
        kind = next(iter(item))
        spec = STEPS.get(kind)
        if spec is None:
            continue  # an unknown kind is reported by the schema
        c.step, c.kind = i + 1, str(kind)
        body = item[kind]
        frame = body.get("frame") if isinstance(body, dict) else None
        if isinstance(frame, str) and _escapes(frame, root):  # a missing frame is no error: only the editor shows it
            c.add(line_of(body, "frame", line_of(steps_node, i)), f"frame path escapes the recording folder: {frame}",
                  "keep frames inside the recording folder, e.g. screens/001.png")
        if not spec.takes_target:
            continue  # no anchors here: a call's "with: {image: ...}" is a value passed, not a picture
        for node in _anchor_mappings(body):
            name = node["image"]
            if isinstance(name, str) and name.strip():
                _check(c, name, root, line_of(node, "image", line_of(steps_node, i)))
    c.step = c.kind = None


def _anchor_mappings(node: Any) -> Iterator[Any]:
    """Mappings with an ``image`` key anywhere under a step: inline, in ``target:``, ``from:`` or ``to:``."""
    if isinstance(node, dict):
        if "image" in node:
            yield node
        for value in node.values():
            yield from _anchor_mappings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _anchor_mappings(value)


def _escapes(name: str, root: Path) -> bool:
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
        return True
    return not (root / name).resolve().is_relative_to(root)  # resolve() follows symlinks, so a link out escapes


def _check(c: Collector, name: str, root: Path, line: int) -> None:
    if _escapes(name, root):
        c.add(line, f"anchor image path escapes the recording folder: {name}",
              "keep anchor images inside the recording folder, e.g. anchors/001.png")
        return
    path = (root / name).resolve()
    if not path.is_file():
        c.add(line, f"anchor image not found: {name}", "re-record this step or fix the path")
        return
    problem = _unreadable(path)
    if problem:
        c.add(line, f"anchor image is not a readable PNG or JPEG: {name} ({problem})",
              "re-record this step or replace the image")


def _unreadable(path: Path) -> str | None:
    """Why the picture cannot be used, or None. ``verify`` checks the structure, ``load`` the pixels.

    A picture sealed under ``encrypt: at_rest`` is checked opened; one this keyring cannot open says why."""
    import io

    from PIL import Image, UnidentifiedImageError

    from deskpilot.compliance.sealing import SealingError, read_private

    try:
        data = read_private(path)
    except SealingError as exc:
        return str(exc).removeprefix(f"{path}: ")
    except OSError as exc:
        return type(exc).__name__
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format not in IMAGE_FORMATS:
                return f"it is {img.format or 'an unknown format'}"
            img.verify()
        with Image.open(io.BytesIO(data)) as img:
            img.load()  # verify() does not notice a file cut short
    except UnidentifiedImageError:
        return "not an image file"
    except Exception as exc:  # PIL raises many kinds for a broken file; its messages name absolute paths
        return "the file is cut short" if "truncated" in str(exc).lower() else type(exc).__name__
    return None
