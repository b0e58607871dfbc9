"""The team's compliance policy: what a recording must be before ``play`` runs it.

A small YAML file an administrator puts in place (``DESKPILOT_POLICY`` names it, else
``$XDG_CONFIG_HOME/deskpilot/policy.yaml``). No file means no requirement, so a person trying
DeskPilot alone is never blocked; a file that cannot be read is an error, never "no policy",
since silently playing unapproved robots is the failure this file exists to prevent.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskpilot.compliance import events
from deskpilot.errors import DeskPilotError

POLICY_VARIABLE = "DESKPILOT_POLICY"
REQUIREMENTS = ("approved",)
KEYS = ("require", "approver_may_author", "audit", "encrypt", "keep")
KEEPABLE = ("reports", "results", "recordings")  # what ``keep`` may limit, in whole days


class PolicyError(DeskPilotError):
    """The policy file exists but does not say anything DeskPilot can follow."""


@dataclass(frozen=True, kw_only=True)
class Policy:
    require: str | None = None  # "approved": play only approved, unchanged recordings
    approver_may_author: bool = False  # an author's approval of their own recording counts
    audit: str | None = None  # "required": an operation whose audit entry cannot be written is refused
    encrypt: str | None = None  # "at_rest": screens, reports, results and journals are written sealed
    keep: dict[str, int] = field(default_factory=dict)  # days a kind of file is kept before ``purge`` removes it


def policy_path() -> Path:
    named = os.environ.get(POLICY_VARIABLE, "").strip()
    if named:
        return Path(named)
    config = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(config) / "deskpilot" / "policy.yaml"


def load_policy() -> Policy:
    """The policy in force; ``PolicyError`` (one line, naming the file) when the file is malformed."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    path = policy_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Policy()
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{path}: cannot read the policy file: {exc}") from exc
    try:
        data: Any = YAML(typ="safe").load(text)
    except YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PolicyError(f"{path}: not valid YAML: {first}") from exc
    if data is None:
        return Policy()
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: the policy must be a mapping of {', '.join(KEYS)}")
    unknown = sorted(str(k) for k in data if k not in KEYS)
    if unknown:
        raise PolicyError(f"{path}: unknown policy key {unknown[0]} (known: {', '.join(KEYS)})")
    require = data.get("require")
    if require is not None and require not in REQUIREMENTS:
        raise PolicyError(f"{path}: require must be one of {', '.join(REQUIREMENTS)}, not {require!r}")
    may_author = data.get("approver_may_author", False)
    if not isinstance(may_author, bool):
        raise PolicyError(f"{path}: approver_may_author must be true or false, not {may_author!r}")
    audit = data.get("audit")
    if audit is not None and audit != "required":
        raise PolicyError(f"{path}: audit must be 'required' (or left out), not {audit!r}")
    encrypt = data.get("encrypt")
    if encrypt is not None and encrypt != "at_rest":
        raise PolicyError(f"{path}: encrypt must be 'at_rest' (or left out), not {encrypt!r}")
    return Policy(require=require, approver_may_author=may_author, audit=audit, encrypt=encrypt,
                  keep=_keep(path, data.get("keep")))


def _keep(path: Path, value: Any) -> dict[str, int]:
    """``keep: {reports: 30 days}``: how long each kind of file stays; a bare number counts days."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PolicyError(f"{path}: keep must map {', '.join(KEEPABLE)} to a number of days, e.g. reports: 30 days")
    days: dict[str, int] = {}
    for kind, text in value.items():
        if kind not in KEEPABLE:
            raise PolicyError(f"{path}: keep: unknown kind {kind!r} (known: {', '.join(KEEPABLE)})")
        words = str(text).split()
        if not words or not words[0].isdigit() or words[1:] not in ([], ["day"], ["days"]):
            raise PolicyError(f"{path}: keep: {kind} must be a number of days, e.g. 30 days, not {text!r}")
        days[str(kind)] = int(words[0])
    return days


def enforce_policy(path: Path) -> None:
    """Before playing the recording at ``path``: ``NotApproved`` when the policy requires approval it lacks."""
    policy = load_policy()
    if policy.require == "approved":
        from deskpilot.compliance.approval import require_approved
        from deskpilot.format.loader import routine_file

        folder = routine_file(Path(path)).parent
        try:
            require_approved(folder, approver_may_author=policy.approver_may_author)
        except DeskPilotError as exc:
            events.refused("play", str(exc), recording=folder)
            raise
