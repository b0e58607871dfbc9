"""The crash-safe journal: raw events appended as they happen, so a killed recorder loses at most a second.

A recording in progress is a folder ``<name>.recording/`` next to where the routine
will go: ``journal.jsonl`` (a header line, then one event per line) and
``frames/`` (the screen before each press). Stopping turns it into the routine
folder and removes it; the next start finds a left-over one and recovers it.
Under ``encrypt: at_rest`` the journal is sealed line by line, each event on its own line
(``deskpilot.compliance.sealing``), so a kill still costs at most the last event.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deskpilot.compliance.sealing import LineAppender, read_lines, require_key
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
        require_key(folder / "journal.jsonl")  # a recording that must be sealed and cannot be starts nothing
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # what was typed and seen: the user's only
        (folder / "frames").mkdir(mode=0o700, parents=True, exist_ok=True)
        self._file = LineAppender(folder / "journal.jsonl")  # no key when it must be sealed: refused here
        if self._file.fresh:
            self._file.append(json.dumps({"header": header.__dict__}, ensure_ascii=False))
            self._sync()
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def append(self, event: RawEvent, *, redact: bool = False) -> None:
        """One event on a line of its own, written at once: a kill loses none, a power cut the unsynced ones."""
        self._file.append(event.to_json(redact=redact))
        self._unsynced += 1
        now = time.monotonic()
        if self._unsynced >= FLUSH_EVERY_EVENTS or now - self._last_sync >= FLUSH_EVERY_S:
            self._sync()

    def tick(self) -> None:
        """Called when idle: what is buffered reaches the disk within FLUSH_EVERY_S."""
        if self._unsynced and time.monotonic() - self._last_sync >= FLUSH_EVERY_S:
            self._sync()

    def _sync(self) -> None:
        self._file.sync()
        self._unsynced = 0
        self._last_sync = time.monotonic()

    def frame_path(self, index: int) -> Path:
        return self.folder / "frames" / f"{index:05d}.png"

    def close(self) -> None:
        if not self._file.closed:
            self._sync()
            self._file.close()


def read_journal(folder: Path) -> tuple[JournalHeader, list[tuple[int, RawEvent, bool]]]:
    """The header and (line index, event, redacted) triples; a line cut short by a kill is skipped.

    A sealed journal is opened (``SealingError`` when this keyring cannot); a missing one raises ``OSError``."""
    path = folder / "journal.jsonl"
    if not path.exists():
        raise FileNotFoundError(path)
    lines = read_lines(path)
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
