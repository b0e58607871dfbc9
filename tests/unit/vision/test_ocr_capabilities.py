"""What an OCR engine offers beyond words is named by the ports, not guessed with hasattr."""

from __future__ import annotations

import numpy as np

from deskpilot.geometry import Point
from deskpilot.ports import TextReader, UnlinedReader, Word
from deskpilot.vision.tesseract import TesseractOcr


class WordsOnly:
    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        return []


def test_tesseract_offers_both_extras_and_a_words_only_engine_neither() -> None:
    assert isinstance(TesseractOcr(), TextReader) and isinstance(TesseractOcr(), UnlinedReader)
    assert not isinstance(WordsOnly(), TextReader) and not isinstance(WordsOnly(), UnlinedReader)
