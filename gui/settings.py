"""Settings a clerk may change: OCR languages, default timeout, recorder hotkeys, recordings folder, theme and
the window's language (QSettings).

The dialog shows what the window really uses: the folder its library shows (which
``deskpilot gui --library`` may have set for this start) and the OCR languages
Tesseract has installed, as a list to tick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from deskpilot.errors import DeskPilotError
from deskpilot.gui import i18n
from deskpilot.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QLocale,
    QPushButton,
    QSettings,
    Qt,
    QVBoxLayout,
    QWidget,
)
from deskpilot.gui.theme import SCHEMES

log = logging.getLogger(__name__)

DEFAULTS = {"lang": "eng", "timeout": 10.0, "stop_hotkey": "ctrl+alt+shift+s", "pause_hotkey": "ctrl+alt+shift+p",
            "library": str(Path.home() / "DeskPilot" / "recordings"), "theme": "system", "language": "system"}


@dataclass(frozen=True)
class Settings:
    lang: str
    timeout: float
    stop_hotkey: str
    pause_hotkey: str
    library: str
    theme: str = "system"  # "system", "light" or "dark"
    language: str = "system"  # the window's: "system", "en" or "zh_CN" (i18n.CHOICES); read at start-up


def load_settings(store: QSettings | None = None) -> Settings:
    store = store or QSettings("DeskPilot", "DeskPilot")
    values = {k: store.value(k, v) for k, v in DEFAULTS.items()}
    return Settings(lang=str(values["lang"]), timeout=float(values["timeout"]), stop_hotkey=str(values["stop_hotkey"]),
                    pause_hotkey=str(values["pause_hotkey"]), library=str(values["library"]),
                    theme=str(values["theme"]) if values["theme"] in SCHEMES else "system",
                    language=str(values["language"]) if values["language"] in i18n.CHOICES else "system")


def save_settings(settings: Settings, store: QSettings | None = None) -> None:
    store = store or QSettings("DeskPilot", "DeskPilot")
    for key, value in settings.__dict__.items():
        store.setValue(key, value)
    store.sync()


def tesseract_languages() -> list[str]:
    """The language codes the installed Tesseract reads, without its non-languages (``osd``: page orientation,
    ``equ``: formulas); empty when Tesseract is missing (the dialog says so)."""
    from deskpilot.vision.tesseract import installed_languages

    try:
        return sorted(installed_languages() - {"osd", "equ"})
    except DeskPilotError as exc:
        log.info("no OCR languages to offer: %s", exc)
        return []


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, *, library: Path | None = None,
                 languages: Iterable[str] | None = None) -> None:
        """``library``: the folder the window shows now (the stored one when not given); ``languages``: the
        installed OCR languages (Tesseract is asked when not given)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.choose_folder: Callable[[str], str] = self._choose_folder  # a test answers instead of a file dialog
        self._build_languages(settings.lang, tesseract_languages() if languages is None else list(languages))
        self.timeout = QDoubleSpinBox(minimum=0.5, maximum=600, value=settings.timeout, suffix=self.tr(" s"))
        self.stop_hotkey = QLineEdit(settings.stop_hotkey)
        self.pause_hotkey = QLineEdit(settings.pause_hotkey)
        folder = self._build_folder(settings.library, library)
        self.theme = QComboBox()
        for key, label in (("system", self.tr("As the system")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.language = QComboBox()
        self.language.addItem(self.tr("System"), "system")
        for key, name in i18n.NAMES.items():
            self.language.addItem(name, key)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language_note = QLabel(self.tr("The language changes the next time DeskPilot starts."))
        self.language_note.setWordWrap(True)
        language = QVBoxLayout()
        language.setContentsMargins(0, 0, 0, 0)
        language.addWidget(self.language)
        language.addWidget(self.language_note)
        form = QFormLayout(self)
        form.addRow(self.tr("Recordings folder"), folder)
        form.addRow(self.tr("OCR languages"), self.ocr_box)
        for label, widget in ((self.tr("Default step timeout"), self.timeout),
                              (self.tr("Stop recording"), self.stop_hotkey), (self.tr("Pause recording"), self.pause_hotkey),
                              (self.tr("Theme"), self.theme)):
            form.addRow(label, widget)
        form.addRow(self.tr("Language"), language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(560)

    def _build_folder(self, usual: str, library: Path | None) -> QVBoxLayout:
        """The folder the window shows, with Browse; a note when this start was given another than the usual."""
        self.shown_library = str(library if library is not None else usual)
        self.library = QLineEdit(self.shown_library)
        self.library.setToolTip(self.tr("The folder whose recordings the window lists; new recordings go there"))
        self.browse_button = QPushButton(self.tr("Browse..."))
        self.browse_button.clicked.connect(self.browse)
        folder = QVBoxLayout()
        folder.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.library, 1)
        row.addWidget(self.browse_button)
        folder.addLayout(row)
        if library is not None and Path(usual).expanduser() != library:
            note = QLabel(self.tr("This window was started with another folder than the usual one ({usual}). "
                                  "OK with a folder changed here makes it the usual one.").format(usual=usual))
            note.setWordWrap(True)
            folder.addWidget(note)
        return folder

    def _build_languages(self, chosen: str, installed: list[str]) -> None:
        """One box to tick per installed language; those chosen first, in their order (the first reads first)."""
        wanted = [code for code in chosen.split("+") if code.strip()]
        self.lang = QListWidget()
        self.lang.setToolTip(self.tr("The languages OCR reads on the screen; tick every language your "
                                     "applications show"))
        for code in wanted + [c for c in installed if c not in wanted]:
            name = self._language_name(code)
            text = name if code in installed else self.tr("{name} (not installed)").format(name=name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in wanted else Qt.CheckState.Unchecked)
            self.lang.addItem(item)
        self.lang.setMaximumHeight(min(160, 12 + 24 * max(2, self.lang.count())))
        self.ocr_box = QWidget()
        col = QVBoxLayout(self.ocr_box)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.lang)
        if not installed:
            missing = QLabel(self.tr("Tesseract OCR is not installed, so no language can be read: "
                                     "sudo apt-get install tesseract-ocr tesseract-ocr-eng"))
            missing.setWordWrap(True)
            col.addWidget(missing)

    def _language_name(self, code: str) -> str:
        """"English (eng)"; a language without a name of ours gets Qt's (English) name, an unknown code stays a code."""
        names = {"eng": self.tr("English"), "chi_sim": self.tr("Chinese, simplified"),
                 "chi_tra": self.tr("Chinese, traditional"), "deu": self.tr("German"), "fra": self.tr("French"),
                 "spa": self.tr("Spanish"), "ita": self.tr("Italian"), "por": self.tr("Portuguese"),
                 "nld": self.tr("Dutch"), "pol": self.tr("Polish"), "rus": self.tr("Russian"),
                 "jpn": self.tr("Japanese"), "kor": self.tr("Korean"), "tur": self.tr("Turkish")}
        if code in names:
            return f"{names[code]} ({code})"
        language = QLocale.codeToLanguage(code.split("_")[0], QLocale.LanguageCodeType.ISO639)
        return code if language == QLocale.Language.AnyLanguage else f"{QLocale.languageToString(language)} ({code})"

    def ocr_languages(self) -> list[str]:
        items = (self.lang.item(i) for i in range(self.lang.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def check_language(self, code: str, checked: bool = True) -> None:
        for i in range(self.lang.count()):
            if self.lang.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.lang.item(i).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def browse(self) -> None:
        chosen = self.choose_folder(self.library.text())
        if chosen:
            self.library.setText(chosen)

    def _choose_folder(self, start: str) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("The recordings folder"), start)

    def folder(self) -> Path:
        """The folder the library should show: the one typed or browsed to, "~" expanded."""
        text = self.library.text().strip()
        return Path(text).expanduser() if text else Path(self.shown_library)

    def settings(self) -> Settings:
        return Settings(lang="+".join(self.ocr_languages()) or "eng", timeout=self.timeout.value(),
                        stop_hotkey=self.stop_hotkey.text().strip(), pause_hotkey=self.pause_hotkey.text().strip(),
                        library=str(self.folder()), theme=str(self.theme.currentData()),
                        language=str(self.language.currentData()))
