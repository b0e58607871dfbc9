"""Signed and approved recordings: the author signs a version, a second person approves that same version.

``signatures.json`` in the recording folder holds the manifest signed (see ``manifest``) and the
signatures. Each signature covers the manifest digest, the role, the user, the host and the time, so
neither the content nor who is named can be edited afterwards without the check failing. Anyone can
*see* who signed: the public key rides along with each signature, shown as a fingerprint to compare.

A key riding along proves only that *someone* signed. Where the signed team policy lists ``people``, a
signature counts only when made with the key it lists for the user named, and with ``grants`` signing
needs the author role and approving the approver role on that recording -- still held when it plays.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cryptography.exceptions import InvalidSignature

from deskpilot.atomic import write_atomic
from deskpilot.compliance import events
from deskpilot.compliance.identity import Actor
from deskpilot.compliance.keys import fingerprint, load_public_key, public_key_text, signed_by, signing_key
from deskpilot.compliance.manifest import LOOP, Manifest, build_manifest, diff_manifests
from deskpilot.compliance.roles import require_role, roles_of, trusted_policy
from deskpilot.errors import SigningError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from deskpilot.compliance.policy import Policy

SIGNATURES_FILE = "signatures.json"
FORMAT = 1
Role = Literal["author", "approver"]
Status = Literal["approved", "signed", "unsigned", "changed", "bad-signature"]


class NotApproved(SigningError):
    """The recording (or one it calls) is not an approved, unchanged version: play refuses it."""


@dataclass(frozen=True)
class Signer:
    """One signature as a person reads it."""

    role: str
    user: str
    host: str
    key: str
    at: str

    def describe(self) -> str:
        return signed_by(self.user, self.host, self.key, self.at)


@dataclass(frozen=True)
class Verdict:
    """What ``verify`` found: the status, who signed and approved, what changed since."""

    folder: Path
    status: Status
    author: Signer | None = None
    approvers: tuple[Signer, ...] = ()
    changed: tuple[str, ...] = ()
    reason: str = ""

    @property
    def approver(self) -> Signer | None:
        return self.approvers[-1] if self.approvers else None

    @property
    def self_approved(self) -> bool:
        """Every approval is by the author: one person vouched for their own work."""
        a = self.author
        return a is not None and bool(self.approvers) and all(_same_person(a, p) for p in self.approvers)

    def lines(self) -> list[str]:
        name = str(self.folder)
        lines = {
            "approved": [f"{name}: approved, unchanged since it was signed"],
            "signed": [f"{name}: signed, not yet approved (an approver runs: deskpilot approve {name})"],
            "unsigned": [f"{name}: not signed (its author runs: deskpilot sign {name})"],
            "changed": [f"{name}: changed since it was signed: {', '.join(self.changed)}"],
            "bad-signature": [f"{name}: bad signature: {self.reason}"],
        }[self.status]
        if self.author is not None:
            lines.append(f"signed by {self.author.describe()}")
        lines += [f"approved by {p.describe()}" + (" (the author themself)" if self.author and _same_person(self.author, p)
                                                   else "") for p in self.approvers]
        return lines


def sign(folder: Path, actor: Actor) -> Verdict:
    """Sign the recording as its author; earlier signatures go, since this is a new version.

    ``NotPermitted`` without the author role on it; ``SigningError`` when the keyring's key is not the one the
    policy lists for ``actor`` (a signature nobody would count). Both are audited.
    """
    policy = require_role("author", folder, "sign", actor=actor)
    try:
        key = _own_key(policy, actor)
    except SigningError as exc:
        events.refused("sign", str(exc), recording=folder)
        raise
    manifest = build_manifest(folder)
    entry = _signature(manifest.digest, "author", actor, key)
    _write(folder, manifest, [entry])
    events.emit("sign", recording=str(folder), version=manifest.digest, key=fingerprint(entry["key"]))
    return verify(folder, policy=policy)


def approve(folder: Path, actor: Actor, *, allow_self: bool = False) -> Verdict:
    """Approve the version the author signed; refused when it changed since, or when the author approves it.

    A refusal is in the audit trail too: an author trying to approve their own work is what an auditor looks for.
    ``NotPermitted`` when ``actor`` does not hold the approver role on it now.
    """
    policy = require_role("approver", folder, "approve", actor=actor)
    try:
        return _approve(folder, actor, policy, allow_self=allow_self)
    except SigningError as exc:
        events.refused("approve", str(exc), recording=folder)
        raise


def _approve(folder: Path, actor: Actor, policy: Policy, *, allow_self: bool) -> Verdict:
    key = _own_key(policy, actor)
    verdict = verify(folder, policy=policy)
    name = str(folder)
    if verdict.status == "unsigned":
        raise SigningError(f"{name} is not signed, so there is nothing to approve: its author runs: deskpilot sign {name}")
    if verdict.status == "bad-signature":
        raise SigningError(f"{name} has a bad signature ({verdict.reason}): its author signs it again: "
                           f"deskpilot sign {name}")
    if verdict.status == "changed":
        raise SigningError(f"{name} changed since it was signed ({', '.join(verdict.changed)}): its author signs "
                           f"the new version first: deskpilot sign {name}")
    assert verdict.author is not None
    if not allow_self and verdict.author.user == actor.user:
        raise SigningError(f"{name} was signed by {actor.user}, who may not approve it too: another person approves "
                           "(or pass --allow-self where your policy lets an author approve)")
    stored = _read(folder)
    assert stored is not None
    manifest, entries = stored
    entries = [e for e in entries if not (e["role"] == "approver" and e["user"] == actor.user)]
    entries.append(_signature(manifest.digest, "approver", actor, key))
    _write(folder, manifest, entries)
    events.emit("approve", recording=str(folder), version=manifest.digest, key=fingerprint(entries[-1]["key"]),
                author=verdict.author.user)
    return verify(folder, policy=policy)


def _own_key(policy: Policy, actor: Actor) -> Ed25519PrivateKey:
    """``actor``'s signing key, refused when the policy lists another one for them: that signature would not count."""
    key = signing_key(actor.user)
    if policy.people is None:
        return key
    mine, listed = public_key_text(key), policy.people.get(actor.user)
    if listed != mine:
        has = f"lists key {fingerprint(listed)} for them" if listed else f"does not list {actor.user} in people"
        raise SigningError(f"{actor.user}'s signing key {fingerprint(mine)} is not theirs by the policy (it {has}): "
                           f"an admin puts the key 'deskpilot key show' prints into people in {policy.file}")
    return key


def verify(folder: Path, *, policy: Policy | None = None) -> Verdict:
    """Check the signatures against the recording as it is now; raises ``RoutineError`` when it does not load.

    With ``people`` in the (trusted) policy, a signature counts only when made with the key it lists for the
    user named; ``PolicyUntrusted`` when the policy naming the keys is not signed by a trusted admin.
    """
    folder = Path(folder)
    people = (policy if policy is not None else trusted_policy()).people
    try:
        stored = _read(folder)
    except ValueError as exc:
        return Verdict(folder, "bad-signature", reason=f"{SIGNATURES_FILE} is unreadable: {exc}")
    if stored is None:
        return Verdict(folder, "unsigned")
    manifest, entries = stored
    signers: list[Signer] = []
    for entry in entries:
        signer = Signer(role=entry["role"], user=entry["user"], host=entry["host"], key=entry["key"], at=entry["at"])
        if not _valid(manifest.digest, signer, entry["signature"]):
            return Verdict(folder, "bad-signature",
                           reason=f"the {signer.role} signature of {signer.user} does not match what it signed")
        if people is not None and people.get(signer.user) != signer.key:
            unlisted = "" if signer.user in people else f" ({signer.user} is not in its people)"
            return Verdict(folder, "bad-signature", reason=f"{signer.user}'s signature is not made with "
                           f"{signer.user}'s key in the policy{unlisted}")
        signers.append(signer)
    authors = [s for s in signers if s.role == "author"]
    approvers = tuple(s for s in signers if s.role == "approver")
    if len(authors) != 1:
        return Verdict(folder, "bad-signature", approvers=approvers,
                       reason=f"{len(authors)} author signatures where there must be one")
    author = authors[0]
    changes = diff_manifests(manifest, build_manifest(folder))
    if changes:
        return Verdict(folder, "changed", author=author, approvers=approvers, changed=tuple(changes))
    return Verdict(folder, "approved" if approvers else "signed", author=author, approvers=approvers)


def require_approved(folder: Path, *, approver_may_author: bool = False, policy: Policy | None = None) -> Verdict:
    """The recording's verdict when it and every recording it calls is approved and unchanged, else ``NotApproved``.

    Under ``grants`` an approval counts only while its approver still holds the approver role on the recording.
    """
    policy = policy if policy is not None else trusted_policy()
    return _require(Path(folder), approver_may_author, policy, caller=None, seen=set())


def _require(folder: Path, approver_may_author: bool, policy: Policy, caller: Path | None,
             seen: set[Path]) -> Verdict:
    seen.add(folder.resolve())
    verdict = _still_approvers(verify(folder, policy=policy), policy)
    reason = _refusal(verdict, approver_may_author)
    if reason is not None:
        lead = f"recording {folder}" if caller is None else f"recording {caller} calls {folder}, which"
        raise NotApproved(f"{lead} is not an approved, unchanged version: {reason}; "
                          f"ask an approver to run: deskpilot approve {folder}")
    for name, digest in build_manifest(folder).calls.items():
        callee = Path(os.path.normpath(folder / name))  # "shared/login", not "main/../shared/login"
        if digest != LOOP and callee.resolve() not in seen:
            _require(callee, approver_may_author, policy, caller=folder if caller is None else caller, seen=seen)
    return verdict


def _still_approvers(verdict: Verdict, policy: Policy) -> Verdict:
    """The verdict counting only approvals by people who hold the approver role on the recording now."""
    if policy.grants is None or verdict.status != "approved":
        return verdict
    holding = tuple(p for p in verdict.approvers if "approver" in roles_of(policy, p.user, verdict.folder))
    if holding:
        return replace(verdict, approvers=holding)
    names = ", ".join(sorted({p.user for p in verdict.approvers}))
    one = len({p.user for p in verdict.approvers}) == 1
    return replace(verdict, status="signed", approvers=holding,
                   reason=f"approved by {names}, who no longer hold{'s' if one else ''} the approver role on it "
                          f"(policy {policy.file})")


def _refusal(verdict: Verdict, approver_may_author: bool) -> str | None:
    """Why play must refuse this verdict, or None."""
    if verdict.status == "approved":
        if verdict.self_approved and not approver_may_author:
            return "only its author approved it"
        return None
    return {
        "signed": verdict.reason or "it is signed but nobody approved it",
        "unsigned": "it was never signed",
        "changed": f"it changed since it was signed ({', '.join(verdict.changed)})",
        "bad-signature": f"its signature is bad ({verdict.reason})",
    }.get(verdict.status, verdict.status)


# --- the file and the signatures -------------------------------------------------------


def _payload(digest: str, signer: Signer) -> bytes:
    """The bytes a signature covers: the content's digest, the role, and who and when."""
    return f"deskpilot-signature/1\n{digest}\n{signer.role}\n{signer.user}\n{signer.host}\n{signer.at}".encode()


def _signature(digest: str, role: Role, actor: Actor, key: Ed25519PrivateKey) -> dict[str, str]:
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    signer = Signer(role=role, user=actor.user, host=actor.host, key=public_key_text(key), at=at)
    signature = base64.b64encode(key.sign(_payload(digest, signer))).decode("ascii")
    return {"role": role, "user": actor.user, "host": actor.host, "key": signer.key, "at": at, "signature": signature}


def _valid(digest: str, signer: Signer, signature: str) -> bool:
    try:
        load_public_key(signer.key).verify(base64.b64decode(signature, validate=True), _payload(digest, signer))
    except (ValueError, binascii.Error, InvalidSignature):
        return False
    return True


def _same_person(a: Signer, b: Signer) -> bool:
    return a.user == b.user or a.key == b.key


def _write(folder: Path, manifest: Manifest, entries: list[dict[str, str]]) -> None:
    data = {"deskpilot-signatures": FORMAT, "manifest": {**manifest.to_json(), "digest": manifest.digest},
            "signatures": entries}
    write_atomic(Path(folder) / SIGNATURES_FILE, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _read(folder: Path) -> tuple[Manifest, list[dict[str, str]]] | None:
    """The stored manifest and signature entries, None when there is no file; ``ValueError`` when malformed."""
    path = Path(folder) / SIGNATURES_FILE
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("signatures"), list):
        raise ValueError("not a signatures file")  # noqa: TRY004  (bad file content, reported as one)
    manifest = Manifest.from_json(data.get("manifest"))
    if data["manifest"].get("digest") != manifest.digest:
        raise ValueError("its manifest was edited after signing")
    fields = ("role", "user", "host", "key", "at", "signature")
    entries = data["signatures"]
    if not all(isinstance(e, dict) and all(isinstance(e.get(f), str) for f in fields) for e in entries):
        raise ValueError("a signature entry lacks one of " + ", ".join(fields))
    if not entries:
        return None
    return manifest, [{f: e[f] for f in fields} for e in entries]
