"""A second window over the form: DeskPilot stops with the covering window named and types nowhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_a_covered_field_stops_the_run_instead_of_typing_into_the_other_window(demo_app: Callable, cli: Callable,
                                                                               tmp_path: Path) -> None:
    form = demo_app()
    other = demo_app("--screen", "expense", "--title", "Notes - Scratch", "--x", "200", "--y", "90", name="notes.jsonl",
                     title="Notes - Scratch")
    run = cli("play", str(REPO / "recordings" / "demo"), "--timeout", "3", "--report", str(tmp_path / "report"))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "covered by the window 'Notes - Scratch'" in run.stderr
    assert form.records() == [] and other.records() == []
    assert (tmp_path / "report" / "step-001.png").is_file()  # the evidence
