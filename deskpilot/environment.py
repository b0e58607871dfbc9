"""Checks of the machine that do not depend on the platform (OCR), each failing with the fix in one line.

The display check belongs to the platform: ``deskpilot.platform.backend().check()``.
"""

from __future__ import annotations

import shutil
import subprocess

from deskpilot.errors import TesseractMissing


def check_tesseract(lang: str = "eng") -> None:
    """Tesseract and every language pack ``lang`` names (``eng+chi_sim``) must be installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise TesseractMissing(
            "Tesseract OCR is not installed: sudo apt-get install tesseract-ocr "
            "(and tesseract-ocr-chi-sim for Chinese)"
        )
    listed = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    have = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()[1:]}
    missing = [code for code in lang.split("+") if code and code not in have]
    if missing:
        packages = " ".join("tesseract-ocr-" + code.replace("_", "-").lower() for code in missing)
        raise TesseractMissing(f"Tesseract language {'+'.join(missing)} is not installed: sudo apt-get install {packages}")
