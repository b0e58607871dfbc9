"""The journal: what reaches the disk, what survives a cut, what is never written in clear."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from deskpilot.input_events import RawEvent
from deskpilot.recorder.journal import Journal, JournalHeader, find_unfinished, read_journal

HEADER = JournalHeader(name="r", started="2026-11-24T10:00:00+00:00", screen=(1280, 800))


def test_events_round_trip(tmp_path: Path) -> None:
    j = Journal(tmp_path / "r.recording", HEADER)
    events = [RawEvent(t=1.0, kind="press", x=5, y=6, button="left"), RawEvent(t=1.1, kind="key_down", key="a", char="ä")]
    for e in events:
        j.append(e)
    j.close()
    header, read = read_journal(tmp_path / "r.recording")
    assert header == HEADER
    assert [e for _, e, _ in read] == events
    assert find_unfinished(tmp_path) == [tmp_path / "r.recording"]


def test_a_line_cut_short_by_a_kill_is_skipped(tmp_path: Path) -> None:
    j = Journal(tmp_path / "r.recording", HEADER)
    j.append(RawEvent(t=1.0, kind="key_down", key="a", char="a"))
    j.close()
    with open(tmp_path / "r.recording" / "journal.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"t": 1.2, "kind": "key_d')
    _, read = read_journal(tmp_path / "r.recording")
    assert [e.char for _, e, _ in read] == ["a"]


def test_redacted_characters_never_reach_the_file(tmp_path: Path) -> None:
    j = Journal(tmp_path / "r.recording", HEADER)
    for ch in "hunter2":
        j.append(RawEvent(t=1.0, kind="key_down", char=ch), redact=True)
    j.close()
    data = (tmp_path / "r.recording" / "journal.jsonl").read_bytes()
    assert b"hunter2" not in data and b"h" not in data.split(b"\n", 1)[1].replace(b'"char"', b"")
    _, read = read_journal(tmp_path / "r.recording")
    assert all(redacted for _, _, redacted in read)


WRITER = """
import sys, time
from pathlib import Path
from deskpilot.input_events import RawEvent
from deskpilot.recorder.journal import Journal, JournalHeader
j = Journal(Path(sys.argv[1]), JournalHeader(name="r", started="s", screen=(1, 1)))
i = 0
while True:
    j.append(RawEvent(t=time.monotonic(), kind="key_down", char="x", key=str(i)))
    i += 1
    print(i, flush=True)
    time.sleep(0.01)
"""


def test_after_sigkill_at_most_the_last_second_is_lost(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[3]
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path / "r.recording")], cwd=repo,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    written = 0
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        written = int(proc.stdout.readline())
    proc.kill()
    proc.wait()
    _, read = read_journal(tmp_path / "r.recording")
    # ~100 events a second are appended; the journal syncs at least every half second
    assert written - len(read) <= 100, (written, len(read))
    assert len(read) > 100
