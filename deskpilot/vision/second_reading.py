"""The second reading of Chinese, Japanese and Korean text: RapidOCR, where Tesseract's chi_sim is weak.

RapidOCR costs ~0.5-0.7 s a window against Tesseract's tens of milliseconds, so it reads only where it pays:

- at record time, the check of a label (``recorder.labels.read_twice``): a phrase with CJK characters is
  read again by RapidOCR instead of Tesseract's second reading (``ByScript``);
- at replay, last: a step whose CJK text anchor neither of Tesseract's readings found reads its windows
  once more with RapidOCR (``ReplayReading``, called by the resolver). Anchors without CJK text never pay.

``DESKPILOT_OCR_SECOND`` chooses:

- ``auto`` (the default): RapidOCR for CJK text where it is installed and loads, else as ``tesseract``;
- ``rapidocr``: the same, but RapidOCR must load: its absence is an error, not a quiet fallback;
- ``tesseract``: never RapidOCR: the recorder checks every label with Tesseract's second reading, and the
  player adds no reading;
- ``off``: no second reading at all: the recorder keeps a label read once (faster, and noisier), the player
  adds none.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from deskpilot import model as m
from deskpilot.errors import EnvironmentProblem
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Ocr, TextReader, Word
from deskpilot.result import Candidate
from deskpilot.vision import locate, rapid
from deskpilot.vision.text import is_cjk

log = logging.getLogger(__name__)
CHOICE = "DESKPILOT_OCR_SECOND"
CHOICES = ("auto", "rapidocr", "tesseract", "off")


def choice() -> str:
    """DESKPILOT_OCR_SECOND, checked: a misspelt value must not silently mean ``auto``."""
    value = os.environ.get(CHOICE, "auto").strip().lower() or "auto"
    if value not in CHOICES:
        raise EnvironmentProblem(f"{CHOICE}={value!r} is not one of {', '.join(CHOICES)}")
    return value


def has_cjk(text: str) -> bool:
    """Text that only RapidOCR reads well: Chinese, Japanese or Korean characters (as find_phrases tells them)."""
    return is_cjk(text)


_reader: tuple[Ocr | None] | None = None  # chosen and loaded once per process, on first need
_reader_lock = threading.Lock()


def cjk_reader() -> Ocr | None:
    """The OCR that reads CJK text a second time: RapidOCR (its model loaded now, once), or None."""
    global _reader
    with _reader_lock:
        if _reader is None:
            _reader = (_load(choice()),)
        return _reader[0]


def _load(chosen: str) -> Ocr | None:
    if chosen in ("tesseract", "off"):
        return None
    try:
        rapid.engine()
    except rapid.RapidOcrMissing as exc:
        if chosen == "rapidocr":
            raise
        log.info("no RapidOCR second reading for Chinese text: %s", exc)
        return None
    return rapid.RapidOcr()


def reset() -> None:
    """Choose again (tests, and a changed DESKPILOT_OCR_SECOND); the warm engine itself stays."""
    global _reader
    with _reader_lock:
        _reader = None
    _replay.forget()


def role() -> str:
    """What the second reading is on this machine, one line for ``deskpilot doctor``."""
    chosen = choice()
    if chosen == "off":
        return f"off ({CHOICE}=off): labels are checked by one reading, replay adds none"
    if chosen == "tesseract":
        return f"Tesseract only ({CHOICE}=tesseract): RapidOCR is not used"
    if not rapid.available():
        lack = "not installed: " + rapid.INSTALL
        if chosen == "rapidocr":
            return f"RapidOCR {lack} -- {CHOICE}=rapidocr fails until it is"
        return f"RapidOCR {lack}; Chinese labels are checked by Tesseract's second reading"
    try:
        rapid.engine()
    except rapid.RapidOcrMissing as exc:
        return str(exc)
    return (f"{rapid.version()}, {rapid.THREADS} threads ({CHOICE}={chosen}): reads Chinese, Japanese and Korean "
            "labels a second time at record time, and their anchors Tesseract missed at replay")


class ByScript:
    """The recorder's second reading: RapidOCR for a phrase with CJK characters, ``latin`` (Tesseract's) else.

    An Ocr itself (``latin``'s words and text), so everything that is handed a second reading takes it.
    """

    def __init__(self, latin: Ocr, cjk: Callable[[], Ocr | None] = cjk_reader) -> None:
        self.latin, self.cjk = latin, cjk

    def for_text(self, text: str) -> Ocr:
        """The reading that checks ``text``."""
        if has_cjk(text):
            other = self.cjk()
            if other is not None:
                return other
        return self.latin

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        return self.latin.words(pixels, origin, lang)

    def read_text(self, pixels: np.ndarray, lang: str, *, line: bool = False) -> str:
        if isinstance(self.latin, TextReader):
            return self.latin.read_text(pixels, lang, line=line)
        return " ".join(w.text for w in self.latin.words(pixels, Point(0, 0), lang))


def recorder_second(tesseract: Ocr) -> Ocr | None:
    """What the recorder reads its labels a second time with, as DESKPILOT_OCR_SECOND says."""
    chosen = choice()
    if chosen == "off":
        return None
    if chosen == "tesseract" or (chosen == "auto" and not rapid.available()):
        return tesseract
    if chosen == "rapidocr" and not rapid.available():
        raise rapid.RapidOcrMissing(f"{CHOICE}=rapidocr, but RapidOCR is not installed: {rapid.INSTALL}")
    return ByScript(tesseract)


class ReplayReading:
    """The player's last reading: RapidOCR over the windows, for the CJK text anchors of a target only.

    Its words are remembered by a hash of the pixels, as the resolver's are: a step polling an
    unchanged screen for a label that is not there reads it once, not every poll.
    """

    def __init__(self, cjk: Callable[[], Ocr | None] = cjk_reader, *, cache_size: int = 8) -> None:
        self.cjk, self.cache_size = cjk, cache_size
        self.calls = 0
        self._cache: OrderedDict[tuple[object, ...], list[Word]] = OrderedDict()
        self._lock = threading.Lock()

    def candidates(self, target: m.Target, frame: Frame, regions: Sequence[Rect],
                   shift: tuple[int, int] = (0, 0)) -> list[Candidate]:
        """Text candidates of the target's CJK anchors in ``regions``; nothing read when it has none."""
        anchors = [(i, locate.shifted(a, shift)) for i, a in enumerate(target.anchors)
                   if isinstance(a, m.TextAnchor) and has_cjk(a.text)]
        if not anchors:
            return []
        ocr = self.cjk()
        if ocr is None:
            return []
        words: list[Word] = []
        for n, region in enumerate(regions):
            words += [Word(w.text, w.box, w.conf, (n * 10_000 + w.line[0], w.line[1], w.line[2]))
                      for w in self.words(ocr, frame, region)]
        return [c for i, a in anchors for c in locate.text_candidates(a, i, words)]

    def words(self, ocr: Ocr, frame: Frame, region: Rect) -> list[Word]:
        pixels, clipped = frame.crop(region)
        if pixels.size == 0:
            return []
        key = (hashlib.blake2b(np.ascontiguousarray(pixels).tobytes(), digest_size=16).digest(), pixels.shape,
               clipped.x, clipped.y)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        found = ocr.words(pixels, Point(clipped.x, clipped.y), "chi_sim+eng")
        with self._lock:
            self.calls += 1
            self._cache[key] = found
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return found

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()


_replay = ReplayReading()


def replay_reading() -> ReplayReading:
    """The process's one replay reading (its cache spans runs: it is keyed by the pixels themselves)."""
    return _replay
