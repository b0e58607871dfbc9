"""Secrets belong to one recording's folder; reports go after their keeping time; files are the user's only."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from deskpilot import secrets


class MemoryKeyring:
    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, key: str) -> str | None:
        return self.store.get((service, key))

    def set_password(self, service: str, key: str, value: str) -> None:
        self.store[(service, key)] = value


def test_a_recording_gets_only_its_own_stored_secret_whatever_name_it_declares(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    ring = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_password", ring.get_password)
    monkeypatch.setattr(keyring, "set_password", ring.set_password)
    monkeypatch.delenv("DESKPILOT_SECRET_PASSWORD", raising=False)
    ledger, copied = tmp_path / "ledger-login", tmp_path / "someone-elses"
    ledger.mkdir()
    copied.mkdir()
    secrets.store_secret("password", ledger, "s3cret")
    ring.store[("deskpilot", "password")] = "global"  # an old global entry: never handed out
    assert secrets.secret_value("password", ledger) == "s3cret"
    assert secrets.secret_value("password", copied) is None  # same name: "Ledger login"; other folder
    monkeypatch.setenv("DESKPILOT_SECRET_PASSWORD", "from-env")
    assert secrets.secret_value("password", copied) == "from-env"  # the operator gave it for this run


def test_reports_older_than_their_keeping_time_are_removed_and_nothing_else(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.player.report import prune_reports

    old, new, other = tmp_path / "old-run", tmp_path / "new-run", tmp_path / "notes"
    for folder in (old, new, other):
        folder.mkdir()
    (old / "report.json").write_text("{}")
    (new / "report.json").write_text("{}")
    (other / "todo.txt").write_text("mine")
    past = time.time() - 40 * 86400
    os.utime(old / "report.json", (past, past))
    monkeypatch.setenv("DESKPILOT_KEEP_REPORTS_DAYS", "30")
    assert prune_reports(tmp_path) == [old]
    assert not old.exists() and new.exists() and other.exists()
    monkeypatch.setenv("DESKPILOT_KEEP_REPORTS_DAYS", "0")  # keep for ever
    os.utime(new / "report.json", (past, past))
    assert prune_reports(tmp_path) == [] and new.exists()


def test_the_run_history_and_evidence_are_the_users_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from deskpilot.ports import Frame
    from deskpilot.result import Resolution, RunReport
    from deskpilot.player.evidence import Evidence
    from deskpilot.player.history import history_file, record_run

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    record_run(tmp_path, RunReport(routine="r", started="now", status="passed"), None)
    assert history_file().stat().st_mode & 0o777 == 0o600
    shot = Evidence(tmp_path / "rep").save(1, Frame(np.zeros((10, 10, 3), np.uint8)),
                                           Resolution(status="not_found", best=None), None)
    assert shot is not None and (tmp_path / "rep" / shot).stat().st_mode & 0o777 == 0o600
