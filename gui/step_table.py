"""The step list: one readable line per step, its anchors, weak steps flagged, the running step marked."""

from __future__ import annotations

from typing import Any

from deskpilot.model import ImageAnchor
from deskpilot.gui.document import RoutineDocument
from deskpilot.gui.qt import QAbstractTableModel, QBrush, QIcon, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from deskpilot.gui.theme import colour

COLUMNS = ("#", "step", "anchors", "note")  # the columns' names in code; their headers are in headers()
MIME = "application/x-deskpilot-step-row"
Index = QModelIndex | QPersistentModelIndex


class StepTableModel(QAbstractTableModel):
    def __init__(self, doc: RoutineDocument) -> None:
        super().__init__()
        self.doc = doc
        self.current: int | None = None  # the step a run is on
        self.results: dict[int, str] = {}  # row -> "ok" / "failed" of the last run
        self._icons: dict[Any, QIcon] = {}
        self.breakpoints: set[int] = set()
        doc.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.doc.steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headers(self) -> tuple[str, ...]:
        """The column headers as the window says them, in the order of COLUMNS."""
        return ("#", self.tr("step"), self.tr("anchors"), self.tr("note"))

    def anchor_kinds(self) -> dict[str, str]:
        """An anchor class's short name (TextAnchor -> "text") as the anchors column says it."""
        return {"text": self.tr("text"), "image": self.tr("image"), "window": self.tr("window"),
                "element": self.tr("element"), "point": self.tr("point")}

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        step = self.doc.step(row)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return ("● " if row in self.breakpoints else "") + str(row + 1)
            if col == 1:
                return self.doc.describe(row)
            if col == 2 and step is not None:
                target = getattr(step, "target", None) or getattr(step, "source", None)
                names = self.anchor_kinds()
                kinds = (type(a).__name__.replace("Anchor", "").lower() for a in getattr(target, "anchors", ()))
                return self.tr(", ").join(names.get(kind, kind) for kind in kinds)
            if col == 3 and step is not None:
                weak = self.tr("⚠ weak: {why}").format(why=step.weak) if step.weak else ""
                return " ".join(part for part in (weak, step.note or "") if part)
        if role == Qt.ItemDataRole.DecorationRole and col == 2 and step is not None:
            return self._thumbnail(step)
        if role == Qt.ItemDataRole.ToolTipRole and step is not None and step.weak:
            return self.tr("Weak anchors: {why}").format(why=step.weak)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row == self.current:
                return QBrush(colour("current"))
            if self.results.get(row) == "failed":
                return QBrush(colour("failed"))
        if role == Qt.ItemDataRole.ForegroundRole and step is not None and step.weak:
            return QBrush(colour("weak"))
        return None

    def _thumbnail(self, step: Any) -> QIcon | None:
        """The step's image anchor, small: what the clerk clicked, as it looked."""
        target = getattr(step, "target", None) or getattr(step, "source", None)
        image = next((a.image for a in getattr(target, "anchors", ()) if isinstance(a, ImageAnchor)), None)
        if image is None:
            return None
        path = self.doc.path.parent / image
        if path not in self._icons:
            self._icons[path] = QIcon(str(path))
        return self._icons[path]

    # --- reorder by drag and drop: the move goes through the document's undo stack ---------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        data.setData(MIME, str(indexes[0].row()).encode() if indexes else b"")
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not data.hasFormat(MIME) or action != Qt.DropAction.MoveAction:
            return False
        source = int(bytes(data.data(MIME)).decode() or -1)
        target = row if row >= 0 else (parent.row() if parent.isValid() else self.rowCount())
        if source < 0:
            return False
        self.doc.move(source, target - 1 if target > source else target)
        return False  # the document moved the row itself; Qt must not remove the source again

    def mark(self, row: int | None) -> None:
        self.current = row
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))
