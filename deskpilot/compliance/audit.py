"""The tamper-evident audit trail: an append-only file of JSON lines, each chained to the one before.

Why a chain: an auditor must be able to tell that nobody edited, removed or reordered what the robot
did. Every entry holds ``prev`` (SHA-256 of the previous line's exact bytes, 64 zeros for the first)
and ``hash`` (SHA-256 of its own canonical JSON without ``hash``), so changing any byte breaks the
chain at that place. Cutting the newest entries off leaves a valid chain, which is why every
``CHECKPOINT_EVERY`` entries, and when a process that wrote through ``record_event`` exits, an
Ed25519-signed checkpoint (its key in the OS keyring) records how far the trail reached: verify then
sees that it no longer does. Entries after the newest checkpoint (a process still running, or killed)
are the only ones a cut can remove unseen; and whoever can also delete lines of checkpoints.jsonl can
cut back to an older checkpoint -- copy checkpoints off the machine when that matters.

Values never enter the trail: callers pass names (a secret's name, a recording's folder) and
fingerprints (``row_fingerprint`` of a data row), never what a field or secret held.

A writer killed mid-write leaves at most one partial last line. That is a torn write, not tampering:
the entry never completed and its caller never went on. The next ``append`` starts a fresh line after
it and chains to the last *complete* entry, reusing its seq; ``verify`` names the torn line in
``AuditVerdict.notes`` and still calls the trail intact. A complete line replaced by garbage is not
torn: the chain around it breaks, and verify says so.
"""

from __future__ import annotations

import atexit
import csv
import fcntl
import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from deskpilot.compliance.keys import keyring_ready_without_asking
from deskpilot.compliance.identity import current_actor
from deskpilot.errors import AuditUnavailable

if TYPE_CHECKING:  # cryptography is imported when a key is used, not with the module
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

log = logging.getLogger(__name__)

DIR_VARIABLE = "DESKPILOT_AUDIT_DIR"
TRAIL, CHECKPOINTS = "trail.jsonl", "checkpoints.jsonl"
GENESIS = "0" * 64
CHECKPOINT_EVERY = 100
KEYRING_SERVICE = "deskpilot-audit"
RESERVED = frozenset({"seq", "at", "user", "host", "event", "prev", "hash"})
_TAIL_CHUNK = 16384


def default_folder() -> Path:
    """``DESKPILOT_AUDIT_DIR``, else ``$XDG_DATA_HOME/deskpilot/audit`` (``~/.local/share`` when unset)."""
    named = os.environ.get(DIR_VARIABLE, "").strip()
    if named:
        return Path(named).expanduser()
    data = os.environ.get("XDG_DATA_HOME", "").strip() or str(Path.home() / ".local" / "share")
    return Path(data) / "deskpilot" / "audit"


def canonical(obj: Mapping[str, object]) -> bytes:
    """The one byte form hashes and signatures are taken over: sorted keys, no spaces, UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def entry_hash(entry: Mapping[str, object]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in entry.items() if k != "hash"})).hexdigest()


def seal_entry(entry: dict[str, object], prev_line: bytes | None) -> bytes:
    """Chain ``entry`` onto the previous line (None for the first) and return its line, without the newline.

    The one place a line is made: ``append`` and any batch writer (the bench) produce identical chains.
    """
    entry["prev"] = hashlib.sha256(prev_line).hexdigest() if prev_line is not None else GENESIS
    entry.pop("hash", None)
    entry["hash"] = entry_hash(entry)
    return canonical(entry)


def folder_key(folder: Path) -> str:
    """The keyring's name for one trail: its folder, resolved, as a short hash."""
    return hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class AuditVerdict:
    """What verify found: ``problem`` names the first place tampered with; ``notes`` torn writes and caveats."""

    ok: bool
    entries: int
    problem: str | None = None
    notes: tuple[str, ...] = field(default=())


@dataclass
class _Line:
    number: int
    raw: bytes
    complete: bool  # ended with a newline
    entry: dict[str, object] | None


class AuditTrail:
    """One trail folder: ``trail.jsonl`` (the chain) and ``checkpoints.jsonl`` (signed high-water marks)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else default_folder()
        self.path = self.folder / TRAIL
        self.checkpoints_path = self.folder / CHECKPOINTS
        self._key: Ed25519PrivateKey | None = None  # fetched from the keyring once per trail object

    # -- writing -------------------------------------------------------------------------------

    def append(self, event: str, **fields: object) -> dict[str, object]:
        """Append one entry under an exclusive lock, fsync'd before returning; the entry as written.

        The lock spans reading the last entry and writing the new one, so two processes appending at
        once still produce one unbroken chain.
        """
        clash = RESERVED & fields.keys()
        if clash:
            raise ValueError(f"audit fields may not be named {', '.join(sorted(clash))}")
        actor = current_actor()
        with self._locked() as fd:
            last, ends_clean = _last_entry(fd)
            seq = int(str(last[0]["seq"])) + 1 if last else 1
            entry: dict[str, object] = {"seq": seq, "at": _now(), "user": actor.user, "host": actor.host,
                                        "event": event, **fields}
            line = seal_entry(entry, last[1] if last else None)
            # one write per line; after a torn write the new line starts on a line of its own
            os.write(fd, (b"" if ends_clean else b"\n") + line + b"\n")
            os.fsync(fd)
            if seq % CHECKPOINT_EVERY == 0:
                try:
                    self._write_checkpoint(seq, str(entry["hash"]))
                except AuditUnavailable as exc:  # the chain itself is written; the next checkpoint covers it
                    log.warning("audit checkpoint at entry %d not written: %s", seq, exc)
            return entry

    def checkpoint(self) -> dict[str, object] | None:
        """Sign how far the trail reaches now (None for an empty trail); raises AuditUnavailable without a keyring."""
        with self._locked() as fd:
            last, _ = _last_entry(fd)
            if last is None:
                return None
            return self._write_checkpoint(int(str(last[0]["seq"])), str(last[0]["hash"]))

    @contextmanager
    def _locked(self) -> Iterator[int]:
        """The trail file open for appending, held under an exclusive lock; OS errors as AuditUnavailable."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError as exc:
            raise self._unavailable(exc) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield fd
        except OSError as exc:
            raise self._unavailable(exc) from exc
        finally:
            os.close(fd)  # closing releases the lock

    def load_key(self) -> bool:
        """Fetch (or make, under the trail's lock) the checkpoint key now; False when the keyring cannot."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._signing_key()
            return True
        except AuditUnavailable as exc:
            log.info("audit checkpoints not signed: %s", exc)
            return False
        finally:
            os.close(fd)

    def _write_checkpoint(self, seq: int, hash_: str) -> dict[str, object]:
        """Under the trail's lock: sign {seq, hash, at, key} and append it to checkpoints.jsonl."""
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        private = self._signing_key()
        key = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
        record: dict[str, object] = {"seq": seq, "hash": hash_, "at": _now(), "key": key}
        record["signature"] = private.sign(canonical(record)).hex()
        try:
            fd = os.open(self.checkpoints_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, canonical(record) + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise self._unavailable(exc) from exc
        return record

    def _signing_key(self) -> Ed25519PrivateKey:
        """The trail's Ed25519 key from the keyring, made on first use (callers hold the trail's lock)."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

        if self._key is not None:
            return self._key
        name = "checkpoint-key:" + folder_key(self.folder)
        stored = _keyring_get(name)
        if stored is None:
            new = Ed25519PrivateKey.generate()
            stored = new.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()
            _keyring_set(name, stored)
        self._key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored))
        return self._key

    def _public_key(self) -> str | None:
        """The trail's public checkpoint key (hex), or None when the keyring has none or is unreachable."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        try:
            stored = _keyring_get("checkpoint-key:" + folder_key(self.folder))
        except AuditUnavailable:
            return None
        if stored is None:
            return None
        key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(stored)).public_key()
        return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()

    def _unavailable(self, exc: OSError) -> AuditUnavailable:
        return AuditUnavailable(f"{self.folder}: the audit trail cannot be written ({exc.strerror or exc}); make "
                                f"the folder writable or set {DIR_VARIABLE} to a folder that is")

    # -- reading -------------------------------------------------------------------------------

    def _lines(self) -> Iterator[_Line]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        raw_lines = data.split(b"\n")
        tail = raw_lines.pop()  # b"" when the file ends with a newline
        for number, raw in enumerate(raw_lines, start=1):
            yield _Line(number, raw, True, _parse(raw))
        if tail:
            yield _Line(len(raw_lines) + 1, tail, False, _parse(tail))

    def entries(self) -> Iterator[dict[str, object]]:
        """Every complete, readable entry in file order (torn and malformed lines skipped; verify names them)."""
        for line in self._lines():
            if line.complete and line.entry is not None:
                yield line.entry

    def verify(self) -> AuditVerdict:
        """Walk the chain and the checkpoints; the first broken place, in words a person can act on."""
        lines = list(self._lines())
        seqs = {_seq(ln.entry) for ln in lines if ln.entry is not None}
        notes: list[str] = []
        count = 0
        expected, prev_raw, prev_number = 1, None, 0
        by_seq: dict[int, tuple[int, str]] = {}  # seq -> (line number, hash)
        for i, ln in enumerate(lines):
            entry = ln.entry if ln.complete else None
            if entry is None:
                if _looks_torn(ln, lines[i + 1:], expected, prev_raw):
                    notes.append(f"entry {expected} is incomplete (the writer was killed) at line {ln.number}")
                    continue
                return AuditVerdict(False, count, f"line {ln.number} is not a valid audit entry (malformed JSON)",
                                    tuple(notes))
            seq = _seq(entry)
            if entry_hash(entry) != entry.get("hash"):
                return AuditVerdict(False, count, f"entry {seq} (line {ln.number}) was edited", tuple(notes))
            want_prev = hashlib.sha256(prev_raw).hexdigest() if prev_raw is not None else GENESIS
            if seq != expected:
                if seq > expected and expected in seqs:
                    problem = f"entries {expected} and {seq} are out of order (line {ln.number})"
                elif seq > expected:
                    gone = f"entry {expected} is" if seq == expected + 1 else f"entries {expected}–{seq - 1} are"
                    problem = f"{gone} missing (before line {ln.number})"
                else:
                    problem = f"entries {seq} and {expected - 1} are out of order (line {ln.number})"
                return AuditVerdict(False, count, problem, tuple(notes))
            if entry.get("prev") != want_prev:
                where = f"entry {seq - 1} (line {prev_number})" if prev_raw is not None else f"entry {seq}"
                return AuditVerdict(False, count, f"{where} was edited (the chain breaks at line {ln.number})",
                                    tuple(notes))
            by_seq[seq] = (ln.number, str(entry["hash"]))
            count += 1
            expected, prev_raw, prev_number = seq + 1, ln.raw, ln.number
        found = self._check_checkpoints(by_seq, expected - 1, notes)
        return AuditVerdict(found is None, count, found, tuple(notes))

    def _check_checkpoints(self, by_seq: dict[int, tuple[int, str]], last: int, notes: list[str]) -> str | None:
        """Every checkpoint signed by this trail's key, and every one still matched by its entry."""
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            raw_lines = self.checkpoints_path.read_bytes().split(b"\n")
        except FileNotFoundError:
            return None
        trusted = self._public_key()
        if trusted is None and any(raw_lines):
            notes.append("the keyring holds no checkpoint key for this trail: signatures checked against "
                         "the key written in each checkpoint only")
        records: list[dict[str, object]] = []
        for number, raw in enumerate(raw_lines, start=1):
            if not raw:
                continue
            record = _parse(raw)
            if record is None:
                return f"checkpoint line {number} is not a valid checkpoint (malformed JSON)"
            try:
                body = {k: record[k] for k in ("seq", "hash", "at", "key")}
                key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(str(record["key"])))
                key.verify(bytes.fromhex(str(record["signature"])), canonical(body))
            except (KeyError, ValueError, InvalidSignature):
                return f"checkpoint line {number} has a bad signature (forged or edited)"
            if trusted is not None and record["key"] != trusted:
                return f"checkpoint line {number} is signed by a key that is not this trail's (forged)"
            records.append(record)
        if not records:
            return None
        newest = max(records, key=_seq)
        if _seq(newest) > last:  # the chain before the cut is still valid: only the checkpoint can tell
            cut = _seq(newest) - last
            return (f"the last {cut} entr{'y was' if cut == 1 else 'ies were'} cut off (checkpoint at entry "
                    f"{_seq(newest)} signed {newest['at']}; the trail ends at entry {last})")
        for record in records:
            seq = _seq(record)
            found = by_seq.get(seq)
            if found is None or found[1] != record["hash"]:
                where = f"entry {seq} (line {found[0]})" if found else f"entry {seq}"
                return f"{where} was edited (it differs from its checkpoint signed {record['at']})"
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _parse(raw: bytes) -> dict[str, object] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("seq"), int) or "hash" not in value:
        return None
    return value


def _seq(entry: Mapping[str, object]) -> int:
    value = entry.get("seq")
    return value if isinstance(value, int) else -1


def _looks_torn(line: _Line, after: list[_Line], expected: int, prev_raw: bytes | None) -> bool:
    """A partial line a killed writer left: the start of an entry, and the chain goes on around it."""
    if not line.raw.startswith(b'{"at":"'):  # canonical entries begin with their sorted first key
        return False
    following = next((ln for ln in after if ln.entry is not None), None)
    if following is None:
        return True
    want_prev = hashlib.sha256(prev_raw).hexdigest() if prev_raw is not None else GENESIS
    assert following.entry is not None
    return _seq(following.entry) == expected and following.entry.get("prev") == want_prev


def _last_entry(fd: int) -> tuple[tuple[dict[str, object], bytes] | None, bool]:
    """The last complete entry (and its line) and whether the file ends with a newline, read from the tail."""
    size = os.fstat(fd).st_size
    if size == 0:
        return None, True
    chunk = _TAIL_CHUNK
    while True:
        start = max(0, size - chunk)
        data = os.pread(fd, size - start, start)
        ends_clean = data.endswith(b"\n")
        parts = data.split(b"\n")
        parts.pop()  # the partial tail, or b"" after a final newline
        if start > 0:
            parts = parts[1:]  # the first part may start mid-line
        for raw in reversed(parts):
            entry = _parse(raw)
            if entry is not None:
                return (entry, raw), ends_clean
        if start == 0:
            return None, ends_clean
        chunk *= 4


# -- keyring -------------------------------------------------------------------------------------

NOT_READY = ("the OS keyring is locked or not running in this session, and an unattended run asks no one to "
             "unlock it; unlock the keyring (Secret Service) before the run")


def _keyring_get(name: str) -> str | None:
    if not keyring_ready_without_asking():
        raise AuditUnavailable(NOT_READY)
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, name)
    except Exception as exc:  # no backend, a locked collection, no D-Bus: one error family for callers
        raise AuditUnavailable(f"the OS keyring is not available for the audit trail's keys ({exc}); "
                               "start a keyring (Secret Service) in this session") from exc
    return value


def _keyring_set(name: str, value: str) -> None:
    if not keyring_ready_without_asking():
        raise AuditUnavailable(NOT_READY)
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, name, value)
    except Exception as exc:
        raise AuditUnavailable(f"the OS keyring is not available for the audit trail's keys ({exc}); "
                               "start a keyring (Secret Service) in this session") from exc


_row_keys: dict[str, bytes | None] = {}


def _row_key(folder: Path) -> bytes | None:
    """The trail's HMAC key for data rows, made on first use under the trail's lock; None without a keyring."""
    name = "row-key:" + folder_key(folder)
    if name in _row_keys:
        return _row_keys[name]
    key: bytes | None = None
    try:
        stored = _keyring_get(name)
        if stored is None:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder / TRAIL, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)  # two processes' first rows must not make two keys
                stored = _keyring_get(name)
                if stored is None:
                    stored = secrets.token_hex(32)
                    _keyring_set(name, stored)
            finally:
                os.close(fd)
        key = bytes.fromhex(stored)
    except (AuditUnavailable, OSError) as exc:
        log.info("audit row fingerprints unkeyed (plain SHA-256): %s", exc)
    _row_keys[name] = key
    return key


def row_fingerprint(values: Mapping[str, str]) -> str:
    """A data row as ``hmac-sha256:<hex>``: the same row gives the same fingerprint, its values stay out.

    Keyed (a random key per trail, kept in the OS keyring) so that nobody holding the trail can confirm a
    guessed row by hashing it. Without a keyring it falls back to ``sha256:<hex>`` of the row's canonical
    JSON -- still no values in the trail, but a guessable row (a short ID) can then be confirmed; the
    prefix says which one an entry holds.
    """
    body = canonical(dict(values))
    key = _row_key(default_folder())
    if key is None:
        return "sha256:" + hashlib.sha256(body).hexdigest()
    return "hmac-sha256:" + hmac.new(key, body, hashlib.sha256).hexdigest()


_open_trails: dict[Path, AuditTrail] = {}
_keys_tried: set[Path] = set()


def record_event(event: str, **fields: object) -> None:
    """Append one entry to the default trail; raises AuditUnavailable when it cannot be written.

    Callers pass names and fingerprints only -- a secret's name, a row's ``row_fingerprint`` -- never a
    secret's or a field's value: the trail is kept for years and read by auditors.

    A process that wrote to a trail signs a checkpoint of it when it exits, so cutting off what a
    finished command wrote is detected, not only what lies before the last hundredth entry. Its key is
    fetched from the keyring at the first entry (not at exit, when the session may be gone).
    """
    folder = default_folder()
    trail = _open_trails.get(folder)
    if trail is None:
        trail = _open_trails[folder] = AuditTrail(folder)
        if len(_open_trails) == 1:
            atexit.register(_checkpoint_at_exit)
    trail.append(event, **fields)
    if folder not in _keys_tried:  # once per process: without a keyring, entries must not each wait for it
        _keys_tried.add(folder)
        trail.load_key()


def _checkpoint_at_exit() -> None:
    """Sign how far each trail this process wrote to reaches, with the key it already holds."""
    for trail in _open_trails.values():
        if trail._key is None:
            continue
        try:
            trail.checkpoint()
        except (AuditUnavailable, OSError) as exc:  # at exit nobody can act on it; the next checkpoint covers these entries
            log.debug("no exit checkpoint for %s: %s", trail.folder, exc)


# -- reading for people --------------------------------------------------------------------------

def show(trail: AuditTrail, since: datetime | None = None, recording: str | None = None,
         user: str | None = None) -> Iterator[dict[str, object]]:
    """The entries at or after ``since`` (naive means UTC), of one recording (its path or folder name), by one user."""
    if since is not None and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    for entry in trail.entries():
        if user is not None and entry.get("user") != user:
            continue
        if recording is not None and not _same_recording(entry.get("recording"), recording):
            continue
        if since is not None:
            try:
                if datetime.fromisoformat(str(entry.get("at"))) < since:
                    continue
            except ValueError:
                continue
        yield entry


def _same_recording(value: object, wanted: str) -> bool:
    if not isinstance(value, str):
        return False
    return value == wanted or Path(value).name == wanted.rstrip("/") or Path(value) == Path(wanted)


CSV_COLUMNS = ("seq", "at", "user", "host", "event", "recording", "version", "outcome", "detail")


def export_csv(trail: AuditTrail, out: TextIO) -> int:
    """Every entry as a CSV row; the fields without a column go into ``detail`` as compact JSON. Returns the rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = 0
    columns = set(CSV_COLUMNS) | {"prev", "hash"}
    for entry in trail.entries():
        rest = {k: v for k, v in entry.items() if k not in columns and v is not None}
        if entry.get("detail") is not None:
            rest = {"detail": entry["detail"], **rest}
        writer.writerow([_cell(entry.get(c)) for c in CSV_COLUMNS[:-1]]
                        + [json.dumps(rest, separators=(",", ":"), ensure_ascii=False) if rest else ""])
        rows += 1
    return rows


def _cell(value: object) -> str:
    return "" if value is None else str(value)

