"""Signing and approving recordings: ``sign``, ``approve`` and ``verify``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskpilot.cli.common import Exit, fail, out
from deskpilot.cli.common import main as group
from deskpilot.errors import DeskPilotError, SigningError

if TYPE_CHECKING:
    from deskpilot.compliance.approval import Verdict


def _folder(path: Path) -> Path:
    """A recording folder, whether the folder or its routine.yaml was named."""
    from deskpilot.format.loader import routine_file

    return routine_file(path).parent


@group.command()
@click.argument("path", type=click.Path(path_type=Path))
def sign(path: Path) -> None:
    """Sign a recording as its author: this exact version, ready for an approver."""
    from deskpilot.compliance.approval import sign as sign_recording
    from deskpilot.compliance.identity import current_actor

    try:
        verdict = sign_recording(_folder(path), current_actor())
    except DeskPilotError as exc:
        fail(exc)
    _say(verdict)


@group.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--allow-self", is_flag=True, help="Let the author approve their own recording (a team of one).")
def approve(path: Path, allow_self: bool) -> None:
    """Approve the version of a recording its author signed."""
    from deskpilot.compliance.approval import approve as approve_recording
    from deskpilot.compliance.identity import current_actor
    from deskpilot.compliance.policy import load_policy

    try:
        policy = load_policy()
        if allow_self and policy.require == "approved" and not policy.approver_may_author:
            raise SigningError("--allow-self: the team policy does not let an author approve their own recording "
                               "(approver_may_author: false); ask another person to approve it")
        verdict = approve_recording(_folder(path), current_actor(), allow_self=allow_self)
    except DeskPilotError as exc:
        fail(exc)
    _say(verdict)


@group.command()
@click.argument("path", type=click.Path(path_type=Path))
def verify(path: Path) -> None:
    """Check a recording's signatures; exit 0 only when it is approved and unchanged."""
    from deskpilot.compliance.approval import verify as verify_recording

    try:
        verdict = verify_recording(_folder(path))
    except DeskPilotError as exc:
        fail(exc)
    _say(verdict)
    sys.exit(Exit.OK if verdict.status == "approved" else Exit.STEP_FAILED)


def _say(verdict: Verdict) -> None:
    for line in verdict.lines():
        out.print(line, markup=False)
