"""The run report: JSON for programs, one self-contained HTML page for people.

Under ``encrypt: at_rest`` both are sealed (``deskpilot.compliance.sealing``), their names kept: a browser
cannot open the page, DeskPilot's window can (``read_report_html``), and the command line says so.
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

from deskpilot.compliance.sealing import is_sealed_file, read_private, write_private
from deskpilot.result import RunReport, StepResult

STATUS_COLOURS = {"ok": "#1b7f3b", "passed": "#1b7f3b", "failed": "#b3261e", "aborted": "#b36b00",
                  "dry-run": "#1f5fa8", "skipped": "#777"}


def write_report(report: RunReport, folder: Path) -> tuple[Path, Path]:
    """Write report.json and report.html into ``folder`` (readable by the user only); screenshots are already
    there. Older reports beside it go once they are past their keeping time."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    prune_reports(folder.parent, keep=folder)
    json_path, html_path = folder / "report.json", folder / "report.html"
    write_private(json_path, json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    shots = [folder / s.screenshot for s in report.steps if s.screenshot]
    write_private(html_path, render_html(report, folder), seal=any(is_sealed_file(p) for p in shots))  # its pictures
    return json_path, html_path


def read_report_html(page: Path) -> str:
    """report.html (or the folder holding it) as text, opened when sealed: what the window shows.

    ``OSError`` when it is gone (reports are removed after their keeping time), ``SealingError`` when sealed
    with a key this keyring does not hold."""
    page = page / "report.html" if page.is_dir() else page
    return read_private(page).decode("utf-8", errors="replace")


def read_report_json(folder: Path) -> object:
    """report.json of a report folder, opened when sealed; ``OSError``/``ValueError`` when it is gone or damaged."""
    return json.loads(read_private(folder / "report.json").decode("utf-8"))


def sealed_note(page: Path | None) -> str:
    """" (sealed: open it in DeskPilot's window, ...)" for a sealed report, else "": a browser shows a sealed page
    as noise, so whoever prints its path says where it opens."""
    sealed = page is not None and is_sealed_file(page)
    return " (sealed: open it in DeskPilot's window, Runs panel)" if sealed else ""


def prune_reports(root: Path, *, keep: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove the report folders in ``root`` past the keeping time (the policy's ``keep``, else
    DESKPILOT_KEEP_REPORTS_DAYS, else 30 days; 0 keeps them all), each removal in the audit trail."""
    from deskpilot.compliance.retention import expired, remove

    gone = remove(expired([root], now=now, skip=keep, only_reports_beside=True), reason="past its keeping time, after a run")
    return [item.path for item in gone]


def render_html(report: RunReport, folder: Path) -> str:
    rows = "\n".join(_row(step, folder) for step in report.steps)
    saved = ""
    if report.manual_seconds and report.seconds and report.status == "passed":
        saved = (f"<p>Manual time {report.manual_seconds:.0f} s, replay {report.seconds:.1f} s: "
                 f"{report.manual_seconds / report.seconds:.1f}&times; faster.</p>")
    error = f'<p class="error">{html.escape(report.error)}</p>' if report.error else ""
    colour = STATUS_COLOURS.get(report.status, "#333")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>DeskPilot run: {html.escape(report.routine)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .4em .6em; text-align: left; vertical-align: top; }}
.status {{ font-weight: bold; }} .error {{ color: #b3261e; }}
img {{ max-width: 100%; border: 1px solid #ccc; margin-top: .4em; }}
</style></head><body>
<h1>{html.escape(report.routine)}</h1>
<p>Started {html.escape(report.started)} &middot; {report.seconds:.1f} s &middot;
<span class="status" style="color:{colour}">{html.escape(report.status)}</span>{' (dry run)' if report.dry_run else ''}</p>
{error}{saved}
<table><tr><th>#</th><th>step</th><th>status</th><th>found by</th><th>score</th><th>at</th><th>time</th></tr>
{rows}
</table></body></html>
"""


def _row(step: StepResult, folder: Path) -> str:
    colour = STATUS_COLOURS.get(step.status, "#333")
    point = f"({step.point[0]}, {step.point[1]})" if step.point else ""
    score = f"{step.score:.2f}" if step.score is not None else ""
    extra = ""
    if step.error:
        extra += f'<div class="error">{html.escape(step.error)}</div>'
    if step.read:
        extra += "<div>read: " + ", ".join(f"{html.escape(k)} = {html.escape(v)!r}" for k, v in step.read.items()) + "</div>"
    if step.screenshot and (folder / step.screenshot).exists():
        data = base64.b64encode(read_private(folder / step.screenshot)).decode("ascii")
        extra += f'<img alt="step {step.index} screenshot" src="data:image/png;base64,{data}">'
    return (f"<tr><td>{step.index}</td><td>{html.escape(step.description)}{extra}</td>"
            f'<td style="color:{colour}">{html.escape(step.status)}</td><td>{html.escape(step.found_by or "")}</td>'
            f"<td>{score}</td><td>{point}</td><td>{step.seconds:.2f} s</td></tr>")
