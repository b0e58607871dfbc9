"""Encryption at rest: with ``encrypt: at_rest`` in the policy, what shows a person's data is written sealed.

Screens, anchor crops, run reports, evidence, results, the recorder's journal and the run history
show customer data and amounts. Sealed, such a file opens only with the data key: 32 random bytes
in the OS keyring (service ``deskpilot-data``), made on first use. It is the keyring's, not one
person's: the author's anchors must open for the operator who replays them, and the people of a team
who share an account (``DESKPILOT_USER``) share its keyring. It never leaves the keyring for a file,
so a copied folder or a stolen disk shows nothing.

Two formats, both AES-256-GCM with the file's base name as associated data (a sealed file swapped
for another, or renamed, does not open):

- a whole file: ``DPSEAL1\\n`` + 12-byte nonce + ciphertext (``seal_bytes`` / ``open_bytes``);
- an append-only file: a first line ``DPSEAL-LINES1``, then one line of base64(nonce + ciphertext)
  per record, so a kill can cut only the last record (``LineAppender`` / ``open_lines``).

Readers open both formats and clear files alike: what was written before the policy said so stays
readable. Writers never fall back to clear: no key means ``SealingError`` and no file. An
append-only file keeps the format it started with, so one file is never half clear, half sealed.
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from deskpilot.atomic import write_atomic
from deskpilot.errors import DeskPilotError

if TYPE_CHECKING:  # cryptography is imported when a file is sealed or opened, not with the module
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)

MAGIC = b"DPSEAL1\n"
LINES_MAGIC = b"DPSEAL-LINES1"
SERVICE = "deskpilot-data"
KEY_NAME = "data-key"  # one key per keyring: every person working under this account reads what the others sealed
NONCE_BYTES = 12
KEY_BYTES = 32
TAG_BYTES = 16
NOT_READY = ("the OS keyring that holds the data key is locked or not running in this session, and DeskPilot "
             "asks no one to unlock it; unlock the keyring (or install gnome-keyring) and try again")


class SealingError(DeskPilotError):
    """A file that must be sealed, or is sealed, and no usable data key: the message names the file and the fix."""


# --- the policy and the key ------------------------------------------------------------------------------------

_policy: dict[tuple[str, int, int, int], bool] = {}  # the answer for the policy file as it was (path, inode, ...)


def sealing_on() -> bool:
    """Whether the policy says ``encrypt: at_rest``; re-read whenever the policy file changes.

    A policy file that cannot be read raises ``PolicyError``: writing in clear because the policy is broken
    would be the very failure the policy exists to prevent."""
    from deskpilot.compliance.policy import load_policy, policy_path

    path = policy_path()
    try:
        st = path.stat()
    except OSError:
        return load_policy().encrypt == "at_rest"  # no file: no policy (or the error that says why not)
    stamp = (str(path), st.st_ino, st.st_mtime_ns, st.st_size)
    if stamp not in _policy:
        answer = load_policy().encrypt == "at_rest"
        _policy.clear()
        _policy[stamp] = answer
    return _policy[stamp]


_keys: dict[tuple[str, str, str], bytes] = {}  # (key name, keyring backend, session bus) -> the key, once read


def data_key(*, create: bool = False) -> bytes:
    """The keyring's data key (``create``: made and stored there when there is none).

    The keyring is asked only when it answers without a person (``keyring_ready_without_asking``): a locked
    keyring would put an unlock prompt over the application being driven and wait for someone forever."""
    import keyring

    from deskpilot.compliance.keys import keyring_ready_without_asking

    user = KEY_NAME
    where = (user, type(keyring.get_keyring()).__module__, os.environ.get("DBUS_SESSION_BUS_ADDRESS", ""))
    if where not in _keys:
        if not keyring_ready_without_asking():
            raise SealingError(NOT_READY)
        _keys[where] = _decoded(_stored_key(user, create=create), user)
    return _keys[where]


def _stored_key(user: str, *, create: bool) -> str:
    """The keyring entry's text; a new key is made under a lock, so two first runs at once make one key."""
    import keyring

    try:
        stored = keyring.get_password(SERVICE, user)
        if stored is None and create:
            with _creating():
                stored = keyring.get_password(SERVICE, user)
                if stored is None:
                    keyring.set_password(SERVICE, user, base64.b64encode(os.urandom(KEY_BYTES)).decode("ascii"))
                    stored = keyring.get_password(SERVICE, user)  # a backend that drops what it is given keeps none
    except Exception as exc:  # no backend, a refused call, no D-Bus: one error family for callers
        said = " ".join(str(exc).split())  # one line, whatever the backend said
        raise SealingError(f"the OS keyring cannot give the data key ({type(exc).__name__}: {said}); "
                           "unlock the keyring (or install gnome-keyring) and try again") from exc
    if stored is None:
        if create:
            raise SealingError("the OS keyring keeps no data key for sealed files (it dropped the new one); "
                               "install gnome-keyring (or your desktop's keyring), unlock it and try again")
        raise SealingError(f"the OS keyring holds no data key ({SERVICE}/{user}): the file was sealed under "
                           "another account or on another machine (or the key was deleted); open it there")
    return stored


def _decoded(stored: str, user: str) -> bytes:
    try:
        key = base64.b64decode(stored, validate=True)
    except (ValueError, binascii.Error):
        key = b""
    if len(key) != KEY_BYTES:
        raise SealingError(f"the keyring entry {SERVICE}/{user} is not a DeskPilot data key; "
                           "restore the one that was there (files sealed with it open only with it)")
    return key


@contextmanager
def _creating() -> Iterator[None]:
    """An exclusive lock on a file beside the run history while a new key is made and stored."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    folder = Path(base) / "deskpilot"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(folder / ".data-key.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing lets the lock go


def require_key(what: Path | str) -> None:
    """Before work that will write sealed files (a run, a recording): ``SealingError`` now, when the policy seals
    and no key can be had, rather than after the application was half driven."""
    if sealing_on():
        try:
            data_key(create=True)
        except SealingError as exc:
            raise SealingError(f"{what}: the policy seals it (encrypt: at_rest), but {exc}") from None


def _key(where: str, *, create: bool) -> bytes:
    """``data_key`` with the file named first in its error: the person sees which file could not be sealed."""
    try:
        return data_key(create=create)
    except SealingError as exc:
        raise SealingError(f"{where}: {exc}") from None


def _aead(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


# --- whole files -----------------------------------------------------------------------------------------------


def is_sealed(raw: bytes) -> bool:
    return raw.startswith(MAGIC)


def seal_bytes(data: bytes, name: str, *, where: str | None = None) -> bytes:
    """``data`` sealed for a file called ``name`` (its base name): magic, nonce, ciphertext."""
    nonce = os.urandom(NONCE_BYTES)
    key = _key(where or name, create=True)
    return MAGIC + nonce + _aead(key).encrypt(nonce, data, name.encode("utf-8"))


def open_bytes(raw: bytes, name: str, *, where: str | None = None) -> bytes:
    """The content of a file called ``name``: as it is when it is not sealed, else opened with the data key."""
    if not is_sealed(raw):
        return raw
    from cryptography.exceptions import InvalidTag

    where = where or name
    body = raw[len(MAGIC):]
    if len(body) < NONCE_BYTES + TAG_BYTES:
        raise SealingError(f"{where}: the sealed file is cut short; it cannot be opened")
    try:
        return bytes(_aead(_key(where, create=False)).decrypt(body[:NONCE_BYTES], body[NONCE_BYTES:],
                                                              name.encode("utf-8")))
    except InvalidTag:
        raise SealingError(f"{where}: sealed with another data key, damaged, or renamed from another sealed file; "
                           "open it as the user who wrote it, where it was written") from None


def read_private(path: Path) -> bytes:
    """A file's content, opened when sealed; ``OSError`` when it cannot be read, ``SealingError`` when not opened."""
    path = Path(path)
    return open_bytes(path.read_bytes(), path.name, where=str(path))


def write_private(path: Path, data: bytes | str, *, seal: bool = False) -> None:
    """Write atomically, sealed when the policy says so, the file there is sealed already (never unsealed), or
    ``seal`` (what it holds came out of a sealed file)."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if seal or sealing_on() or is_sealed_file(path):
        payload = seal_bytes(payload, path.name, where=str(path))
    write_atomic(path, payload)


def is_sealed_file(path: Path) -> bool:
    """Whether the file is a sealed whole file (False when it is not there)."""
    return _sealed_on_disk(Path(path), MAGIC)


def _sealed_on_disk(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False


# --- append-only files: one sealed record per line -------------------------------------------------------------


def is_sealed_lines(raw: bytes) -> bool:
    return raw.startswith(LINES_MAGIC)


def seal_line(text: str, name: str, *, where: str | None = None) -> bytes:
    """One record as a line of a sealed line file called ``name``, newline included."""
    return _sealed_line(_aead(_key(where or name, create=True)), text, name)


def _sealed_line(aead: AESGCM, text: str, name: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return base64.b64encode(nonce + aead.encrypt(nonce, text.encode("utf-8"), name.encode("utf-8"))) + b"\n"


def sealed_lines(lines: list[str], name: str, *, where: str | None = None) -> bytes:
    """A whole sealed line file holding ``lines``: for a file that is started (or rewritten) at once."""
    return LINES_MAGIC + b"\n" + b"".join(seal_line(line, name, where=where) for line in lines)


@dataclass(frozen=True, slots=True)
class OpenedLines:
    """The complete records of a line file; ``tail``: a last line cut short (a kill), left out of ``lines``."""

    lines: list[str]
    sealed: bool
    tail: str | None = None  # a clear file's unterminated last line; "" for a sealed one (it cannot be opened)
    damaged: int = 0  # complete sealed lines that did not open (left out)

    @property
    def torn(self) -> bool:
        return self.tail is not None


def open_lines(raw: bytes, name: str, *, where: str | None = None) -> OpenedLines:
    """The records of a line file called ``name``, sealed or clear; a clear file is decoded as UTF-8 (replacing)."""
    parts = raw.split(b"\n")
    if not is_sealed_lines(raw):
        tail = parts[-1].decode("utf-8", errors="replace") if parts[-1] else None
        return OpenedLines(lines=[p.decode("utf-8", errors="replace") for p in parts[:-1]], sealed=False, tail=tail)
    where, tail = where or name, ("" if parts[-1] else None)
    records = [p for p in parts[1:-1] if p and p != LINES_MAGIC]  # a second writer may have headed it too
    if not records:
        return OpenedLines(lines=[], sealed=True, tail=tail)
    from cryptography.exceptions import InvalidTag

    aead, ad = _aead(_key(where, create=False)), name.encode("utf-8")
    lines: list[str] = []
    damaged = 0
    for record in records:
        try:
            blob = base64.b64decode(record, validate=True)
            lines.append(aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], ad).decode("utf-8"))
        except (ValueError, binascii.Error, InvalidTag):
            damaged += 1
    if not lines:
        raise SealingError(f"{where}: sealed with another data key, damaged, or renamed from another sealed file; "
                           "open it as the user who wrote it, where it was written")
    if damaged:
        log.warning("%s: %d damaged sealed line(s) left out", where, damaged)
    return OpenedLines(lines=lines, sealed=True, tail=tail, damaged=damaged)


def read_lines(path: Path) -> list[str]:
    """A line file's records; [] when there is none. A clear file's unterminated last line comes too, as it
    always did: its reader's parse skips it when a kill cut it (a sealed one cannot be opened, so it is left out)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    opened = open_lines(raw, path.name, where=str(path))
    return opened.lines + [opened.tail] if opened.tail else opened.lines


class LineAppender:
    """Appends records to a line file, each written at once (a kill loses none already appended).

    The file keeps the format it started with: a new (or empty) file is sealed when the policy says so; one
    that holds lines already goes on as it began, so a file is never half clear, half sealed. A last line
    cut short by a kill is ended first, so the next record starts a line of its own."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._name, self._where = self.path.name, str(self.path)
        started = _size(self.path) > 0
        sealed = _sealed_on_disk(self.path, LINES_MAGIC) if started else sealing_on()
        self._aead: AESGCM | None = None
        if sealed:
            self._aead = _aead(_key(self._where, create=not started))  # no key: refused before the file is made
        self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)  # the user's only
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                self.sealed, self.fresh = self._start(sealed)
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        except BaseException:
            os.close(self._fd)
            raise

    def _start(self, sealed: bool) -> tuple[bool, bool]:
        """Under the lock: head a new file, or take an existing one's format and end its torn last line."""
        size = os.fstat(self._fd).st_size
        if size == 0:
            if sealed:
                _write_all(self._fd, LINES_MAGIC + b"\n")
            return sealed, True
        sealed = os.pread(self._fd, len(LINES_MAGIC), 0) == LINES_MAGIC
        if sealed and self._aead is None:  # another process made the file meanwhile
            self._aead = _aead(_key(self._where, create=False))
        if os.pread(self._fd, 1, size - 1) != b"\n":
            _write_all(self._fd, b"\n")
        return sealed, sealed and size <= len(LINES_MAGIC) + 1

    def append(self, text: str) -> None:
        """One record (no newline in clear text), in one write; ``sync`` makes it survive a power cut too."""
        if self.sealed:
            assert self._aead is not None  # set whenever the file is sealed: never a clear line in a sealed file
            data = _sealed_line(self._aead, text, self._name)
        else:
            data = text.encode("utf-8") + b"\n"
        _write_all(self._fd, data)

    def sync(self) -> None:
        os.fsync(self._fd)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    @property
    def closed(self) -> bool:
        return self._fd < 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _write_all(fd: int, data: bytes) -> None:
    """One ``write`` for the whole record (with O_APPEND, records of two writers never interleave)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
