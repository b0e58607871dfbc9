"""Heal by review: a run's proposals applied like a hand edit, every comment and untouched line kept; a proposal
that no longer fits the routine is refused and leaves every file as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from deskpilot import model as m
from deskpilot.format import heal, load_routine
from deskpilot.images import write_png
from tests.unit.format.test_roundtrip import DATA, assert_stable, changed_lines, comments, copy_case

FULL = DATA / "valid" / "full"
NEW_PICTURE = {"image": "heal/step-1-2.png", "point": [20, 8], "near": [412, 233]}


def write_report(folder: Path, *proposals: dict[str, Any], kinds: dict[str, str] | None = None) -> Path:
    """A run's report folder holding ``proposals`` (each on the step it names) and a picture for each image."""
    steps: dict[str, dict[str, Any]] = {}
    for p in proposals:
        number = str(p["step"])
        kind = (kinds or {}).get(number, "click")
        index = int(number.split(".")[0]) if number[:1].isdigit() else 0
        steps.setdefault(number, {"index": index, "kind": kind, "description": kind, "status": "ok",
                                  "path": number if "." in number else "", "heal": []})
        steps[number]["heal"].append(p)
        if isinstance(p.get("new"), dict) and "image" in p["new"]:
            write_png(folder / p["new"]["image"], np.full((16, 40, 3), 90 + len(steps), np.uint8))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps({"routine": "x", "steps": list(steps.values())}), encoding="utf-8")
    return folder


def proposal(step: str = "1", anchor: int | None = 2, kind: str = "image", new: dict[str, Any] | None = None,
             target: str = "target") -> dict[str, Any]:
    return {"step": step, "target": target, "anchor": anchor, "kind": kind, "new": new or dict(NEW_PICTURE),
            "why": "the picture no longer matches; the element and the label agree on (412, 233)"}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def full(tmp_path: Path) -> Path:
    return copy_case(FULL, tmp_path / "recordings")


def test_a_new_picture_replaces_the_old_one_keeping_every_comment_and_line(full: Path, tmp_path: Path) -> None:
    report = write_report(tmp_path / "report", proposal())
    write_png(full / "anchors" / "step-1-2.png", np.zeros((4, 4, 3), np.uint8))  # the name is taken
    taken = (full / "anchors" / "step-1-2.png").read_bytes()
    loaded = load_routine(full)
    applied = heal.apply(loaded, heal.load_proposals(report), report)
    again = load_routine(full)
    assert comments(again.text) == comments(loaded.text)
    assert changed_lines(loaded.text, again.text) == [
        "-        - image: anchors/001.png", "+        - image: anchors/step-1-2-2.png", "-          threshold: 0.85"]
    assert (full / "anchors" / "step-1-2.png").read_bytes() == taken  # never overwritten
    assert (full / "anchors" / "step-1-2-2.png").read_bytes() == (report / "heal" / "step-1-2.png").read_bytes()
    assert applied.pictures == (full / "anchors" / "step-1-2-2.png",)
    image = again.routine.steps[0].target.anchors[2]  # type: ignore[attr-defined]
    assert image == m.ImageAnchor(image="anchors/step-1-2-2.png", point=(20, 8), near=(412, 233))
    assert again.routine.steps[1:] == loaded.routine.steps[1:]
    assert_stable(full)


def test_the_diff_shows_only_the_changed_lines_and_writes_nothing(full: Path, tmp_path: Path) -> None:
    report = write_report(tmp_path / "report", proposal())
    before = snapshot(full)
    text = heal.diff(load_routine(full), heal.load_proposals(report), report)
    assert snapshot(full) == before
    body = [line for line in text.splitlines() if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    assert body == ["-        - image: anchors/001.png", "+        - image: anchors/step-1-2.png",
                    "-          threshold: 0.85"]
    assert text.startswith(f"--- {full / 'routine.yaml'}\n+++ {full / 'routine.yaml'} (healed)\n")


def test_a_target_written_inline_or_as_a_phrase_becomes_a_list_keeping_the_other_keys(tmp_path: Path) -> None:
    folder = tmp_path / "rec"
    folder.mkdir()
    (folder / "routine.yaml").write_text(
        "deskpilot: 1   # format\nname: x\nsteps:\n"
        "  - click: Save   # the phrase\n"
        "  - click: {text: Clear, button: right}\n"
        "  - click:\n      text: Amount   # the label\n      offset: [40, 0]\n      # the right button\n"
        "      button: right\n"
        "  - type: done\n", encoding="utf-8")
    element = {"element": "push button", "name": "Save", "window": "^Add$"}
    report = write_report(tmp_path / "report", proposal("1", None, "element", element),
                          proposal("2", None, "element", {**element, "name": "Clear"}),
                          proposal("3", None, "image", {"image": "heal/step-3.png", "point": [4, 4]}))
    loaded = load_routine(folder)
    heal.apply(loaded, heal.load_proposals(report), report)
    again = load_routine(folder)
    assert comments(again.text) == comments(loaded.text)
    steps: Any = again.routine.steps
    click, clear, amount = steps[:3]
    assert click.target.anchors == (m.ElementAnchor(role="push button", name="Save", window="^Add$"),
                                    m.TextAnchor(text="Save"))
    assert clear.button == "right" and [type(a) for a in clear.target.anchors] == [m.ElementAnchor, m.TextAnchor]
    assert amount.button == "right" and amount.target.anchors == (
        m.TextAnchor(text="Amount", offset=(40, 0)), m.ImageAnchor(image="anchors/step-3.png", point=(4, 4)))
    assert again.text.splitlines()[:3] == loaded.text.splitlines()[:3] and again.text.endswith("  - type: done\n")
    assert "      target:\n        - text: Amount   # the label\n          offset: [40, 0]\n" in again.text
    assert_stable(folder)


def test_nested_and_drag_targets(full: Path, tmp_path: Path) -> None:
    report = write_report(tmp_path / "report", proposal("4", 0, "text", {"text": "Bin", "offset": [3, 0]}, "dest"),
                          proposal("21.1", None, "element", {"element": "push button", "name": "Yes"}),
                          kinds={"4": "drag"})
    loaded = load_routine(full)
    heal.apply(loaded, heal.load_proposals(report), report)
    again = load_routine(full)
    steps: Any = again.routine.steps
    assert steps[3].dest.anchors == (m.TextAnchor(text="Bin", offset=(3, 0)),)
    assert steps[3].source == loaded.routine.steps[3].source  # type: ignore[attr-defined]
    inner = steps[20].steps[0]
    assert inner.target.anchors == (m.ElementAnchor(role="push button", name="Yes"), m.TextAnchor(text="Yes"))
    assert comments(again.text) == comments(loaded.text)


def test_a_proposal_taken_before_is_not_made_twice(full: Path, tmp_path: Path) -> None:
    report = write_report(tmp_path / "report", proposal())
    heal.apply(load_routine(full), heal.load_proposals(report), report)
    before = snapshot(full)
    applied = heal.apply(load_routine(full), heal.load_proposals(report), report)
    assert applied.edits == () and [p.step for p in applied.already] == ["1"]
    assert snapshot(full) == before
    assert heal.diff(load_routine(full), heal.load_proposals(report), report) == ""


@pytest.mark.parametrize(("entry", "kinds", "why"), [
    (proposal("1"), {"1": "type"}, "(it was a type step, now click)"),
    (proposal("1", anchor=7), None, "(its target has 5 anchors, the proposal replaces number 8)"),
    (proposal("1", anchor=1), None, "(anchor 2 is a text anchor now, the proposal replaces an image anchor)"),
    (proposal("40"), None, "(there is no such step now)"),
    (proposal("6"), {"6": "scroll"}, "(a scroll step here has no target to heal)"),
])
def test_a_proposal_that_no_longer_fits_is_refused_and_nothing_changes(
        full: Path, tmp_path: Path, entry: dict[str, Any], kinds: dict[str, str] | None, why: str) -> None:
    report = write_report(tmp_path / "report", proposal("3", None, "element", {"element": "label", "name": "Clear"}),
                          entry, kinds=kinds)
    before = snapshot(full)
    loaded = load_routine(full)
    with pytest.raises(heal.HealRefused) as caught:
        heal.apply(loaded, heal.load_proposals(report), report)
    assert str(caught.value) == (f"{full / 'routine.yaml'}: step {entry['step']}: the routine changed since that run "
                                 f"{why}; play the recording again for a new proposal, or fix the step by hand")
    assert snapshot(full) == before  # the good proposal beside it was not written either, no picture copied


def test_a_step_inside_a_call_is_left_to_a_person(full: Path, tmp_path: Path) -> None:
    report = write_report(tmp_path / "report", proposal("22.1", None, "text", {"text": "User"}))
    with pytest.raises(heal.HealRefused, match=r"step 22.1: not applied: it is inside a call step; edit the called"):
        heal.diff(load_routine(full), heal.load_proposals(report), report)


def test_malformed_proposals_are_left_out_and_each_said_why(tmp_path: Path) -> None:
    report = write_report(tmp_path / "report", proposal("2", None, "element", {"element": "label"}),
                          {"step": "x"}, proposal("3", kind="point"), proposal("4", anchor=-1),
                          proposal("5", kind="text"), proposal("6", new={"image": "../../etc/passwd"}),
                          proposal("7", new={"image": "heal/missing.png"}))
    (report / "heal" / "missing.png").unlink(missing_ok=True)
    skipped: list[str] = []
    assert [p.step for p in heal.load_proposals(report, skipped=skipped)] == ["2"]
    file = report / "report.json"
    assert skipped == [
        f"{file}: step 2, proposal 1: 'step' must be a step number such as 9 or 4.1, not 'x'; left out",  # 2nd result
        f"{file}: step 3, proposal 1: 'kind' must be one of element, text, image, window, not 'point'; left out",
        f"{file}: step 4, proposal 1: 'anchor' must be an anchor's number (0 is the first) or null, not -1; left out",
        f"{file}: step 5, proposal 1: 'kind' is text but the new anchor is not; left out",
        f"{file}: step 6, proposal 1: its picture path escapes the report folder: ../../etc/passwd; left out",
        f"{file}: step 7, proposal 1: its picture not found: heal/missing.png; left out",
    ]


def test_a_damaged_or_missing_report_is_one_clear_message(tmp_path: Path) -> None:
    with pytest.raises(heal.HealRefused, match=r"report.json: no such report; give the folder of a run"):
        heal.load_proposals(tmp_path)
    (tmp_path / "report.json").write_text('{"steps": [\n  {"heal": }', encoding="utf-8")
    with pytest.raises(heal.HealRefused) as caught:
        heal.load_proposals(tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'report.json'}:2: the report is damaged (not valid JSON: Expecting "
                                 "value); play the recording again for a new report")


def test_the_newest_report_with_proposals_is_found_in_data_run_folders_too(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    older = write_report(reports / "full-20250101-090000", proposal())
    newest_empty = write_report(reports / "full-20250103-090000")
    batch = write_report(reports / "full-20250102-090000" / "row-0002", proposal())
    other = write_report(reports / "full-copy-20250104-090000", proposal())
    for i, folder in enumerate((older, batch, newest_empty, other)):
        os.utime(folder / "report.json", (1_000_000 + i, 1_000_000 + i))
    recording = tmp_path / "full"
    assert heal.find_report(recording, [reports, tmp_path / "nowhere"]) == batch
    heal.reject(batch, heal.load_proposals(batch)[0])
    assert heal.pending(batch) == [] and heal.find_report(recording, [reports]) == older
    assert heal.find_report(tmp_path / "other", [reports]) is None
