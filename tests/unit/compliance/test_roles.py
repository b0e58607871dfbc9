"""Roles, hierarchical grants, trusted keys and the admin-signed policy: real Ed25519, a real keyring, real files."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from deskpilot import cli
from deskpilot.compliance import approval
from deskpilot.compliance.approval import NotApproved, approve, require_approved, sign, verify
from deskpilot.compliance.identity import Actor, current_actor
from deskpilot.compliance.keys import public_key_text, signing_key
from deskpilot.compliance.policy import PolicyError, enforce_policy, load_policy
from deskpilot.compliance.roles import (
    NotPermitted,
    PolicyUntrusted,
    check_policy,
    explain_roles,
    require_role,
    roles_of,
    sign_policy,
    signature_path,
)
from deskpilot.errors import SigningError
from deskpilot.format import load_routine, save_routine

pytestmark = pytest.mark.usefixtures("secret_service")

PEOPLE = ("alice", "bob", "carol", "dave", "erin", "frank")
GRANTS = """grants:
  team: {erin: [admin], dave: [auditor]}
  folders: {finance: {alice: [author], bob: [approver]}}
  recordings: {finance/expense: {carol: [operator]}}
"""


def routine(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "routine.yaml").write_text(f"deskpilot: 1\nname: {name}\nsteps:\n  - type: hello\n", encoding="utf-8")
    return folder


class Team:
    """A team's machine: its policy, anchor file, audit trail and recordings under tmp_path."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.tmp, self.monkeypatch = tmp_path, monkeypatch
        self.policy, self.anchor, self.audit = tmp_path / "policy.yaml", tmp_path / "admin-keys", tmp_path / "audit"
        monkeypatch.setenv("DESKPILOT_POLICY", str(self.policy))
        monkeypatch.setenv("DESKPILOT_ADMIN_KEYS", str(self.anchor))
        monkeypatch.setenv("DESKPILOT_AUDIT_DIR", str(self.audit))
        self.keys = {user: public_key_text(signing_key(user)) for user in PEOPLE}
        self.expense = routine(tmp_path / "recs" / "finance" / "expense", "expense")
        self.budget = routine(tmp_path / "recs" / "finance" / "budget", "budget")
        self.leave = routine(tmp_path / "recs" / "hr" / "leave", "leave")

    def act(self, user: str) -> Actor:
        self.monkeypatch.setenv("DESKPILOT_USER", user)
        return current_actor()

    def trust(self, *users: str) -> None:
        """The system administrator's anchor file: these people's keys may sign the policy."""
        self.anchor.write_text("# DeskPilot admins\n" + "".join(f"{self.keys[u]}  # {u}\n" for u in users),
                               encoding="utf-8")

    def write(self, grants: str = GRANTS, *, require: str = "require: approved\n") -> None:
        people = "".join(f'  {user}: "{self.keys[user]}"\n' for user in PEOPLE)
        self.policy.write_text(f"{require}root: recs\npeople:\n{people}{grants}", encoding="utf-8")

    def signed(self, grants: str = GRANTS, *, by: str = "erin") -> None:
        """The policy written and signed by an admin whose key is in the anchor file."""
        if not self.anchor.exists():
            self.trust("erin")
        self.write(grants)
        sign_policy(self.act(by))

    def entries(self) -> list[dict]:
        path = self.audit / "trail.jsonl"
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    def refusals(self) -> list[dict]:
        return [e for e in self.entries() if e["event"] == "refused"]


@pytest.fixture
def team(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    return Team(tmp_path, monkeypatch)


def cli_as(user: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, list(args), env={"DESKPILOT_USER": user})
    return result.exit_code, result.output


def one_error(output: str) -> str:
    """The CLI's refusal: exactly one error line."""
    lines = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, output
    return lines[0]


# --- grants ----------------------------------------------------------------------------------------------------


def test_roles_are_inherited_from_the_team_and_every_folder_above(team: Team) -> None:
    team.write(GRANTS.replace("finance: {alice: [author], bob: [approver]}",
                              "finance: {alice: [author], bob: [approver]}, finance/expense: {alice: operator}"))
    policy = load_policy()
    assert policy.root == (team.tmp / "recs").resolve()  # relative to the policy file's folder
    assert roles_of(policy, "alice", team.expense) == {"author", "operator"}  # two folders above it
    assert roles_of(policy, "alice", team.budget) == {"author"}
    assert roles_of(policy, "carol", team.expense) == {"operator"}  # the recording's own
    assert roles_of(policy, "carol", team.budget) == frozenset()
    assert roles_of(policy, "bob", team.leave) == frozenset()  # another folder
    assert roles_of(policy, "erin", team.leave) == {"admin"} and roles_of(policy, "erin", None) == {"admin"}
    assert roles_of(policy, "alice", team.tmp / "elsewhere" / "x") == frozenset()  # outside root: the team's only
    assert roles_of(policy, "alice", None) == frozenset()
    assert explain_roles(policy, "alice", team.expense) == [("folder finance", {"author"}),
                                                           ("folder finance/expense", {"operator"})]


def test_no_grants_means_no_role_checks(team: Team) -> None:
    team.act("mallory")
    assert require_role("admin", team.expense, "play").grants is None  # no policy file at all
    team.policy.write_text("require: approved\n", encoding="utf-8")
    assert require_role("author", team.expense, "save").require == "approved"
    save_routine(load_routine(team.expense))
    assert team.refusals() == []


@pytest.mark.parametrize("bad", [
    "grants: [alice]\n", "grants: {teams: {}}\n", "grants: {team: {alice: [boss]}}\n",
    "grants: {team: {alice: []}}\n", "grants: {team: [alice]}\n", "grants: {folders: {finance: {alice: [author]}}}\n",
    "root: r\ngrants: {folders: {../up: {alice: [author]}}}\n", "root: r\ngrants: {recordings: {/abs: {a: [author]}}}\n",
    "root: [r]\n", "people: [alice]\n", 'people: {alice: "not a key"}\n',
])
def test_malformed_grants_people_or_root_is_one_line_naming_the_file(team: Team, bad: str) -> None:
    team.policy.write_text(bad, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy()
    assert str(caught.value).startswith(str(team.policy)) and "\n" not in str(caught.value)
    with pytest.raises(PolicyError):
        require_role("operator", team.expense, "play")


# --- the signed policy -------------------------------------------------------------------------------------------


def test_a_policy_signed_by_an_anchor_admin_is_followed(team: Team) -> None:
    team.signed()
    trust = check_policy()
    assert trust.problem is None and trust.signature is not None and trust.signature.user == "erin"
    assert require_role("author", team.expense, "save", actor=team.act("alice")).grants is not None
    code, output = cli_as("alice", "policy", "check")
    assert code == 0 and "signed by erin@" in output and "trusted" in output, output
    code, output = cli_as("alice", "policy", "show", "--recording", str(team.expense))
    assert code == 0 and "alice's roles on" in output and "author (folder finance)" in output, output
    assert "signed by erin@" in output and "bob: [approver]" in output
    code, output = cli_as("carol", "policy", "show", "--user", "bob")
    assert code == 0 and "bob holds no role on the team" in output, output


def test_a_policy_edited_after_signing_refuses_every_guarded_operation(team: Team) -> None:
    team.signed()
    team.policy.write_text(team.policy.read_text(encoding="utf-8").replace("carol: [operator]",
                                                                           "carol: [operator, approver]"))
    with pytest.raises(PolicyUntrusted) as caught:
        require_role("operator", team.expense, "play", actor=team.act("carol"))
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(team.policy)) and "changed since erin signed it" in message
    assert f"deskpilot policy sign {team.policy}" in message
    assert team.refusals()[-1]["detail"] == message and team.refusals()[-1]["action"] == "play"
    code, output = cli_as("carol", "policy", "check")
    assert code == 2 and "changed since erin signed it" in one_error(output)
    code, output = cli_as("dave", "audit", "show")
    assert code == 2 and str(team.policy) in one_error(output)


def test_a_policy_unsigned_or_signed_by_a_key_not_in_the_anchor_is_refused(team: Team) -> None:
    team.trust("erin", "frank")
    team.write()
    with pytest.raises(PolicyUntrusted, match="the policy is not signed"):
        require_role("author", team.expense, "save", actor=team.act("alice"))
    sign_policy(team.act("frank"))  # first policy: any anchor key may sign it
    assert check_policy().problem is None
    team.trust("erin")  # the system administrator takes frank's key out of the anchor file
    with pytest.raises(PolicyUntrusted) as caught:
        require_role("author", team.expense, "save", actor=team.act("alice"))
    assert "signed by frank with key" in str(caught.value) and f"not a trusted admin key in {team.anchor}" in str(
        caught.value)


def test_a_missing_anchor_file_is_named(team: Team) -> None:
    team.signed()
    team.anchor.unlink()
    with pytest.raises(PolicyUntrusted) as caught:
        require_role("operator", team.expense, "play", actor=team.act("carol"))
    assert f"no trusted admin keys file {team.anchor}" in str(caught.value) and "\n" not in str(caught.value)
    code, output = cli_as("erin", "policy", "sign")
    assert code == 2 and str(team.anchor) in one_error(output)


def test_an_installed_anchor_requires_a_signed_policy_even_without_grants(team: Team) -> None:
    team.trust("erin")
    with pytest.raises(PolicyUntrusted, match="there is no policy file"):  # deleting the policy switches nothing off
        require_role("operator", team.expense, "play", actor=team.act("carol"))
    team.policy.write_text("require: approved\n", encoding="utf-8")
    with pytest.raises(PolicyUntrusted, match="admin keys are installed"):
        require_role("operator", team.expense, "play")
    sign_policy(team.act("erin"))
    assert require_role("operator", team.expense, "play", actor=team.act("carol")).grants is None


def test_only_an_admin_signs_the_policy(team: Team) -> None:
    team.trust("erin", "frank")
    team.signed()  # erin is admin in it; frank's key is trusted, but the signed policy makes only erin admin
    team.write(GRANTS.replace("erin: [admin]", "erin: [admin], frank: [admin]"))
    with pytest.raises(NotPermitted) as caught:
        sign_policy(team.act("frank"))
    assert str(caught.value).startswith(f"frank may not sign the policy: needs the admin role (policy {team.policy})")
    assert "makes erin admin" in str(caught.value)
    code, output = cli_as("alice", "policy", "sign")
    assert code == 2 and "alice may not sign the policy: needs the admin role" in one_error(output)
    assert "is not a trusted admin key" in output
    code, output = cli_as("erin", "policy", "sign")  # the admin of the trusted policy signs frank in
    assert code == 0, output
    assert sign_policy(team.act("frank")).problem is None
    assert [e["action"] for e in team.refusals()] == ["sign the policy", "sign the policy"]


def test_policy_signed_and_policy_changed_are_in_the_trail(team: Team) -> None:
    team.signed()
    first = check_policy().digest
    kinds = [(e["event"], e.get("old"), e.get("new")) for e in team.entries()]
    assert kinds == [("policy_changed", None, first), ("policy_signed", None, first)]
    team.write(GRANTS.replace("dave: [auditor]", "dave: [auditor, operator]"))
    second = check_policy().digest
    sign_policy(team.act("erin"))
    sign_policy(team.act("erin"))  # signed again unchanged: no change to note
    kinds = [(e["event"], e.get("old"), e.get("new")) for e in team.entries()]
    assert kinds[2:] == [("policy_changed", first, second), ("policy_signed", first, second),
                         ("policy_signed", second, second)]
    assert all(e["policy"] == str(team.policy) and e["user"] == "erin" for e in team.entries())
    team.policy.write_text(team.policy.read_text(encoding="utf-8") + "# an edit nobody signed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PolicyUntrusted):
            require_role("operator", team.expense, "play", actor=team.act("carol"))
    changed = [e for e in team.entries() if e["event"] == "policy_changed"]
    assert len(changed) == 3 and changed[-1]["old"] == second  # once, however many entries follow
    assert [e["event"] for e in team.entries()][-3:] == ["policy_changed", "refused", "refused"]


# --- the enforcement points -------------------------------------------------------------------------------------


def test_each_enforcement_point_refuses_with_one_line_and_an_audit_entry(team: Team,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.cli import play
    from deskpilot.player.run import play_once, play_rows
    from deskpilot.player.runner import PlayOptions

    team.signed()
    expense, policy = str(team.expense), str(team.policy)

    def needs(user: str, action: str, recording: str | None, role: str) -> str:
        where = f" {recording}" if recording else ""
        return f"{user} may not {action}{where}: needs the {role} role (policy {policy})"

    code, output = cli_as("bob", "record", "claims", "--out", str(team.tmp / "recs" / "finance"))
    assert code == 2 and one_error(output) == "error: " + needs("bob", "record", str(team.tmp / "recs" / "finance"
                                                                                     / "claims"), "author")
    with pytest.raises(NotPermitted) as caught:
        team.act("carol")
        save_routine(load_routine(team.expense))
    assert str(caught.value) == needs("carol", "save", expense, "author")
    code, output = cli_as("bob", "sign", expense)
    assert code == 2 and one_error(output) == "error: " + needs("bob", "sign", expense, "author")
    assert not (team.expense / "signatures.json").exists()
    assert sign(team.expense, team.act("alice")).status == "signed"
    code, output = cli_as("carol", "approve", expense)
    assert code == 2 and one_error(output) == "error: " + needs("carol", "approve", expense, "approver")
    with pytest.raises(NotPermitted):
        approve(team.expense, team.act("alice"), allow_self=True)
    assert approve(team.expense, team.act("bob")).status == "approved"

    played: list[str] = []
    monkeypatch.setattr(play, "_play", lambda routine, *a, **k: played.append(routine.name) or 0)
    code, output = cli_as("alice", "play", expense, "--dry-run")
    assert code == 2 and one_error(output) == "error: " + needs("alice", "play", expense, "operator")
    code, output = cli_as("carol", "play", expense, "--dry-run")
    assert code == 0 and played == ["expense"], output

    def never(*_: object) -> None:
        raise AssertionError("a refused run opened a session")

    loaded = load_routine(team.expense)
    team.act("alice")  # the GUI's run path: the same refusal
    with pytest.raises(NotPermitted, match="alice may not play"):
        play_once(loaded.routine, {}, PlayOptions(dry_run=True), opener=never)
    closed: list[bool] = []
    prepared = SimpleNamespace(results=SimpleNamespace(close=lambda: closed.append(True)))
    with pytest.raises(NotPermitted, match="alice may not play"):
        play_rows(loaded, {}, PlayOptions(dry_run=True), None, prepared, None, opener=never)  # type: ignore[arg-type]
    assert closed == [True]

    for command in (["audit", "show"], ["audit", "export", "--csv"], ["audit", "verify"]):
        code, output = cli_as("alice", *command)
        action = {"show": "show", "export": "export", "verify": "verify"}[command[1]]
        assert code == 2 and one_error(output) == "error: " + needs("alice", f"{action} the audit trail", None,
                                                                    "auditor")
        assert cli_as("dave", *command)[0] == 0

    refused = [(e["user"], e["action"]) for e in team.refusals()]
    assert refused == [("bob", "record"), ("carol", "save"), ("bob", "sign"), ("carol", "approve"),
                       ("alice", "approve"), ("alice", "play"), ("alice", "play"), ("alice", "play"),
                       ("alice", "show the audit trail"), ("alice", "export the audit trail"),
                       ("alice", "verify the audit trail")]
    assert all("\n" not in e["detail"] and e["detail"].startswith(e["user"] + " may not") for e in team.refusals())


def test_the_gui_recorder_is_refused_before_it_starts(team: Team) -> None:
    from deskpilot.gui.recording import RecordWorker

    team.signed()
    team.act("carol")
    worker = RecordWorker("claims", team.tmp / "recs" / "finance", "eng", None,
                          platform=SimpleNamespace(check=lambda: pytest.fail("the platform was used")))  # type: ignore[arg-type]
    with pytest.raises(NotPermitted, match="carol may not record"):
        worker.work()


# --- trusted keys -------------------------------------------------------------------------------------------------


def test_an_approval_made_with_a_strangers_key_named_bob_is_a_bad_signature(team: Team) -> None:
    team.signed()
    sign(team.expense, team.act("alice"))
    stored = approval._read(team.expense)
    assert stored is not None
    manifest, entries = stored
    bob = Actor(user="bob", host=socket.gethostname())
    entries.append(approval._signature(manifest.digest, "approver", bob, signing_key("mallory")))  # valid, not bob's
    approval._write(team.expense, manifest, entries)
    verdict = verify(team.expense)
    assert verdict.status == "bad-signature"
    assert verdict.reason == "bob's signature is not made with bob's key in the policy"
    with pytest.raises(NotApproved, match="bob's signature is not made with bob's key"):
        require_approved(team.expense)
    team.act("carol")
    with pytest.raises(NotApproved):
        enforce_policy(team.expense)
    assert team.refusals()[-1]["action"] == "play"


def test_signing_with_a_key_other_than_the_policys_is_refused(team: Team) -> None:
    team.signed(GRANTS.replace("alice: [author]", "alice: [author], mallory: [author]"))
    with pytest.raises(SigningError, match="mallory's signing key .* does not list mallory in people"):
        sign(team.expense, team.act("mallory"))
    team.write(GRANTS)
    team.policy.write_text(team.policy.read_text().replace(team.keys["alice"], team.keys["frank"]), encoding="utf-8")
    sign_policy(team.act("erin"))
    with pytest.raises(SigningError, match="alice's signing key .* is not theirs by the policy"):
        sign(team.expense, team.act("alice"))
    assert [e["action"] for e in team.refusals()] == ["sign", "sign"]


def test_a_revoked_approvers_approval_no_longer_plays(team: Team) -> None:
    team.signed()
    sign(team.expense, team.act("alice"))
    approve(team.expense, team.act("bob"))
    team.act("carol")
    enforce_policy(team.expense)  # approved by an approver: plays
    team.signed(GRANTS.replace("bob: [approver]", "bob: [operator]"))  # bob's approver role is revoked
    team.act("carol")
    with pytest.raises(NotApproved) as caught:
        enforce_policy(team.expense)
    message = str(caught.value)
    assert "approved by bob, who no longer holds the approver role on it" in message and "\n" not in message
    code, output = cli_as("carol", "play", str(team.expense), "--dry-run")
    assert code == 2 and "no longer holds the approver role" in one_error(output)
    assert team.refusals()[-1]["user"] == "carol" and team.refusals()[-1]["action"] == "play"


def test_key_show_prints_the_public_key_the_policy_lists(team: Team) -> None:
    code, output = cli_as("alice", "key", "show")
    assert code == 0 and output.splitlines()[0] == team.keys["alice"]
    code, output = cli_as("alice", "sign", "--show-key")
    assert code == 0 and team.keys["alice"] in output


def test_the_signature_covers_the_exact_bytes(team: Team) -> None:
    team.signed()
    grants = load_policy().grants
    team.policy.write_bytes(team.policy.read_bytes().replace(b"\n", b"\r\n"))  # the same YAML, other bytes
    assert load_policy().grants == grants
    assert "changed since erin signed it" in str(check_policy().problem)
    signature = json.loads(signature_path(team.policy).read_text())
    assert signature["user"] == "erin" and signature["key"] == team.keys["erin"]

