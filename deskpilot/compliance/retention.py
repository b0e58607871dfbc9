"""How long reports and results stay: the policy's ``keep``, enforced by ``deskpilot purge``.

Reports and results hold customer data (values typed, screenshots), so a finance team
keeps them only as long as its rules say. A purge removes only what DeskPilot itself
made -- a folder holding a ``report.json``, a file named ``*.results.csv``/``.xlsx`` --
never a folder that merely sits among them, and each removal is in the audit trail.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from deskpilot.compliance import events
from deskpilot.compliance.policy import load_policy

DEFAULT_REPORT_DAYS = 30
REPORT_DAYS_VARIABLE = "DESKPILOT_KEEP_REPORTS_DAYS"
RESULTS_SUFFIXES = (".results.csv", ".results.xlsx")
DAY = 86400


@dataclass(frozen=True)
class Expired:
    """One report folder or results file past its keeping time."""

    kind: str  # "reports" or "results"
    path: Path
    age_days: int


def report_keep_days() -> int:
    """Days a run report stays (0 keeps them for ever): the policy first, then the user's own setting."""
    policy_days = load_policy().keep.get("reports")
    if policy_days is not None:
        return policy_days
    text = os.environ.get(REPORT_DAYS_VARIABLE, "")
    return int(text) if text.isdigit() else DEFAULT_REPORT_DAYS


def results_keep_days() -> int:
    """Days a results file stays; without a policy saying so they are the user's to keep (0: for ever)."""
    return load_policy().keep.get("results", 0)


def expired(roots: Iterable[Path], *, now: float | None = None, skip: Path | None = None,
            only_reports_beside: bool = False) -> list[Expired]:
    """What the keeping times let go under ``roots``, oldest first.

    ``only_reports_beside``: report folders directly in each root and nothing else -- after a run, the
    folder above its report may be anything a person named with ``--report``, never searched through."""
    moment = time.time() if now is None else now
    found: dict[Path, Expired] = {}
    limits = {"reports": report_keep_days(), "results": 0 if only_reports_beside else results_keep_days()}
    for root in roots:
        for kind, path, stamp in (_beside(root) if only_reports_beside else _candidates(root)):
            days = limits[kind]
            if days and stamp < moment - days * DAY and path != skip:
                found.setdefault(path.resolve(), Expired(kind, path, int((moment - stamp) // DAY)))
    return sorted(found.values(), key=lambda e: -e.age_days)


def _candidates(root: Path) -> Iterator[tuple[str, Path, float]]:
    """Report folders (a report.json inside) and results files under ``root``, with the time they were last written."""
    if not root.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if "report.json" in filenames and here != root:
            dirnames.clear()  # a report folder is removed whole; nothing inside it is looked at on its own
            yield "reports", here, (here / "report.json").stat().st_mtime
            continue
        dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]
        for name in filenames:
            path = here / name
            if name.endswith(RESULTS_SUFFIXES) and not path.is_symlink():
                yield "results", path, path.stat().st_mtime


def _beside(root: Path) -> Iterator[tuple[str, Path, float]]:
    if not root.is_dir():
        return
    for sub in root.iterdir():
        marker = sub / "report.json"
        if sub.is_dir() and not sub.is_symlink() and marker.is_file():
            yield "reports", sub, marker.stat().st_mtime


def remove(items: Iterable[Expired], *, reason: str) -> list[Expired]:
    """Remove each item, writing the audit entry first: a removal nobody can account for is what an auditor fears."""
    done = []
    for item in items:
        events.emit("purged", kind=item.kind, path=str(item.path), age_days=item.age_days, reason=reason)
        if item.path.is_dir():
            shutil.rmtree(item.path)
        else:
            item.path.unlink(missing_ok=True)
        done.append(item)
    return done
