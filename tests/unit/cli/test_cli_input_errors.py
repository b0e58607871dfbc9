"""Bad input through the real command line: one clear line, exit 2, every file as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "data" / "routines"
CASES = ["malformed-yaml", "unknown-step-kind", "missing-image", "escaping-image", "empty-steps", "unreadable-image"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["check", "play", "show"])
def test_bad_routines_exit_2_with_one_line_and_change_nothing(case: str, command: str, tmp_path: Path) -> None:
    folder = tmp_path / case
    shutil.copytree(DATA / "invalid" / case, folder)
    before = snapshot(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", command, case], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, env={"PATH": "/usr/bin:/bin", "COLUMNS": "300"})
    assert proc.returncode == 2, proc.stderr
    expected = (folder / "expected.txt").read_text(encoding="utf-8").strip().replace("routine.yaml", f"{case}/routine.yaml", 1)
    assert proc.stderr.strip().splitlines() == [f"error: {expected}"]
    assert snapshot(tmp_path) == before


def test_check_lists_every_problem_one_per_line(tmp_path: Path) -> None:
    (tmp_path / "routine.yaml").write_text("deskpilot: 1\nname: x\nsteps:\n  - clik: Save\n  - press: tabb\n")
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "check", "."], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "error: routine.yaml:4: step 1: unknown step kind 'clik' — did you mean 'click'?",
        "error: routine.yaml:5: step 2 (press): unknown key name 'tabb' — did you mean 'tab'?",
    ]


def test_a_bad_var_and_a_missing_variable_are_input_errors(tmp_path: Path) -> None:
    demo = Path(__file__).resolve().parents[3] / "recordings" / "demo"
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", str(demo), "--var", "oops"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2 and "--var 'oops': expected NAME=VALUE" in proc.stderr
    missing = tmp_path / "needs-var"
    missing.mkdir()
    (missing / "routine.yaml").write_text("deskpilot: 1\nname: x\nsteps:\n  - type: '{{ who }}'\n")
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", "needs-var"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2
    assert "variable 'who' has no value; give it with --var who=VALUE" in proc.stderr


def test_show_prints_the_steps() -> None:
    demo = Path(__file__).resolve().parents[3] / "recordings" / "demo"
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "show", str(demo)], capture_output=True, text=True,
                          timeout=60, env={"PATH": "/usr/bin:/bin", "COLUMNS": "200"})
    assert proc.returncode == 0
    assert 'click right of "Customer ID:"' in proc.stdout and "wait for" in proc.stdout


def test_a_missing_value_is_asked_for_in_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from deskpilot import cli

    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "routine.yaml").write_text("deskpilot: 1\nname: r\nsteps:\n  - type: '{{ who }}'\n", encoding="utf-8")
    played: list[dict[str, str]] = []
    from deskpilot.cli import play

    monkeypatch.setattr(play, "_play", lambda routine, values, options, platform=None: played.append(values) or play.Exit.OK)
    monkeypatch.setattr(play, "_interactive", lambda: True)
    result = CliRunner().invoke(cli.main, ["play", str(folder)], input="Ann\n")
    assert result.exit_code == 0, result.output
    assert played == [{"who": "Ann"}] and "who:" in result.output
    monkeypatch.setattr(play, "_interactive", lambda: False)
    result = CliRunner().invoke(cli.main, ["play", str(folder)])
    assert result.exit_code == 2 and "give it with --var who=VALUE" in result.output


def test_a_data_run_without_a_display_leaves_no_results_file(tmp_path: Path) -> None:
    """Refused before anything is written: exit 2 leaves every folder as it was."""
    shutil.copytree(DATA.parents[1].parent / "recordings" / "expense-claims", tmp_path / "claims")
    before = snapshot(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", "claims", "--data", "claims/claims.csv"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "300"})
    assert proc.returncode == 2 and "no display" in proc.stderr
    assert snapshot(tmp_path) == before and not (tmp_path / "claims" / "claims.results.csv").exists()


def test_check_answers_an_alias_bomb_at_once(tmp_path: Path) -> None:
    lines = ["deskpilot: 1", "name: bomb", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (tmp_path / "routine.yaml").write_text("\n".join(lines + ["steps:", "  - click: Save"]) + "\n")
    proc = subprocess.run([sys.executable, "-m", "deskpilot.cli", "check", "."], cwd=tmp_path, capture_output=True,
                          text=True, timeout=10)
    assert proc.returncode == 2 and "YAML aliases" in proc.stderr
