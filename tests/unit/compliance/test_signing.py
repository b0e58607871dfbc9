"""Signed and approved recordings, against a real keyring (gnome-keyring on a private bus) and real Ed25519."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from deskpilot import cli
from deskpilot.compliance.approval import NotApproved, approve, require_approved, sign, verify
from deskpilot.compliance.identity import current_actor
from deskpilot.compliance.keys import fingerprint, public_key_text, signing_key
from deskpilot.compliance.manifest import build_manifest, diff_manifests
from deskpilot.compliance.policy import PolicyError, load_policy
from deskpilot.errors import SigningError

pytestmark = pytest.mark.usefixtures("secret_service")


def _png(shade: int) -> bytes:
    """A valid 2x2 grey PNG, so the loader's image checks accept the anchor."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes([shade, shade]) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def recordings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``main`` calls ``../login``; login finds its button by an image anchor."""
    monkeypatch.setenv("DESKPILOT_USER", "alice")
    monkeypatch.setenv("DESKPILOT_POLICY", str(tmp_path / "no-policy.yaml"))
    login = tmp_path / "login"
    (login / "anchors").mkdir(parents=True)
    (login / "anchors" / "ok.png").write_bytes(_png(40))
    (login / "routine.yaml").write_text(
        "deskpilot: 1\nname: login\nsteps:\n  - click:\n      target:\n        - image: anchors/ok.png\n"
        "          point: [1, 1]\n", encoding="utf-8")
    main = tmp_path / "main"
    main.mkdir()
    (main / "routine.yaml").write_text("deskpilot: 1\nname: main\nsteps:\n  - call: ../login\n  - type: hello\n",
                                       encoding="utf-8")
    return tmp_path


def _sign_and_approve(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESKPILOT_USER", "alice")
    sign(folder, current_actor())
    monkeypatch.setenv("DESKPILOT_USER", "bob")
    approve(folder, current_actor())
    monkeypatch.setenv("DESKPILOT_USER", "alice")


def test_the_key_lives_in_the_keyring_and_is_made_once() -> None:
    first, again = signing_key("carol"), signing_key("carol")
    assert public_key_text(first) == public_key_text(again)
    assert public_key_text(first) != public_key_text(signing_key("dave"))
    assert len(fingerprint(public_key_text(first))) == 16


def test_the_manifest_covers_the_routine_its_anchors_and_its_callees(recordings: Path) -> None:
    main, login = build_manifest(recordings / "main"), build_manifest(recordings / "login")
    assert set(login.files) == {"routine.yaml", "anchors/ok.png"}
    assert main.calls == {"../login": login.digest}
    assert build_manifest(recordings / "main").digest == main.digest  # stable
    (recordings / "login" / "anchors" / "ok.png").write_bytes(_png(200))
    changed = build_manifest(recordings / "main")
    assert diff_manifests(main, changed) == ["called recording ../login changed"]
    (recordings / "main" / "anchors").mkdir()
    (recordings / "main" / "anchors" / "new.png").write_bytes(_png(1))
    assert "anchors/new.png added" in diff_manifests(main, build_manifest(recordings / "main"))


def test_signed_then_approved_by_another_person(recordings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = recordings / "login"
    verdict = sign(folder, current_actor())
    assert verdict.status == "signed" and verdict.author is not None and verdict.author.user == "alice"
    assert verify(folder).status == "signed"
    monkeypatch.setenv("DESKPILOT_USER", "bob")
    verdict = approve(folder, current_actor())
    assert verdict.status == "approved"
    assert verdict.approver is not None and verdict.approver.user == "bob"
    assert any("approved by bob@" in line for line in verify(folder).lines())
    assert require_approved(folder).status == "approved"


def test_the_author_may_not_approve_their_own_recording(recordings: Path) -> None:
    folder = recordings / "login"
    sign(folder, current_actor())
    with pytest.raises(SigningError, match="alice, who may not approve it too"):
        approve(folder, current_actor())
    assert approve(folder, current_actor(), allow_self=True).status == "approved"
    with pytest.raises(NotApproved, match="only its author approved it"):
        require_approved(folder)
    assert require_approved(folder, approver_may_author=True).status == "approved"


@pytest.mark.parametrize("edited", ["routine.yaml", "anchors/ok.png"])
def test_an_edit_after_approval_names_the_file_and_is_refused(recordings: Path, monkeypatch: pytest.MonkeyPatch,
                                                              edited: str) -> None:
    folder = recordings / "login"
    _sign_and_approve(folder, monkeypatch)
    path = folder / edited
    if edited.endswith(".png"):
        path.write_bytes(_png(99))
    else:
        path.write_text(path.read_text(encoding="utf-8") + "# a hand edit\n", encoding="utf-8")
    verdict = verify(folder)
    assert verdict.status == "changed" and verdict.changed == (f"{edited} changed",)
    assert any(edited in line for line in verdict.lines())
    with pytest.raises(NotApproved) as caught:
        require_approved(folder)
    message = str(caught.value)
    assert "\n" not in message and edited in message and f"deskpilot approve {folder}" in message
    monkeypatch.setenv("DESKPILOT_USER", "carol")
    with pytest.raises(SigningError, match=f"changed since it was signed .*{edited}"):
        approve(folder, current_actor())


def test_an_unapproved_callee_is_refused_by_name(recordings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main, login = recordings / "main", recordings / "login"
    _sign_and_approve(main, monkeypatch)
    assert verify(main).status == "approved"
    with pytest.raises(NotApproved) as caught:
        require_approved(main)
    assert f"calls {login}" in str(caught.value) and f"deskpilot approve {login}" in str(caught.value)
    _sign_and_approve(login, monkeypatch)
    assert require_approved(main).status == "approved"


def test_a_changed_callee_voids_its_callers_approval(recordings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    main, login = recordings / "main", recordings / "login"
    _sign_and_approve(login, monkeypatch)
    _sign_and_approve(main, monkeypatch)
    (login / "anchors" / "ok.png").write_bytes(_png(7))
    assert verify(main).changed == ("called recording ../login changed",)


@pytest.mark.parametrize("forge", ["user", "manifest", "signature", "garbage"])
def test_a_forged_signatures_file_is_a_bad_signature(recordings: Path, monkeypatch: pytest.MonkeyPatch,
                                                     forge: str) -> None:
    folder = recordings / "login"
    _sign_and_approve(folder, monkeypatch)
    path = folder / "signatures.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if forge == "user":
        data["signatures"][1]["user"] = "the-boss"
    elif forge == "manifest":  # re-hash a file and its digest; the signatures no longer cover it
        data["manifest"]["files"]["routine.yaml"] = "0" * 64
    elif forge == "signature":
        sig = data["signatures"][0]["signature"]
        data["signatures"][0]["signature"] = ("A" if sig[0] != "A" else "B") + sig[1:]
    text = "{not json" if forge == "garbage" else json.dumps(data)
    path.write_text(text, encoding="utf-8")
    verdict = verify(folder)
    assert verdict.status == "bad-signature" and verdict.reason
    with pytest.raises(NotApproved, match="signature is bad"):
        require_approved(folder)


def test_a_forged_manifest_with_a_matching_digest_still_fails(recordings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rewriting the manifest and its digest together: the signatures cover the old digest."""
    from deskpilot.compliance.manifest import Manifest

    folder = recordings / "login"
    _sign_and_approve(folder, monkeypatch)
    path = folder / "signatures.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["manifest"]["files"]["routine.yaml"] = "0" * 64
    data["manifest"]["digest"] = Manifest.from_json(data["manifest"]).digest
    path.write_text(json.dumps(data), encoding="utf-8")
    assert verify(folder).status == "bad-signature"


def test_the_cli_exit_codes(recordings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    folder = str(recordings / "login")
    result = runner.invoke(cli.main, ["verify", folder])
    assert result.exit_code == 1 and "not signed" in result.output
    result = runner.invoke(cli.main, ["approve", folder])
    assert result.exit_code == 2 and result.output.count("error:") == 1 and "deskpilot sign" in result.output
    result = runner.invoke(cli.main, ["sign", folder])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli.main, ["verify", folder])
    assert result.exit_code == 1 and "not yet approved" in result.output and "signed by alice@" in result.output
    result = runner.invoke(cli.main, ["approve", folder])
    assert result.exit_code == 2 and "may not approve it too" in result.output
    monkeypatch.setenv("DESKPILOT_USER", "bob")
    result = runner.invoke(cli.main, ["approve", str(recordings / "login" / "routine.yaml")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli.main, ["verify", folder])
    assert result.exit_code == 0 and "approved by bob@" in result.output
    (recordings / "login" / "routine.yaml").write_text("deskpilot: 1\nname: login\nsteps:\n  - type: x\n",
                                                       encoding="utf-8")
    result = runner.invoke(cli.main, ["verify", folder])
    assert result.exit_code == 1 and "routine.yaml changed" in result.output


def test_the_cli_allow_self_obeys_the_policy(recordings: Path) -> None:
    runner = CliRunner()
    folder = str(recordings / "login")
    assert runner.invoke(cli.main, ["sign", folder]).exit_code == 0
    policy = recordings / "policy.yaml"
    policy.write_text("require: approved\napprover_may_author: false\n", encoding="utf-8")
    result = runner.invoke(cli.main, ["approve", folder, "--allow-self"], env={"DESKPILOT_POLICY": str(policy)})
    assert result.exit_code == 2 and "approver_may_author: false" in result.output
    result = runner.invoke(cli.main, ["approve", folder, "--allow-self"])  # no policy: a team of one
    assert result.exit_code == 0, result.output


def test_play_is_refused_under_a_policy_requiring_approval(recordings: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.cli import play
    from deskpilot.cli.common import Exit
    from deskpilot.model import Routine

    played: list[str] = []

    def fake_play(routine: Routine, values: dict[str, str], options: object, platform: object = None) -> Exit:
        played.append(routine.name)  # the screen is never touched: what matters is that play got this far
        return Exit.OK

    monkeypatch.setattr(play, "_play", fake_play)
    policy = recordings / "policy.yaml"
    policy.write_text("require: approved\n", encoding="utf-8")
    monkeypatch.setenv("DESKPILOT_POLICY", str(policy))
    runner = CliRunner()
    main = str(recordings / "main")
    result = runner.invoke(cli.main, ["play", main, "--dry-run"])
    assert result.exit_code == 2 and played == []
    assert result.output.count("error:") == 1 and f"recording {main} is not an approved" in result.output
    _sign_and_approve(recordings / "main", monkeypatch)
    result = runner.invoke(cli.main, ["play", main, "--dry-run"])
    assert result.exit_code == 2 and f"calls {recordings / 'login'}" in result.output and played == []
    _sign_and_approve(recordings / "login", monkeypatch)
    result = runner.invoke(cli.main, ["play", main, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert played == ["main"]


def test_the_policy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESKPILOT_POLICY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_policy().require is None
    path = tmp_path / "deskpilot" / "policy.yaml"
    path.parent.mkdir()
    path.write_text("require: approved\napprover_may_author: true\n", encoding="utf-8")
    assert load_policy().require == "approved" and load_policy().approver_may_author
    path.write_text("encrypt: at_rest\nkeep: {reports: 30 days, results: 7}\n", encoding="utf-8")
    assert load_policy().encrypt == "at_rest" and load_policy().keep == {"reports": 30, "results": 7}
    for bad in ("require: [approved\n", "require: signed\n", "requires: approved\n", "- approved\n",
                "encrypt: yes\n", "keep: 30\n", "keep: {screens: 3 days}\n", "keep: {reports: a month}\n"):
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(PolicyError) as caught:
            load_policy()
        assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_no_keyring_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        with pytest.raises(SigningError, match="install gnome-keyring") as caught:
            signing_key("erin")
        assert "\n" not in str(caught.value)
    finally:
        keyring.set_keyring(previous)
