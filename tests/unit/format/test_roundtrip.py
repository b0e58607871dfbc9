"""Saving: byte-identical when nothing changed, and an edit changes only its own lines (black's assert_stable)."""

from __future__ import annotations

import codecs
import difflib
import os
import shutil
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from deskpilot import model as m
from deskpilot.format import load_routine, render, save_routine

DATA = Path(__file__).resolve().parents[2] / "data" / "routines"
VALID = sorted(p.parent for p in (DATA / "valid").glob("*/routine.yaml"))


def copy_case(case: Path, tmp_path: Path) -> Path:
    dest = tmp_path / case.name
    shutil.copytree(case, dest)
    return dest


def changed_lines(before: str, after: str) -> list[str]:
    """The lines removed (-) and added (+) between two texts."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("---", "+++"))]


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line and "{{" not in line]


def assert_stable(folder: Path) -> None:
    """Reload what was saved and save it again: nothing may move."""
    again = load_routine(folder)
    save_routine(again)
    assert (folder / "routine.yaml").read_text(encoding="utf-8-sig") == again.text


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_load_then_save_is_byte_identical(case: Path, tmp_path: Path) -> None:
    folder = copy_case(case, tmp_path)
    before = (folder / "routine.yaml").read_bytes()
    save_routine(load_routine(folder))
    assert (folder / "routine.yaml").read_bytes() == before


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_renaming_keeps_every_comment_and_changes_one_line(case: Path, tmp_path: Path) -> None:
    folder = copy_case(case, tmp_path)
    loaded = load_routine(folder)
    loaded.document["name"] = "Edited by the program"
    save_routine(loaded)
    again = load_routine(folder)
    assert again.routine.name == "Edited by the program"
    assert again.routine.steps == loaded.routine.steps
    assert comments(again.text) == comments(loaded.text)
    assert len(changed_lines(loaded.text, again.text)) == 2
    assert_stable(folder)


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_editing_the_last_step_leaves_the_lines_above_it_alone(case: Path, tmp_path: Path) -> None:
    folder = copy_case(case, tmp_path)
    loaded = load_routine(folder)
    last = len(loaded.routine.steps) - 1
    loaded.document["steps"][last] = CommentedMap([("type", "edited text")])
    save_routine(loaded)
    again = load_routine(folder)
    assert again.routine.steps == (*loaded.routine.steps[:last], m.Type(text="edited text"))
    above = loaded.step_lines[last] - 1
    assert again.text.splitlines()[:above] == loaded.text.splitlines()[:above]
    assert_stable(folder)


def test_a_hand_styled_file_keeps_its_style_outside_the_edit(tmp_path: Path) -> None:
    folder = copy_case(DATA / "valid" / "hand-styled", tmp_path)
    loaded = load_routine(folder)
    loaded.document["name"] = "Renamed"
    loaded.document["steps"][3]["type"] = "changed"
    loaded.document["steps"].insert(1, CommentedMap([("press", "esc")]))
    save_routine(loaded)
    after = (folder / "routine.yaml").read_text(encoding="utf-8")
    assert changed_lines(loaded.text, after) == [
        '-name: "Hand styled"', '+name: "Renamed"', "+-   press: esc",
        '--   type: "tab\\there \\u00e9"', '+-   type: "changed"']
    assert [s.kind for s in load_routine(folder).routine.steps][:3] == ["click", "press", "click"]
    assert_stable(folder)


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", False), ("\n", True), ("\r\n", True)])
def test_line_ends_and_byte_order_mark_survive(tmp_path: Path, newline: str, bom: bool) -> None:
    source = (DATA / "valid" / "full" / "routine.yaml").read_text(encoding="utf-8")
    folder = copy_case(DATA / "valid" / "full", tmp_path)
    raw = (codecs.BOM_UTF8 if bom else b"") + source.replace("\n", newline).encode("utf-8")
    (folder / "routine.yaml").write_bytes(raw)
    loaded = load_routine(folder)
    assert loaded.text == source
    save_routine(loaded)
    assert (folder / "routine.yaml").read_bytes() == raw
    loaded.document["name"] = "x"
    save_routine(loaded)
    after = (folder / "routine.yaml").read_bytes()
    assert after.startswith(codecs.BOM_UTF8) == bom
    assert after.count(b"\r\n") == (after.count(b"\n") if newline == "\r\n" else 0)
    assert load_routine(folder).routine.name == "x"


def test_a_file_without_a_final_newline_saves_unchanged(tmp_path: Path) -> None:
    (tmp_path / "routine.yaml").write_bytes(b"deskpilot: 1\nname: x\nsteps:\n  - press: tab")
    save_routine(load_routine(tmp_path))
    assert (tmp_path / "routine.yaml").read_bytes() == b"deskpilot: 1\nname: x\nsteps:\n  - press: tab"


def test_save_to_another_path_and_a_bare_document(tmp_path: Path) -> None:
    loaded = load_routine(DATA / "valid" / "full")
    save_routine(loaded, tmp_path / "copy.yaml")
    assert (tmp_path / "copy.yaml").read_text(encoding="utf-8") == loaded.text
    (tmp_path / "folder").mkdir()
    save_routine(loaded.document, tmp_path / "folder")
    assert (tmp_path / "folder" / "routine.yaml").read_text(encoding="utf-8") == render(loaded)
    with pytest.raises(TypeError, match="needs the path"):
        save_routine(loaded.document)


def test_render_shows_what_a_save_would_write() -> None:
    loaded = load_routine(DATA / "valid" / "minimal")
    assert render(loaded) == loaded.text
    loaded.document["steps"][0]["press"] = "enter"
    assert render(loaded) == loaded.text.replace("press: tab", "press: enter")


def test_loading_never_writes(tmp_path: Path) -> None:
    folder = copy_case(DATA / "valid" / "full", tmp_path)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}
    load_routine(folder)
    load_routine(folder / "routine.yaml")
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()} == before


def test_a_failed_save_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy_case(DATA / "valid" / "minimal", tmp_path)
    loaded = load_routine(folder)
    before = (folder / "routine.yaml").read_bytes()
    loaded.document["name"] = "new"

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        save_routine(loaded)
    assert (folder / "routine.yaml").read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["routine.yaml"]  # no temp file left behind
