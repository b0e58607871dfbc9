"""Anchor images must stay inside the recording folder, exist, and be readable pictures."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

from deskpilot import model as m
from deskpilot.format.problems import Collector, line_of


def check_images(c: Collector, routine: m.Routine, steps_node: Any, folder: Path) -> None:
    root = folder.resolve()
    for i, step in enumerate(routine.steps):
        c.step, c.kind = i + 1, step.kind
        line = line_of(steps_node, i)
        for attr in ("target", "source", "dest"):
            target = getattr(step, attr, None)
            for anchor in getattr(target, "anchors", ()):
                if isinstance(anchor, m.ImageAnchor):
                    _check(c, anchor.image, root, line)
    c.step = c.kind = None


def _check(c: Collector, name: str, root: Path, line: int) -> None:
    pure = PurePosixPath(name.replace("\\", "/"))
    resolved = (root / name).resolve()
    if pure.is_absolute() or Path(name).is_absolute() or not resolved.is_relative_to(root):
        c.add(line, f"anchor image path escapes the recording folder: {name}",
              "keep anchor images inside the recording folder, e.g. anchors/001.png")
        return
    if not resolved.is_file():
        c.add(line, f"anchor image not found: {name}", "re-record this step or fix the path")
        return
    try:
        from PIL import Image

        with Image.open(resolved) as img:
            img.verify()
    except Exception as exc:  # PIL raises many kinds for a broken file
        c.add(line, f"anchor image is not a readable PNG or JPEG: {name} ({type(exc).__name__})",
              "re-record this step or replace the image")
