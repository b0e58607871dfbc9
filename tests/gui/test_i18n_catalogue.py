"""The zh_CN catalogue keeps up with the GUI: every string translated, placeholders kept, the .qm built from the .ts.

A string added to gui/*.py without a translation fails here; so does a .qm left behind its .ts. The fix for
either: ``.venv/bin/python -m deskpilot.gui.i18n`` (then translate what it marked unfinished, and run it again).
"""

from __future__ import annotations

import ast
import functools
import re
import shutil
import string
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from deskpilot.gui import i18n
from deskpilot.gui.qt import QTranslator

GUI = Path(i18n.__file__).parent
TS = i18n.CATALOGUES / "deskpilot_zh_CN.ts"
QM = TS.with_suffix(".qm")
REBUILD = "run .venv/bin/python -m deskpilot.gui.i18n, translate what it marks unfinished in the .ts, run it again"

Key = tuple[str, str, str]  # context, source text, disambiguation


@functools.cache
def source_messages() -> tuple[dict[Key, str], list[str]]:
    """What lupdate extracts from gui/*.py, read the same way: ``self.tr(...)`` in a class (its name is the
    context) and ``QCoreApplication.translate("Context", ...)``; each with where it is. Also the calls lupdate
    cannot read (a text that is not a literal): those strings would silently stay English."""
    found: dict[Key, str] = {}
    unreadable: list[str] = []

    def visit(node: ast.AST, cls: str | None, path: Path) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name, path)
                continue
            if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) \
                    and isinstance(child.func.value, ast.Name):
                where = f"{path.name}:{child.lineno}"
                call, owner = child.func.attr, child.func.value.id
                context, args = None, None
                if call == "tr" and owner == "self":
                    context, args = cls, child.args
                elif call == "translate" and owner in ("QCoreApplication", "QApplication"):
                    first = child.args[0] if child.args else None
                    context = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
                    args = child.args[1:]
                if args is not None:
                    texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                             for a in args[:2]]
                    if context is None or not texts or None in texts:
                        unreadable.append(where)
                    else:
                        found[(context, str(texts[0]), str(texts[1]) if len(texts) > 1 else "")] = where
            visit(child, cls, path)

    for path in sorted(GUI.glob("*.py")):
        visit(ast.parse(path.read_text(encoding="utf-8")), None, path)
    return found, unreadable


def catalogue(ts: Path = TS) -> dict[Key, ET.Element]:
    """The .ts messages by (context, source, disambiguation); each element's <translation> holds the Chinese."""
    out: dict[Key, ET.Element] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "", message.findtext("comment") or "")] = message
    return out


def fields(text: str) -> list[str]:
    """The ``.format`` fields of a text with their specs ("{s:.1f}" -> "s:.1f"), in sorted order."""
    return sorted(f"{name}:{spec}" for _, name, spec, _ in string.Formatter().parse(text) if name is not None)


def test_every_translation_call_names_its_text_literally() -> None:
    _, unreadable = source_messages()
    assert not unreadable, f"lupdate cannot read these (give tr/translate a literal text and context): {unreadable}"


# Qt calls that put text in front of a person, and the keyword arguments that do
TEXT_CALLS = {"setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "showMessage", "setFormat", "addRow",
              "QPushButton", "QLabel", "QAction", "QRadioButton", "QCheckBox", "QListWidgetItem", "QTableWidgetItem",
              "QDockWidget", "addToolBar", "setHorizontalHeaderLabels", "warning", "information", "question",
              "critical", "setStatusTip", "setWhatsThis", "addTab", "setTitle", "QGroupBox", "getOpenFileName",
              "getSaveFileName", "getExistingDirectory", "setSuffix", "setPrefix", "addMenu", "QMenu",
              "DeskPilotError", "_status", "_run", "set_busy"}
FIRST_ONLY = {"addItem"}  # addItem(text, data): the data is a key, not words
TEXT_KEYWORDS = {"placeholderText", "toolTip", "text", "windowTitle", "statusTip", "suffix", "prefix", "title"}
WORDS = re.compile(r"[A-Za-z]{2,}")


def _bare_english(node: ast.AST) -> bool:
    """Whether an argument holds English words that no tr() call went through."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(WORDS.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_bare_english(v) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _bare_english(node.left) or _bare_english(node.right)
    if isinstance(node, ast.IfExp):
        return _bare_english(node.body) or _bare_english(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_bare_english(e) for e in node.elts)
    return False


def test_widget_texts_go_through_translation() -> None:
    bare = []
    for path in sorted(GUI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id in ("log", "logger", "logging"):
                continue  # the log is for developers, in English
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            args = list(node.args) if name in TEXT_CALLS else list(node.args[:1]) if name in FIRST_ONLY else []
            args += [k.value for k in node.keywords if k.arg in TEXT_KEYWORDS]
            bare += [f"{path.name}:{node.lineno}: {ast.unparse(a)}" for a in args if _bare_english(a)]
    assert not bare, "English shown without self.tr()/QCoreApplication.translate():\n" + "\n".join(bare)


def test_every_string_has_a_chinese_translation() -> None:
    found, _ = source_messages()
    ts = catalogue()
    problems = []
    for key, where in sorted(found.items(), key=lambda kv: kv[1]):
        message = ts.get(key)
        translation = message.find("translation") if message is not None else None
        text = (translation.text or "") if translation is not None else ""
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
            problems.append(f"{where}: {key[1]!r} has no finished zh_CN translation")
        elif fields(text) != fields(key[1]):
            problems.append(f"{where}: {key[1]!r} -> {text!r}: the placeholders differ")
        elif re.search(r"&[^&\s]", key[1]) and not re.search(r"&[^&\s]", text):
            problems.append(f"{where}: {key[1]!r} -> {text!r}: the shortcut letter (&) is lost")
    assert not problems, "\n".join(problems) + "\n" + REBUILD


def test_the_catalogue_holds_only_strings_the_gui_has() -> None:
    found, _ = source_messages()
    stale = sorted(set(catalogue()) - set(found))
    assert not stale, f"the .ts still has strings the GUI no longer uses: {stale}\n{REBUILD}"


def test_the_catalogue_is_what_lupdate_writes_now(tmp_path: Path) -> None:
    """lupdate itself, on a copy: nothing new to merge and nothing changed (the check above agrees with lupdate)."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in GUI.glob("*.py"))
    subprocess.run([i18n._tool("lupdate"), *sources, "-locations", "none", "-no-obsolete", "-ts", str(copy)],
                   check=True, capture_output=True, timeout=60)
    assert {k: ET.tostring(m) for k, m in catalogue(copy).items()} == \
        {k: ET.tostring(m) for k, m in catalogue().items()}, REBUILD


@pytest.mark.usefixtures("qapp")
def test_the_compiled_catalogue_says_what_the_ts_says() -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} does not load"
    behind = []
    for (context, source, comment), message in catalogue().items():
        wanted = message.findtext("translation") or ""
        got = translator.translate(context, source, comment or None)
        if got != wanted:
            behind.append(f"{context}: {source!r}: the .qm says {got!r}, the .ts {wanted!r}")
    assert not behind, "the .qm is older than the .ts:\n" + "\n".join(behind[:10]) + "\n" + REBUILD
