"""What the product writes into the trail: a save with its hash, and a trail that cannot be written."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from deskpilot.compliance import events
from deskpilot.errors import DeskPilotError
from deskpilot.format import load_routine, save_routine

VALID = Path(__file__).resolve().parents[2] / "data" / "routines" / "valid" / "full"


def entries(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "trail.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_save_is_in_the_trail_with_the_routines_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKPILOT_AUDIT_DIR", str(tmp_path / "audit"))
    monkeypatch.setenv("DESKPILOT_USER", "erin")
    folder = tmp_path / "full"
    shutil.copytree(VALID, folder)
    save_routine(load_routine(folder))
    saved = [e for e in entries(tmp_path / "audit") if e["event"] == "save"]
    assert len(saved) == 1 and saved[0]["user"] == "erin"
    assert saved[0]["routine_hash"] == hashlib.sha256((folder / "routine.yaml").read_bytes()).hexdigest()
    assert saved[0]["version"] and saved[0]["recording"] == str(folder)


def test_an_unwritable_trail_warns_unless_the_policy_requires_the_audit(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the trail's folder should be", encoding="utf-8")
    monkeypatch.setenv("DESKPILOT_AUDIT_DIR", str(blocked))
    monkeypatch.setenv("DESKPILOT_POLICY", str(tmp_path / "policy.yaml"))
    events.refused("play", "a test")  # no policy: the operation goes on, with a warning
    assert "audit trail not written" in caplog.text
    (tmp_path / "policy.yaml").write_text("audit: required\n", encoding="utf-8")
    with pytest.raises(DeskPilotError, match="not-a-folder"):
        events.refused("play", "a test")


def test_a_data_rows_entry_holds_its_fingerprint_never_its_values(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKPILOT_AUDIT_DIR", str(tmp_path / "audit"))
    values = {"claimant": "Anna Berg", "amount": "159.50"}
    events.row_done(None, "claims", None, row=1, values=values, outcome="passed", data_run="r1")
    events.row_done(None, "claims", None, row=2, values=values, outcome="passed", data_run="r1")
    rows = [e for e in entries(tmp_path / "audit") if e["event"] == "data row"]
    assert rows[0]["fingerprint"] == rows[1]["fingerprint"]  # the same row twice shows as the same
    assert "Anna Berg" not in json.dumps(rows) and "159.50" not in json.dumps(rows)
