"""The two Tesseract engines read the same screen into the same words; the in-process one where it loads."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from deskpilot.geometry import Point
from deskpilot.vision import engines
from deskpilot.vision.tesseract import TesseractOcr
from tests.unit.vision.render import DARK, LIGHT, Theme, render_form

LABELS = ["Customer ID:", "Company:", "Postcode:", "Credit limit:"]


@pytest.fixture
def choose(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_engine(name: str) -> engines.Engine:
        monkeypatch.setenv(engines.CHOICE, name)
        engines.reset()
        return engines.engine()

    yield set_engine
    engines.reset()


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_both_engines_read_the_same_labels_at_the_same_places(theme: Theme, choose: Any) -> None:
    pixels, _ = render_form(LABELS, size=14, theme=theme)
    seen = {}
    for name in ("pytesseract", "tesserocr"):
        assert name in choose(name).name
        words = TesseractOcr().words(pixels, Point(10, 20), "eng")
        seen[name] = {(w.text, w.box.x, w.box.y) for w in words}
        assert {w.text for w in words} >= {"Customer", "ID:", "Company:", "Postcode:", "Credit", "limit:"}
    assert seen["pytesseract"] == seen["tesserocr"]


def test_a_line_is_read_the_same_by_both(choose: Any) -> None:
    pixels, boxes = render_form(["Invoice 4711 approved"], size=16)
    texts = []
    for name in ("pytesseract", "tesserocr"):
        choose(name)
        texts.append(TesseractOcr().read_text(pixels, "eng", line=True))
    assert texts[0] == texts[1] and texts[0].startswith("Invoice 4711 a")  # the same reading, slips and all


def test_without_tesserocr_the_process_engine_reads(choose: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def no_tesserocr(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "tesserocr":
            raise ImportError("no wheel for this machine")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tesserocr)
    assert isinstance(choose("auto"), engines.Pytesseract)
    assert isinstance(choose("tesserocr"), engines.Pytesseract)  # asked for, cannot load: said, and the fallback


def test_the_word_table_parses_as_pytesseract_gives_it() -> None:
    tsv = "1\t1\t0\t0\t0\t0\t0\t0\t200\t40\t-1\t\n5\t1\t1\t1\t1\t1\t12\t8\t60\t14\t96.5\tCity:\n"
    table = engines.parse_tsv(tsv)
    assert table["text"] == ["", "City:"] and table["conf"] == [-1.0, 96.5]
    assert (table["left"][1], table["top"][1], table["width"][1], table["line_num"][1]) == (12, 8, 60, 1)
    assert engines._options("--psm 7 --oem 1") == (7, 1) and engines._options("") == (3, 1)


def test_auto_reads_with_the_program_when_tesserocr_runs_another_tesseract(choose: Any,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """PyPI's wheel carries a newer Tesseract that reads some screens differently: a recording must read the same."""
    monkeypatch.setattr(engines, "_version_in_process", lambda: "5.5.4")
    monkeypatch.setattr(engines, "_version_of_program", lambda: "5.3.0")
    chosen = choose("auto")
    assert isinstance(chosen, engines.Pytesseract) and "5.5.4" in chosen.name and "5.3.0" in chosen.name
    assert isinstance(choose("tesserocr"), engines.Tesserocr)  # asked for by name: taken as it is
