"""Load a recording folder: parse, validate every step, check anchor images; never write anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deskpilot import model as m
from deskpilot.errors import Problem, RoutineError
from deskpilot.format import yamlio
from deskpilot.format.images import check_images
from deskpilot.format.problems import Collector, line_of
from deskpilot.format.schema import parse_document

ROUTINE_FILE = "routine.yaml"


@dataclass(frozen=True, kw_only=True)
class LoadedRoutine:
    routine: m.Routine
    document: Any  # the ruamel CommentedMap: the source of truth a save writes back
    path: Path
    step_lines: tuple[int, ...]
    text: str
    indent: tuple[int, int, int] = yamlio.HOUSE_INDENT


def routine_file(path: Path) -> Path:
    return path / ROUTINE_FILE if path.is_dir() or path.suffix not in (".yaml", ".yml") else path


def load_routine(path: Path) -> LoadedRoutine:
    file = routine_file(Path(path))
    name = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RoutineError([Problem(file=name, line=None, message="no such file",
                                    hint="give a recording folder that holds routine.yaml")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RoutineError([Problem(file=name, line=None, message=f"cannot read the file: {exc}")]) from None
    doc = yamlio.parse(text, name)
    c = Collector(name)
    if doc is None or (isinstance(doc, str) and not doc.strip()):
        c.add(1, "the routine has no steps", "start with 'deskpilot: 1', a 'name:' and a 'steps:' list")
        raise RoutineError(c.problems)
    if not isinstance(doc, dict):
        c.add(1, "a routine must be a mapping with 'deskpilot', 'name' and 'steps'")
        raise RoutineError(c.problems)
    _check_version(c, doc)
    if c.problems:
        raise RoutineError(c.problems)
    routine = parse_document(c, doc, folder=file.parent)
    if routine is not None:
        check_images(c, routine, doc["steps"], file.parent)
    if c.problems or routine is None:
        raise RoutineError(c.problems)
    steps = doc["steps"]
    return LoadedRoutine(routine=routine, document=doc, path=file, text=text,
                         step_lines=tuple(line_of(steps, i) for i in range(len(steps))),
                         indent=yamlio.guess_indent(text))


def _check_version(c: Collector, doc: Any) -> None:
    """Refuse newer formats outright: guessing at a newer file's meaning could click the wrong thing."""
    if "deskpilot" not in doc:
        c.add(1, "missing format version", "add 'deskpilot: 1' as the first line")
        return
    version = doc["deskpilot"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        c.add(line_of(doc, "deskpilot"), f"format version must be a whole number, not {version!r}",
              "use 'deskpilot: 1'")
    elif version > m.FORMAT_VERSION:
        c.add(line_of(doc, "deskpilot"), f"written by a newer DeskPilot (format {version}); this one reads format "
              f"{m.FORMAT_VERSION}", "upgrade DeskPilot")


def save_routine(loaded: LoadedRoutine, path: Path | None = None) -> None:
    """Write the (possibly edited) document back atomically, in the file's own indentation."""
    yamlio.save(loaded.document, routine_file(path) if path else loaded.path, loaded.indent)


def validate_document(doc: Any, path: Path) -> tuple[m.Routine | None, list[Problem]]:
    """Check a document held in memory (an editor's), as loading would check the file."""
    c = Collector(str(path))
    if not isinstance(doc, dict):
        c.add(1, "a routine must be a mapping with 'deskpilot', 'name' and 'steps'")
        return None, c.problems
    _check_version(c, doc)
    routine = parse_document(c, doc, folder=path.parent) if not c.problems else None
    if routine is not None:
        check_images(c, routine, doc["steps"], path.parent)
    return (routine if not c.problems else None), c.problems
