"""Example 1 end to end: claims from a CSV entered into the demo app, killed half way and resumed."""

from __future__ import annotations

import csv
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from deskpilot.platform.x11.xvfb import VirtualDisplay

EXAMPLE = Path(__file__).resolve().parents[2] / "recordings" / "expense-claims"
EXPENSE = ("--screen", "expense")
TITLE = "Expense Claims - ACME ERP"


def rows_of(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def latest(path: Path) -> dict[str, dict[str, str]]:
    """Each row's last line: "committing" before its saving step, then its outcome."""
    return {r["row"]: r for r in rows_of(path)} if path.exists() else {}


def test_twenty_claims_are_entered_and_a_killed_run_resumes_without_redoing_a_row(
        demo_app: Callable, xdisplay: VirtualDisplay, cli: Callable, tmp_path: Path) -> None:
    data = tmp_path / "claims.csv"
    shutil.copy(EXAMPLE / "claims.csv", data)
    results = tmp_path / "claims.results.csv"
    app = demo_app(*EXPENSE, "--confirm-every", "4", name="claims.jsonl", title=TITLE)  # "Are you sure?" now and then
    env = {**xdisplay.env(), "COLUMNS": "200", "XDG_DATA_HOME": str(tmp_path / "data")}
    command = [sys.executable, "-m", "deskpilot.cli", "play", str(EXAMPLE), "--data", str(data)]
    first = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and sum(r["status"] == "ok" for r in latest(results).values()) < 5:
        assert first.poll() is None, first.communicate()
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)  # the machine dies: between two rows, or while one is being saved
    first.wait(timeout=10)
    before = latest(results)
    done_before = sum(r["status"] == "ok" for r in before.values())
    held = [n for n, r in before.items() if r["status"] == "committing"]
    assert 5 <= done_before < 20 and len(held) <= 1

    again = cli("play", str(EXAMPLE), "--data", str(data), timeout=400)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"resuming: {done_before} rows already finished" in again.stderr
    expected = rows_of(data)
    if held:  # killed while saving: held back, for a person to check the application, never entered again blindly
        assert f"row(s) {held[0]} stopped while being saved" in again.stderr
        if expected[int(held[0]) - 1] not in app.records():  # the application did not keep it: the person plays it
            named = cli("play", str(EXAMPLE), "--data", str(data), "--rows", held[0], timeout=120)
            assert named.returncode == 0, named.stdout + named.stderr
    records = app.records()
    assert sorted(map(str, records)) == sorted(map(str, expected)) and len(records) == 20  # every claim exactly once
    assert [r for r in records if r not in expected] == []
    finished = latest(results)
    assert sorted(finished, key=int) == [str(i) for i in range(1, 21)]
    assert {r["status"] for n, r in finished.items() if n not in held} == {"ok"}


def test_a_refused_row_fails_alone_and_bad_data_plays_nothing(demo_app: Callable, cli: Callable,
                                                              tmp_path: Path) -> None:
    data = tmp_path / "few.csv"
    data.write_text("claimant,date,category,amount,description\n"
                    "Anna Berg,2026-11-01,Hotel,159.50,Train ticket\n"
                    "Ben Okafor,2026-11-02,Travel,12000.00,Too much\n"  # over the application's limit
                    "Cara Lindqvist,2026-11-03,Meals,18.20,Lunch\n"
                    "Dora Alves,2026-11-04,Taxi,12.3.4,Malformed\n", encoding="utf-8")  # not a number to the app
    app = demo_app(*EXPENSE, name="claims.jsonl", title=TITLE)
    run = cli("play", str(EXAMPLE), "--data", str(data), "--on-failure", "skip", timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert [r["claimant"] for r in app.records()] == ["Anna Berg", "Cara Lindqvist"]
    results = latest(tmp_path / "few.results.csv")
    assert results["1"]["status"] == results["3"]["status"] == "ok"
    # refused when saved: it failed after its saving step, so it is held for a person, never retried blindly
    assert results["2"]["status"] == "uncertain" and "Saved claim" in results["2"]["error"]
    assert results["4"]["status"] == "uncertain" and "step-" in results["4"]["error"]  # refused too; its screenshot named

    broken = tmp_path / "broken.csv"
    broken.write_text("claimant,date,category,Amount\nDora,2026-11-04,Taxi,12.00\n", encoding="utf-8")
    bad = cli("play", str(EXAMPLE), "--data", str(broken))
    assert bad.returncode == 2
    assert "broken.csv" in bad.stderr and "'amount'" in bad.stderr and "Amount" in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "broken.results.csv").exists() and len(app.records()) == 2  # nothing played
