"""The window in Simplified Chinese: how the language is chosen, and what the window then says.

English stays the default: no catalogue is installed unless the system, the Settings or DESKPILOT_LANG ask
for Chinese, and every other GUI test runs in English.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from deskpilot.gui import i18n
from deskpilot.gui.main_window import MainWindow
from deskpilot.gui.qt import QApplication, QCoreApplication, QDialogButtonBox, QDockWidget, QLocale, QSettings, Qt
from deskpilot.gui.settings import Settings, SettingsDialog, load_settings, save_settings

ROUTINE = Path(__file__).resolve().parents[1] / "data" / "routines" / "valid" / "full" / "routine.yaml"
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[QApplication]:
    monkeypatch.setenv(i18n.ENV, "zh_CN")
    assert i18n.install(qapp) == "zh_CN"
    yield qapp
    i18n.remove(qapp)


@pytest.mark.parametrize(("tags", "language"), [
    (["zh-Hans-CN", "zh-CN", "zh-Hans", "zh"], "zh_CN"),  # LANG=zh_CN.UTF-8
    (["zh-Hans-SG", "zh-SG"], "zh_CN"),
    (["zh-Hant-TW", "zh-TW", "zh-Hant", "zh"], "en"),  # Traditional: no catalogue; not Simplified by the bare "zh"
    (["zh-Hant-TW", "zh-TW", "zh-Hant", "zh-Hans-CN", "zh"], "zh_CN"),  # LANGUAGE=zh_TW:zh_CN
    (["de-DE", "de", "zh-CN"], "zh_CN"),
    (["en-US", "zh-CN"], "en"),
    (["de-DE", "de"], "en"),
    (["C"], "en"),  # LANG=C, as CI runs
    ([], "en"),
])
def test_the_system_languages_choose_the_first_one_the_window_speaks(tags: list[str], language: str) -> None:
    assert i18n.language_of(tags) == language


def test_the_environment_then_the_settings_then_the_system() -> None:
    chinese_system = QLocale("zh_CN").uiLanguages()
    assert i18n.choose("system", {}, chinese_system) == "zh_CN"
    assert i18n.choose("system", {}, ["C"]) == "en"
    assert i18n.choose("en", {}, chinese_system) == "en"  # the Settings choice beats the system
    assert i18n.choose("zh_CN", {}, ["en-US"]) == "zh_CN"
    assert i18n.choose("en", {i18n.ENV: "zh_CN"}, ["C"]) == "zh_CN"  # DESKPILOT_LANG beats both
    assert i18n.choose("zh_CN", {i18n.ENV: "en"}, chinese_system) == "en"
    assert i18n.choose("en", {i18n.ENV: "system"}, chinese_system) == "zh_CN"
    assert i18n.choose("system", {i18n.ENV: "zh_CN.UTF-8"}, ["C"]) == "zh_CN"  # a LANG-like value works too
    assert i18n.choose("system", {i18n.ENV: ""}, ["C"]) == "en"


def test_the_main_window_speaks_chinese(chinese: QApplication, qtbot: QtBot, tmp_path: Path) -> None:
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    actions = win.actions_by_name
    assert [actions[n].text() for n in ("save", "undo", "play", "stop", "pause", "find", "settings")] == \
        ["保存", "撤销", "运行", "停止/取消", "暂停/继续", "立即查找", "设置"]
    assert all(HAN.search(a.text()) for a in actions.values()), [a.text() for a in actions.values()]
    assert actions["save"].toolTip() == "保存（Ctrl+S）"
    assert win.record_button.text() == "录制" and win.search.placeholderText() == "搜索录制"
    assert [a.text() for a in win.menuBar().actions()] == ["文件(&F)", "编辑(&E)", "步骤(&S)", "运行(&R)", "视图(&V)"]
    assert [a.iconText() for a in win.main_toolbar.actions() if not a.isSeparator()] == \
        ["录制", "运行", "暂停", "停止", "批量运行", "立即查找", "保存"]
    docks = {d.objectName(): d.windowTitle() for d in win.findChildren(QDockWidget)}
    assert docks == {"library": "录制库", "properties": "步骤", "anchors": "锚点", "variables": "变量",
                     "runs": "运行记录", "heal": "修复"}
    assert win.statusBar().currentMessage() == "就绪"
    win.open(ROUTINE)
    assert win.model is not None
    assert [win.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == ["#", "步骤", "锚点", "结果"]
    examples = win.library_panel.examples  # the examples have a section of their own: no "(example)" on each
    labels = [examples.item(i).text() for i in range(examples.count())]
    assert labels and all("个步骤" in label for label in labels)


def test_dialogs_speak_chinese_down_to_qts_own_buttons(chinese: QApplication, qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(lang="eng", timeout=10, stop_hotkey="", pause_hotkey="", library="/tmp"))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "设置" and dialog.timeout.suffix() == " 秒"
    buttons = dialog.findChild(QDialogButtonBox)
    assert sorted(b.text() for b in buttons.buttons()) == sorted(["确定", "取消"])  # Qt's catalogue, qtbase_zh_CN


def test_english_is_the_default(qapp: QApplication, qtbot: QtBot, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV, "en")
    assert i18n.install(qapp, "zh_CN") == "en"
    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    assert win.actions_by_name["save"].text() == "Save" and win.record_button.text() == "Record"
    assert QCoreApplication.translate("MainWindow", "Save") == "Save"


def test_the_language_is_a_setting_that_applies_at_the_next_start(qapp: QApplication, qtbot: QtBot, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert load_settings(store).language == "system"
    dialog = SettingsDialog(load_settings(store))
    qtbot.addWidget(dialog)
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == ["System", "English", "简体中文"]
    assert "next time" in dialog.language_note.text()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    save_settings(dialog.settings(), store)
    assert load_settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)).language == "zh_CN"
    store.setValue("language", "klingon")
    assert load_settings(store).language == "system"  # an unknown value falls back, it does not break the start

    win = MainWindow(tmp_path)
    qtbot.addWidget(win)
    monkeypatch.setattr("deskpilot.gui.main_window.save_settings", lambda settings: None)  # not the session's store
    win.apply_settings(Settings(**{**win.settings.__dict__, "language": "zh_CN"}))
    assert win.statusBar().currentMessage() == "The language changes the next time DeskPilot starts."
    assert win.actions_by_name["save"].text() == "Save"  # still English until then


START = textwrap.dedent("""
    import sys
    from deskpilot.gui.qt import QApplication, QTimer
    from deskpilot.gui import app as gui_app
    from deskpilot.gui.main_window import MainWindow

    qt = QApplication(sys.argv[:1])
    def look():
        win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        print(win.actions_by_name["save"].text(), win.record_button.text())
        win.close()
        qt.quit()
    QTimer.singleShot(0, look)
    gui_app.run(None)
""")


@pytest.mark.parametrize(("stored", "expected"), [(None, "保存 录制"), ("en", "Save Record")])
def test_the_started_application_follows_lang_unless_the_settings_say_otherwise(
        tmp_path: Path, stored: str | None, expected: str) -> None:
    """``deskpilot gui``'s own start-up, with LANG=zh_CN.UTF-8 as a Chinese desktop sets it."""
    config = tmp_path / "config"
    if stored is not None:
        (config / "DeskPilot").mkdir(parents=True)
        (config / "DeskPilot" / "DeskPilot.conf").write_text(f"[General]\nlanguage={stored}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", i18n.ENV)}
    env |= {"LANG": "zh_CN.UTF-8", "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(config),
            "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", START], env=env, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == expected, done.stderr
