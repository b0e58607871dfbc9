"""``play`` and ``history`` through the command line, on the one run path with a fake session.

The messages and exit codes are the command line's own; what is checked here is that
a single run and every data row leave their line in the history, and that
``deskpilot history`` adds them up per week.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from deskpilot import cli
from deskpilot.player.history import all_runs
from tests.unit.player.run_fakes import CLAIMS, FAKE_BACKEND, Opener, claims_recording


@pytest.fixture
def fake_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Opener:
    import deskpilot.environment
    import deskpilot.platform
    from deskpilot.player import run

    opener = Opener()
    monkeypatch.setattr(deskpilot.platform, "backend", lambda vnc=None: FAKE_BACKEND)
    monkeypatch.setattr(deskpilot.environment, "check_tesseract", lambda lang: None)
    monkeypatch.setattr(run, "_open_session", opener)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("DESKPILOT_SECRET_PASSWORD", "pw")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    return opener


def test_a_run_and_a_data_run_reach_the_history_and_the_weekly_table(tmp_path: Path, fake_machine: Opener) -> None:
    claims_recording(tmp_path / "claims", CLAIMS)
    runner = CliRunner()
    once = runner.invoke(cli.main, ["play", "claims", "--var", "claimant=Anna", "--report", "once"])
    assert once.exit_code == 0, once.output
    assert "passed: 4 steps in " in once.output and "report: " in once.output
    rows = runner.invoke(cli.main, ["play", "claims", "--data", "claims/claims.csv", "--on-failure", "skip",
                                    "--report", "rows"])
    assert rows.exit_code == 1, rows.output
    assert "failed rows: 2 ok, 1 failed of 3 rows in " in rows.output and "claims.results.csv" in rows.output
    assert fake_machine.opened == 2  # one session per command, however many rows
    assert [(e.row, e.status) for e in all_runs()] == [(None, "passed"), (1, "passed"), (2, "failed"), (3, "passed")]

    table = runner.invoke(cli.main, ["history", "--recording", "claims/routine.yaml", "--weeks", "1"])
    assert table.exit_code == 0, table.output
    week = dt.date.today().isocalendar()
    line = next(line for line in table.output.splitlines() if f"{week[0]}-W{week[1]:02d}" in line)
    assert line.split("│")[1:6] == [" Enter claims ", f" {week[0]}-W{week[1]:02d} ", "    2 ", "    3 ", "      3 "]


def test_history_without_runs_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = CliRunner().invoke(cli.main, ["history", "--weeks", "2"])
    assert result.exit_code == 0
    assert result.output.startswith("no runs in the last 2 weeks in the run history (")
