"""``deskpilot heal`` through the command line: the diff first, ``--apply`` writes; every error is one line, exit 2,
and every file as it was."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deskpilot import cli
from deskpilot.format import load_routine
from tests.unit.format.test_heal import FULL, proposal, snapshot, write_report


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the recording ``full`` and a run's report under ./reports, as ``deskpilot play`` leaves."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "300")
    shutil.copytree(FULL, tmp_path / "full")
    old = write_report(tmp_path / "reports" / "full-20250101-090000", proposal("2", None, "text", {"text": "Keep"}))
    new = write_report(tmp_path / "reports" / "full-20250102-090000" / "row-0001", proposal(),
                       proposal("3", None, "element", {"element": "push button", "name": "Clear"}))
    os.utime(old / "report.json", (1_000_000, 1_000_000))
    os.utime(new / "report.json", (2_000_000, 2_000_000))
    return tmp_path


def heal(*args: str) -> object:
    return CliRunner().invoke(cli.main, ["heal", *args])


def test_without_apply_it_shows_the_newest_report_and_the_diff_and_writes_nothing(here: Path) -> None:
    before = snapshot(here)
    result = heal("full")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    lines = result.output.splitlines()  # type: ignore[attr-defined]
    assert lines[:3] == [
        f"report: {Path('reports/full-20250102-090000/row-0001')} (the newest with proposals)",
        "step 1: replace its image anchor: the picture no longer matches; the element and the label agree on "
        "(412, 233)",
        "step 3: add an element anchor: the picture no longer matches; the element and the label agree on (412, 233)"]
    assert lines[3:5] == [f"--- {Path('full/routine.yaml')}", f"+++ {Path('full/routine.yaml')} (healed)"]
    assert "-        - image: anchors/001.png" in lines and "+        - image: anchors/step-1-2.png" in lines
    assert "+        - element: push button" in lines and "+          name: Clear" in lines
    assert lines[-1] == "nothing written; run again with --apply to write it"
    assert snapshot(here) == before


def test_apply_writes_copies_the_picture_and_says_what_it_wrote(here: Path) -> None:
    result = heal("full", "--apply")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert result.output.splitlines()[-3:] == [  # type: ignore[attr-defined]
        f"wrote {Path('full/routine.yaml')}",
        "  step 1: replaced its image anchor (anchors/step-1-2.png, copied from heal/step-1-2.png)",
        "  step 3: added an element anchor"]
    routine = load_routine(here / "full").routine
    assert routine.steps[0].target.anchors[2].image == "anchors/step-1-2.png"  # type: ignore[attr-defined]
    assert routine.steps[2].target.anchors[0].name == "Clear"  # type: ignore[attr-defined]
    assert (here / "full" / "anchors" / "step-1-2.png").is_file()
    again = heal("full", "--apply")
    assert again.exit_code == 0 and "has every proposal already" in again.output  # type: ignore[attr-defined]


def test_only_takes_the_named_steps_and_report_names_the_folder(here: Path) -> None:
    result = heal("full", "--only", "3", "--apply")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert not (here / "full" / "anchors" / "step-1-2.png").exists()
    routine = load_routine(here / "full").routine
    assert routine.steps[0].target.anchors[2].image == "anchors/001.png"  # type: ignore[attr-defined]
    older = heal("full", "--report", "reports/full-20250101-090000")
    assert older.exit_code == 0 and older.output.startswith(  # type: ignore[attr-defined]
        f"report: {Path('reports/full-20250101-090000')}\nstep 2: add a text anchor")


@pytest.mark.parametrize(("args", "setup", "message"), [
    (["full", "--only", "7"], None,
     "--only 7: the report has no proposal for step 7; its proposals are for step 1, 3"),
    (["missing"], None, "missing/routine.yaml: no such file — give a recording folder that holds routine.yaml"),
    (["full", "--report", "nowhere"], None,
     "nowhere/report.json: no such report; give the folder of a run (it holds report.json)"),
    (["full"], "break", "reports/full-20250102-090000/row-0001/report.json:1: the report is damaged (not valid JSON: "
                        "Expecting value); play the recording again for a new report"),
    (["full", "--apply"], "change",
     "full/routine.yaml: step 1: the routine changed since that run (anchor 3 is a window anchor now, the proposal "
     "replaces an image anchor); play the recording again for a new proposal, or fix the step by hand"),
    (["full"], "none",
     "no report with proposals for full under reports/; play the recording first, or give the run's report folder "
     "with --report"),
])
def test_errors_are_one_line_exit_2_and_change_nothing(here: Path, args: list[str], setup: str | None,
                                                       message: str) -> None:
    newest = here / "reports" / "full-20250102-090000" / "row-0001" / "report.json"
    if setup == "break":
        args = [*args, "--report", str(newest.parent.relative_to(here))]
        newest.write_text("[not json", encoding="utf-8")
    elif setup == "change":  # a person deleted the image anchor by hand since the run
        text = (here / "full" / "routine.yaml").read_text(encoding="utf-8")
        start = text.index("        - image: anchors/001.png")
        end = text.index("        - window: ^Customer Master")
        (here / "full" / "routine.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    elif setup == "none":
        shutil.rmtree(here / "reports")
    before = snapshot(here)
    result = heal(*args)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert result.stderr.splitlines() == [f"error: {message}"]  # type: ignore[attr-defined]
    assert snapshot(here) == before


def test_malformed_proposals_are_noted_and_the_others_shown(here: Path) -> None:
    folder = here / "reports" / "full-20250102-090000" / "row-0001"
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    data["steps"][0]["heal"].append({"step": "1", "target": "nose"})
    (folder / "report.json").write_text(json.dumps(data), encoding="utf-8")
    result = heal("full")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert result.stderr.splitlines() == [  # type: ignore[attr-defined]
        f"note: {folder.relative_to(here) / 'report.json'}: step 1, proposal 2: 'target' must be target, source or "
        "dest, not 'nose'; left out"]
