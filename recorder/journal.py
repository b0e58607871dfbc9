"""The crash-safe journal: raw events appended as they happen, so a killed recorder loses at most a second.

A recording in progress is a folder ``<name>.recording/`` next to where the routine
will go: ``journal.jsonl`` (a header line, then one event per line) and
``frames/`` (the screen before each press). Stopping turns it into the routine
folder and removes it; the next start finds a left-over one and recovers it.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from deskpilot.input_events import RawEvent

SUFFIX = ".recording"
FLUSH_EVERY_S = 0.5
FLUSH_EVERY_EVENTS = 50


@dataclass(frozen=True)
class JournalHeader:
    name: str
    started: str
    screen: tuple[int, int]
    lang: str = "eng"


class Journal:
    def __init__(self, folder: Path, header: JournalHeader) -> None:
        self.folder = folder
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # what was typed and seen: the user's only
        (folder / "frames").mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(folder / "journal.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        self._fh: TextIO = os.fdopen(fd, "a", encoding="utf-8")
        if self._fh.tell() == 0:
            self._fh.write(json.dumps({"header": header.__dict__}, ensure_ascii=False) + "\n")
            self._sync()
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def append(self, event: RawEvent, *, redact: bool = False) -> None:
        self._fh.write(event.to_json(redact=redact) + "\n")
        self._unsynced += 1
        now = time.monotonic()
        if self._unsynced >= FLUSH_EVERY_EVENTS or now - self._last_sync >= FLUSH_EVERY_S:
            self._sync()

    def tick(self) -> None:
        """Called when idle: what is buffered reaches the disk within FLUSH_EVERY_S."""
        if self._unsynced and time.monotonic() - self._last_sync >= FLUSH_EVERY_S:
            self._sync()

    def _sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def frame_path(self, index: int) -> Path:
        return self.folder / "frames" / f"{index:05d}.png"

    def close(self) -> None:
        if not self._fh.closed:
            self._sync()
            self._fh.close()


def read_journal(folder: Path) -> tuple[JournalHeader, list[tuple[int, RawEvent, bool]]]:
    """The header and (line index, event, redacted) triples; a line cut short by a kill is skipped."""
    lines = (folder / "journal.jsonl").read_text(encoding="utf-8", errors="replace").splitlines()
    try:
        head: dict[str, Any] = json.loads(lines[0])["header"]
    except (IndexError, json.JSONDecodeError, KeyError, TypeError):
        raise EmptyJournal(folder) from None
    header = JournalHeader(name=head["name"], started=head["started"], screen=tuple(head["screen"]),
                           lang=head.get("lang", "eng"))
    events = []
    for i, line in enumerate(lines[1:], start=1):
        try:
            event = RawEvent.from_json(line)
        except (json.JSONDecodeError, TypeError):
            continue
        events.append((i, event, event.char == "•"))
    return header, events


class EmptyJournal(Exception):
    """A journal killed before its header reached the disk: there is nothing to recover from it."""


def find_unfinished(out: Path) -> list[Path]:
    return sorted(p for p in out.glob(f"*{SUFFIX}") if (p / "journal.jsonl").exists())
