"""OCR with Tesseract, prepared for screen text: grey, twice the size, dark themes inverted.

Tesseract is trained on print; small anti-aliased UI text reads far better
enlarged, and light-on-dark text reads more reliably once inverted.
Page segmentation 11 (sparse text) finds every label of a form; 6 (one block)
reads almost nothing once field borders sit between the labels.
"""

from __future__ import annotations

import functools
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np

from deskpilot.errors import TesseractMissing
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Word
from deskpilot.vision.engines import engine
from deskpilot.vision.text import is_cjk

log = logging.getLogger(__name__)
SCALE = 2.0
CONFIG = "--psm 11 --oem 1"  # sparse text: psm 3 reads nothing at all from some upscaled CJK forms
READ_CONFIG = "--psm 6 --oem 1"
SECOND_READING = {"scale": 3.0, "config": "--psm 7 --oem 1", "binary": True}  # the recorder's check of its labels
LINE_CONFIG = "--psm 7 --oem 1"  # one line of text: a field's value, read back after typing
# A Chinese screen is read twice at once: the sparse reading with English breaks 空 of 清空 into pieces and
# misses whole labels on dark forms; a block reading in chi_sim alone reads those. Its Chinese words are added
# (its other words are frame lines and punctuation with boxes as tall as a field's frame, which would stretch
# a label's box, and an anchor's offset is measured in that height). bench.chinese_ocr measures it.
CHINESE = "chi_sim"
CHINESE_BLOCK_CONFIG = "--psm 6 --oem 1"
CHINESE_BLOCK_OFFSET = 10_000  # the block reading's line numbers never join the sparse reading's lines
FIELD_EDGES = "[]|"  # a field's border read as a bracket at either end of the value
NOT_INSTALLED = ("Tesseract OCR is not installed: sudo apt-get install tesseract-ocr "
                 "(and tesseract-ocr-chi-sim for Chinese)")


def prepare(pixels: np.ndarray, scale: float = SCALE, *, binary: bool = False) -> np.ndarray:
    """Greyscale, upscaled, with dark text on a light background whatever the theme.

    ``binary``: black and white by Otsu's threshold, a second way of seeing the same pixels
    (the recorder keeps only text that both readings agree on).
    """
    import cv2

    grey = pixels if pixels.ndim == 2 else cv2.cvtColor(pixels, cv2.COLOR_BGR2GRAY)
    if float(np.median(grey)) < 128:
        grey = 255 - grey
    if scale != 1.0:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    if binary:
        grey = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1]
    return grey


def remove_lines(grey: np.ndarray, scale: float = SCALE) -> np.ndarray:
    """The prepared image with long straight lines (button frames, grid, underlined fields) painted over.

    A focus frame hugging a short label ("Yes" on a default button) makes Tesseract read
    the frame and the first letter as one glyph ("[es"). Lines longer than any letter
    stroke are found by a morphological opening and painted in the background colour.
    Only a second reading uses this: very tall letters would lose their stems too.
    """
    import cv2

    ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (int(30 * scale), 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, int(20 * scale))))
    lines = cv2.dilate(cv2.bitwise_or(across, down), np.ones((3, 3), np.uint8))
    out = grey.copy()
    out[lines > 0] = 255
    return out


def language_packages(codes: list[str]) -> str:
    """The apt packages for Tesseract language codes: chi_sim -> tesseract-ocr-chi-sim."""
    return " ".join("tesseract-ocr-" + code.replace("_", "-").lower() for code in codes)


_languages: dict[str, frozenset[str]] = {}


def installed_languages() -> frozenset[str]:
    """Language codes the Tesseract binary has, asked once per binary (a process start each time otherwise)."""
    import pytesseract

    cmd = str(pytesseract.pytesseract.tesseract_cmd)
    if cmd not in _languages:
        try:
            _languages[cmd] = frozenset(pytesseract.get_languages())
        except pytesseract.TesseractNotFoundError as exc:
            raise TesseractMissing(NOT_INSTALLED) from exc
    return _languages[cmd]


INK_LEVEL = 60  # grey levels from a box's background that count as a glyph's ink


def ink_rows(pixels: np.ndarray, origin: Point, box: Rect) -> Rect:
    """``box`` cut down to the rows its glyphs' ink fills.

    chi_sim gives a lone character a box up to twice its height ("人" 27 px beside "报销" 15 px); the
    label's height scales a click's offset (``offset_em``), so such a box sent clicks hundreds of
    pixels past the field at font x1.5. A row of ink across the whole box is a field's edge, no glyph.
    """
    x0, y0 = box.x - origin.x, box.y - origin.y
    crop = pixels[max(0, y0):max(0, y0 + box.h), max(0, x0):max(0, x0 + box.w)]
    if crop.size == 0:
        return box
    grey = (crop if crop.ndim == 2 else crop.mean(axis=2)).astype(np.int16)
    background = int(np.bincount(grey.ravel().clip(0, 255).astype(np.uint8)).argmax())
    ink = np.abs(grey - background) > INK_LEVEL
    glyph_rows = ink.any(axis=1) & (ink.mean(axis=1) < 0.95)
    rows = np.nonzero(glyph_rows)[0]
    if len(rows) == 0:
        return box
    top = max(0, y0) + int(rows[0])
    return Rect(box.x, origin.y + top, box.w, int(rows[-1] - rows[0] + 1))


@functools.cache
def _second_reader() -> ThreadPoolExecutor:
    """One thread for the block reading of Chinese screens, beside the caller's own reading (tesserocr lets
    go of the GIL, so the two run at once on two cores)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="tesseract-block")


class TesseractOcr:
    """ports.Ocr with Tesseract: in this process where tesserocr loads, else a process per call (``engines``)."""

    def __init__(self, *, scale: float = SCALE, config: str = CONFIG, binary: bool = False,
                 unlined: bool = False) -> None:
        self.scale = scale
        self.config = config
        self.binary = binary
        self.unlined = unlined  # read_text without frames and borders (a field's edge caught in the crop)
        # Tesseract's OpenMP threads spin against each other on small screen crops: one thread is ~4x faster.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        return self._words(pixels, origin, lang, unlined=False)

    def words_without_lines(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        """A second reading with frames and grid lines removed, for text the first reading missed."""
        return self._words(pixels, origin, lang, unlined=True)

    def _words(self, pixels: np.ndarray, origin: Point, lang: str, *, unlined: bool) -> list[Word]:
        if pixels.size == 0:
            return []
        image = prepare(pixels, self.scale, binary=self.binary)
        if unlined:
            image = remove_lines(image, self.scale)
        block_reading = None
        if not unlined and self.config == CONFIG and CHINESE in lang.split("+"):
            block_reading = _second_reader().submit(self._run, image, CHINESE, CHINESE_BLOCK_CONFIG, as_dict=True)
        out = self._as_words(self._run(image, lang, self.config, as_dict=True), pixels, origin)
        if block_reading is not None:
            block = self._as_words(block_reading.result(), pixels, origin, block_offset=CHINESE_BLOCK_OFFSET)
            out += [w for w in block if is_cjk(w.text)]
        return out

    def _as_words(self, data: Any, pixels: np.ndarray, origin: Point, *, block_offset: int = 0) -> list[Word]:
        """Tesseract's boxes in screen coordinates; ``block_offset`` keeps a second reading's lines its own."""
        out: list[Word] = []
        s = self.scale
        for i, text in enumerate(data["text"]):
            conf = float(data["conf"][i])
            if conf < 0 or not str(text).strip():
                continue
            box = Rect(origin.x + round(data["left"][i] / s), origin.y + round(data["top"][i] / s),
                       max(1, round(data["width"][i] / s)), max(1, round(data["height"][i] / s)))
            line = (int(data["block_num"][i]) + block_offset, int(data["par_num"][i]), int(data["line_num"][i]))
            word = str(text).strip()
            if is_cjk(word):
                box = ink_rows(pixels, origin, box)
            out.append(Word(word, box, min(1.0, conf / 100.0), line))
        return out

    def read_text(self, pixels: np.ndarray, lang: str, *, line: bool = False) -> str:
        """All text in a small region, lines joined by newlines: for read_text steps and typing checks.

        ``line``: the region is one line (a field's inside): read as one line. A margin goes around
        the region either way: Tesseract misses letters that touch the edge of its image.
        """
        if pixels.size == 0:
            return ""
        image = prepare(pixels, self.scale, binary=self.binary)
        if self.unlined:
            image = remove_lines(image, self.scale)
        image = np.pad(image, 12, mode="constant", constant_values=int(np.median(image)))
        text = self._run(image, lang, LINE_CONFIG if line else READ_CONFIG)
        lines = (line.strip().strip(FIELD_EDGES).strip() for line in str(text).splitlines())
        return "\n".join(line for line in lines if line)

    def check(self, lang: str) -> None:
        """Fail with the apt command when Tesseract or one of ``lang``'s packs is missing.

        Tesseract given ``eng+deu`` without ``deu`` quietly reads English only, so ask it what it has.
        """
        missing = [code for code in lang.split("+") if code and code not in installed_languages()]
        if missing:
            raise TesseractMissing(f"Tesseract language {'+'.join(missing)} is not installed: "
                                   f"sudo apt-get install {language_packages(missing)}")

    def _run(self, image: np.ndarray, lang: str, config: str, *, as_dict: bool = False) -> Any:
        import pytesseract

        self.check(lang)
        reader = engine()
        try:
            return reader.data(image, lang, config) if as_dict else reader.text(image, lang, config)
        except pytesseract.TesseractNotFoundError as exc:
            raise TesseractMissing(NOT_INSTALLED) from exc
