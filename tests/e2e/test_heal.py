"""Heal by review on a real application: a recording drifts (HomeBank in a dark theme), the replay finds its
steps by their elements and proposes fresh pictures, `deskpilot heal` shows the diff and writes nothing,
`--apply` writes it with the person's comments kept, and the healed recording replays right."""

from __future__ import annotations

import json
from pathlib import Path

from deskpilot.format import load_routine
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import DARK
from tests.zoo.check import load
from tests.zoo.replay import deskpilot, record, replay

COMMENT = "# checked by the clerk's supervisor"


def proposals(report: Path) -> list[dict[str, object]]:
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    return [p for step in data["steps"] for p in step.get("heal", [])]


def test_a_drifted_recording_is_healed_only_when_a_person_applies_it(xdisplay: VirtualDisplay, tmp_path: Path) -> None:
    app = load("homebank")
    recording, _ = record(app, xdisplay, tmp_path)
    routine = recording / "routine.yaml"
    routine.write_text(COMMENT + "\n" + routine.read_text(encoding="utf-8"), encoding="utf-8")
    outcome = replay(app, xdisplay, recording, DARK, tmp_path)
    assert outcome.status == "right", outcome.detail
    report = tmp_path / "report-dark-1"
    proposed = proposals(report)
    assert len([p for p in proposed if p["kind"] == "image"]) >= 3, proposed
    before = routine.read_bytes()

    shown = deskpilot(xdisplay, tmp_path, "heal", str(recording), "--report", str(report))
    assert shown.returncode == 0, shown.stdout + shown.stderr
    added = [line for line in shown.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert "nothing written" in shown.stdout and any("anchors/" in line for line in added), shown.stdout
    assert routine.read_bytes() == before  # shown, not written

    applied = deskpilot(xdisplay, tmp_path, "heal", str(recording), "--report", str(report), "--apply")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    text = routine.read_text(encoding="utf-8")
    assert text.startswith(COMMENT) and text != before.decode("utf-8")
    healed = load_routine(recording).routine  # still a valid routine, its pictures on disk
    images = [a.image for s in healed.steps for a in getattr(getattr(s, "target", None), "anchors", ())
              if hasattr(a, "image")]
    assert all((recording / i).is_file() for i in images)

    again = replay(app, xdisplay, recording, DARK, tmp_path, index=2)
    assert again.status == "right", again.detail
    assert len(proposals(tmp_path / "report-dark-2")) < len(proposed)  # what was healed is no longer proposed
