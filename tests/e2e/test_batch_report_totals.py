"""Example 3 end to end: totals read off four list screens into one CSV; an altered total fails loudly."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from deskpilot.demoapp.reports import built_in_data, region_totals
from deskpilot.demoapp.sales import format_amount

EXAMPLE = Path(__file__).resolve().parents[2] / "recordings" / "sales-totals"
TITLE = "Sales Report - ACME ERP"


def results_of(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return {r["row"]: r for r in csv.DictReader(fh)}


def plain(amount: str) -> Decimal:
    return Decimal(amount.replace(",", ""))


def test_totals_of_every_region_go_to_one_csv(demo_app: Callable, cli: Callable, tmp_path: Path) -> None:
    data = tmp_path / "regions.csv"
    shutil.copy(EXAMPLE / "regions.csv", data)
    demo_app("--screen", "reports", name="unused.jsonl", title=TITLE)
    run = cli("play", str(EXAMPLE), "--data", str(data), timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    got = results_of(tmp_path / "regions.results.csv")
    totals, ledger = region_totals(built_in_data()), built_in_data()
    for row, region in enumerate(("North", "South", "East", "West"), start=1):
        result = got[str(row)]
        assert result["status"] == "ok" and plain(result["total"]) == plain(totals[region])
        invoices = json.loads(result["invoices"])
        assert [(i["Invoice"], i["Customer"], i["Amount"]) for i in invoices] == [
            (v.number, v.customer, format_amount(v.amount)) for v in ledger[region]]
        assert result["invoices_count"] == str(len(ledger[region]))


def test_an_altered_total_fails_its_row_with_both_values(demo_app: Callable, cli: Callable, tmp_path: Path) -> None:
    data = tmp_path / "regions.csv"
    shutil.copy(EXAMPLE / "regions.csv", data)
    demo_app("--screen", "reports", "--alter-total", "South=6,240.75", name="unused.jsonl", title=TITLE)
    run = cli("play", str(EXAMPLE), "--data", str(data), timeout=300)  # the routine says on_failure: skip
    assert run.returncode == 1, run.stdout + run.stderr
    got = results_of(tmp_path / "regions.results.csv")
    assert [got[r]["status"] for r in ("1", "2", "3", "4")] == ["ok", "failed", "ok", "ok"]
    assert "expected 6,204.75 (number ±0.005), saw '6240.75'" in got["2"]["error"]
    assert "1 failed of 4 rows" in run.stderr
