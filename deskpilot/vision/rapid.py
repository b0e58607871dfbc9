"""OCR with RapidOCR: PP-OCR's detector and recogniser (models inside the wheel) on onnxruntime.

Tesseract's chi_sim reads small Chinese UI text poorly; PP-OCR reads it well, but a window costs
~0.5-0.7 s on two cores against Tesseract's tens of milliseconds, so it is a second reading only
(``deskpilot.vision.second_reading`` says where). One warm engine per process, built on first use,
one call at a time (RapidOCR keeps per-call settings on the engine), onnxruntime on ``THREADS`` threads.

RapidOCR reads text lines; a line becomes Words as Tesseract would give them: every wide (CJK)
character a word of its own, other text split at spaces, each box tightened to the glyphs' ink, in
screen coordinates. So ``find_phrases`` finds "报销人：" in RapidOCR's reading as in Tesseract's,
and a part of a line ("客户" in "客户编号：") too.

The wheel ships its three models in its ``models/`` folder (``MODELS``; RapidOCR loads them from
there and never downloads: ``available`` checks they are in place). It depends on opencv-python,
which would sit beside our opencv-python-headless as a second cv2: the set-up installs it
``--no-deps`` and its other dependencies come from pyproject.toml.
"""

from __future__ import annotations

import importlib.util
import itertools
import logging
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from deskpilot.errors import EnvironmentProblem
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Word

log = logging.getLogger(__name__)
PACKAGE = "rapidocr_onnxruntime"
INSTALL = ".venv/bin/pip install --no-deps 'rapidocr_onnxruntime>=1.4.4,<1.5' (scripts/setup.sh does it)"
MODELS = ("ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ch_ppocr_mobile_v2.0_cls_infer.onnx")
THREADS = 2  # onnxruntime's own pool: the machine has two cores, and its default spins one thread per core
OPTIONS = {
    "intra_op_num_threads": THREADS, "inter_op_num_threads": 1,
    "use_cls": False,  # screens are never upside down: the angle classifier only costs time
    # the detector at the crop's own size (the default scales the short side up to 736 px: a strip of a
    # window would grow to thousands of pixels); PP-OCR's detector reads 12 px UI text unscaled
    "det_limit_type": "max", "det_limit_side_len": 4000,
}
INK_LEVEL = 60  # grey levels from a line's background that count as a glyph's ink
SNAP = 0.3  # text heights: how far a boundary between two words may move to fall on a column without ink
TOUCH = 1  # px: ink outside every word's estimated columns belongs to the nearest only this close (else a caret)
SAME_LINE_GAP = 1.0  # text heights: two detections on one row this close are one line, as Tesseract would read them


class RapidOcrMissing(EnvironmentProblem):
    """RapidOCR was asked for but does not load here."""


_engine: Any = None
_engine_lock = threading.Lock()  # building the engine
_call_lock = threading.Lock()  # one call at a time on it


def available() -> bool:
    """RapidOCR, its models and onnxruntime are installed (nothing loaded: no model, no onnxruntime session)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None or importlib.util.find_spec("onnxruntime") is None:
        return False
    models = Path(spec.origin).parent / "models"
    return all((models / name).is_file() for name in MODELS)


def version() -> str:
    """The installed rapidocr_onnxruntime and onnxruntime versions, for doctor and the bench."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as of

    try:
        return f"RapidOCR {of(PACKAGE)}, onnxruntime {of('onnxruntime')}"
    except PackageNotFoundError:
        return "RapidOCR not installed"


def engine() -> Any:
    """The process's warm RapidOCR engine, built on first use; RapidOcrMissing when it cannot load."""
    global _engine
    with _engine_lock:
        if _engine is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except Exception as exc:  # not installed, or onnxruntime / cv2 does not load
                raise RapidOcrMissing(f"RapidOCR does not load ({exc}): {INSTALL}") from exc
            _engine = RapidOCR(**OPTIONS)
            for name in ("RapidOCR", "OrtInferSession"):  # its loggers print every warning at DEBUG level
                logging.getLogger(name).setLevel(logging.WARNING)
            log.info("OCR second reading: %s, %d threads", version(), THREADS)
        return _engine


class RapidOcr:
    """ports.Ocr and TextReader with RapidOCR; ``lang`` is not used: its models read Chinese and English."""

    name = "RapidOCR (PP-OCRv4 on onnxruntime)"

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        if pixels.size == 0:
            return []
        image = _bgr(pixels)
        lines = _detect(image)
        grey = _grey(image)
        out: list[Word] = []
        for n, line in enumerate(_same_lines(lines), 1):
            for det in line:
                out += _split(det, n, grey, origin)
        return out

    def words_without_lines(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        """The same reading: PP-OCR's detector does not take a frame or a grid line for a glyph."""
        return self.words(pixels, origin, lang)

    def read_text(self, pixels: np.ndarray, lang: str, *, line: bool = False) -> str:
        """All text in a small region, lines joined by newlines (``line``: by spaces, the region is one line)."""
        if pixels.size == 0:
            return ""
        rows = [" ".join(d.text for d in row) for row in _same_lines(_detect(_bgr(pixels)))]
        return (" " if line else "\n").join(rows)


@dataclass(frozen=True, slots=True)
class _Detection:
    """One line RapidOCR read: its text, axis-aligned box in the crop, score, and each character's columns."""

    text: str
    box: Rect
    score: float
    chars: list[tuple[str, int, int, float]]  # (character, x0, x1, confidence)


def _detect(image: np.ndarray) -> list[_Detection]:
    with _call_lock:
        result, _ = engine()(image, use_cls=False, return_word_box=True)
    out = []
    for row in result or []:
        quad = np.asarray(row[0], dtype=np.float32)
        x0, y0 = int(np.floor(quad[:, 0].min())), int(np.floor(quad[:, 1].min()))
        x0, y0 = max(0, x0), max(0, y0)
        x1 = min(image.shape[1], int(np.ceil(quad[:, 0].max())))
        y1 = min(image.shape[0], int(np.ceil(quad[:, 1].max())))
        text, score = str(row[1]), float(row[2])
        out.append(_Detection(text, Rect(x0, y0, max(1, x1 - x0), max(1, y1 - y0)), score,
                              _chars(text, score, row[3:], x0, x1)))
    return out


def _chars(text: str, score: float, extra: Sequence[Any], x0: int, x1: int) -> list[tuple[str, int, int, float]]:
    """Each character with its x range: RapidOCR's estimate from the recogniser's columns, or an even share."""
    if len(extra) >= 3 and len(extra[0]) == len(extra[1]) == len(extra[2]) and "".join(extra[1]) == text:
        out = []
        for quad, ch, conf in zip(extra[0], extra[1], extra[2]):
            xs = [p[0] for p in quad]
            out.append((str(ch), int(min(xs)), int(max(xs)), float(conf)))
        return out
    step = (x1 - x0) / max(1, len(text))
    return [(ch, round(x0 + i * step), round(x0 + (i + 1) * step), score) for i, ch in enumerate(text)]


def _wide(ch: str) -> bool:
    """A character that is a word of its own: Chinese, Japanese, Korean and their full-width punctuation."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _tokens(chars: list[tuple[str, int, int, float]]) -> list[list[tuple[str, int, int, float]]]:
    """Words of a line: a wide character alone, a run of others up to a space."""
    out: list[list[tuple[str, int, int, float]]] = []
    current: list[tuple[str, int, int, float]] = []
    for c in chars:
        if c[0].isspace() or _wide(c[0]):
            if current:
                out.append(current)
            current = []
            if not c[0].isspace():
                out.append([c])
        else:
            current.append(c)
    if current:
        out.append(current)
    return out


def _split(det: _Detection, line: int, grey: np.ndarray, origin: Point) -> list[Word]:
    """A detection's words, each box the ink of its own glyphs.

    RapidOCR estimates each character's columns from the recogniser's; the columns with ink, cut where one
    word ends and the next begins (moved onto a gap between glyphs), go to the word whose estimate they
    overlap. Ink far from every word (a field's caret or edge inside the detector's padded box) goes nowhere.
    """
    tokens = _tokens(det.chars)
    box = det.box
    strip = grey[box.y : box.bottom, box.x : box.right]
    if not tokens or strip.size == 0:
        return []
    ink = _without_rules(np.abs(strip.astype(np.int16) - int(np.bincount(strip.ravel()).argmax())) > INK_LEVEL)
    columns: np.ndarray = np.asarray(ink.any(axis=0), dtype=bool)
    reach = max(2, round(SNAP * box.h))
    estimates = [(t[0][1] - box.x, t[-1][2] - box.x) for t in tokens]
    cuts = [_gap_near((a[1] + b[0]) // 2, columns, reach) for a, b in itertools.pairwise(estimates)]
    owned: list[list[tuple[int, int]]] = [[] for _ in tokens]
    for a, b in _runs(columns, cuts):
        overlap = [min(b, e) - max(a, s) for s, e in estimates]
        best = max(range(len(tokens)), key=lambda i: overlap[i])
        if overlap[best] <= 0:
            apart = [max(s - b, a - e) for s, e in estimates]
            best = min(range(len(tokens)), key=lambda i: apart[i])
            if apart[best] > TOUCH:
                continue
        owned[best].append((a, b))
    out = []
    for token, (s, e), runs in zip(tokens, estimates, owned):
        if runs:
            x0, x1 = min(a for a, _ in runs), max(b for _, b in runs)
            rows = np.nonzero(ink[:, x0:x1].any(axis=1))[0]
            rect = Rect(box.x + x0, box.y + int(rows[0]), x1 - x0, int(rows[-1] - rows[0] + 1))
        else:
            rect = Rect(box.x + max(0, s), box.y, max(1, e - s), box.h)
        text = "".join(c[0] for c in token)
        conf = min(c[3] for c in token)
        out.append(Word(text, Rect(origin.x + rect.x, origin.y + rect.y, rect.w, rect.h), conf, (line, 1, 1)))
    return out


RULE = 1.5  # box heights: a horizontal run of ink this long is a frame's edge (longer than any glyph's stroke)


def _without_rules(ink: np.ndarray) -> np.ndarray:
    """The ink without the top or bottom edge of a field or button that the detector's padded box took in."""
    out = ink.copy()
    out[_longest_runs(ink) >= RULE * ink.shape[0], :] = False
    return out


def _longest_runs(mask: np.ndarray) -> np.ndarray:
    """The longest horizontal run of True in every row."""
    run = np.zeros(mask.shape[0], dtype=np.int32)
    best = np.zeros(mask.shape[0], dtype=np.int32)
    for column in mask.T:
        run = np.where(column, run + 1, 0)
        best = np.maximum(best, run)
    return best


def _runs(columns: np.ndarray, cuts: list[int]) -> list[tuple[int, int]]:
    """Runs of columns with ink, [start, end), also ended at every cut."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    stops = set(cuts)
    for x, inked in enumerate(columns):
        if start is not None and (not inked or x in stops):
            out.append((start, x))
            start = None
        if inked and start is None:
            start = x
    if start is not None:
        out.append((start, len(columns)))
    return out


def _gap_near(x: int, columns: np.ndarray, reach: int) -> int:
    """The column without ink nearest ``x`` within ``reach``, else ``x``: where one glyph ends and the next begins."""
    for d in range(reach + 1):
        for c in (x - d, x + d):
            if 0 <= c < len(columns) and not columns[c]:
                return c
    return x


def _same_lines(dets: list[_Detection]) -> list[list[_Detection]]:
    """Detections on one row that nearly touch are one line (a label the detector cut in two), left to right."""
    rows: list[list[_Detection]] = []
    for d in sorted(dets, key=lambda d: d.box.x):
        for row in rows:
            last = row[-1]
            h = max(last.box.h, d.box.h)
            if abs(last.box.center.y - d.box.center.y) <= h / 2 and 0 <= d.box.x - last.box.right <= SAME_LINE_GAP * h:
                row.append(d)
                break
        else:
            rows.append([d])
    return sorted(rows, key=lambda r: (r[0].box.y, r[0].box.x))


def _bgr(pixels: np.ndarray) -> np.ndarray:
    """Three channels, contiguous uint8: what RapidOCR's loader takes without converting again."""
    if pixels.ndim == 2:
        pixels = np.repeat(pixels[:, :, None], 3, axis=2)
    elif pixels.shape[2] == 4:
        pixels = pixels[:, :, :3]
    return np.ascontiguousarray(pixels, dtype=np.uint8)


def _grey(image: np.ndarray) -> np.ndarray:
    weights = np.array([0.114, 0.587, 0.299], dtype=np.float32)  # BGR, as cv2's grey
    return np.asarray(image.astype(np.float32) @ weights, dtype=np.uint8)
