"""Load a recording folder: parse, validate every step, check anchor images; never write anything.

Save writes the document back atomically; an unchanged document writes the file's
own bytes back, and an edited one changes only the lines the edit touched.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskpilot import model as m
from deskpilot.errors import Problem, RoutineError
from deskpilot.format import patch, yamlio
from deskpilot.format.calls import attach_callees
from deskpilot.format.images import collect_image_problems
from deskpilot.format.problems import Collector, line_of
from deskpilot.format.schema import parse_document
from deskpilot.format.versions import check_version, upgrade

ROUTINE_FILE = "routine.yaml"


@dataclass(frozen=True, kw_only=True)
class LoadedRoutine:
    """A valid routine together with the document it was read from, which stays the source of truth."""

    routine: m.Routine
    document: Any  # the ruamel CommentedMap: edit it in place, then save_routine
    path: Path  # the yaml file, as given (relative stays relative)
    step_lines: tuple[int, ...]  # 1-based line of each step, for messages
    text: str  # the file as read, with "\n" line ends and no byte-order mark
    indent: tuple[int, int, int] = yamlio.HOUSE_INDENT  # the file's own (mapping, sequence, offset)
    style: yamlio.FileStyle = field(default_factory=yamlio.FileStyle)
    baseline: str = ""  # the document dumped as loaded: what an unedited save would write


def routine_file(path: Path) -> Path:
    """A recording folder's routine.yaml, or the yaml file itself when one is named."""
    return path / ROUTINE_FILE if path.is_dir() or path.suffix not in (".yaml", ".yml") else path


def load_routine(path: Path, *, calling: tuple[Path, ...] = ()) -> LoadedRoutine:
    """Read and check a recording; raises ``RoutineError`` with every problem found, each with its line.

    ``calling``: the recordings whose ``call`` steps lead here, to refuse a loop of calls.
    """
    file = routine_file(Path(path))
    name = str(file)
    try:
        text, style = yamlio.read_text(file)
    except FileNotFoundError:
        raise RoutineError([Problem(file=name, line=None, message="no such file",
                                    hint="give a recording folder that holds routine.yaml")]) from None
    except OSError as exc:
        if not file.exists():
            raise RoutineError([Problem(file=name, line=None, message="no such file",
                                        hint="give a recording folder that holds routine.yaml")]) from None
        raise RoutineError([Problem(file=name, line=None, message=f"cannot read the file: {exc}",
                                    hint="routine.yaml must be a regular file of steps")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RoutineError([Problem(file=name, line=None, message=f"cannot read the file: {exc}")]) from None
    doc = yamlio.parse(text, name)
    routine, problems = _validate(doc, file, calling)
    if problems or routine is None:
        raise RoutineError(problems or [Problem(file=name, line=None, message="the routine could not be read")])
    indent = yamlio.guess_indent(text)
    steps = doc["steps"]
    return LoadedRoutine(routine=routine, document=doc, path=file, text=text, indent=indent, style=style,
                         step_lines=tuple(line_of(steps, i) for i in range(len(steps))),
                         baseline=yamlio.dump(doc, indent))


def validate_document(doc: Any, path: Path) -> tuple[m.Routine | None, list[Problem]]:
    """Check a document held in memory (an editor's), as loading would check the file."""
    return _validate(doc, routine_file(Path(path)))


def _validate(doc: Any, file: Path, calling: tuple[Path, ...] = ()) -> tuple[m.Routine | None, list[Problem]]:
    c = Collector(str(file))
    if doc is None or (isinstance(doc, str) and not doc.strip()):
        c.add(1, "the routine has no steps", "start with 'deskpilot: 1', a 'name:' and a 'steps:' list")
        return None, c.problems
    if not isinstance(doc, dict):
        c.add(1, "a routine must be a mapping with 'deskpilot', 'name' and 'steps'")
        return None, c.problems
    version = check_version(c, doc)
    if version is None:
        return None, c.problems  # a newer format: its other "problems" would only be guesses
    upgrade(doc, version)
    routine = parse_document(c, doc, folder=file.parent)
    collect_image_problems(c, doc.get("steps"), file.parent)
    if routine is not None and not c.problems:
        routine = attach_callees(c, routine, doc.get("steps"), file, calling,
                                 lambda callee, chain: load_routine(callee, calling=chain).routine)
        routine = dataclasses.replace(routine, secrets=_all_secrets(routine))
    return (routine if not c.problems else None), c.problems


def _all_secrets(routine: m.Routine) -> tuple[str, ...]:
    """The routine's secrets and those of the recordings it calls: all are asked for, none is ever shown."""
    out = list(routine.secrets)

    def walk(steps: tuple[m.Step, ...]) -> None:
        for step in steps:
            callee = getattr(step, "callee", None)
            if isinstance(callee, m.Routine):
                out.extend(s for s in callee.secrets if s not in out)
            walk(getattr(step, "steps", ()) or ())

    walk(routine.steps)
    return tuple(out)


def save_routine(loaded: LoadedRoutine | Any, path: Path | None = None) -> None:
    """Write a document atomically: a ``LoadedRoutine`` (to its own file unless ``path`` is given) or a bare
    ruamel document (``path`` required, written in the house style).

    A loaded routine that was not edited is written back byte for byte; an edited one
    keeps the file's own text everywhere outside the edit (see ``patch``).
    """
    from deskpilot.compliance import events  # here: compliance reads recordings through this package
    from deskpilot.compliance.roles import require_role

    if isinstance(loaded, LoadedRoutine):
        file = routine_file(Path(path)) if path is not None else loaded.path
        require_role("author", file.parent, "save")
        yamlio.write(file, render(loaded), loaded.style)
    else:
        if path is None:
            raise TypeError("save_routine(document, path): a bare document needs the path to write to")
        file = routine_file(Path(path))
        require_role("author", file.parent, "save")
        yamlio.write(file, yamlio.dump(loaded))
    events.saved(file)


def render(loaded: LoadedRoutine) -> str:
    """The text a save would write now (``\\n`` line ends): for autosaves and previews."""
    dumped = yamlio.dump(loaded.document, loaded.indent)
    if not loaded.baseline:
        return dumped
    return patch.render(loaded.document, loaded.text, loaded.baseline, dumped, [n - 1 for n in loaded.step_lines])
