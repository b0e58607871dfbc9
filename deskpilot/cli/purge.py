"""``deskpilot purge``: remove the reports and results the policy's keeping times let go, each removal audited."""

from __future__ import annotations

from pathlib import Path

import click

from deskpilot.cli.common import fail, main, out
from deskpilot.errors import DeskPilotError


def default_roots() -> list[Path]:
    """Where reports are made: ``./reports`` for the command line, beside the run history for the window."""
    from deskpilot.player.history import history_file

    return [Path("reports"), history_file().parent / "reports"]


@main.command()
@click.argument("folders", nargs=-1, type=click.Path(path_type=Path, file_okay=False))
@click.option("--dry-run", is_flag=True, help="List what would be removed; remove nothing.")
def purge(folders: tuple[Path, ...], dry_run: bool) -> None:
    """Remove run reports and results files older than the policy keeps them (keep: {reports: 30 days}).

    FOLDERS are searched for report folders and *.results.csv/.xlsx files (default: the report folders).
    """
    from deskpilot.compliance.retention import expired, remove
    from deskpilot.compliance.roles import require_role

    roots = list(folders) or default_roots()
    try:
        require_role("admin", None, "purge")  # removing records is an administrator's act
        items = expired(roots)
        if not dry_run:
            remove(items, reason="deskpilot purge")
    except (DeskPilotError, OSError) as exc:
        fail(exc if isinstance(exc, DeskPilotError) else DeskPilotError(f"purge stopped: {exc}"))
    verb = "would remove" if dry_run else "removed"
    for item in items:
        out.print(f"{verb} {item.kind[:-1]} {item.path} ({item.age_days} days old)", markup=False)
    kinds = {k: sum(1 for i in items if i.kind == k) for k in ("reports", "results")}
    out.print(f"{verb} {kinds['reports']} report(s) and {kinds['results']} results file(s) "
              f"under {', '.join(str(r) for r in roots)}", markup=False)
