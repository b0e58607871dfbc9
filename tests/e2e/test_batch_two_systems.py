"""Example 2 end to end: the same customer rows into the classic form and into a green-screen terminal.

Both forms keep what they hold after a save, as many old ones do: each row is typed over the row
before it, and a field that got the new value after the old one would show in the records.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

RECORDINGS = Path(__file__).resolve().parents[2] / "recordings"
DATA = RECORDINGS / "customer-master" / "customers.csv"
TERMINAL_FIELDS = ("customer_id", "company", "contact", "city", "postcode", "country")


def test_the_same_rows_reach_both_systems_exactly(demo_app: Callable, cli: Callable, tmp_path: Path) -> None:
    with open(DATA, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    classic = demo_app("--keep-values", name="classic.jsonl")  # each row finds the row before it still in the form
    run = cli("play", str(RECORDINGS / "demo"), "--data", str(DATA), "--results", str(tmp_path / "classic.csv"),
              timeout=400)
    assert run.returncode == 0, run.stdout + run.stderr
    classic.stop()
    assert classic.records() == rows

    terminal = demo_app("--screen", "terminal", "--keep-values", name="terminal.jsonl", title="TERMINAL - CUSTMAINT")
    run = cli("play", str(RECORDINGS / "customers-terminal"), "--data", str(DATA),
              "--results", str(tmp_path / "terminal.csv"), timeout=400)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "columns not used by the routine: street, phone" in run.stderr
    assert terminal.records() == [{k: r[k] for k in TERMINAL_FIELDS} for r in rows]
