"""The window's language: English (the source text) or Simplified Chinese, chosen once at start-up.

The choice, first that says one: ``DESKPILOT_LANG`` (``zh_CN``, ``en`` or ``system``; for tests and a one-off
start), the Settings choice, then the person's languages as Qt reads them from the system (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``LANG=zh_CN.UTF-8`` is Chinese). Anything else is English. Qt's own
words (OK, Cancel, Yes, the file dialog) come from the catalogue Qt ships for the same language.

After a string of the GUI changes: ``.venv/bin/python -m deskpilot.gui.i18n`` merges the strings into
``translations/deskpilot_zh_CN.ts`` (new ones unfinished), translate those there, and run it again: it
compiles the ``.qm`` beside it (tests/gui/test_i18n.py fails while either is behind).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from deskpilot.gui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

ENV = "DESKPILOT_LANG"
CHOICES = ("system", "en", "zh_CN")  # what Settings stores
NAMES = {"en": "English", "zh_CN": "简体中文"}  # each language in its own words: never translated
CATALOGUES = Path(__file__).parent / "translations"
DOMAIN = "deskpilot"

_installed: list[QTranslator] = []


def language_of(tags: Iterable[str]) -> str:
    """The first of the person's languages that the window speaks ("en" or "zh_CN"); English when none is.

    Traditional Chinese (zh_TW, zh_HK) has no catalogue of its own and is passed over like any other language,
    with the bare "zh" Qt lists after it (which alone would mean Simplified): Settings can still choose 简体中文.
    """
    traditional = False
    for tag in tags:
        locale = QLocale(tag)
        if locale.language() == QLocale.Language.Chinese:
            if locale.script() != QLocale.Script.SimplifiedChineseScript:
                traditional = True
            elif not (traditional and tag.lower() == "zh"):
                return "zh_CN"
        elif locale.language() == QLocale.Language.English:
            return "en"
    return "en"


def choose(setting: str = "system", env: Mapping[str, str] | None = None,
           system: Iterable[str] | None = None) -> str:
    """"en" or "zh_CN": the environment's override, else the Settings choice, else the system's languages."""
    env = os.environ if env is None else env
    wanted = env.get(ENV, "").strip() or setting
    if wanted in NAMES:
        return wanted
    if wanted and wanted != "system":
        return language_of([wanted])
    return language_of(QLocale.system().uiLanguages() if system is None else system)


def install(app: QCoreApplication, setting: str = "system") -> str:
    """Load the chosen language's catalogues into ``app`` (before the first window); the language chosen."""
    remove(app)
    language = choose(setting)
    app.setProperty("deskpilot_language", language)
    if language == "en":
        return language
    qt_catalogues = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"{DOMAIN}_{language}", str(CATALOGUES)), (f"qtbase_{language}", qt_catalogues)):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("no catalogue %s.qm in %s: those words stay English", name, folder)
    return language


def remove(app: QCoreApplication) -> None:
    """Back to English (the source text): the tests switch languages in one process."""
    while _installed:
        translator = _installed.pop()
        app.removeTranslator(translator)
        translator.deleteLater()
    app.setProperty("deskpilot_language", "en")


def status_text(status: str) -> str:
    """A run's or a step's status as the window says it; a status it does not know stays as it is."""
    words = {
        "passed": QCoreApplication.translate("Status", "passed"),
        "failed": QCoreApplication.translate("Status", "failed"),
        "aborted": QCoreApplication.translate("Status", "aborted"),
        "dry-run": QCoreApplication.translate("Status", "dry-run"),
        "running": QCoreApplication.translate("Status", "running"),
        "entered, not confirmed": QCoreApplication.translate("Status", "entered, not confirmed"),
        "ok": QCoreApplication.translate("Status", "ok"),
        "skipped": QCoreApplication.translate("Status", "skipped"),
        "not run": QCoreApplication.translate("Status", "not run"),
    }
    return words.get(status, status)


# --- rebuilding the catalogue (a developer's step, not the application's) ------------------------------------


def _tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else the binary inside the PySide6 package."""
    import PySide6

    for candidate in (Path(sys.executable).parent / f"pyside6-{name}", Path(PySide6.__file__).parent / name):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"no {name}: pip install PySide6-Essentials (it ships pyside6-{name})")
    return found


def main() -> int:
    """Merge the GUI's strings into the .ts (``-locations none``: no line numbers to churn), then compile the .qm."""
    sources = sorted(str(p) for p in Path(__file__).parent.glob("*.py"))
    for ts in sorted(CATALOGUES.glob(f"{DOMAIN}_*.ts")):
        subprocess.run([_tool("lupdate"), *sources, "-locations", "none", "-no-obsolete", "-ts", str(ts)],
                       check=True)
        subprocess.run([_tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
