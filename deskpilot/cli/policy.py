"""The team policy from the command line: sign it (an admin), check it, show it and a person's roles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskpilot.cli.common import fail, main, out
from deskpilot.errors import DeskPilotError

if TYPE_CHECKING:
    from deskpilot.compliance.roles import Trust

FILE = click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))


@main.group()
def policy() -> None:
    """The team policy (DESKPILOT_POLICY, else ~/.config/deskpilot/policy.yaml) and who may do what."""


@policy.command("sign")
@FILE
def policy_sign(file: Path | None) -> None:
    """Sign the policy file as an admin (your key must be a trusted admin key): writes policy.yaml.sig."""
    from deskpilot.compliance.identity import current_actor
    from deskpilot.compliance.roles import sign_policy

    try:
        trust = sign_policy(current_actor(), file)
    except DeskPilotError as exc:
        fail(exc)
    out.print(f"signed {trust.path}: {_signed_line(trust)}", markup=False)


@policy.command("check")
@FILE
def policy_check(file: Path | None) -> None:
    """Exit 0 when the policy may be followed (signed by a trusted admin, or it needs no signature), else 2."""
    from deskpilot.compliance.roles import PolicyUntrusted, check_policy

    try:
        trust = check_policy(file)
        if trust.problem is not None:
            raise PolicyUntrusted(trust.problem)
    except DeskPilotError as exc:
        fail(exc)
    out.print(f"policy {trust.path}: {_signed_line(trust)}", markup=False)


@policy.command("show")
@FILE
@click.option("--user", help="whose roles to show (default: you)")
@click.option("--recording", type=click.Path(path_type=Path), help="their roles on this recording (default: the team's)")
def policy_show(file: Path | None, user: str | None, recording: Path | None) -> None:
    """The policy, who signed it, and a person's roles (on one recording with --recording)."""
    from deskpilot.compliance.identity import current_actor
    from deskpilot.compliance.roles import check_policy

    try:
        trust = check_policy(file)
    except DeskPilotError as exc:
        fail(exc)
    if trust.digest is None:
        out.print(f"no policy file at {trust.path}: nothing is required", markup=False)
    else:
        out.print(f"policy {trust.path} (sha256 {trust.digest[:16]})", markup=False)
    out.print(_signed_line(trust), markup=False)
    out.print(_roles_line(trust, user or current_actor().user, recording), markup=False)
    if trust.digest is not None:
        out.print("---", markup=False)
        out.print(trust.path.read_text(encoding="utf-8").rstrip("\n"), markup=False, highlight=False)


def _signed_line(trust: Trust) -> str:
    signature = trust.signature
    if trust.problem is not None:
        return f"NOT trusted: {trust.problem}"
    if not trust.needed:
        extra = f"; signed by {signature.describe()}" if signature is not None else ""
        return f"needs no signature (it says nothing about who may do what){extra}"
    assert signature is not None
    return f"signed by {signature.describe()}; trusted (the key is in {trust.anchor})"


def _roles_line(trust: Trust, user: str, recording: Path | None) -> str:
    from deskpilot.compliance.roles import explain_roles

    where = str(recording) if recording is not None else "the team"
    if trust.policy.grants is None:
        return f"roles are not checked: the policy has no grants ({user} may do everything on {where})"
    found = explain_roles(trust.policy, user, recording)
    if not found:
        return f"{user} holds no role on {where}"
    parts = [f"{role} ({place})" for place, roles in found for role in sorted(roles)]
    return f"{user}'s roles on {where}: {', '.join(parts)}"
