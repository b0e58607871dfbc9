"""Which Tesseract reads: in this process (tesserocr), or one ``tesseract`` process per call (pytesseract).

Most of an OCR call through pytesseract is the process start and the language model's
load, paid again on every call; tesserocr keeps one warm engine per language, page mode
and thread, and reads the same pixels with the same settings, giving the same table of
words (Tesseract's own TSV). pytesseract stays as the fallback where tesserocr cannot
load (not installed, no language data found), and ``DESKPILOT_OCR`` chooses: ``auto`` (the
default), ``tesserocr`` or ``pytesseract``.

``auto`` takes tesserocr only when it runs the same Tesseract as the ``tesseract`` program: the
set-up builds it against the system's libtesseract. PyPI's wheel carries a newer one (5.5.4 beside
Debian 12's 5.3.0) that reads some screens differently -- HomeBank's dark "Add" failed every replay
by the picture alone -- and a recording must read the same whichever engine made it.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)
CHOICE = "DESKPILOT_OCR"
TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata")
TSV_INTS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num", "left", "top", "width", "height")


class Engine(Protocol):
    name: str

    def data(self, image: np.ndarray, lang: str, config: str) -> dict[str, list[Any]]:
        """Tesseract's word table (TSV) as columns, as pytesseract's ``image_to_data`` gives it."""
        ...

    def text(self, image: np.ndarray, lang: str, config: str) -> str: ...


class Pytesseract:
    """One ``tesseract`` process per call."""

    def __init__(self, why: str = "") -> None:
        self.name = "pytesseract (a Tesseract process per call)" + (f"; {why}" if why else "")

    def data(self, image: np.ndarray, lang: str, config: str) -> dict[str, list[Any]]:
        import pytesseract

        return dict(pytesseract.image_to_data(image, lang=lang, config=config, output_type=pytesseract.Output.DICT))

    def text(self, image: np.ndarray, lang: str, config: str) -> str:
        import pytesseract

        return str(pytesseract.image_to_string(image, lang=lang, config=config))


class Tesserocr:
    """libtesseract in this process: one warm engine per language set, shared by threads one call at a time
    (an engine holds its model, tens of megabytes; a call is tens of milliseconds)."""

    name = "tesserocr (Tesseract in-process)"

    def __init__(self, tessdata: str) -> None:
        self.tessdata = tessdata
        self._apis: dict[tuple[str, int], tuple[Any, threading.Lock]] = {}
        self._lock = threading.Lock()

    def _api(self, lang: str, oem: int) -> tuple[Any, threading.Lock]:
        from tesserocr import PyTessBaseAPI

        with self._lock:
            if (lang, oem) not in self._apis:
                self._apis[(lang, oem)] = (PyTessBaseAPI(path=self.tessdata, lang=lang, oem=oem), threading.Lock())
            return self._apis[(lang, oem)]

    def _read(self, image: np.ndarray, lang: str, config: str, tsv: bool) -> Any:
        psm, oem = _options(config)
        api, lock = self._api(lang, oem)
        grey = np.ascontiguousarray(image if image.ndim == 2 else image[:, :, 0], dtype=np.uint8)
        h, w = grey.shape
        with lock:
            api.SetPageSegMode(psm)
            api.SetImageBytes(grey.tobytes(), w, h, 1, w)
            api.SetSourceResolution(70)  # what the tesseract program assumes of an image without one
            if not tsv:
                return str(api.GetUTF8Text())
            api.Recognize()
            return parse_tsv(api.GetTSVText(0))

    def data(self, image: np.ndarray, lang: str, config: str) -> dict[str, list[Any]]:
        return dict(self._read(image, lang, config, tsv=True))

    def text(self, image: np.ndarray, lang: str, config: str) -> str:
        return str(self._read(image, lang, config, tsv=False))


def _options(config: str) -> tuple[int, int]:
    psm = re.search(r"--psm\s+(\d+)", config)
    oem = re.search(r"--oem\s+(\d+)", config)
    return (int(psm.group(1)) if psm else 3), (int(oem.group(1)) if oem else 1)


def parse_tsv(tsv: str) -> dict[str, list[Any]]:
    """Tesseract's TSV rows (no header, as the API gives them) as columns, numbers as numbers."""
    columns: dict[str, list[Any]] = {k: [] for k in (*TSV_INTS, "conf", "text")}
    for row in tsv.splitlines():
        cells = row.split("\t")
        if len(cells) < 12:
            continue
        for key, cell in zip(TSV_INTS, cells[:10]):
            columns[key].append(int(cell))
        columns["conf"].append(float(cells[10]))
        columns["text"].append("\t".join(cells[11:]))
    return columns


def tessdata() -> str | None:
    """The folder of the system's language data (installed by the set-up), when there is one."""
    for folder in filter(None, (os.environ.get("TESSDATA_PREFIX"), *TESSDATA_DIRS)):
        if (Path(folder) / "eng.traineddata").is_file():
            return folder
    return None


_chosen: Engine | None = None
_lock = threading.Lock()


def engine() -> Engine:
    """The engine this process reads with, chosen once."""
    global _chosen
    with _lock:
        if _chosen is None:
            _chosen = _choose(os.environ.get(CHOICE, "auto").strip().lower())
            log.info("OCR: %s", _chosen.name)
        return _chosen


def _choose(choice: str) -> Engine:
    if choice == "pytesseract":
        return Pytesseract()
    folder = tessdata()
    # libgomp reads this once, as libtesseract loads: its threads spin against each other on small screen crops
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        import tesserocr  # noqa: F401
    except Exception as exc:  # no wheel for this machine, or its libtesseract does not load
        if choice == "tesserocr":
            log.warning("DESKPILOT_OCR=tesserocr, but it does not load (%s): using pytesseract", exc)
        return Pytesseract()
    if folder is None:
        log.warning("no Tesseract language data found (%s): using pytesseract", ", ".join(TESSDATA_DIRS))
        return Pytesseract()
    inside, program = _version_in_process(), _version_of_program()
    if choice != "tesserocr" and program is not None and inside != program:
        why = f"tesserocr runs Tesseract {inside}, the tesseract program {program}: reading with the program"
        log.info(why)
        return Pytesseract(why)
    return Tesserocr(folder)


def _version_in_process() -> str:
    import tesserocr

    return _version(str(tesserocr.tesseract_version()))


def _version_of_program() -> str | None:
    try:
        import pytesseract

        return str(pytesseract.get_tesseract_version()).split("-")[0]
    except Exception:  # no program: then in-process is all there is
        return None


def _version(text: str) -> str:
    found = re.search(r"tesseract\s+([0-9][0-9.]*)", text)
    return found.group(1).rstrip(".") if found else text.strip()


def reset() -> None:
    """Choose again (tests, and a changed DESKPILOT_OCR)."""
    global _chosen
    with _lock:
        _chosen = None
