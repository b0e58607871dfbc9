"""What the product writes into the audit trail, one function per kind of operation.

Callers (the run path, the recorder, a save) call these and go on: the trail is the record
of what happened, and a run must not stop because a disk filled up -- unless the policy says
``audit: required``; then a trail that cannot be written refuses the operation (``AuditUnavailable``).
Values never enter: a data row is its keyed fingerprint, a secret its name.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

log = logging.getLogger(__name__)


def emit(event: str, **fields: object) -> None:
    """Append one entry; a trail that cannot be written is a warning, or a refusal under ``audit: required``."""
    from deskpilot.compliance.audit import record_event
    from deskpilot.errors import DeskPilotError

    try:
        record_event(event, **fields)
    except DeskPilotError as exc:
        if _audit_required():
            raise
        log.warning("audit trail not written (%s): %s", event, exc)


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
