"""The compliance floor end to end: an author records and signs, an approver approves, an operator runs a CSV.

Real parts throughout: ``deskpilot record`` hears xdotool's person on Xvfb, the keys are Ed25519 keys in a
real gnome-keyring (its own D-Bus), the policy says ``require: approved``, the trail is the product's own.
Then the trail must verify, name every operation, and fail naming the place when a line is edited, removed,
reordered or the newest lines are cut; an edited recording is refused.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.person import Person, geometry
from tests.e2e.test_record_demo import fill_form, start_recorder

TYPED = {"customer_id": "C-7001", "company": "Nordwind Handel AG", "city": "Bremen"}
ROWS = [{"customer_id": "C-8101", "company": "Alpen Logistik", "city": "Graz"},
        {"customer_id": "C-8102", "company": "Baltic Foods", "city": "Riga"},
        {"customer_id": "C-8103", "company": "Costa Verde SA", "city": "Porto"}]


def deskpilot_as(xdisplay: VirtualDisplay, cwd: Path, env: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``deskpilot ARGS`` as the named person, with the team's policy, trail and keyring in ``env``."""

    def run(user: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "deskpilot.cli", *args], cwd=cwd,
                              env={**xdisplay.env(), **env, "COLUMNS": "200", "DESKPILOT_USER": user},
                              capture_output=True, text=True, timeout=timeout, check=False)

    return run


@pytest.fixture
def as_user(xdisplay: VirtualDisplay, tmp_path: Path, secret_service: dict[str, str]) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``deskpilot ARGS`` as the named person, under ``require: approved``."""
    policy = tmp_path / "policy.yaml"
    policy.write_text("require: approved\n", encoding="utf-8")
    return deskpilot_as(xdisplay, tmp_path, {**secret_service, "DESKPILOT_POLICY": str(policy),
                                             "DESKPILOT_AUDIT_DIR": str(tmp_path / "audit"),
                                             "XDG_DATA_HOME": str(tmp_path / "data")})


def record_as(user: str, xdisplay: VirtualDisplay, work: Path, env: dict[str, str]) -> Path:
    """The author's recording of the customer form, the person typing three fields and saving."""
    from deskpilot.demoapp.launch import launch

    app = launch(work / "recorded.jsonl", "--geometry-out", str(work / "geo.json"), display=xdisplay.name,
                 env=xdisplay.env())
    try:
        person = Person(xdisplay)
        proc = start_recorder(xdisplay, work, "customer", env={**env, "DESKPILOT_USER": user})
        fill_form(person, geometry(work / "geo.json"), TYPED)
        time.sleep(1.0)
        person.key("ctrl+alt+shift+s")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    finally:
        app.stop()
    return work / "customer"


def as_variables(recording: Path) -> None:
    """The author turns the typed values into the CSV's columns, as a power user edits the script."""
    file = recording / "routine.yaml"
    text = file.read_text(encoding="utf-8")
    for name, value in TYPED.items():
        assert f"'{value}'" in text or f'"{value}"' in text or f" {value}\n" in text, text
        text = text.replace(f"'{value}'", f"'{{{{ {name} }}}}'").replace(f'"{value}"', f'"{{{{ {name} }}}}"')
        text = text.replace(f" {value}\n", f" '{{{{ {name} }}}}'\n")
    file.write_text(text, encoding="utf-8")


def customers_csv(path: Path) -> Path:
    """The operator's data: the three customers, one row each."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(TYPED))
        writer.writeheader()
        writer.writerows(ROWS)
    return path


def events(audit: Path) -> list[dict]:
    return [json.loads(line) for line in (audit / "trail.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_author_approver_operator_leave_a_trail_that_verifies_and_shows_any_edit(
        as_user: Callable, xdisplay: VirtualDisplay, demo_app: Callable, tmp_path: Path,
        secret_service: dict[str, str]) -> None:
    audit = tmp_path / "audit"
    env = {**secret_service, "DESKPILOT_AUDIT_DIR": str(audit), "DESKPILOT_POLICY": str(tmp_path / "policy.yaml")}
    recording = record_as("alice", xdisplay, tmp_path, env)
    as_variables(recording)
    data = customers_csv(tmp_path / "customers.csv")

    refused = as_user("carol", "play", str(recording), "--data", str(data))
    assert refused.returncode == 2 and "not an approved" in refused.stderr, refused.stdout + refused.stderr
    signed = as_user("alice", "sign", str(recording))
    assert signed.returncode == 0, signed.stdout + signed.stderr
    self_approved = as_user("alice", "approve", str(recording))
    assert self_approved.returncode == 2, self_approved.stdout + self_approved.stderr
    approved = as_user("bob", "approve", str(recording))
    assert approved.returncode == 0, approved.stdout + approved.stderr
    verdict = as_user("carol", "verify", str(recording))
    assert verdict.returncode == 0 and "alice" in verdict.stdout and "bob" in verdict.stdout, verdict.stdout

    app = demo_app()
    run = as_user("carol", "play", str(recording), "--data", str(data))
    assert run.returncode == 0, run.stdout + run.stderr
    saved = [{k: r[k] for k in TYPED} for r in app.records()]
    assert saved == ROWS

    trail = events(audit)
    kinds = [(e["event"], e["user"]) for e in trail]
    for expected in [("record", "alice"), ("refused", "carol"), ("sign", "alice"), ("refused", "alice"),
                     ("approve", "bob"), ("run start", "carol"), ("run end", "carol")]:
        assert expected in kinds, kinds
    rows = [e for e in trail if e["event"] == "data row"]
    assert [e["outcome"] for e in rows] == ["passed"] * 3 and len({e["fingerprint"] for e in rows}) == 3
    assert not any(value in json.dumps(trail) for row in ROWS for value in row.values())  # no data in the trail
    ok = as_user("dave", "audit", "verify")
    assert ok.returncode == 0 and "intact" in ok.stdout, ok.stdout + ok.stderr
    exported = as_user("dave", "audit", "export", "--csv")
    assert exported.returncode == 0 and exported.stdout.count("\n") == len(trail) + 1

    # an edit after approval: refused, the edited file named
    file = recording / "routine.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("{{ city }}", "Bremen"), encoding="utf-8")
    changed = as_user("carol", "play", str(recording), "--data", str(data))
    assert changed.returncode == 2 and "routine.yaml" in changed.stderr, changed.stderr
    assert len(app.records()) == 3  # nothing typed

    lines = (audit / "trail.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    tampered = {
        "edited": lines[:3] + [lines[3].replace('"carol"', '"mallory"').replace('"bob"', '"mallory"')
                               .replace('"alice"', '"mallory"')] + lines[4:],
        "removed": lines[:3] + lines[4:],
        "reordered": lines[:3] + [lines[4], lines[3]] + lines[5:],
        "cut": lines[:-2],
    }
    for how, text in tampered.items():
        (audit / "trail.jsonl").write_text("".join(text), encoding="utf-8")
        bad = as_user("dave", "audit", "verify")
        assert bad.returncode == 1, (how, bad.stdout, bad.stderr)
        said = bad.stdout + bad.stderr
        assert "entry" in said or "entries" in said, (how, said)


# --- roles, a signed policy and encryption at rest -------------------------------------------------------------

TEAM = ("alice", "bob", "carol", "dave", "erin")


def team_policy(keys: dict[str, str]) -> str:
    """Who may do what: the team's admin and auditor, the authors and approvers, the recording's operator."""
    people = "\n".join(f'  {user}: "{key}"' for user, key in keys.items())
    return ("require: approved\naudit: required\nencrypt: at_rest\nkeep: {reports: 30 days}\nroot: .\n"
            f"people:\n{people}\n"
            "grants:\n  team: {erin: [admin], dave: [auditor], alice: [author], bob: [approver]}\n"
            "  recordings: {customer: {carol: [operator]}}\n")


def assert_sealed(path: Path, *values: str) -> None:
    """The file opens as nothing a viewer knows: no PNG, CSV, HTML or JSON, and none of the values inside."""
    import cv2
    import numpy as np

    raw = path.read_bytes()
    assert raw.startswith(b"DPSEAL"), (path, raw[:40])
    assert not raw.startswith((b"\x89PNG", b"<", b"{")), path
    if path.suffix == ".png":
        assert cv2.imdecode(np.frombuffer(raw, np.uint8), cv2.IMREAD_COLOR) is None, path
    for value in values:
        assert value.encode("utf-8") not in raw, (path, value)


def test_roles_a_signed_policy_and_sealed_files_from_recording_to_data_run(
        xdisplay: VirtualDisplay, demo_app: Callable, tmp_path: Path, secret_service: dict[str, str]) -> None:
    audit, policy, anchor = tmp_path / "audit", tmp_path / "policy.yaml", tmp_path / "admin-keys"
    env = {**secret_service, "DESKPILOT_AUDIT_DIR": str(audit), "DESKPILOT_POLICY": str(policy),
           "DESKPILOT_ADMIN_KEYS": str(anchor), "XDG_DATA_HOME": str(tmp_path / "data")}

    as_user = deskpilot_as(xdisplay, tmp_path, env)

    keys = {user: as_user(user, "key", "show").stdout.strip() for user in TEAM}
    assert all(keys.values()) and len(set(keys.values())) == len(TEAM), keys
    anchor.write_text(f"# the team's admin\n{keys['erin']}\n", encoding="utf-8")
    policy.write_text(team_policy(keys), encoding="utf-8")
    not_admin = as_user("alice", "policy", "sign")
    assert not_admin.returncode == 2, not_admin.stdout + not_admin.stderr
    signed_policy = as_user("erin", "policy", "sign")
    assert signed_policy.returncode == 0, signed_policy.stdout + signed_policy.stderr

    recording = record_as("alice", xdisplay, tmp_path, env)
    as_variables(recording)
    data = customers_csv(tmp_path / "customers.csv")

    for user, args, role in (("carol", ("sign",), "author"), ("carol", ("approve",), "approver")):
        refused = as_user(user, *args, str(recording))
        assert refused.returncode == 2 and f"needs the {role} role" in refused.stderr, refused.stderr
    assert as_user("alice", "sign", str(recording)).returncode == 0
    approved = as_user("bob", "approve", str(recording))
    assert approved.returncode == 0, approved.stdout + approved.stderr
    outsider = as_user("mallory", "play", str(recording), "--data", str(data))
    assert outsider.returncode == 2 and "needs the operator role" in outsider.stderr, outsider.stderr

    app = demo_app()
    run = as_user("carol", "play", str(recording), "--data", str(data))
    assert run.returncode == 0, run.stdout + run.stderr
    assert [{k: r[k] for k in TYPED} for r in app.records()] == ROWS
    again = as_user("carol", "play", str(recording), "--data", str(data))  # the sealed results say: all done
    assert again.returncode == 0, again.stdout + again.stderr
    assert len(app.records()) == 3  # no row entered twice

    typed = [v for row in ROWS for v in row.values()] + list(TYPED.values())
    pictures = [p for p in recording.rglob("*.png")] + [p for p in (tmp_path / "reports").rglob("*.png")]
    reports = [p for p in (tmp_path / "reports").rglob("*") if p.suffix in (".html", ".json")]
    assert pictures and reports, (pictures, reports)
    for path in pictures + reports:
        assert_sealed(path)
    for path in reports + [tmp_path / "customers.results.csv"]:
        assert_sealed(path, *typed)

    assert as_user("carol", "audit", "verify").returncode == 2  # reading the trail is the auditor's
    ok = as_user("dave", "audit", "verify")
    assert ok.returncode == 0 and "intact" in ok.stdout, ok.stdout + ok.stderr
    kinds = [(e["event"], e["user"]) for e in events(audit)]
    for expected in [("policy_signed", "erin"), ("record", "alice"), ("refused", "carol"), ("sign", "alice"),
                     ("approve", "bob"), ("refused", "mallory"), ("run start", "carol"), ("run end", "carol")]:
        assert expected in kinds, kinds

    # the policy edited behind the admin's back: nothing runs until an admin signs it again
    policy.write_text(policy.read_text(encoding="utf-8").replace("carol: [operator]", "carol: [operator, approver]"),
                      encoding="utf-8")
    untrusted = as_user("carol", "play", str(recording), "--data", str(data))
    assert untrusted.returncode == 2 and str(policy) in untrusted.stderr, untrusted.stderr
    assert len(app.records()) == 3
