"""Settings show what the window really uses: its library folder (with Browse), the installed OCR languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskpilot.gui import main_window, settings
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QApplication, QDialog, Qt
from deskpilot.gui.settings import Settings, SettingsDialog

STORED = Settings(lang="chi_sim+eng", timeout=10, stop_hotkey="ctrl+alt+shift+s", pause_hotkey="ctrl+alt+shift+p",
                  library="/nowhere/usual")


def texts(dialog: SettingsDialog) -> list[str]:
    return [dialog.lang.item(i).text() for i in range(dialog.lang.count())]


def test_the_languages_are_the_installed_ones_to_tick(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("deskpilot.vision.tesseract.installed_languages", lambda: frozenset({"eng", "deu", "osd"}))
    dialog = SettingsDialog(STORED)
    qtbot.addWidget(dialog)
    # the chosen first, in their order (the first one reads first); osd is no language; chi_sim is not there
    assert texts(dialog) == ["Chinese, simplified (chi_sim) (not installed)", "English (eng)", "German (deu)"]
    assert dialog.ocr_languages() == ["chi_sim", "eng"]
    dialog.check_language("chi_sim", False)
    dialog.check_language("deu")
    assert dialog.settings().lang == "eng+deu"
    for code in ("eng", "deu"):
        dialog.check_language(code, False)
    assert dialog.settings().lang == "eng"  # never nothing to read with


def test_the_real_tesseract_languages_are_listed(qtbot: QtBot) -> None:
    from deskpilot.vision.tesseract import installed_languages

    dialog = SettingsDialog(STORED)
    qtbot.addWidget(dialog)
    codes = {dialog.lang.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.lang.count())}
    assert codes == (installed_languages() - {"osd", "equ"}) | {"chi_sim", "eng"}


def test_settings_show_the_folder_the_window_uses_and_browse_changes_it(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved: list[Settings] = []
    monkeypatch.setattr(main_window, "save_settings", saved.append)
    monkeypatch.setattr(main_window, "load_settings", lambda: STORED)
    (tmp_path / "today" / "one").mkdir(parents=True)
    (tmp_path / "other").mkdir()
    win = MainWindow(tmp_path / "today")  # deskpilot gui --library today: not the usual folder
    qtbot.addWidget(win)
    seen: list[SettingsDialog] = []

    def answer(dialog: SettingsDialog, browse_to: Path | None) -> int:
        seen.append(dialog)
        assert dialog.library.text() == str(tmp_path / "today")  # what the window shows, not the stored folder
        assert dialog.browse_button.text() == "Browse..."
        if browse_to is not None:
            dialog.choose_folder = lambda start: str(browse_to)
            dialog.browse_button.click()
        return QDialog.DialogCode.Accepted

    browse_to: Path | None = None
    monkeypatch.setattr(settings.SettingsDialog, "exec", lambda self: answer(self, browse_to))
    win.edit_settings()  # OK without a change: the folder given for this start does not become the usual one
    assert saved[-1].library == "/nowhere/usual" and win.library == tmp_path / "today"

    browse_to = tmp_path / "other"
    win.edit_settings()
    assert seen[-1].library.text() == str(tmp_path / "other")
    assert saved[-1].library == str(tmp_path / "other") and win.library == tmp_path / "other"
    panel = win.library_panel
    assert panel.folder == tmp_path / "other" and str(tmp_path / "other") in panel.folder_label.text()
    assert win.statusBar().currentMessage() == f"The library now shows {tmp_path / 'other'}."


def test_a_changed_theme_recolours_the_icons(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main_window, "save_settings", lambda s: None)
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    before = win.actions_by_name["play"].icon().pixmap(32, 32).toImage()
    try:
        win.apply_settings(Settings(**{**win.settings.__dict__, "theme": "dark"}))
        after = win.actions_by_name["play"].icon().pixmap(32, 32).toImage()
        assert after != before
    finally:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        main_window.apply_scheme(app, "system")
