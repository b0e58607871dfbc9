"""Settings a clerk may change: OCR languages, default timeout, recorder hotkeys, recordings folder (QSettings)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deskpilot.gui.qt import QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLineEdit, QSettings
from deskpilot.gui.theme import SCHEMES

DEFAULTS = {"lang": "eng", "timeout": 10.0, "stop_hotkey": "ctrl+alt+shift+s", "pause_hotkey": "ctrl+alt+shift+p",
            "library": str(Path.home() / "DeskPilot" / "recordings"), "theme": "system"}


@dataclass(frozen=True)
class Settings:
    lang: str
    timeout: float
    stop_hotkey: str
    pause_hotkey: str
    library: str
    theme: str = "system"  # "system", "light" or "dark"


def load_settings(store: QSettings | None = None) -> Settings:
    store = store or QSettings("DeskPilot", "DeskPilot")
    values = {k: store.value(k, v) for k, v in DEFAULTS.items()}
    return Settings(lang=str(values["lang"]), timeout=float(values["timeout"]), stop_hotkey=str(values["stop_hotkey"]),
                    pause_hotkey=str(values["pause_hotkey"]), library=str(values["library"]),
                    theme=str(values["theme"]) if values["theme"] in SCHEMES else "system")


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
        self.timeout = QDoubleSpinBox(minimum=0.5, maximum=600, value=settings.timeout, suffix=" s")
        self.stop_hotkey = QLineEdit(settings.stop_hotkey)
        self.pause_hotkey = QLineEdit(settings.pause_hotkey)
        self.library = QLineEdit(settings.library)
        self.theme = QComboBox()
        for key, label in (("system", self.tr("As the system")), ("light", self.tr("Light")), ("dark", self.tr("Dark"))):
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form = QFormLayout(self)
        for label, widget in ((self.tr("OCR languages"), self.lang), (self.tr("Default step timeout"), self.timeout),
                              (self.tr("Stop recording"), self.stop_hotkey), (self.tr("Pause recording"), self.pause_hotkey),
                              (self.tr("Recordings folder"), self.library), (self.tr("Theme"), self.theme)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> Settings:
        return Settings(lang=self.lang.text().strip() or "eng", timeout=self.timeout.value(),
                        stop_hotkey=self.stop_hotkey.text().strip(), pause_hotkey=self.pause_hotkey.text().strip(),
                        library=self.library.text().strip(), theme=str(self.theme.currentData()))
