"""A data run on the real demo app leaves a history line per row, and ``deskpilot history`` counts its time saved.

The ``cli`` fixture points XDG_DATA_HOME at this test's folder: the run history is
read from there, never from the developer's own.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from deskpilot.format import load_routine

EXAMPLE = Path(__file__).resolve().parents[2] / "recordings" / "expense-claims"
TITLE = "Expense Claims - ACME ERP"


def test_every_row_of_a_data_run_is_in_the_history_with_its_time_saved(demo_app: Callable, cli: Callable,
                                                                        tmp_path: Path) -> None:
    data = tmp_path / "two.csv"
    data.write_text("claimant,date,category,amount,description\nAnna Berg,2026-11-01,Hotel,159.50,Visit\n"
                    "Ben Okafor,2026-11-02,Taxi,12000.00,Too much\n", encoding="utf-8")  # Ben's is over the limit
    app = demo_app("--screen", "expense", name="claims.jsonl", title=TITLE)
    run = cli("play", str(EXAMPLE), "--data", str(data), "--on-failure", "skip", "--report", str(tmp_path / "rep"),
              timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "1 ok, 1 failed of 2 rows" in run.stderr and [r["claimant"] for r in app.records()] == ["Anna Berg"]

    lines = (tmp_path / "data" / "deskpilot" / "runs.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [(e["row"], e["status"], e["recording"]) for e in entries] == [
        (1, "passed", str(EXAMPLE)), (2, "failed", str(EXAMPLE))]
    assert entries[0]["data_run"] == entries[1]["data_run"] is not None
    manual = load_routine(EXAMPLE).routine.manual_seconds
    assert manual and entries[0]["confirmed"] is True
    assert entries[0]["saved_seconds"] == round(manual - entries[0]["seconds"], 1)
    assert entries[1]["saved_seconds"] is None  # refused by the application: it saved nobody any time
    assert entries[0]["report"] == str(tmp_path / "rep" / "row-0001" / "report.html")
    assert (tmp_path / "rep" / "row-0002" / "report.json").is_file()

    table = cli("history", "--recording", str(EXAMPLE), "--weeks", "1")
    assert table.returncode == 0, table.stderr
    year, week, _ = dt.datetime.fromisoformat(entries[0]["started"]).isocalendar()
    row = next(line for line in table.stdout.splitlines() if f"{year}-W{week:02d}" in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[:5] == ["Enter expense claims", f"{year}-W{week:02d}", "1", "2", "1"]  # one run, two rows, one passed
    assert cells[5].endswith(" s")
