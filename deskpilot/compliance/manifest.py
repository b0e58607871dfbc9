"""What a signature covers: a digest of every file that decides what a recording does.

An approver approves *content*, not a folder name: the manifest lists routine.yaml, every file
under ``anchors/``, every file a step names (anchor images, frames) and, for each recording it
``call``s, that callee's own manifest digest. A change anywhere in that tree, a shared login
included, changes the digest and so voids the approval.

Data files given to ``play --data`` are inputs of a run, not the recording, and are not covered:
a results file written beside them after each run would void every approval.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskpilot import model as m

ROUTINE_FILE = "routine.yaml"
ANCHORS_DIR = "anchors"
MISSING = "missing"  # a file a step names that is not there: its arrival later is a change too
LOOP = "loop"  # a callee already being hashed further up (the loader refuses loops; this keeps us finite anyway)


@dataclass(frozen=True)
class Manifest:
    """File digests (path relative to the folder, posix) and callee digests (call path as resolved)."""

    files: Mapping[str, str] = field(default_factory=dict)
    calls: Mapping[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"files": dict(sorted(self.files.items())), "calls": dict(sorted(self.calls.items()))}

    def canonical(self) -> bytes:
        """Sorted keys, no spaces, UTF-8: the same content gives the same bytes on every machine."""
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()

    @classmethod
    def from_json(cls, data: object) -> Manifest:
        """The manifest as stored in signatures.json; ``ValueError`` when it is not that shape."""
        if not isinstance(data, dict):
            raise ValueError("manifest is not a mapping")  # noqa: TRY004  (bad file content, reported as one)
        files, calls = data.get("files", {}), data.get("calls", {})
        for part in (files, calls):
            if not isinstance(part, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in part.items()):
                raise ValueError("manifest entries must map names to digests")
        return cls(files=dict(files), calls=dict(calls))


def build_manifest(folder: Path) -> Manifest:
    """The manifest of the recording in ``folder``; raises ``RoutineError`` when it does not load."""
    return _build(Path(folder).resolve(), frozenset())


def _build(folder: Path, visiting: frozenset[Path]) -> Manifest:
    from deskpilot.format import load_routine

    routine = load_routine(folder).routine
    files: dict[str, str] = {ROUTINE_FILE: _sha256(folder / ROUTINE_FILE)}
    anchors = folder / ANCHORS_DIR
    if anchors.is_dir():
        for path in sorted(p for p in anchors.rglob("*") if p.is_file()):
            files[path.relative_to(folder).as_posix()] = _sha256(path)
    for name in sorted(set(_referenced(routine.steps))):
        path = folder / name
        key = _relative(path, folder)
        if key not in files:
            files[key] = _sha256(path) if path.is_file() else MISSING
    calls: dict[str, str] = {}
    inside = visiting | {folder}
    for step in _calls(routine.steps):
        callee = step.callee.folder if step.callee is not None and step.callee.folder is not None else None
        target = (callee or folder / step.routine).resolve()
        if target.is_file():
            target = target.parent
        key = _relative(target, folder)
        calls[key] = LOOP if target in inside else _build(target, inside).digest
    return Manifest(files=files, calls=calls)


def diff_manifests(old: Manifest, new: Manifest) -> list[str]:
    """What changed from ``old`` to ``new``, one phrase per file or callee: "anchors/ok.png changed"."""
    changes: list[str] = []
    for label, before, after in (("", old.files, new.files), ("called recording ", old.calls, new.calls)):
        for name in sorted(set(before) | set(after)):
            if name not in after:
                changes.append(f"{label}{name} removed")
            elif name not in before:
                changes.append(f"{label}{name} added")
            elif before[name] != after[name]:
                changes.append(f"{label}{name} changed")
    return changes


def _referenced(steps: tuple[m.Step, ...]) -> Iterator[str]:
    """Every file path a step names: image anchors' crops and the editor's frames, nested steps included."""
    for step in steps:
        if step.frame:
            yield step.frame
        for attr in ("target", "source", "dest"):
            target = getattr(step, attr, None)
            if isinstance(target, m.Target):
                yield from (a.image for a in target.anchors if isinstance(a, m.ImageAnchor))
        if isinstance(step, m.IfVisible):
            yield from _referenced(step.steps)


def _calls(steps: tuple[m.Step, ...]) -> Iterator[m.Call]:
    for step in steps:
        if isinstance(step, m.Call):
            yield step
        elif isinstance(step, m.IfVisible):
            yield from _calls(step.steps)


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` with forward slashes, ``..`` allowed (a shared login beside us)."""
    return Path(os.path.relpath(path.resolve(), folder)).as_posix()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
