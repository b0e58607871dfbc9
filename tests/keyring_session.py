"""A real Secret Service keyring for the tests: gnome-keyring in a D-Bus session of its own.

Why this backend: it is what a Linux desktop clerk's keys live in, the ``keyring`` library talks
to it over D-Bus exactly as on their machine, and it keeps its secrets encrypted. The tests
give it a throw-away home, so nothing reaches the developer's own keyring, and unlock its
login collection with a throw-away password on stdin, as a login manager does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

UNLOCK_PASSWORD = b"test-login-password"


class KeyringUnavailable(RuntimeError):
    """gnome-keyring or dbus-daemon is missing, or the keyring did not come up."""


@contextmanager
def secret_service() -> Iterator[dict[str, str]]:
    """Run dbus-daemon and an unlocked gnome-keyring; yield the environment that reaches them."""
    for program in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(program) is None:
            raise KeyringUnavailable(f"{program} is not installed: make setup installs dbus and gnome-keyring")
    home = Path(tempfile.mkdtemp(prefix="deskpilot-keyring-"))
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_RUNTIME_DIR": str(home / "run")}
    (home / "run").mkdir(mode=0o700)
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile"],
                           stdout=subprocess.PIPE, env=env, text=True)
    keyring_daemon: subprocess.Popen[bytes] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            raise KeyringUnavailable("dbus-daemon printed no address")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring_daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock",
                                           "--components=secrets"], stdin=subprocess.PIPE,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        assert keyring_daemon.stdin is not None
        keyring_daemon.stdin.write(UNLOCK_PASSWORD)
        keyring_daemon.stdin.close()
        _wait_for_service(env)
        yield {k: env[k] for k in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")}
    finally:
        for proc in (keyring_daemon, bus):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
        shutil.rmtree(home, ignore_errors=True)


def _wait_for_service(env: dict[str, str], timeout: float = 10.0) -> None:
    """Until org.freedesktop.secrets answers on the bus (gnome-keyring registers it after start)."""
    deadline = time.monotonic() + timeout
    probe = ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"]
    while time.monotonic() < deadline:
        out = subprocess.run(probe, env=env, capture_output=True, text=True, check=False)
        if "boolean true" in out.stdout:
            return
        time.sleep(0.1)
    raise KeyringUnavailable("gnome-keyring did not register org.freedesktop.secrets on the test bus")


@contextmanager
def using_secret_service() -> Iterator[dict[str, str]]:
    """``secret_service`` with this process's environment and ``keyring`` pointed at it, restored after."""
    import keyring
    from keyring.backends import SecretService

    with secret_service() as env:
        saved = {k: os.environ.get(k) for k in env}
        previous = keyring.get_keyring()
        os.environ.update(env)
        keyring.set_keyring(SecretService.Keyring())
        try:
            yield env
        finally:
            keyring.set_keyring(previous)
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


@contextmanager
def bus_without_keyring() -> Iterator[str]:
    """A D-Bus session on which no keyring runs, the Secret Service backend pointed at it; yields its address.

    What an unattended run meets where nobody logged in: asking such a bus would make it start
    gnome-keyring, whose unlock prompt would wait for a person. The caller sets the address in its
    environment (``DBUS_SESSION_BUS_ADDRESS``) and empties the product's caches of earlier answers."""
    import keyring
    from keyring.backends import SecretService

    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile"],
                           stdout=subprocess.PIPE, text=True)
    previous = keyring.get_keyring()
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        keyring.set_keyring(SecretService.Keyring())
        yield address
    finally:
        keyring.set_keyring(previous)
        bus.terminate()
        bus.wait(5)
