"""Recovery: a recording whose recorder was killed becomes a routine from its journal and saved frames."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from deskpilot import model as m
from deskpilot.geometry import Point
from deskpilot.ports import Frame, Ocr
from deskpilot.images import read_png
from deskpilot.vision.resolve import Resolver
from deskpilot.recorder.journal import SUFFIX, EmptyJournal, find_unfinished, read_journal
from deskpilot.recorder.routine import RoutineAssembler, finish_folder
from deskpilot.recorder.steps import StepBuilder

log = logging.getLogger(__name__)


def recover(work: Path, ocr: Ocr) -> Path:
    """Replay the journal through the step builder, anchoring each press on the frame saved for it."""
    if not (work / "journal.jsonl").exists():  # killed after the routine was written: only the move is left
        return _move(work)
    try:
        header, events = read_journal(work)
    except EmptyJournal:  # killed before anything was written: keep nothing, and never fail the next recording
        log.warning("%s holds no recording (its journal is empty); it is removed", work.name)
        shutil.rmtree(work, ignore_errors=True)
        return work
    resolver = Resolver(None, ocr, None, work, lang=header.lang)  # type: ignore[arg-type]
    assembler = RoutineAssembler(header.name, work, resolver, None, header.screen, lang=header.lang)
    builder = StepBuilder()
    frames: dict[float, Frame] = {}
    secret_at: dict[float, bool] = {}
    cursors: dict[float, str | None] = {}  # the pointer's shape at each press, journaled with it
    presses = 0
    for _, event, redacted in events:
        if event.kind == "press":
            presses += 1
            pixels = read_png(work / "frames" / f"{presses:05d}.png")
            if pixels is not None:
                frames[event.t] = Frame(pixels, Point(0, 0))
        if redacted and secret_at:
            secret_at[max(secret_at)] = True
        if event.kind == "press":
            secret_at[event.t] = False
        if event.kind == "press":
            cursors[event.t] = event.cursor
        for recorded in builder.feed(event):
            assembler.add(recorded, frames.get(recorded.t_start), secret=secret_at.get(recorded.t_start, False),
                          cursor=cursors.get(recorded.t_start), secret_name=_redacted(recorded))
    for recorded in builder.flush():
        assembler.add(recorded, frames.get(recorded.t_start), secret=secret_at.get(recorded.t_start, False),
                      cursor=cursors.get(recorded.t_start), secret_name=_redacted(recorded))
    routine = assembler.routine(manual_seconds=builder.duration())
    return finish_folder(work, work.with_name(work.name[: -len(SUFFIX)]), routine)


def _redacted(recorded: object) -> str | None:
    """Typing the journal kept only as dots was a secret: it becomes {{ password }} again."""
    step = getattr(recorded, "step", None)
    text = getattr(step, "text", "")
    return "password" if isinstance(step, m.Type) and text and set(text) == {"•"} else None


def _move(work: Path) -> Path:
    final = work.with_name(work.name[: -len(SUFFIX)])
    work.rename(final if not final.exists() else final.with_name(final.name + "-recovered"))
    return final


def recover_all(out: Path, ocr: Ocr) -> list[Path]:
    leftovers = find_unfinished(out) + [p for p in out.glob(f"*{SUFFIX}") if (p / "routine.yaml").exists()]
    return [p for p in (recover(p, ocr) for p in sorted(set(leftovers))) if p.exists()]
