"""The routine format: byte-identical round trips, hand edits kept, every invalid file named exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot import model as m
from deskpilot.errors import RoutineError
from deskpilot.format import dump_new_routine, load_routine
from deskpilot.format.registry import STEPS
from tests.unit.format.test_roundtrip import copy_case  # byte-identical saves and kept comments are tested there

DATA = Path(__file__).resolve().parents[2] / "data" / "routines"
VALID = sorted(p.parent for p in (DATA / "valid").glob("*/routine.yaml"))
INVALID = sorted(p.parent for p in (DATA / "invalid").glob("*/routine.yaml"))


def test_the_full_example_reads_into_the_model() -> None:
    routine = load_routine(DATA / "valid" / "full").routine
    kinds = [s.kind for s in routine.steps]
    assert kinds[:5] == ["click", "click", "click", "drag", "scroll"]
    assert set(kinds) == set(STEPS)
    first = routine.steps[0]
    assert isinstance(first, m.Click)
    assert first.button == "right" and first.clicks == 2 and first.modifiers == ("ctrl", "shift")
    assert first.frame == "screens/001.png"  # not on disk: a missing frame only leaves the editor without it
    element, text, image, window, point = first.target.anchors
    assert element == m.ElementAnchor(role="text", name="Customer ID", label="Customer ID:",
                                      path=("panel:Customer", "filler"), window="^Customer Master", index=3,
                                      at=(0.1, 0.5))
    assert text == m.TextAnchor(text="Customer ID:", offset=(96.0, 0.0), offset_em=(6.9, 0.0), height=14,
                                occurrence=1, near=(412, 233))
    assert image == m.ImageAnchor(image="anchors/001.png", point=(20, 8), near=(412, 233), threshold=0.85)
    assert window == m.WindowAnchor(window="^Customer Master", point=(300, 120))
    assert point == m.PointAnchor(at=(412, 233), screen=(1280, 800))
    assert routine.variables == {"customer_id": "C-1001", "amount": "12.50"}
    assert routine.timeout == 8 and routine.lang == "eng+chi_sim" and routine.manual_seconds == 74.5
    assert routine.steps[1] == m.Click(target=m.Target(anchors=(m.TextAnchor(text="Save"),)))


def test_chinese_text_loads_unchanged() -> None:
    routine = load_routine(DATA / "valid" / "chinese").routine
    assert routine.name == "录入客户"
    assert routine.steps[1] == m.Type(text="张三")


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.name)
def test_a_routine_built_in_code_writes_and_reads_back_equal(case: Path, tmp_path: Path) -> None:
    routine = load_routine(case).routine
    folder = copy_case(case, tmp_path)
    (folder / "routine.yaml").write_text(dump_new_routine(routine), encoding="utf-8")
    again = load_routine(folder).routine
    assert again.steps == routine.steps
    assert (again.name, again.variables, again.lang, again.timeout) == (routine.name, routine.variables,
                                                                        routine.lang, routine.timeout)


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.name)
def test_each_invalid_routine_gives_its_exact_message(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(case)
    expected = (case / "expected.txt").read_text(encoding="utf-8").strip()
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in case.rglob("*") if p.is_file()}
    with pytest.raises(RoutineError) as info:
        load_routine(Path("."))
    assert str(info.value.problems[0]) == expected
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in case.rglob("*") if p.is_file()}
    assert after == before  # loading never writes


def test_every_problem_is_collected_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "routine.yaml").write_text(
        "deskpilot: 1\nname: x\nsteps:\n  - click: {text: Save, buton: left}\n  - press: tabb\n"
        "  - wait_for: {text: Saved, timeout: soon}\n", encoding="utf-8")
    with pytest.raises(RoutineError) as info:
        load_routine(tmp_path)
    lines = [(p.line, p.step) for p in info.value.problems]
    assert lines == [(4, 1), (5, 2), (6, 3)]
    assert str(info.value).endswith("(and 2 more problems)")
    assert "did you mean 'button'?" in info.value.all_lines()[0]


def test_an_alias_bomb_is_refused_before_anything_is_expanded(tmp_path: Path) -> None:
    """Nine levels of nine aliases: under a kilobyte, a billion strings once walked."""
    lines = ["deskpilot: 1", "name: bomb", 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (tmp_path / "routine.yaml").write_text("\n".join(lines + ["steps:", "  - click: Save"]) + "\n", encoding="utf-8")
    import time

    started = time.monotonic()
    with pytest.raises(RoutineError, match="uses 72 YAML aliases"):
        load_routine(tmp_path)
    assert time.monotonic() - started < 1.0


def test_a_fifo_or_an_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "routine.yaml")  # reading it would block for ever
    with pytest.raises(RoutineError, match="is not a regular file"):
        load_routine(tmp_path)
    big = tmp_path / "big"
    big.mkdir()
    (big / "routine.yaml").write_bytes(b"#" * 2_000_001)
    with pytest.raises(RoutineError, match="a routine is at most 2,000,000"):
        load_routine(big)
