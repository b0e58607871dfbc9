"""Which format a file is written in, and where the readers of old formats go.

Format 1 is the only one so far; ``schema.py`` reads it. When format 2 comes,
``schema.py`` moves to reading 2, and a module ``v1.py`` beside this one gets a
``upgrade(doc)`` that turns a format-1 document into a format-2 one in memory
(httpie's ``legacy/`` does the same); register it in ``UPGRADES``. The file on
disk is only rewritten when the person saves. A newer format than this DeskPilot
knows is refused outright: guessing at its meaning could click the wrong thing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deskpilot import model as m
from deskpilot.format.problems import Collector, line_of

# format N -> a function that turns a format-N document into format N + 1, in place
UPGRADES: dict[int, Callable[[Any], None]] = {}


def check_version(c: Collector, doc: Any) -> int | None:
    """The file's format, or None when it cannot be read by this DeskPilot at all (a newer format).

    A missing or malformed version is reported, and the file is still read as the
    current format so that every other problem is reported too.
    """
    if "deskpilot" not in doc:
        c.add(1, "missing format version", "add 'deskpilot: 1' as the first line")
        return m.FORMAT_VERSION
    version = doc["deskpilot"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        c.add(line_of(doc, "deskpilot"), f"format version must be a whole number, not {version!r}",
              f"use 'deskpilot: {m.FORMAT_VERSION}'")
        return m.FORMAT_VERSION
    if version > m.FORMAT_VERSION:
        c.add(line_of(doc, "deskpilot"), f"written by a newer DeskPilot (format {version}); this one reads format "
              f"{m.FORMAT_VERSION}", "upgrade DeskPilot")
        return None
    return int(version)


def upgrade(doc: Any, version: int) -> None:
    """Bring an older document up to the current format in memory, one format at a time."""
    while version < m.FORMAT_VERSION:
        UPGRADES[version](doc)
        version += 1
