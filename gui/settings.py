"""Settings a clerk may change: OCR languages, default timeout, recorder hotkeys, recordings folder, theme and
the window's language (QSettings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deskpilot.gui import i18n
from deskpilot.gui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSettings,
    QVBoxLayout,
)
from deskpilot.gui.theme import SCHEMES

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


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle(self.tr("Settings"))
        self.lang = QLineEdit(settings.lang)
        self.lang.setToolTip(self.tr("Tesseract languages joined by +, e.g. eng+chi_sim"))
        self.timeout = QDoubleSpinBox(minimum=0.5, maximum=600, value=settings.timeout, suffix=self.tr(" s"))
        self.stop_hotkey = QLineEdit(settings.stop_hotkey)
        self.pause_hotkey = QLineEdit(settings.pause_hotkey)
        self.library = QLineEdit(settings.library)
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
        for label, widget in ((self.tr("OCR languages"), self.lang), (self.tr("Default step timeout"), self.timeout),
                              (self.tr("Stop recording"), self.stop_hotkey), (self.tr("Pause recording"), self.pause_hotkey),
                              (self.tr("Recordings folder"), self.library), (self.tr("Theme"), self.theme)):
            form.addRow(label, widget)
        form.addRow(self.tr("Language"), language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> Settings:
        return Settings(lang=self.lang.text().strip() or "eng", timeout=self.timeout.value(),
                        stop_hotkey=self.stop_hotkey.text().strip(), pause_hotkey=self.pause_hotkey.text().strip(),
                        library=self.library.text().strip(), theme=str(self.theme.currentData()),
                        language=str(self.language.currentData()))
