"""Repairs proposed after a run: only where two kinds of evidence agree on the place, never on one anchor's word."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.images import read_png, write_png
from deskpilot.ports import Element, Word
from deskpilot.vision.resolve import Resolver
from deskpilot.player.healing import Healer
from tests.unit.fakes import FakeAccessibility
from tests.unit.vision.test_elements import FORM, Windows
from tests.unit.vision.test_resolve import SceneOcr, StillScreen

AMOUNT = Element("text", "", Rect(300, 200, 200, 26), label="Amount:", path=("panel",), window=FORM.title,
                 states=frozenset({"showing", "editable"}))
LABEL = [Word("Amount:", Rect(200, 206, 56, 14), 0.95, (1, 1, 1))]


def scene(tmp_path: Path, words: list[Word]) -> tuple[Healer, m.Target, np.ndarray]:
    rng = np.random.default_rng(3)
    pixels = np.full((800, 1280, 3), 240, np.uint8)
    pixels[195:235, 290:510] = rng.integers(0, 255, (40, 220, 3), dtype=np.uint8)  # the field as it looks now
    write_png(tmp_path / "old.png", rng.integers(0, 255, (30, 60, 3), dtype=np.uint8))  # as it looked then
    windows = Windows(FORM)
    access = FakeAccessibility({FORM.title: [AMOUNT]})
    resolver = Resolver(StillScreen(pixels), SceneOcr(words), windows, tmp_path, access=access)
    target = m.Target(anchors=(
        m.ElementAnchor(role="text", label="Amount:", path=("panel",), window="^Add transaction$"),
        m.TextAnchor(text="Amount:", offset=(172, 0), height=14, near=(228, 213)),
        m.ImageAnchor(image="old.png", point=(30, 15), near=(400, 213)),
        m.WindowAnchor(window="^Add transaction$", point=(300, 113))))
    report = tmp_path / "report"
    return Healer(resolver, access, windows, report), target, pixels


def test_a_picture_that_no_longer_matches_where_element_and_label_agree_gets_a_fresh_crop(tmp_path: Path) -> None:
    healer, target, pixels = scene(tmp_path, LABEL)
    res = healer.resolver.resolve(target)
    assert res.found and res.best is not None and res.best.how == "element"
    (proposal,) = healer.propose("2", "target", target, res.best, healer.resolver.screen.grab())
    assert (proposal["step"], proposal["anchor"], proposal["kind"]) == ("2", 2, "image")
    assert proposal["new"]["image"] == "heal/step-2-2.png"
    crop = read_png(tmp_path / "report" / "heal" / "step-2-2.png")
    px, py = proposal["new"]["point"]
    assert crop is not None and crop.shape[1] > px >= 400 - 200  # the label (x 200-256) inside, left of the click
    assert np.array_equal(crop, pixels[213 - py:213 - py + crop.shape[0], 400 - px:400 - px + crop.shape[1]])
    assert "the element text 'Amount:' and its label agree on (400, 213)" in proposal["why"]


def test_no_repair_when_the_label_does_not_back_the_element(tmp_path: Path) -> None:
    healer, target, _ = scene(tmp_path, [Word("Amount:", Rect(200, 406, 56, 14), 0.95, (1, 1, 1))])  # another row
    res = healer.resolver.resolve(target)
    assert res.best is not None
    assert healer.propose("2", "target", target, res.best, healer.resolver.screen.grab()) == []


def test_an_element_gone_is_replaced_by_the_one_the_picture_and_label_found(tmp_path: Path) -> None:
    healer, target, _ = scene(tmp_path, LABEL)
    renamed = m.Target(anchors=(m.ElementAnchor(role="text", label="Betrag:", window="^Add transaction$"),
                                *target.anchors[1:]))
    found = healer.resolver.resolve(renamed)
    assert found.best is not None and found.best.how != "element"
    (proposal,) = healer.propose("2", "target", renamed, found.best, healer.resolver.screen.grab())
    assert proposal["kind"] == "element" and proposal["anchor"] == 0
    assert proposal["new"] == {"element": "text", "label": "Amount:", "path": ["panel"],
                               "window": "^Add transaction$"}


def test_a_step_is_only_noted_while_it_runs_and_its_repair_proposed_after_the_run(tmp_path: Path) -> None:
    from deskpilot.result import StepResult

    healer, target, _ = scene(tmp_path, LABEL)
    res = healer.resolver.resolve(target)
    assert res.best is not None
    result = StepResult(index=2, kind="click", description="click")
    healer.note(result, "2", "target", target, res.best, healer.resolver.screen.grab())
    assert result.heal == [] and len(healer._later) == 1  # nothing read yet: the step is not slowed
    healer.settle()
    assert [p["kind"] for p in result.heal] == ["image"] and healer._later == []
