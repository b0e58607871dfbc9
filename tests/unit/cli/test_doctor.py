"""``deskpilot doctor``: one line per part, the engine that reads named, non-zero only when DeskPilot cannot run."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from deskpilot import cli
from deskpilot.vision import engines


@pytest.mark.parametrize("choice, named", [("pytesseract", "pytesseract"), ("tesserocr", "tesserocr")])
def test_without_a_display_it_says_so_names_the_ocr_engine_and_fails(choice: str, named: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DESKPILOT_OCR", choice)
    engines.reset()
    try:
        result = CliRunner().invoke(cli.main, ["doctor"])
    finally:
        engines.reset()
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].startswith("display: no display") and lines[1].startswith(f"OCR: {named}")
    assert "eng" in lines[1]
