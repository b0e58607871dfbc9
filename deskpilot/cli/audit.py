"""The audit trail from the command line: is it intact, what does it say, as CSV for an auditor."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from deskpilot.cli.common import Exit, console, fail, main, out
from deskpilot.errors import DataError


@main.group()
def audit() -> None:
    """The tamper-evident audit trail (DESKPILOT_AUDIT_DIR, else ~/.local/share/deskpilot/audit)."""


def _as_auditor(action: str) -> None:
    """Reading the trail needs the auditor role for the team (under a policy with grants); exit 2 without it."""
    from deskpilot.compliance.roles import require_role
    from deskpilot.errors import DeskPilotError

    try:
        require_role("auditor", None, action)
    except DeskPilotError as exc:
        fail(exc)


@audit.command("verify")
def audit_verify() -> None:
    """Check the chain and the signed checkpoints; exit 1 naming the first place tampered with."""
    from deskpilot.compliance.audit import AuditTrail

    _as_auditor("verify the audit trail")
    trail = AuditTrail()
    verdict = trail.verify()
    for note in verdict.notes:
        console.print(f"note: {note}", markup=False, soft_wrap=True)
    if not verdict.ok:
        console.print(f"[red]audit trail {trail.folder}: NOT intact:[/red] {verdict.problem}", markup=True,
                      soft_wrap=True)
        sys.exit(Exit.STEP_FAILED)
    out.print(f"audit trail {trail.folder}: {verdict.entries} entries, intact", markup=False)


@audit.command("show")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="entries on or after this day (UTC)")
@click.option("--recording", help="only this recording (its folder path or name)")
@click.option("--user", help="only this user")
def audit_show(since: datetime | None, recording: str | None, user: str | None) -> None:
    """One line per entry: seq, time, who, what, and the rest of its fields."""
    from deskpilot.compliance.audit import AuditTrail, show

    _as_auditor("show the audit trail")
    skip = {"seq", "at", "user", "host", "event", "prev", "hash", "recording"}
    for entry in show(AuditTrail(), since=since, recording=recording, user=user):
        rest = " ".join(f"{k}={v}" for k, v in entry.items() if k not in skip and v is not None)
        where = f" {entry['recording']}" if entry.get("recording") else ""
        at = str(entry.get("at", ""))[:19].replace("T", " ")
        out.print(f"{entry.get('seq'):>6} {at} {entry.get('user')}@{entry.get('host')} {entry.get('event')}"
                  f"{where}{'  ' + rest if rest else ''}", markup=False, highlight=False)


@audit.command("export")
@click.option("--csv", "as_csv", is_flag=True, help="as CSV (the one format so far)")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="file to write (stdout)")
def audit_export(as_csv: bool, out_file: Path | None) -> None:
    """Every entry as CSV: seq, at, user, host, event, recording, version, outcome, detail."""
    from deskpilot.compliance.audit import AuditTrail, export_csv

    _as_auditor("export the audit trail")
    if not as_csv:
        fail(DataError("audit export: say the format, --csv (the one there is so far)"))
    if out_file is None:
        export_csv(AuditTrail(), sys.stdout)
        return
    with out_file.open("w", encoding="utf-8", newline="") as stream:
        rows = export_csv(AuditTrail(), stream)
    console.print(f"wrote {rows} entries to {out_file}", markup=False)
