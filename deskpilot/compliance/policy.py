"""The team's compliance policy: what a recording must be before ``play`` runs it.

A small YAML file an administrator puts in place (``DESKPILOT_POLICY`` names it, else
``$XDG_CONFIG_HOME/deskpilot/policy.yaml``). No file means no requirement, so a person trying
DeskPilot alone is never blocked; a file that cannot be read is an error, never "no policy",
since silently playing unapproved robots is the failure this file exists to prevent.

``people`` (the public key each person signs with), ``grants`` (who holds which role, inherited from the
team down through folders to a recording) and ``root`` (what those folders are relative to) say who may do
what; such a policy counts only when a trusted admin signed its exact bytes (see ``roles``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deskpilot.compliance import events
from deskpilot.errors import DeskPilotError

POLICY_VARIABLE = "DESKPILOT_POLICY"
REQUIREMENTS = ("approved",)
KEYS = ("require", "approver_may_author", "audit", "encrypt", "keep", "people", "grants", "root")
KEEPABLE = ("reports", "results")  # what ``keep`` may limit, in whole days
ROLES = ("author", "approver", "operator", "auditor", "admin")
LEVELS = ("team", "folders", "recordings")  # where a role is granted, from the widest down
People = Mapping[str, frozenset[str]]  # person -> the roles granted them at one place


class PolicyError(DeskPilotError):
    """The policy file exists but does not say anything DeskPilot can follow."""


@dataclass(frozen=True, kw_only=True)
class Grants:
    """Who holds which role: for the whole team, per folder (and everything under it), per recording."""

    team: People = field(default_factory=dict)
    folders: Mapping[str, People] = field(default_factory=dict)  # "finance" or "finance/claims", under root
    recordings: Mapping[str, People] = field(default_factory=dict)  # "finance/expense", under root


@dataclass(frozen=True, kw_only=True)
class Policy:
    require: str | None = None  # "approved": play only approved, unchanged recordings
    approver_may_author: bool = False  # an author's approval of their own recording counts
    audit: str | None = None  # "required": an operation whose audit entry cannot be written is refused
    encrypt: str | None = None  # "at_rest": screens, reports, results and journals are written sealed
    keep: dict[str, int] = field(default_factory=dict)  # days a kind of file is kept before ``purge`` removes it
    people: Mapping[str, str] | None = None  # person -> the public key their signatures must be made with
    grants: Grants | None = None  # None: no role checks at all (a person trying DeskPilot alone)
    root: Path | None = None  # what the folders and recordings of ``grants`` are named relative to
    file: Path | None = None  # the file it was read from

    @property
    def needs_signature(self) -> bool:
        """A policy that says who may do what is followed only when a trusted admin signed it."""
        return self.people is not None or self.grants is not None


def policy_path() -> Path:
    named = os.environ.get(POLICY_VARIABLE, "").strip()
    if named:
        return Path(named)
    config = os.environ.get("XDG_CONFIG_HOME", "").strip() or str(Path.home() / ".config")
    return Path(config) / "deskpilot" / "policy.yaml"


def load_policy(path: Path | None = None) -> Policy:
    """The policy in force (or the one at ``path``); ``PolicyError`` (one line, naming the file) when malformed.

    It is read, not trusted: what may follow ``people`` and ``grants`` comes from ``roles.trusted_policy``.
    """
    path = path if path is not None else policy_path()
    data = read_policy_bytes(path)
    return Policy() if data is None else parse_policy(data, path)


def read_policy_bytes(path: Path) -> bytes | None:
    """The file's exact bytes (what a signature covers), None when there is none."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read the policy file: {exc}") from exc


def parse_policy(raw: bytes, path: Path) -> Policy:
    """The policy these bytes say, ``path`` naming it in messages and anchoring a relative ``root``."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
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
    grants = _grants(path, data.get("grants"))
    return Policy(require=require, approver_may_author=may_author, audit=audit, encrypt=encrypt,
                  keep=_keep(path, data.get("keep")), people=_people(path, data.get("people")), grants=grants,
                  root=_root(path, data.get("root"), grants), file=path)


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


def enforce_policy(path: Path | None) -> None:
    """Before playing the recording at ``path`` (None: a routine held in memory only): the operator role, then
    approval where the policy requires it.

    The command line and the run path (so the GUI too) call this one function: ``NotPermitted`` without the
    role, ``NotApproved`` when the recording lacks the approval the policy requires; both are audited.
    """
    from deskpilot.compliance.approval import NotApproved, require_approved
    from deskpilot.compliance.roles import require_role
    from deskpilot.format.loader import routine_file

    folder = routine_file(Path(path)).parent if path is not None else None
    policy = require_role("operator", folder, "play")
    if policy.require != "approved":
        return
    try:
        if folder is None:
            raise NotApproved("a routine that is not saved in a recording folder cannot be approved: save it, "
                              "then have it signed and approved")
        require_approved(folder, approver_may_author=policy.approver_may_author, policy=policy)
    except DeskPilotError as exc:
        events.refused("play", str(exc), recording=folder)
        raise


# --- who may do what: people, grants, root ----------------------------------------------------------------


def _people(path: Path, value: Any) -> dict[str, str] | None:
    """``people: {alice: "<public key>"}``: the one key each person's signatures count with."""
    from deskpilot.compliance.keys import load_public_key

    if value is None:
        return None
    if not isinstance(value, dict):
        raise PolicyError(f"{path}: people must map each person to their public key (deskpilot key show prints it)")
    people: dict[str, str] = {}
    for user, key in value.items():
        try:
            load_public_key(str(key))
        except ValueError:
            raise PolicyError(f"{path}: people: {user}'s key is not a public key; paste what 'deskpilot key show' "
                              f"prints for {user}") from None
        people[str(user)] = str(key)
    return people


def _grants(path: Path, value: Any) -> Grants | None:
    """``grants: {team: {erin: [admin]}, folders: {finance: {...}}, recordings: {finance/expense: {...}}}``."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise PolicyError(f"{path}: grants must map {', '.join(LEVELS)} to who holds which roles")
    unknown = sorted(str(k) for k in value if k not in LEVELS)
    if unknown:
        raise PolicyError(f"{path}: grants: unknown level {unknown[0]} (known: {', '.join(LEVELS)})")
    team = _holders(path, "grants: team", value.get("team"))
    places = {level: _places(path, level, value.get(level)) for level in ("folders", "recordings")}
    return Grants(team=team, folders=places["folders"], recordings=places["recordings"])


def _places(path: Path, level: str, value: Any) -> dict[str, People]:
    """Folders or recordings, each named relative to ``root`` with forward slashes, and who holds what there."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PolicyError(f"{path}: grants: {level} must map a {level[:-1]} under root to who holds which roles")
    places: dict[str, People] = {}
    for name, holders in value.items():
        key = str(name).strip().strip("/")
        parts = key.split("/")
        if not key or str(name).startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise PolicyError(f"{path}: grants: {level}: {name!r} must be a path under root, e.g. finance/expense")
        places[key] = _holders(path, f"grants: {level}: {key}", holders)
    return places


def _holders(path: Path, where: str, value: Any) -> People:
    """``{alice: [author, operator]}`` (a single role may stand alone): each role one DeskPilot knows."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise PolicyError(f"{path}: {where} must map each person to a list of roles ({', '.join(ROLES)})")
    holders: dict[str, frozenset[str]] = {}
    for user, roles in value.items():
        listed = [roles] if isinstance(roles, str) else roles
        if not isinstance(listed, list) or not listed:
            raise PolicyError(f"{path}: {where}: {user} needs a list of roles ({', '.join(ROLES)}), not {roles!r}")
        for role in listed:
            if role not in ROLES:
                raise PolicyError(f"{path}: {where}: {user}: unknown role {role!r} (known: {', '.join(ROLES)})")
        holders[str(user)] = frozenset(str(r) for r in listed)
    return holders


def _root(path: Path, value: Any, grants: Grants | None) -> Path | None:
    """Where the recordings the grants name live; a relative root is relative to the policy file's folder."""
    if value is None:
        if grants is not None and (grants.folders or grants.recordings):
            raise PolicyError(f"{path}: grants name folders or recordings, so the policy needs root: the folder "
                              "they are in, e.g. root: /srv/deskpilot/recordings")
        return None
    if not isinstance(value, str) or not value.strip():
        raise PolicyError(f"{path}: root must be a folder, e.g. root: /srv/deskpilot/recordings, not {value!r}")
    root = Path(value.strip()).expanduser()
    return (root if root.is_absolute() else path.parent / root).resolve()
