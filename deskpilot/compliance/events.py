"""What the product writes into the audit trail, one function per kind of operation.

Callers (the run path, the recorder, a save) call these and go on: the trail is the record
of what happened, and a run must not stop because a disk filled up -- unless the policy says
``audit: required``; then a trail that cannot be written refuses the operation (``AuditUnavailable``).
Values never enter: a data row is its keyed fingerprint, a secret its name.

The first entry after the policy file changed is preceded by ``policy_changed`` (its old and new
SHA-256), so an auditor sees under which rules everything after it happened.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)

POLICY_SEEN = "policy-seen"  # in the trail's folder: the SHA-256 of the policy file the trail saw last
NO_POLICY = "none"


def emit(event: str, **fields: object) -> None:
    """Append one entry; a trail that cannot be written is a warning, or a refusal under ``audit: required``."""
    from deskpilot.compliance.audit import record_event
    from deskpilot.errors import DeskPilotError

    try:
        _note_policy_change()
        record_event(event, **fields)
    except DeskPilotError as exc:
        if _audit_required():
            raise
        log.warning("audit trail not written (%s): %s", event, exc)


def _note_policy_change() -> None:
    """``policy_changed`` once when the policy file differs from the one the trail saw last.

    Checked at every entry, not only where the policy is read: whatever the trail records next happened
    under the new rules. A small file holds the digest seen; its lock makes two processes write one entry.
    """
    from deskpilot.compliance.audit import default_folder, record_event
    from deskpilot.compliance.policy import policy_path

    path = policy_path()
    try:
        now = hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        now = NO_POLICY
    except OSError:
        return  # an unreadable policy: refused where it is read
    seen = default_folder() / POLICY_SEEN
    if _read_seen(seen) == now:
        return
    try:
        seen.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(seen, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        log.debug("policy digest not kept: %s", exc)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        before = os.pread(fd, 128, 0).decode("ascii", "replace").strip() or NO_POLICY
        if before != now:
            record_event("policy_changed", policy=str(path), old=None if before == NO_POLICY else before,
                         new=None if now == NO_POLICY else now)
            os.ftruncate(fd, 0)
            os.pwrite(fd, now.encode("ascii") + b"\n", 0)
            os.fsync(fd)
    except OSError as exc:  # the digest is bookkeeping: at worst the next entry says the change again
        log.debug("policy digest not kept: %s", exc)
    finally:
        os.close(fd)


def _read_seen(seen: Path) -> str:
    try:
        return seen.read_text(encoding="ascii").strip() or NO_POLICY
    except (OSError, UnicodeDecodeError):
        return NO_POLICY


def _audit_required() -> bool:
    from deskpilot.compliance.policy import load_policy
    from deskpilot.errors import DeskPilotError

    try:
        return load_policy().audit == "required"
    except DeskPilotError:  # a broken policy file: refused where the run reads it; here, take the strict side
        return True


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes: the version of a routine.yaml as it was saved."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def version_of(folder: Path | None) -> str | None:
    """The recording's version: its manifest digest (routine.yaml, its files and its callees)."""
    if folder is None:
        return None
    from deskpilot.compliance.manifest import build_manifest
    from deskpilot.errors import DeskPilotError

    try:
        return str(build_manifest(folder).digest)
    except (DeskPilotError, OSError) as exc:  # a recording being rewritten as we look: the entry says so, the run goes on
        log.debug("no manifest for %s: %s", folder, exc)
        return None


def recorded(folder: Path) -> None:
    emit("record", recording=str(folder), version=version_of(folder),
         routine_hash=file_hash(folder / "routine.yaml"))


def saved(file: Path) -> None:
    emit("save", recording=str(file.parent), routine_hash=file_hash(file), version=version_of(file.parent))


def run_started(folder: Path | None, name: str, *, secrets: Iterable[str] = (), data_run: str | None = None,
                data: Path | None = None, rows: int | None = None) -> str | None:
    """The run's first entry; returns the version it ran, for its end."""
    version = version_of(folder)
    emit("run start", recording=str(folder) if folder else name, version=version, routine=name,
         data_run=data_run, data=str(data) if data else None, rows=rows)
    for secret in secrets:
        emit("secret used", recording=str(folder) if folder else name, version=version, secret=secret)
    return version


def run_ended(folder: Path | None, name: str, version: str | None, *, outcome: str, seconds: float,
              data_run: str | None = None, report: Path | None = None) -> None:
    emit("run end", recording=str(folder) if folder else name, version=version, outcome=outcome,
         seconds=round(seconds, 2), data_run=data_run, report=str(report) if report else None)


def row_done(folder: Path | None, name: str, version: str | None, *, row: int | None, values: Mapping[str, str],
             outcome: str, data_run: str | None) -> None:
    """A data row's outcome with its fingerprint: the trail can show a row ran twice, never what it held."""
    from deskpilot.compliance.audit import row_fingerprint

    emit("data row", recording=str(folder) if folder else name, version=version, row=row,
         fingerprint=row_fingerprint(values), outcome=outcome, data_run=data_run)


def refused(action: str, reason: str, *, recording: Path | str | None = None) -> None:
    emit("refused", action=action, recording=str(recording) if recording else None, detail=reason)


def policy_signed(path: Path, *, old: str | None, new: str, key: str) -> None:
    """An admin signed the policy: the SHA-256 trusted before (None: the first) and the one trusted now."""
    emit("policy_signed", policy=str(path), old=old, new=new, key=key)
