"""Play the shipped demo recording on a fresh demo app, as recorded and perturbed, and read what it saved."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.conftest import REPO

DEMO = REPO / "recordings" / "demo"
EXPECTED = {
    "customer_id": "C-1001", "company": "Müller Feinkost GmbH", "contact": "张三", "street": "12 Harbour Road",
    "city": "Hamburg", "postcode": "20457", "country": "Germany", "phone": "+49 40 1234567",
}

PERTURBATIONS = {
    "as-recorded": [],
    "moved": ["--x", "190", "--y", "130"],  # +150, +90 from the recorded position
    "font-1.25": ["--font-scale", "1.25"],
    "dark": ["--dark"],
    "slow": ["--slow", "2"],  # the window and the save each come 2 s late: steps wait, nothing sleeps
}


@pytest.mark.parametrize("name", list(PERTURBATIONS))
def test_the_demo_recording_replays_and_the_record_is_saved(name: str, demo_app: Callable, cli: Callable,
                                                            tmp_path: Path) -> None:
    app = demo_app(*PERTURBATIONS[name])
    proc = cli("play", str(DEMO), "--report", str(tmp_path / "report"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert app.records() == [EXPECTED]
    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "passed"
    assert all(step["status"] == "ok" for step in report["steps"])
    history = [json.loads(line) for line in (tmp_path / "data" / "deskpilot" / "runs.jsonl").read_text().splitlines()]
    assert [(h["status"], h["recording"]) for h in history] == [("passed", str(DEMO))]
    assert history[0]["saved_seconds"] == round(60 - report["seconds"], 1)


def test_variables_from_the_command_line_reach_the_form(demo_app: Callable, cli: Callable) -> None:
    app = demo_app()
    proc = cli("play", str(DEMO), "--var", "customer_id=C-2002", "--var", "city=Zürich")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert app.records() == [{**EXPECTED, "customer_id": "C-2002", "city": "Zürich"}]


def test_dry_run_finds_targets_and_touches_nothing(demo_app: Callable, cli: Callable, tmp_path: Path) -> None:
    app = demo_app()
    proc = cli("play", str(DEMO), "--dry-run", "--report", str(tmp_path / "dry"))
    report = json.loads((tmp_path / "dry" / "report.json").read_text(encoding="utf-8"))
    first_click = report["steps"][0]
    assert first_click["status"] == "dry-run" and first_click["point"] is not None
    assert (tmp_path / "dry" / first_click["screenshot"]).exists()
    assert app.records() == []  # nothing was typed or clicked
    # after the first field the form is still empty, so "Saved C-1001" cannot be on screen: reported, not faked
    assert proc.returncode == 1 and report["steps"][-1]["status"] == "failed"


def test_a_missing_target_fails_with_an_annotated_screenshot(demo_app: Callable, cli: Callable,
                                                             tmp_path: Path) -> None:
    demo_app()
    routine = tmp_path / "broken"
    routine.mkdir()
    (routine / "routine.yaml").write_text(
        "deskpilot: 1\nname: broken\nsteps:\n  - click: {text: 'Invoice number:', offset: [100, 0], timeout: 2}\n",
        encoding="utf-8")
    proc = cli("play", str(routine), "--report", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert 'step 1 (click right of "Invoice number:"): not found after 2.0 s' in proc.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["steps"][0]["screenshot"] == "step-001.png"
    assert (tmp_path / "out" / "step-001.png").stat().st_size > 1000
    assert "data:image/png;base64," in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
