"""Saving patches only what changed: the file keeps its own text wherever the document did not change.

ruamel re-spells a few things on every dump (``~`` becomes empty, ``{ a: 1 }`` loses
its spaces, a plain scalar folded over two lines is joined). Left alone, the first
save after a one-word edit would rewrite those lines all over the file. Instead
this is a three-way merge, as ``diff3`` does it: the *base* is the dump of the
document as loaded, *ours* is the file's text, *theirs* is the dump of the
document now. A stretch the edit did not touch comes from the file; a stretch it
did comes from the new dump. The merge goes step by step first (the file and its
dump hold the same steps in the same order), so an edit to one step never
re-spells its neighbours. A merge that does not read back as the document is
thrown away for the plain dump, so the patch can only ever cost style, never data.
"""

from __future__ import annotations

import difflib
from typing import Any

from ruamel.yaml.error import YAMLError

from deskpilot.errors import RoutineError


def merge(original: str, base: str, new: str) -> str:
    """``original`` with the changes that turn ``base`` into ``new``; ``new`` where the two overlap."""
    if new == base:
        return original
    ours, old, theirs = (s.splitlines(keepends=True) for s in (original, base, new))
    to_ours, to_theirs = _line_map(old, ours), _line_map(old, theirs)
    out: list[str] = []
    o = b = t = 0
    for bi in sorted(to_ours.keys() & to_theirs.keys()):
        oi, ti = to_ours[bi], to_theirs[bi]
        if oi < o or ti < t:  # both maps are monotonic, so this is only a guard
            continue
        out += _chunk(ours[o:oi], old[b:bi], theirs[t:ti])
        out.append(ours[oi])  # a line all three agree on
        o, b, t = oi + 1, bi + 1, ti + 1
    out += _chunk(ours[o:], old[b:], theirs[t:])
    return "".join(out)


def _chunk(ours: list[str], old: list[str], theirs: list[str]) -> list[str]:
    """One stretch between lines all three share: the file's lines unless the edit reached it.

    When the file and the base have the same number of lines here they are taken to
    be the same lines re-spelt ("deskpilot:    1" / "deskpilot: 1"), so the edit is
    applied line by line and the untouched neighbours keep the file's spelling.
    """
    if theirs == old:
        return ours
    if len(ours) != len(old):
        return theirs
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, theirs, autojunk=False).get_opcodes():
        out += ours[i1:i2] if tag == "equal" else theirs[j1:j2]
    return out


def _line_map(a: list[str], b: list[str]) -> dict[int, int]:
    """Index in ``a`` -> index in ``b`` for each line the two have in common, in order."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return {block.a + k: block.b + k for block in matcher.get_matching_blocks() for k in range(block.size)}


def merge_steps(original: str, base: str, new: str, original_steps: list[int]) -> str:
    """``merge`` done per step: ``original_steps`` are the 0-based lines where the file's steps start."""
    if new == base:
        return original
    base_steps, new_steps = _step_starts(base), _step_starts(new)
    if base_steps is None or new_steps is None or len(base_steps) != len(original_steps) or not _rising(original_steps):
        return merge(original, base, new)
    original, end = _end_marker(original)
    ours, old, theirs = _split(original, original_steps), _split(base, base_steps), _split(new, new_steps)
    out = [merge(ours[0], old[0], theirs[0])]  # everything above the first step
    matcher = difflib.SequenceMatcher(None, old[1:], theirs[1:], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += ours[1 + i1:1 + i2]
        elif tag == "replace" and i2 - i1 == j2 - j1:  # steps edited in place
            out += [merge(ours[1 + i], old[1 + i], theirs[1 + j]) for i, j in zip(range(i1, i2), range(j1, j2))]
        else:  # steps added, removed or reshuffled: the new dump says what is there now
            out += theirs[1 + j1:1 + j2]
    return "".join(out) + end


def _end_marker(text: str) -> tuple[str, str]:
    """Split off a closing ``...`` (and what follows it): a dump never has one, so no step may own it."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.rstrip() == "...":
            return "".join(lines[:i]), "".join(lines[i:])
    return text, ""


def _step_starts(text: str) -> list[int] | None:
    """0-based line of each step in a dump, or None when the steps are not one per line block."""
    from deskpilot.format.yamlio import parse

    try:
        doc = parse(text, "dump")
    except (RoutineError, YAMLError):
        return None
    steps: Any = doc.get("steps") if isinstance(doc, dict) else None
    if not isinstance(steps, list) or not steps:
        return None
    lc: Any = getattr(steps, "lc")  # ruamel's line and column of each item
    starts = [int(lc.item(i)[0]) for i in range(len(steps))]
    return starts if _rising(starts) else None


def _rising(lines: list[int]) -> bool:
    return all(a < b for a, b in zip(lines, lines[1:]))


def _split(text: str, cuts: list[int]) -> list[str]:
    """The text before the first cut, then from each cut to the next."""
    lines = text.splitlines(keepends=True)
    bounds = [0, *cuts, len(lines)]
    return ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])]


def render(doc: Any, original: str, base: str, dumped: str, original_steps: list[int]) -> str:
    """The text to save: the merge when it reads back as ``doc``, else the plain dump ``dumped``."""
    merged = merge_steps(original, base, dumped, original_steps)
    if merged == dumped or merged == original:
        return merged
    from deskpilot.format.yamlio import parse

    try:
        again = parse(merged, "merge")
    except (RoutineError, YAMLError):
        return dumped
    return merged if plain(again) == plain(doc) else dumped


def plain(node: Any) -> Any:
    """The document as plain Python values, for comparing two of them whatever their spelling."""
    if isinstance(node, dict):
        return [(plain(k), plain(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, float):
        return ("float", float(node))
    if isinstance(node, int):
        return ("int", int(node))
    return ("str" if isinstance(node, str) else type(node).__name__, str(node))
