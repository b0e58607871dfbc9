"""Annotated screenshots for the report: what was expected, what was seen, where it would click.

They show the user's data, so they are the user's only, and sealed under ``encrypt: at_rest``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from deskpilot.compliance.sealing import require_key, write_private
from deskpilot.geometry import Point
from deskpilot.ports import Frame
from deskpilot.result import Resolution
from deskpilot.vision.draw import annotate

log = logging.getLogger(__name__)


class Evidence:
    """Writes ``step-NNN.png`` into the report folder; without a folder it keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        """A run whose report must be sealed and that has no key stops here, before its first step, with
        ``SealingError``: finding out at the first failure, or at the report, would leave a half-entered form."""
        self.folder = folder
        if folder is not None:
            require_key(folder)

    def save(self, index: int, frame: Frame, resolution: Resolution, point: Point | None) -> str | None:
        if self.folder is None:
            return None
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self.folder / f"step-{index:03d}.png"
        try:
            write_private(path, annotate(frame, resolution, point))  # the user's only: it shows their data
        except OSError as exc:  # a full disk must not hide the step's own failure
            log.warning("could not save %s: %s", path, exc)
            return None
        return path.name
