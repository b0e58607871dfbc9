"""An unattended run never waits for a keyring prompt: a bus without a running Secret Service is 'not ready'."""

from __future__ import annotations

import subprocess
import time

import pytest

from deskpilot.compliance import keys
from tests.keyring_session import bus_without_keyring


def test_a_session_bus_without_a_running_keyring_is_not_ready_and_starts_none(monkeypatch: pytest.MonkeyPatch) -> None:
    with bus_without_keyring() as address:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        monkeypatch.setattr(keys, "_ready", {})
        t0 = time.monotonic()
        assert keys.keyring_ready_without_asking() is False
        assert time.monotonic() - t0 < 5
        owners = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                                 "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                                 "string:org.freedesktop.secrets"], capture_output=True, text=True, check=False)
        assert "boolean false" in owners.stdout  # nothing was started by asking


def test_an_unlocked_keyring_is_ready(secret_service: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keys, "_ready", {})
    assert keys.keyring_ready_without_asking() is True
