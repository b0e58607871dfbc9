"""Reading and writing routine.yaml with ruamel's round-trip mode, so hand edits and comments survive."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from deskpilot.atomic import write_atomic
from deskpilot.errors import Problem, RoutineError

HOUSE_INDENT = (2, 4, 2)  # mapping, sequence, offset: "steps:\n  - click: ..."


def make_yaml(indent: tuple[int, int, int] = HOUSE_INDENT) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.allow_duplicate_keys = False
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


def guess_indent(text: str) -> tuple[int, int, int]:
    """The file's own indentation (mapping, sequence, dash offset), so a rewrite does not re-indent it."""
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        _, ind, bsi = load_yaml_guess_indent(text)
    except YAMLError:
        return HOUSE_INDENT
    if ind is None or bsi is None:
        return HOUSE_INDENT
    return (bsi if bsi else 2), ind, max(0, ind - 2)


def parse(text: str, file: str) -> Any:
    try:
        return make_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        what = (exc.problem or exc.context or "syntax error").strip()
        hint = "check the indentation and quotes on this line and the one above"
        if "duplicate key" in str(exc):
            what = "duplicate key" + (f" {exc.problem.split('duplicate key')[-1].strip()}" if exc.problem else "")
            hint = "a key may appear only once in a mapping"
        raise RoutineError([Problem(file=file, line=line, message=f"not valid YAML: {what}", hint=hint)]) from None
    except YAMLError as exc:
        raise RoutineError([Problem(file=file, line=None, message=f"not valid YAML: {exc}")]) from None


def dump(doc: Any, indent: tuple[int, int, int] = HOUSE_INDENT) -> str:
    buf = io.StringIO()
    make_yaml(indent).dump(doc, buf)
    return buf.getvalue()


def save(doc: Any, path: Path, indent: tuple[int, int, int] = HOUSE_INDENT) -> None:
    write_atomic(path, dump(doc, indent))
