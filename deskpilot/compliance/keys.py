"""Each person's Ed25519 signing key, kept in the OS keyring rather than a file beside the recordings.

Why the keyring: the key must not travel with a copied home folder or a shared drive, and the
desktop unlocks it with the person's login. The key is made on first use, so nobody has a
setup step to forget.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from deskpilot.errors import SigningError
from deskpilot.secrets import SECRET_SERVICE_BACKEND, keyring_running

SERVICE = "deskpilot-signing"
NO_KEYRING = "no OS keyring to keep the signing key: install gnome-keyring (or your desktop's keyring) / unlock it"
SYSTEM_ADMIN_KEYS = Path("/etc/xdg/deskpilot/admin-keys")  # written by the system administrator only
ADMIN_KEYS_VARIABLE = "DESKPILOT_ADMIN_KEYS"


def signing_key(user: str) -> Ed25519PrivateKey:
    """``user``'s private key from the keyring, created and stored there the first time."""
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, user)
        if stored is None:
            key = Ed25519PrivateKey.generate()
            keyring.set_password(SERVICE, user, _private_text(key))
            stored = keyring.get_password(SERVICE, user)  # a backend that drops what it is given keeps no key
            if stored is None:
                raise SigningError(NO_KEYRING)
    except KeyringError as exc:
        raise SigningError(f"{NO_KEYRING} ({type(exc).__name__})") from exc
    try:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored, validate=True))
    except (ValueError, binascii.Error) as exc:
        raise SigningError(f"the keyring entry {SERVICE}/{user} is not a DeskPilot signing key: "
                           "delete it to make a new one") from exc


def public_key_text(key: Ed25519PrivateKey) -> str:
    """The public half as base64 of its raw 32 bytes: what a signature entry carries."""
    return base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    """The key a signature entry names; ``ValueError`` when it is not one."""
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except binascii.Error as exc:
        raise ValueError(str(exc)) from exc


def fingerprint(pub_text: str) -> str:
    """A short name for a public key a person can compare by eye: first 16 hex of its raw bytes' SHA-256."""
    return hashlib.sha256(base64.b64decode(pub_text)).hexdigest()[:16]


def signed_by(user: str, host: str, key: str, at: str) -> str:
    """Who signed, where, with which key and when, as ``verify`` and ``policy show`` print it."""
    return f"{user}@{host} (key {fingerprint(key)}) at {at}"


def admin_keys_path() -> Path:
    """The trust anchor: the file of public keys that may sign the team policy.

    The system file wins when it exists: on a managed machine a user must not be able to name an anchor of
    their own. ``DESKPILOT_ADMIN_KEYS`` names one only where the system file is absent (tests, a trial).
    """
    named = os.environ.get(ADMIN_KEYS_VARIABLE, "").strip()
    if SYSTEM_ADMIN_KEYS.exists() or not named:
        return SYSTEM_ADMIN_KEYS
    return Path(named).expanduser()


def read_admin_keys(path: Path) -> frozenset[str]:
    """The public key texts in an anchor file: one a line, ``#`` starts a comment.

    ``OSError`` when it cannot be read (``FileNotFoundError`` when there is none); ``ValueError`` naming the
    line when a line is not a public key, since a typo must not silently trust nobody, or somebody else.
    """
    found: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        try:
            load_public_key(text)
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: not a public key ({exc})") from exc
        found.add(text)
    return frozenset(found)


def _private_text(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode("ascii")


_ready: dict[tuple[str, str], bool] = {}  # per backend and session bus: the answer of each


def keyring_ready_without_asking() -> bool:
    """Whether the keyring answers now without a person: not locked, not waiting to be started or created.

    A run writes its audit entries unattended. Asking a locked or not-yet-created Secret Service
    collection for a key makes gnome-keyring start by D-Bus activation and put an unlock prompt on the
    screen, which waits for someone forever, over the application being driven. So the trail uses
    the keyring only when the service already runs and its default collection is unlocked; otherwise it
    goes on without (no checkpoint, a plain fingerprint) and says so. Asked once per process.
    """
    import keyring

    backend = type(keyring.get_keyring()).__module__
    where = (backend, os.environ.get("DBUS_SESSION_BUS_ADDRESS", ""))
    if where not in _ready:
        _ready[where] = _ask_ready(backend)
    return _ready[where]


def _ask_ready(backend: str) -> bool:
    if backend != SECRET_SERVICE_BACKEND:
        return True  # another backend (a file, macOS, Windows) answers or fails at once
    if not keyring_running():
        return False
    try:
        import secretstorage

        connection = secretstorage.dbus_init()
        try:
            return not secretstorage.get_collection_by_alias(connection, "default").is_locked()
        finally:
            connection.close()
    except Exception:  # noqa: BLE001 -- no such collection, a refused call: all mean "not without asking"
        return False
