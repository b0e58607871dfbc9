"""The audit trail against a real keyring (gnome-keyring on a private bus), real Ed25519 and real files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from deskpilot import cli
from deskpilot.compliance import audit as a
from deskpilot.compliance.audit import AuditTrail, export_csv, record_event, row_fingerprint, show
from deskpilot.errors import AuditUnavailable

pytestmark = pytest.mark.usefixtures("secret_service")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def trail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AuditTrail:
    monkeypatch.setenv("DESKPILOT_AUDIT_DIR", str(tmp_path))
    monkeypatch.setenv("DESKPILOT_USER", "alice")
    return AuditTrail()


def _fill(trail: AuditTrail, n: int) -> None:
    for i in range(n):
        trail.append("step", recording=f"/rec/r{i % 2}", outcome="passed", step=i + 1)


def _lines(trail: AuditTrail) -> list[bytes]:
    return trail.path.read_bytes().splitlines(keepends=True)


def _write(trail: AuditTrail, lines: list[bytes]) -> None:
    trail.path.write_bytes(b"".join(lines))


def test_append_and_verify(trail: AuditTrail, tmp_path: Path) -> None:
    first = trail.append("run start", recording="/rec/a", version="abc")
    second = trail.append("run end", recording="/rec/a", outcome="passed")
    assert first["seq"] == 1 and first["prev"] == "0" * 64 and first["user"] == "alice"
    assert second["seq"] == 2 and second["hash"] == a.entry_hash(second)
    assert trail.path == tmp_path / "trail.jsonl"
    verdict = trail.verify()
    assert verdict.ok and verdict.entries == 2 and verdict.problem is None
    assert [e["event"] for e in trail.entries()] == ["run start", "run end"]


def test_the_default_trail_and_reserved_names(trail: AuditTrail) -> None:
    record_event("save", recording="/rec/a")
    assert [e["event"] for e in trail.entries()] == ["save"]
    with pytest.raises(ValueError):
        trail.append("x", hash="forged")


@pytest.mark.parametrize("line", [1, 4, 9])
def test_an_edited_field_names_its_entry(trail: AuditTrail, line: int) -> None:
    _fill(trail, 10)
    lines = _lines(trail)
    entry = json.loads(lines[line - 1])
    entry["outcome"] = "failed"
    lines[line - 1] = a.canonical(entry) + b"\n"
    _write(trail, lines)
    verdict = trail.verify()
    assert not verdict.ok and verdict.problem == f"entry {line} (line {line}) was edited"


def test_an_edit_with_its_hash_recomputed_breaks_the_chain(trail: AuditTrail) -> None:
    _fill(trail, 6)
    lines = _lines(trail)
    entry = json.loads(lines[2])
    entry["outcome"] = "failed"
    entry["hash"] = a.entry_hash(entry)
    lines[2] = a.canonical(entry) + b"\n"
    _write(trail, lines)
    problem = trail.verify().problem
    assert problem is not None and problem.startswith("entry 3 (line 3) was edited")


def test_a_deleted_line_is_named(trail: AuditTrail) -> None:
    _fill(trail, 10)
    lines = _lines(trail)
    del lines[4]
    _write(trail, lines)
    verdict = trail.verify()
    assert not verdict.ok and verdict.problem is not None and verdict.problem.startswith("entry 5 is missing")


def test_swapped_lines_are_named(trail: AuditTrail) -> None:
    _fill(trail, 10)
    lines = _lines(trail)
    lines[7], lines[8] = lines[8], lines[7]
    _write(trail, lines)
    problem = trail.verify().problem
    assert problem is not None and problem.startswith("entries 8 and 9 are out of order")


def test_cutting_the_newest_entries_after_a_checkpoint_is_detected(trail: AuditTrail,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(a, "CHECKPOINT_EVERY", 5)
    _fill(trail, 12)
    assert trail.checkpoint() is not None  # explicit: signs entry 12
    records = [json.loads(x) for x in trail.checkpoints_path.read_text().splitlines()]
    assert [r["seq"] for r in records] == [5, 10, 12]
    assert trail.verify().ok
    _write(trail, _lines(trail)[:9])
    problem = trail.verify().problem
    assert problem is not None and problem.startswith("the last 3 entries were cut off (checkpoint at entry 12")


def test_a_forged_checkpoint_is_detected(trail: AuditTrail) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    _fill(trail, 3)
    trail.checkpoint()
    record = json.loads(trail.checkpoints_path.read_text())
    record["seq"] = 2  # an edited checkpoint, its signature kept
    trail.checkpoints_path.write_bytes(a.canonical(record) + b"\n")
    problem = trail.verify().problem
    assert problem is not None and "bad signature" in problem
    # a checkpoint validly signed, but by someone else's key
    other = Ed25519PrivateKey.generate()
    body = {**{k: record[k] for k in ("hash", "at")}, "seq": 3,
            "key": other.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()}
    body["signature"] = other.sign(a.canonical(body)).hex()
    trail.checkpoints_path.write_bytes(a.canonical(body) + b"\n")
    problem = trail.verify().problem
    assert problem is not None and "not this trail's" in problem


def test_two_processes_appending_at_once_keep_one_chain(trail: AuditTrail, secret_service: dict[str, str]) -> None:
    code = ("from deskpilot.compliance.audit import AuditTrail\n"
            "t = AuditTrail()\n"
            "for i in range(50): t.append('step', writer=__import__('sys').argv[1], i=i)\n")
    env = {**os.environ, **secret_service, "DESKPILOT_AUDIT_DIR": str(trail.folder)}
    procs = [subprocess.Popen([sys.executable, "-c", code, name], env=env, cwd=ROOT) for name in ("a", "b")]
    assert [p.wait(120) for p in procs] == [0, 0]
    verdict = trail.verify()
    assert verdict.ok and verdict.entries == 100, verdict
    writers = [e["writer"] for e in trail.entries()]
    assert writers.count("a") == 50 and writers.count("b") == 50
    assert [json.loads(x)["seq"] for x in trail.checkpoints_path.read_text().splitlines()] == [100]


def test_a_killed_writer_leaves_a_torn_line_that_is_not_tampering(trail: AuditTrail) -> None:
    _fill(trail, 3)
    whole = a.canonical({"at": "2026-12-01T00:00:00+00:00", "event": "step", "seq": 4})
    with trail.path.open("ab") as f:
        f.write(whole[:25])  # the writer died after part of its line
    verdict = trail.verify()
    assert verdict.ok and verdict.entries == 3
    assert verdict.notes == ("entry 4 is incomplete (the writer was killed) at line 4",)
    # the next append starts a line of its own and chains to the last complete entry
    entry = trail.append("step", outcome="passed")
    assert entry["seq"] == 4
    verdict = trail.verify()
    assert verdict.ok and verdict.entries == 4 and verdict.notes[0].startswith("entry 4 is incomplete")
    assert [e["seq"] for e in trail.entries()] == [1, 2, 3, 4]


def test_a_garbage_line_in_the_middle_is_malformed(trail: AuditTrail) -> None:
    _fill(trail, 4)
    lines = _lines(trail)
    lines[1] = b"not json at all\n"
    _write(trail, lines)
    assert trail.verify().problem == "line 2 is not a valid audit entry (malformed JSON)"


def test_show_filters(trail: AuditTrail, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(trail, 4)
    monkeypatch.setenv("DESKPILOT_USER", "bob")
    trail.append("save", recording="/rec/r1")
    assert [e["seq"] for e in show(trail, recording="r1")] == [2, 4, 5]
    assert [e["seq"] for e in show(trail, recording="/rec/r0")] == [1, 3]
    assert [e["seq"] for e in show(trail, user="bob")] == [5]
    assert list(show(trail, since=datetime(2999, 1, 1))) == []
    assert len(list(show(trail, since=datetime(2000, 1, 1)))) == 5


def test_export_csv_columns(trail: AuditTrail) -> None:
    trail.append("data row", recording="/rec/a", version="v1", outcome="passed", row=3, fingerprint="hmac-sha256:x")
    trail.append("refused", action="play", detail="not approved")
    buf = io.StringIO()
    assert export_csv(trail, buf) == 2
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    assert rows[0] == ["seq", "at", "user", "host", "event", "recording", "version", "outcome", "detail"]
    assert rows[1][:3] == ["1", rows[1][1], "alice"] and rows[1][4:8] == ["data row", "/rec/a", "v1", "passed"]
    assert json.loads(rows[1][8]) == {"row": 3, "fingerprint": "hmac-sha256:x"}
    assert json.loads(rows[2][8]) == {"detail": "not approved", "action": "play"}


def test_row_fingerprints_are_keyed_and_stable(trail: AuditTrail) -> None:
    import keyring

    one = row_fingerprint({"id": "7", "name": "ACME"})
    assert one.startswith("hmac-sha256:") and one == row_fingerprint({"name": "ACME", "id": "7"})
    assert one != row_fingerprint({"id": "8", "name": "ACME"})
    assert "ACME" not in one
    stored = keyring.get_password("deskpilot-audit", "row-key:" + a.folder_key(trail.folder))
    assert stored is not None and len(bytes.fromhex(stored)) == 32


def test_an_unwritable_folder_is_one_line_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("DESKPILOT_AUDIT_DIR", str(blocked / "audit"))
    with pytest.raises(AuditUnavailable) as err:
        record_event("save")
    assert str(blocked / "audit") in str(err.value) and "DESKPILOT_AUDIT_DIR" in str(err.value)
    assert "\n" not in str(err.value)


def test_cli_verify_show_export(trail: AuditTrail, tmp_path: Path) -> None:
    runner = CliRunner()
    _fill(trail, 3)
    done = runner.invoke(cli.main, ["audit", "verify"])
    assert done.exit_code == 0 and f"audit trail {trail.folder}: 3 entries, intact" in done.output
    done = runner.invoke(cli.main, ["audit", "show", "--recording", "r0", "--since", "2000-01-01"])
    assert done.exit_code == 0 and len(done.output.splitlines()) == 2 and "alice@" in done.output
    done = runner.invoke(cli.main, ["audit", "export", "--csv"])
    assert done.exit_code == 0 and done.output.splitlines()[0].startswith("seq,at,user,host,event")
    out = tmp_path / "out.csv"
    done = runner.invoke(cli.main, ["audit", "export", "--csv", "--out", str(out)])
    assert done.exit_code == 0 and len(out.read_text().splitlines()) == 4
    lines = _lines(trail)
    del lines[1]
    _write(trail, lines)
    done = runner.invoke(cli.main, ["audit", "verify"])
    assert done.exit_code == 1 and "entry 2 is missing" in done.output


def test_a_process_that_wrote_signs_a_checkpoint_when_it_exits(trail: AuditTrail,
                                                               secret_service: dict[str, str]) -> None:
    code = ("from deskpilot.compliance.audit import record_event\n"
            "for i in range(3): record_event('save', recording='/rec/a', i=i)\n")
    env = {**os.environ, **secret_service, "DESKPILOT_AUDIT_DIR": str(trail.folder)}
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, timeout=120)
    assert [json.loads(x)["seq"] for x in trail.checkpoints_path.read_text().splitlines()] == [3]
    assert trail.verify().ok
    _write(trail, _lines(trail)[:2])
    problem = trail.verify().problem
    assert problem is not None and problem.startswith("the last 1 entry was cut off (checkpoint at entry 3")
