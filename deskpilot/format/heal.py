"""Heal by review: the anchors a replay proposes to repair, shown as a diff and written only when a person says so.

When a step was found by a later anchor while an earlier one failed, the player writes a
proposal into report.json (``StepResult.heal``). Nothing here runs on its own: a person
reads the diff (``deskpilot heal``) or presses Accept in the editor. A proposal is made to
the round-trip document like a hand edit, so comments and the file's own spelling stay;
one that no longer fits the routine (edited since that run) is refused, never guessed at.
A report sealed under ``encrypt: at_rest`` is opened here, and a picture copied from it is
sealed again under its new name (the name is part of what a sealed file is bound to).
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from ruamel.yaml.comments import CommentedMap

from deskpilot import model as m
from deskpilot.compliance.sealing import is_sealed, open_bytes, read_private, seal_bytes, sealing_on, write_private
from deskpilot.errors import DataError
from deskpilot.format.anchor_lists import anchors_of, kind_of, parsed, put, reach, step_at
from deskpilot.format.images import collect_image_problems
from deskpilot.format.loader import LoadedRoutine, render, routine_file, save_routine
from deskpilot.format.nodes import anchor_node
from deskpilot.format.problems import Collector
from deskpilot.format.registry import STEPS
from deskpilot.format.schema import parse_document
from deskpilot.format.targets import parse_target

REPORT_FILE = "report.json"
REJECTED_FILE = "heal-rejected.json"  # proposals a person turned down: they never come back
KINDS: dict[str, type[m.Anchor]] = {"element": m.ElementAnchor, "text": m.TextAnchor, "image": m.ImageAnchor,
                                    "window": m.WindowAnchor}
TARGETS = {"target": "target", "source": "from", "dest": "to"}  # a proposal's target -> its key in the step
STEP_PATH = re.compile(r"[1-9][0-9]*(\.[1-9][0-9]*)*")
MAX_REPORT_BYTES = 20_000_000  # a report is steps and numbers; its pictures are files beside it
_FIX = "play the recording again for a new proposal, or fix the step by hand"


def _a(kind: str | None) -> str:
    """"an image", "a text": the kind with its article."""
    return f"{'an' if (kind or 'x')[0] in 'aeiou' else 'a'} {kind}"


class HealRefused(DataError):
    """A report that cannot be read, or a proposal that does not fit the routine as it is now."""


class _Malformed(Exception):
    """A proposal in a report that is not one: it is left out, and the person told why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """One repaired anchor for one target of one step, as the player wrote it, already checked as an anchor."""

    step: str  # "9", or "4.1" for the first step inside step 4
    target: str  # "target", or a drag's "source" / "dest"
    anchor: int | None  # the 0-based anchor it replaces; None adds it
    kind: str  # "element", "text", "image", "window"
    new: dict[str, Any]  # the anchor as plain YAML data; an image path is relative to the report folder
    why: str
    step_kind: str | None = None  # the step's kind in that run: a step of another kind now is not the same step
    parsed: m.Anchor = field(compare=False)

    @property
    def key(self) -> str:
        """What tells two proposals apart, for remembering a rejection."""
        return _key(dataclasses.asdict(self))

    def describe(self, *, done: bool = False) -> str:
        """``step 9: replace its image anchor``; ``done`` says it in the past, once written."""
        where = {"target": "", "source": " of the drag's start", "dest": " of the drag's end"}[self.target]
        what = f"add{'ed' * done} {_a(self.kind)}" if self.anchor is None else f"replace{'d' * done} its {self.kind}"
        return f"step {self.step}: {what} anchor{where}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Edit:
    """One proposal as a change of the document: which list item of which step, and what goes there."""

    proposal: Proposal
    where: tuple[int, ...]  # 0-based: (8,) is step 9, (3, 0) the first step inside step 4
    key: str  # the step's key that holds the target: "target", "from" or "to"
    index: int  # the list item replaced, or where the new one goes
    insert: bool
    node: CommentedMap = field(compare=False)  # the anchor in the house style, its image already renamed
    picture: Path | None = None  # the report's picture, copied in as ``node["image"]``
    done: bool = False  # the routine has this anchor already: nothing to do


@dataclass(frozen=True, slots=True, kw_only=True)
class Applied:
    """What ``apply`` changed, for telling the person."""

    edits: tuple[Edit, ...]  # written
    already: tuple[Proposal, ...]  # in the routine already
    pictures: tuple[Path, ...]  # copied into the recording's anchors folder

    def lines(self) -> list[str]:
        return [e.proposal.describe(done=True) + (f" ({e.node['image']}, copied from {e.proposal.new['image']})"
                                                  if e.picture else "") for e in self.edits] + \
            [f"step {p.step}: already in the routine" for p in self.already]


# --- reading a report ---------------------------------------------------------------------------------


def load_proposals(report_dir: Path, *, skipped: list[str] | None = None) -> list[Proposal]:
    """Every well-formed proposal in the folder's report.json, in order; each malformed one is left out with the
    reason added to ``skipped``: a report is data from a run, and one bad entry must not hide the others."""
    file = Path(report_dir) / REPORT_FILE
    data = _read_report(file)
    steps = data.get("steps") if isinstance(data, dict) else None
    if not isinstance(steps, list):
        raise HealRefused(f"{file}: not a run report (it has no 'steps' list); give the folder of a run's report")
    notes = skipped if skipped is not None else []
    out: list[Proposal] = []
    for i, result in enumerate(steps):
        entries = result.get("heal") if isinstance(result, dict) else None
        if not entries:
            continue
        where = result.get("path") or result.get("index") or i + 1
        for n, entry in enumerate(entries if isinstance(entries, list) else [entries], start=1):
            try:
                out.append(_proposal(entry, result, Path(report_dir)))
            except _Malformed as exc:
                notes.append(f"{file}: step {where}, proposal {n}: {exc}; left out")
    return out


def _read_report(file: Path) -> Any:
    if not file.is_file() or file.stat().st_size > MAX_REPORT_BYTES:
        what = "too large for a run report" if file.is_file() else "no such report"
        raise HealRefused(f"{file}: {what}; give the folder of a run (it holds {REPORT_FILE})")
    try:
        data = json.loads(read_private(file).decode("utf-8"))
    except json.JSONDecodeError as exc:
        raise HealRefused(f"{file}:{exc.lineno}: the report is damaged (not valid JSON: {exc.msg}); "
                          "play the recording again for a new report") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise HealRefused(f"{file}: cannot read the report ({type(exc).__name__})") from None
    return data


def _proposal(entry: Any, result: dict[str, Any], report_dir: Path) -> Proposal:
    """One entry of a step's ``heal`` list, checked as the loader checks an anchor; _Malformed says what is wrong."""
    if not isinstance(entry, dict):
        raise _Malformed("a proposal must be a mapping")
    step, target, anchor, kind, new = (entry.get(k) for k in ("step", "target", "anchor", "kind", "new"))
    step = str(step) if isinstance(step, (str, int)) and not isinstance(step, bool) else ""
    if not STEP_PATH.fullmatch(step):
        raise _Malformed(f"'step' must be a step number such as 9 or 4.1, not {entry.get('step')!r}")
    if target not in TARGETS:
        raise _Malformed(f"'target' must be target, source or dest, not {target!r}")
    if anchor is not None and (isinstance(anchor, bool) or not isinstance(anchor, int) or anchor < 0):
        raise _Malformed(f"'anchor' must be an anchor's number (0 is the first) or null, not {anchor!r}")
    if kind not in KINDS:
        raise _Malformed(f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    if not isinstance(new, dict):
        raise _Malformed("'new' must be the anchor as a mapping")
    c = Collector(REPORT_FILE)
    read = parse_target(c, [new], 1)
    if c.problems or read is None:
        raise _Malformed(f"the new anchor is not valid: {c.problems[0].message if c.problems else new!r}")
    fresh = read.anchors[0]
    if not isinstance(fresh, KINDS[kind]):
        raise _Malformed(f"'kind' is {kind} but the new anchor is not")
    if isinstance(fresh, m.ImageAnchor):
        _check_picture(fresh.image, report_dir)
    why, step_kind = entry.get("why", ""), result.get("kind")
    return Proposal(step=step, target=str(target), anchor=anchor, kind=str(kind), new=dict(new),
                    why=" ".join(why.split()) if isinstance(why, str) else "", parsed=fresh,
                    step_kind=step_kind if isinstance(step_kind, str) else None)


def _check_picture(name: str, report_dir: Path) -> None:
    """The picture must be a readable PNG or JPEG inside the report folder: the same check as a recording's."""
    c = Collector(REPORT_FILE)
    collect_image_problems(c, [{"click": {"image": name}}], report_dir)
    if c.problems:
        raise _Malformed(c.problems[0].message.replace("anchor image", "its picture").replace("recording", "report"))


def find_report(recording: Path, roots: Iterable[Path]) -> Path | None:
    """The newest report folder of this recording (``<name>-YYYYmmdd-HHMMSS``, and a data run's ``row-NNN``
    folders inside it) that has proposals nobody rejected; None when there is none."""
    name = routine_file(Path(recording)).resolve().parent.name
    pattern = re.compile(re.escape(name) + r"-\d{8}-\d{6}")
    found: list[tuple[int, str, Path]] = []
    for root in roots:
        tops = [p for p in Path(root).iterdir() if p.is_dir() and pattern.match(p.name)] if Path(root).is_dir() else []
        for top in tops:
            for file in (top / REPORT_FILE, *top.glob(f"*/{REPORT_FILE}")):
                if file.is_file():
                    found.append((file.stat().st_mtime_ns, str(file), file.parent))
    for _, _, folder in sorted(found, reverse=True):
        try:
            if pending(folder):
                return folder
        except HealRefused:
            continue  # a damaged report is no report with proposals
    return None


def pending(report_dir: Path, *, skipped: list[str] | None = None) -> list[Proposal]:
    """The folder's proposals less those a person rejected."""
    turned_down = rejected(report_dir)
    return [p for p in load_proposals(report_dir, skipped=skipped) if p.key not in turned_down]


def rejected(report_dir: Path) -> set[str]:
    return {_key(item) for item in _rejections(report_dir)}


def reject(report_dir: Path, proposal: Proposal) -> None:
    """Remember in the report folder that a person turned this proposal down (with its reason, for people)."""
    items = _rejections(report_dir)
    if proposal.key not in {_key(item) for item in items}:
        items.append({**json.loads(proposal.key), "why": proposal.why})
    text = json.dumps({"rejected": items}, indent=2, ensure_ascii=False) + "\n"
    write_private(Path(report_dir) / REJECTED_FILE, text)


def _rejections(report_dir: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(read_private(Path(report_dir) / REJECTED_FILE).decode("utf-8"))
    except (OSError, ValueError):
        return []  # none yet, or unreadable: nothing is hidden
    items = data.get("rejected") if isinstance(data, dict) else None
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _key(item: dict[str, Any]) -> str:
    return json.dumps({k: item.get(k) for k in ("step", "target", "anchor", "kind", "new")}, sort_keys=True)


# --- fitting proposals to the routine -------------------------------------------------------------------------


def plan(document: Any, folder: Path, proposals: Iterable[Proposal], report_dir: Path, *, file: str) -> list[Edit]:
    """What each proposal changes, checked against the routine as it is now; raises HealRefused for one that does
    not fit. Nothing is changed: the edits are made one after the other on a copy, which must stay valid."""
    work = copy.deepcopy(document)
    taken: set[str] = set()
    edits = []
    for p in proposals:
        edit = _plan_one(work["steps"], folder, p, Path(report_dir), taken, file)
        if not edit.done:
            put_anchor(work["steps"], edit)
        edits.append(edit)
    c = Collector(file)
    parse_document(c, work, folder=folder)
    if c.problems:
        bad = c.problems[0]
        raise HealRefused(f"{file}: step {bad.step}: with the proposals the step would not be valid ({bad.message}); "
                          "nothing was written")
    return edits


def _plan_one(steps: Any, folder: Path, p: Proposal, report_dir: Path, taken: set[str], file: str) -> Edit:
    where = _where(steps, p, file)
    item = step_at(steps, where)
    kind = next(iter(item)) if isinstance(item, dict) and len(item) == 1 else None
    changed = f"{file}: step {p.step}: the routine changed since that run"
    if kind is None or kind not in STEPS or (p.step_kind is not None and kind != p.step_kind):
        raise HealRefused(f"{changed} (it was a {p.step_kind or 'other'} step, now {kind or 'something else'}); {_FIX}")
    key = TARGETS[p.target]
    anchors = anchors_of(item[kind], key) if key in STEPS[kind].keys else None
    if not anchors:
        raise HealRefused(f"{changed} (a {kind} step here has no {p.target} to heal); {_FIX}")
    kinds = [kind_of(a) for a in anchors]
    if p.anchor is None:
        index, insert = _placement(anchors, p.parsed, changed)
    elif p.anchor >= len(anchors):
        raise HealRefused(f"{changed} (its {p.target} has {len(anchors)} anchors, the proposal replaces number "
                          f"{p.anchor + 1}); {_FIX}")
    elif kinds[p.anchor] != p.kind:
        raise HealRefused(f"{changed} (anchor {p.anchor + 1} is {_a(kinds[p.anchor])} anchor now, the proposal "
                          f"replaces {_a(p.kind)} anchor); {_FIX}")
    else:
        index, insert = p.anchor, False
    node, picture = anchor_node(p.parsed), None
    if isinstance(p.parsed, m.ImageAnchor):
        picture = report_dir / p.parsed.image
        done = not insert and _same_picture(anchors[index], p.parsed, picture, folder)
        node["image"] = _fresh_name(folder, p.parsed.image, taken) if not done else anchors[index]["image"]
    else:
        done = not insert and parsed(anchors[index]) == p.parsed
    return Edit(proposal=p, where=where, key=key, index=index, insert=insert, node=node, picture=picture, done=done)


def _where(steps: Any, p: Proposal, file: str) -> tuple[int, ...]:
    """The step's place in the document: its number, or a step inside an if_visible."""
    numbers = [int(n) for n in p.step.split(".")]
    where = reach(steps, numbers)
    if len(where) < len(numbers):
        holder = step_at(steps, where) if where else None
        if isinstance(holder, dict) and "call" in holder:
            raise HealRefused(f"{file}: step {p.step}: not applied: it is inside a call step; edit the called "
                              "recording by hand, or leave this proposal out with --only")
        raise HealRefused(f"{file}: step {p.step}: the routine changed since that run (there is no such step now); "
                          f"{_FIX}")
    return where


def _placement(anchors: list[Any], new: m.Anchor, changed: str) -> tuple[int, bool]:
    """Where an added anchor goes, as ``Target.with_anchor`` puts it: in place of one of its kind, else by rank."""
    models = [parsed(a) for a in anchors]
    if any(a is None for a in models):
        raise HealRefused(f"{changed} (its anchors have problems now); fix them first")
    current = m.Target(anchors=tuple(a for a in models if a is not None))
    result = current.with_anchor(new)
    return next(i for i, a in enumerate(result.anchors) if a is new), len(result.anchors) > len(current.anchors)


def _same_picture(anchor: Any, new: m.ImageAnchor, picture: Path, folder: Path) -> bool:
    """Whether the anchor is this picture at this point already: the proposal was taken before."""
    old = parsed(anchor)
    try:
        same = read_private(folder / str(anchor["image"])) == read_private(picture)  # the pictures, not their seals
    except (OSError, KeyError, TypeError):
        return False
    return same and isinstance(old, m.ImageAnchor) and dataclasses.replace(old, image=new.image) == new


def _fresh_name(folder: Path, source: str, taken: set[str]) -> str:
    """A name in the recording's anchors folder that no file has: a picture is never overwritten."""
    path = PurePosixPath(source.replace("\\", "/"))
    stem, suffix = re.sub(r"[^\w.-]+", "-", path.stem).strip("-.") or "healed", path.suffix.lower() or ".png"
    name, n = f"anchors/{stem}{suffix}", 2
    while name in taken or (folder / name).exists():
        name, n = f"anchors/{stem}-{n}{suffix}", n + 1
    taken.add(name)
    return name


def put_anchor(steps: Any, edit: Edit) -> None:
    """Make one edit in a document's steps list; a target written inline or as a plain string becomes a list."""
    put(step_at(steps, edit.where), edit.key, edit.index, edit.node, insert=edit.insert)


def apply(loaded: LoadedRoutine, proposals: Iterable[Proposal], report_dir: Path, *, save: bool = True) -> Applied:
    """Make every proposal in the document and (``save``) write it with its pictures; all of them or none."""
    edits = plan(loaded.document, loaded.path.parent, list(proposals), report_dir, file=str(loaded.path))
    todo = [e for e in edits if not e.done]
    copied: list[Path] = []
    try:
        for e in todo:
            if e.picture is not None:
                copied.append(copy_picture(e, loaded.path.parent))
        for e in todo:
            put_anchor(loaded.document["steps"], e)
        if save and todo:
            save_routine(loaded)
    except BaseException:
        for path in copied:
            path.unlink(missing_ok=True)
        raise
    return Applied(edits=tuple(todo), already=tuple(e.proposal for e in edits if e.done), pictures=tuple(copied))


def copy_picture(edit: Edit, folder: Path) -> Path:
    """Copy the proposal's picture to its fresh name in the recording; an existing file is never replaced."""
    assert edit.picture is not None
    dest = folder / str(edit.node["image"])
    raw = edit.picture.read_bytes()
    data = open_bytes(raw, edit.picture.name, where=str(edit.picture))
    if sealing_on() or is_sealed(raw):  # a sealed picture is never copied out in clear
        data = seal_bytes(data, dest.name, where=str(dest))
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # readable by the user only, like every picture
    except FileExistsError:
        raise HealRefused(f"{dest}: a file of that name appeared meanwhile; run heal again") from None
    with os.fdopen(fd, "wb") as fh:
        try:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
    return dest


def diff(loaded: LoadedRoutine, proposals: Iterable[Proposal], report_dir: Path) -> str:
    """routine.yaml before and after the proposals, as a unified diff; nothing is written."""
    work = copy.deepcopy(loaded.document)
    for edit in plan(loaded.document, loaded.path.parent, list(proposals), report_dir, file=str(loaded.path)):
        if not edit.done:
            put_anchor(work["steps"], edit)
    after = render(dataclasses.replace(loaded, document=work))
    lines = difflib.unified_diff(loaded.text.splitlines(), after.splitlines(), f"{loaded.path}",
                                 f"{loaded.path} (healed)", lineterm="")
    return "".join(line + "\n" for line in lines)
