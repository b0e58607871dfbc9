"""Side panels: the run history and the routine's variables (the anchor editor has its own module)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deskpilot import model as m
from deskpilot.gui.qt import QDesktopServices, QListWidget, QListWidgetItem, Qt, QTableWidget, QTableWidgetItem, QUrl, Signal
from deskpilot.player.history import runs_of


class HistoryPanel(QListWidget):
    """Each run: when, how long, the result and the time saved; double-click opens its report."""

    def __init__(self) -> None:
        super().__init__()
        self.itemActivated.connect(self._open_report)

    def show_runs(self, recording: Path) -> None:
        self.clear()
        for run in runs_of(recording):
            when = dt.datetime.fromisoformat(run.started).strftime("%Y-%m-%d %H:%M") if "T" in run.started else run.started
            saved = self.tr(", saved {s:.0f} s").format(s=run.saved_seconds) if run.saved_seconds is not None else ""
            item = QListWidgetItem(f"{when}  {run.status}  {run.seconds:.1f} s{saved}")
            item.setData(Qt.ItemDataRole.UserRole, run.report)
            self.addItem(item)

    def _open_report(self, item: QListWidgetItem) -> None:
        report = item.data(Qt.ItemDataRole.UserRole)
        if report:
            QDesktopServices.openUrl(QUrl.fromLocalFile(report))


class VariablesPanel(QTableWidget):
    """The routine's variables and their defaults; editing a value sets the default (undoable)."""

    edited = Signal(str, str)

    def __init__(self) -> None:
        super().__init__(0, 2)
        self.setHorizontalHeaderLabels([self.tr("variable"), self.tr("default")])
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self._filling = False
        self.itemChanged.connect(self._on_item_changed)

    def show_routine(self, routine: m.Routine | None) -> None:
        from deskpilot.variables import variables_used

        self._filling = True
        names = list(routine.variables) if routine else []
        names += [n for n in (variables_used(routine) if routine else []) if n not in names]
        self.setRowCount(len(names))
        for i, name in enumerate(names):
            key = QTableWidgetItem(name)
            key.setFlags(key.flags() & ~Qt.ItemFlag.ItemIsEditable)
            secret = routine is not None and name in routine.secrets
            value = QTableWidgetItem("••••" if secret else routine.variables.get(name, "") if routine else "")
            if secret:
                value.setFlags(value.flags() & ~Qt.ItemFlag.ItemIsEditable)
                value.setToolTip(self.tr("A secret: set it in the keyring or DESKPILOT_SECRET_{n}").format(n=name.upper()))
            self.setItem(i, 0, key)
            self.setItem(i, 1, value)
        self._filling = False

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == 1:
            self.edited.emit(self.item(item.row(), 0).text(), item.text())
