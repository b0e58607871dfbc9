"""Signing and approving recordings: ``sign``, ``approve`` and ``verify``; ``key show`` for the team policy."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from deskpilot.cli.common import Exit, console, fail, out
from deskpilot.cli.common import main as group
from deskpilot.errors import DeskPilotError, SigningError

if TYPE_CHECKING:
    from deskpilot.compliance.approval import Verdict


def _folder(path: Path) -> Path:
    """A recording folder, whether the folder or its routine.yaml was named."""
    from deskpilot.format.loader import routine_file

    return routine_file(path).parent


def _show_key_option(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        _print_key()
        ctx.exit(Exit.OK)


def _print_key() -> None:
    """The acting person's public key on stdout (what ``people`` lists), how to use it on stderr."""
    from deskpilot.compliance.identity import current_actor
    from deskpilot.compliance.keys import fingerprint, public_key_text, signing_key

    user = current_actor().user
    try:
        text = public_key_text(signing_key(user))
    except DeskPilotError as exc:
        fail(exc)
    out.print(text, markup=False)
    console.print(f"{user}'s public key (fingerprint {fingerprint(text)}); the team policy lists it as "
                  f'people: {{{user}: "{text}"}}', markup=False, soft_wrap=True)


@group.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--show-key", is_flag=True, is_eager=True, expose_value=False, callback=_show_key_option,
              help="Print your public signing key (for the team policy's people) and exit.")
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


@group.group()
def key() -> None:
    """Your signing key: it lives in the OS keyring; the team policy lists its public half."""


@key.command("show")
def key_show() -> None:
    """Print your public signing key (made on first use), to give to the admin for the policy's people."""
    _print_key()


def _say(verdict: Verdict) -> None:
    for line in verdict.lines():
        out.print(line, markup=False)
