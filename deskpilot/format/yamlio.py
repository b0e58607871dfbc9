"""Reading and writing routine.yaml with ruamel's round-trip mode, so hand edits and comments survive.

ruamel keeps comments, key order and quoting, but it re-spells a few things on
dump (``~``, ``---``, a byte-order mark, CRLF line ends, spaces inside braces).
So the file's own spelling is kept separately (``FileStyle``, the original text)
and ``deskpilot.format.patch`` puts it back wherever the document did not change.
"""

from __future__ import annotations

import codecs
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from deskpilot.atomic import write_atomic
from deskpilot.errors import Problem, RoutineError

HOUSE_INDENT = (2, 4, 2)  # mapping, sequence, offset: "steps:\n  - click: ..."
WIDTH = 4096  # never re-wrap a long line a person wrote


@dataclass(frozen=True, slots=True)
class FileStyle:
    """How the file spells what YAML does not care about: line ends and a leading byte-order mark."""

    newline: str = "\n"
    bom: bool = False


def make_yaml(indent: tuple[int, int, int] = HOUSE_INDENT) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.allow_duplicate_keys = False
    # "[{text: A}, {image: b.png}]" stays as written instead of becoming "[text: A, image: b.png]"
    yaml.brace_single_entry_mapping_in_flow_sequence = True
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


_KEY_ONLY = re.compile(r"""^((?:-\s+)*)(?:"[^"]*"|'[^']*'|[^\s#'"{\[][^#]*?)\s*:\s*(?:#.*)?$""")
_BLOCK_SCALAR = re.compile(r""":\s*[|>][-+0-9]*\s*(?:#.*)?$""")


def guess_indent(text: str) -> tuple[int, int, int]:
    """The file's own indentation (mapping, sequence, dash offset), so an edited save does not re-indent it.

    Measured from each ``key:`` that opens a block and the line under it; the most
    common step wins, and anything not seen falls back to the house style.
    """
    mapping: Counter[int] = Counter()
    sequence: Counter[tuple[int, int]] = Counter()
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    skip_deeper_than: int | None = None
    for prev, cur in zip(lines, lines[1:]):
        cur_col = len(cur) - len(cur.lstrip(" "))
        if skip_deeper_than is not None:
            if cur_col > skip_deeper_than:
                continue  # inside a block scalar: its text says nothing about the indentation
            skip_deeper_than = None
        prev_col = len(prev) - len(prev.lstrip(" "))
        opened = _KEY_ONLY.match(prev.strip())
        if _BLOCK_SCALAR.search(prev):
            skip_deeper_than = prev_col + len(opened.group(1)) if opened else prev_col
            continue
        if not opened:
            continue
        key_col = prev_col + len(opened.group(1))  # "  - click:" opens a block at the key, not the dash
        body = cur.lstrip(" ")
        if body.startswith("- ") or body == "-":
            dash = cur_col - key_col
            content = cur_col + len(body) - len(body[1:].lstrip(" "))
            if dash >= 0 and body != "-":
                sequence[(content - key_col, dash)] += 1
        elif cur_col > key_col:
            mapping[cur_col - key_col] += 1
    m = mapping.most_common(1)[0][0] if mapping else HOUSE_INDENT[0]
    seq, offset = sequence.most_common(1)[0][0] if sequence else HOUSE_INDENT[1:]
    return m, max(seq, offset + 2), offset


MAX_ROUTINE_BYTES = 2_000_000  # a routine is a list of steps: a few kilobytes, a large one a few hundred
MAX_ALIASES = 64  # YAML aliases (*name) a routine may use: expanding thousands is how a small file freezes a reader


def read_text(path: Path) -> tuple[str, FileStyle]:
    """The file as text with LF line ends and no byte-order mark, and how to write it back the same.

    Only a regular file of a sane size is read: a FIFO or a device would block the reader for ever.
    """
    if not path.is_file():
        raise OSError(f"{path.name} is not a regular file" if path.exists() else f"{path.name}: no such file")
    size = path.stat().st_size
    if size > MAX_ROUTINE_BYTES:
        raise OSError(f"the file is {size:,} bytes; a routine is at most {MAX_ROUTINE_BYTES:,}")
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    return text.replace("\r\n", "\n"), FileStyle(newline=newline, bom=bom)


def count_aliases(text: str) -> int:
    """How many aliases the text uses, from the event stream alone: nothing is built or expanded."""
    return sum(1 for event in YAML(typ="rt").parse(text) if type(event).__name__ == "AliasEvent")


def parse(text: str, file: str) -> Any:
    """The round-trip document; a YAML syntax error becomes one ``Problem`` at the line it names.

    Aliases are counted first: a "billion laughs" file of a kilobyte expands to gigabytes when walked.
    """
    try:
        aliases = count_aliases(text)
    except MarkedYAMLError:
        aliases = 0  # the syntax error is reported below, with its line
    if aliases > MAX_ALIASES:
        raise RoutineError([Problem(file=file, line=None, message=f"the file uses {aliases} YAML aliases (*name); "
                                    f"a routine may use at most {MAX_ALIASES}",
                                    hint="write the steps out instead of repeating them by alias")])
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
    except Exception as exc:  # ruamel's constructors fail raw on tags like "!!int abc" or "!!int" alone
        raise RoutineError([Problem(file=file, line=None, message=f"not valid YAML: {type(exc).__name__}: {exc}",
                                    hint="check the tags (!!...) and the nesting")]) from None


def dump(doc: Any, indent: tuple[int, int, int] = HOUSE_INDENT) -> str:
    buf = io.StringIO()
    make_yaml(indent).dump(doc, buf)
    return buf.getvalue()


def write(path: Path, text: str, style: FileStyle = FileStyle()) -> None:
    """Atomic write of ``\\n`` text in the file's own line ends and byte-order mark."""
    body = text.replace("\n", style.newline) if style.newline != "\n" else text
    write_atomic(path, (codecs.BOM_UTF8 if style.bom else b"") + body.encode("utf-8"))


def save(doc: Any, path: Path, indent: tuple[int, int, int] = HOUSE_INDENT) -> None:
    write(path, dump(doc, indent))
