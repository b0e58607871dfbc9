"""Who may do what: roles from the signed team policy, and the one check every guarded operation makes.

Roles: author (record, save, sign), approver (approve a version), operator (play), auditor (read the audit
trail), admin (sign the policy). A person's roles on a recording are the team's grants, those of every
folder above it and the recording's own: a grant high up reaches everything beneath it.

Why the policy is signed: it says who may approve and which key each person's signatures must be made
with, so anyone able to edit it could otherwise list themselves. A policy with ``people`` or ``grants``
counts only when ``policy.yaml.sig`` holds a signature over its exact bytes by a key in the anchor file,
which only the system administrator can write (``keys.admin_keys_path``); the policy never vouches for
itself. Where an anchor file is installed every policy must be signed and a missing one is refused, so
deleting the grants (or the whole file) does not switch the checks off.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from cryptography.exceptions import InvalidSignature

from deskpilot.atomic import write_atomic
from deskpilot.compliance import events
from deskpilot.compliance.identity import Actor, current_actor
from deskpilot.compliance.keys import (
    admin_keys_path,
    fingerprint,
    load_public_key,
    public_key_text,
    read_admin_keys,
    signed_by,
)
from deskpilot.compliance.policy import People, Policy, PolicyError, parse_policy, policy_path, read_policy_bytes
from deskpilot.errors import DeskPilotError

log = logging.getLogger(__name__)

Role = Literal["author", "approver", "operator", "auditor", "admin"]
SIGNATURE_SUFFIX = ".sig"
FORMAT = 1
FIELDS = ("user", "host", "key", "at", "sha256", "signature", "policy")


class NotPermitted(DeskPilotError):
    """The person acting lacks the role the policy requires for this operation on this recording."""

    def __init__(self, user: str, action: str, recording: Path | str | None, role: str, policy_file: Path | None,
                 detail: str = "") -> None:
        self.user, self.action, self.recording, self.role = user, action, recording, role
        where = f" {recording}" if recording is not None else ""
        tail = f"; {detail}" if detail else ""
        super().__init__(f"{user} may not {action}{where}: needs the {role} role (policy {policy_file}){tail}")


class PolicyUntrusted(PolicyError):
    """The policy says who may do what, but no trusted admin signed this exact file: guarded operations stop."""


# --- roles --------------------------------------------------------------------------------------------------


def explain_roles(policy: Policy, user: str, recording: Path | None) -> list[tuple[str, frozenset[str]]]:
    """Where each of ``user``'s roles on ``recording`` comes from: ("team", ...), ("folder finance", ...), ..."""
    found = []
    for place, holders in _places(policy, recording):
        roles = holders.get(user)
        if roles:
            found.append((place, roles))
    return found


def roles_of(policy: Policy, user: str, recording: Path | None) -> frozenset[str]:
    """The team's grants, every folder's above the recording and its own, together (None: the team's only)."""
    return frozenset(role for _, roles in explain_roles(policy, user, recording) for role in roles)


def _places(policy: Policy, recording: Path | None) -> Iterator[tuple[str, People]]:
    grants = policy.grants
    if grants is None:
        return
    yield "team", grants.team
    parts = _under_root(policy.root, recording)
    if parts is None:
        return
    for name, holders in grants.folders.items():
        folder = tuple(name.split("/"))
        if parts[:len(folder)] == folder:
            yield f"folder {name}", holders
    name = "/".join(parts)
    if name in grants.recordings:
        yield f"recording {name}", grants.recordings[name]


def _under_root(root: Path | None, recording: Path | None) -> tuple[str, ...] | None:
    """The recording's path below root as parts; None when it is not below it (then only team grants count)."""
    if root is None or recording is None:
        return None
    try:
        parts = Path(recording).resolve().relative_to(root).parts
    except ValueError:
        return None
    return parts or None


def require_role(role: Role, recording: Path | None, action: str, *, actor: Actor | None = None) -> Policy:
    """The policy in force when ``actor`` (the person acting now) holds ``role`` on ``recording``.

    Every guarded operation calls this, so the command line and the GUI refuse alike: ``NotPermitted`` without
    the role, ``PolicyUntrusted`` when the policy is not signed by a trusted admin; each refusal is audited.
    Without ``grants`` nobody's roles are checked: a person trying DeskPilot alone is never blocked.
    """
    who = actor or current_actor()
    try:
        policy = trusted_policy()
        if policy.grants is not None and role not in roles_of(policy, who.user, recording):
            raise NotPermitted(who.user, action, recording, role, policy.file)
    except (PolicyError, NotPermitted) as exc:
        _audit_refusal(action, exc, recording)
        raise
    return policy


def _audit_refusal(action: str, exc: DeskPilotError, recording: Path | None) -> None:
    """The refusal in the trail; a trail that cannot take it does not hide the refusal behind its own error."""
    try:
        events.refused(action, str(exc), recording=recording)
    except DeskPilotError as audit_error:
        log.warning("refusal not audited: %s", audit_error)


# --- the signature over the policy ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PolicySignature:
    """``policy.yaml.sig``: who signed which bytes, and the text they signed (the policy trusted until a new one)."""

    user: str
    host: str
    key: str
    at: str
    sha256: str
    signature: str
    policy: str

    def describe(self) -> str:
        return signed_by(self.user, self.host, self.key, self.at)

    def valid_over(self, data: bytes) -> bool:
        """Whether this signature, by its own key, covers exactly ``data`` and who and when."""
        try:
            load_public_key(self.key).verify(base64.b64decode(self.signature, validate=True),
                                             _payload(self.user, self.host, self.at, data))
        except (ValueError, binascii.Error, InvalidSignature):
            return False
        return True


def signature_path(policy_file: Path) -> Path:
    return policy_file.with_name(policy_file.name + SIGNATURE_SUFFIX)


def _payload(user: str, host: str, at: str, data: bytes) -> bytes:
    """What a policy signature covers: its own kind (never a recording's), who, when, and the file's bytes."""
    return f"deskpilot-policy-signature/{FORMAT}\n{user}\n{host}\n{at}\n".encode() + data


def read_signature(policy_file: Path) -> PolicySignature | None:
    """The signature beside the policy, None when there is none; ``ValueError`` when it is not one."""
    try:
        data: Any = json.loads(signature_path(policy_file).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc)) from exc
    if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in FIELDS):
        raise ValueError("not a DeskPilot policy signature (it lacks one of " + ", ".join(FIELDS) + ")")
    return PolicySignature(**{f: data[f] for f in FIELDS})


@dataclass(frozen=True, kw_only=True)
class Trust:
    """The policy in force and whether it may be followed: who signed it, and why not when it may not."""

    path: Path
    policy: Policy
    digest: str | None  # SHA-256 of the file's bytes; None: there is no file
    signature: PolicySignature | None
    anchor: Path  # the trusted admin keys file consulted
    problem: str | None  # why guarded operations refuse; None: trusted, or nothing to trust

    @property
    def needed(self) -> bool:
        """Whether this policy must be signed at all (it says who may do what, or an anchor is installed)."""
        return self.policy.needs_signature or self.anchor.exists()


def check_policy(path: Path | None = None) -> Trust:
    """Read the policy (``PolicyError`` when malformed) and check its signature over the very bytes read."""
    path = path if path is not None else policy_path()
    data = read_policy_bytes(path)
    policy = parse_policy(data, path) if data is not None else Policy()
    anchor = admin_keys_path()
    digest = hashlib.sha256(data).hexdigest() if data is not None else None
    try:
        signature, unreadable = read_signature(path), None
    except ValueError as exc:
        signature, unreadable = None, str(exc)
    trust = Trust(path=path, policy=policy, digest=digest, signature=signature, anchor=anchor, problem=None)
    if not trust.needed:
        return trust
    problem = _problem(trust, data, unreadable)
    return Trust(path=path, policy=policy, digest=digest, signature=signature, anchor=anchor, problem=problem)


def _problem(trust: Trust, data: bytes | None, unreadable: str | None) -> str | None:
    """Why the policy may not be followed, in one line naming the file and the fix; None when it may."""
    path, signature, anchor = trust.path, trust.signature, trust.anchor
    fix = f"deskpilot policy sign {path}"
    if data is None:
        return (f"{path}: there is no policy file, but trusted admin keys are installed ({anchor}): an admin writes "
                f"the team policy there and signs it: {fix}")
    if unreadable is not None:
        return f"{path}: its signature {signature_path(path)} is unreadable ({unreadable}): an admin signs it: {fix}"
    if signature is None:
        why = "it says who may do what" if trust.policy.needs_signature else f"admin keys are installed ({anchor})"
        return f"{path}: the policy is not signed, and {why}: an admin signs it: {fix}"
    try:
        anchors = read_admin_keys(anchor)
    except FileNotFoundError:
        return (f"{path}: cannot tell whether {signature.user} may sign the policy: there is no trusted admin keys "
                f"file {anchor} (the system administrator lists the admins' public keys there)")
    except (OSError, ValueError) as exc:
        return f"{path}: the trusted admin keys file cannot be used: {exc}"
    if signature.sha256 != trust.digest:
        return (f"{path}: changed since {signature.user} signed it at {signature.at}: an admin checks the change "
                f"and signs it: {fix}")
    if not signature.valid_over(data):
        return f"{path}: its signature {signature_path(path)} is not valid (forged or edited): an admin signs it: {fix}"
    if signature.key not in anchors:
        return (f"{path}: signed by {signature.user} with key {fingerprint(signature.key)}, which is not a trusted "
                f"admin key in {anchor}: an admin whose key is there signs it: {fix}")
    return None


def trusted_policy(path: Path | None = None) -> Policy:
    """The policy to follow; ``PolicyUntrusted`` (one line, the file and the fix) when it may not be followed."""
    trust = check_policy(path)
    if trust.problem is not None:
        raise PolicyUntrusted(trust.problem)
    return trust.policy


# --- signing the policy ----------------------------------------------------------------------------------------


def sign_policy(actor: Actor, path: Path | None = None) -> Trust:
    """Sign the policy file's exact bytes as ``actor``, an admin: audited with the old and new SHA-256.

    Who may: a key in the anchor file, and, once a signed policy with grants is trusted, an admin in *that*
    policy (whose key there is theirs) -- the policy being signed cannot make its own signer an admin.
    """
    from deskpilot.compliance.keys import signing_key

    path = path if path is not None else policy_path()
    action = "sign the policy"
    try:
        data = read_policy_bytes(path)
        if data is None:
            raise PolicyError(f"{path}: there is no policy file to sign: write it first")
        parse_policy(data, path)  # a policy DeskPilot cannot follow is never signed
        key = signing_key(actor.user)
        mine = public_key_text(key)
        anchors = _anchor_keys(path)
        if mine not in anchors:
            raise NotPermitted(actor.user, action, None, "admin", path,
                               f"{actor.user}'s key {fingerprint(mine)} is not a trusted admin key in "
                               f"{admin_keys_path()}")
        previous = _previous(path, anchors)
        if previous is not None:
            _check_admin(previous[0], actor, mine, path)
    except DeskPilotError as exc:
        _audit_refusal(action, exc, None)
        raise
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    signed = base64.b64encode(key.sign(_payload(actor.user, actor.host, at, data))).decode("ascii")
    record = {"deskpilot-policy-signature": FORMAT, "user": actor.user, "host": actor.host, "key": mine, "at": at,
              "sha256": hashlib.sha256(data).hexdigest(), "signature": signed, "policy": data.decode("utf-8")}
    write_atomic(signature_path(path), json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    events.policy_signed(path, old=previous[1].sha256 if previous else None, new=str(record["sha256"]),
                         key=fingerprint(mine))
    return check_policy(path)


def _anchor_keys(path: Path) -> frozenset[str]:
    anchor = admin_keys_path()
    try:
        return read_admin_keys(anchor)
    except FileNotFoundError:
        raise PolicyUntrusted(f"{path}: nobody may sign the policy: there is no trusted admin keys file {anchor} "
                              "(the system administrator lists the admins' public keys there)") from None
    except (OSError, ValueError) as exc:
        raise PolicyUntrusted(f"{path}: the trusted admin keys file cannot be used: {exc}") from exc


def _previous(path: Path, anchors: frozenset[str]) -> tuple[Policy, PolicySignature] | None:
    """The policy trusted until now: the text the present signature covers, when a trusted admin's key made it."""
    try:
        signature = read_signature(path)
    except ValueError:
        return None
    if signature is None or signature.key not in anchors:
        return None
    data = signature.policy.encode("utf-8")
    if hashlib.sha256(data).hexdigest() != signature.sha256 or not signature.valid_over(data):
        return None
    try:
        return parse_policy(data, path), signature
    except PolicyError:
        return None


def _check_admin(trusted: Policy, actor: Actor, key: str, path: Path) -> None:
    """``NotPermitted`` unless the policy trusted now makes ``actor`` an admin, with this key where it lists keys."""
    action = "sign the policy"
    if trusted.grants is not None and "admin" not in roles_of(trusted, actor.user, None):
        admins = sorted(u for u, roles in trusted.grants.team.items() if "admin" in roles)
        raise NotPermitted(actor.user, action, None, "admin", path,
                           f"the policy signed now makes {', '.join(admins) or 'nobody'} admin")
    if trusted.people is not None and trusted.people.get(actor.user) != key:
        raise NotPermitted(actor.user, action, None, "admin", path,
                           f"{actor.user}'s key {fingerprint(key)} is not the one the signed policy lists for them")
