"""Fixtures every test folder may use."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.keyring_session import KeyringUnavailable, using_secret_service


@pytest.fixture(scope="session")
def secret_service() -> Iterator[dict[str, str]]:
    """A real, unlocked Secret Service keyring (gnome-keyring on a private D-Bus) for this test session.

    ``keyring`` in this process talks to it; the yielded environment lets a child process (``deskpilot``
    run as a program) reach it too.
    """
    try:
        with using_secret_service() as env:
            yield env
    except KeyringUnavailable as exc:
        pytest.fail(str(exc))


@pytest.fixture(scope="session", autouse=True)
def audit_trail_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Every run and recording of the test session writes its audit entries into one throw-away trail.

    Never the developer's own trail under $XDG_DATA_HOME; a test that reads the trail sets its own folder.
    """
    import os

    before = os.environ.get("DESKPILOT_AUDIT_DIR")
    os.environ["DESKPILOT_AUDIT_DIR"] = str(tmp_path_factory.mktemp("audit"))
    yield
    if before is None:
        os.environ.pop("DESKPILOT_AUDIT_DIR", None)
    else:
        os.environ["DESKPILOT_AUDIT_DIR"] = before
