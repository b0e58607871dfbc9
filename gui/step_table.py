"""The step list: per step an icon of its kind, the step as a sentence, a picture of what it acts on with a
"strong" / "⚠ weak" badge, and after a run ✓ or ✗ with its seconds; the running step highlighted.

The run side talks to the model through three calls: ``set_current(row | None)``, ``set_results([(row,
status, seconds, error), ...])`` and ``clear_results()`` (rows are 0-based, as the table's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from deskpilot import model as m
from deskpilot.sensitive import sensitive_kind
from deskpilot.gui.document import RoutineDocument
from deskpilot.gui.i18n import status_text
from deskpilot.gui.icons import COLOURS, icon
from deskpilot.gui.qt import (
    QAbstractTableModel,
    QApplication,
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QMimeData,
    QModelIndex,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QSize,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTextLayout,
    Signal,
)
from deskpilot.gui.step_pictures import PICTURE, ratio, step_picture, step_targets, still_icon
from deskpilot.gui.sentences import LONGEST, found_by, sentence, with_names
from deskpilot.gui.theme import colour, is_dark

COLUMNS = ("#", "step", "anchors", "result")  # the columns' names in code; their headers are in headers()
MIME = "application/x-deskpilot-step-row"
KIND_ICON = 22
ROW_HEIGHT = PICTURE.height() + 10
Index = QModelIndex | QPersistentModelIndex
SENTENCE_ROLE = Qt.ItemDataRole.UserRole + 1  # the step column's sentence and note, apart, for its delegate
NOTE_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """What the last run did with a step: "ok", "failed", "skipped" ..., how long it took, and why it failed."""

    status: str
    seconds: float | None = None
    error: str | None = None


def strength(step: m.Step | None) -> tuple[bool, str] | None:
    """(strong, why) for a step with a target, None for one without (a key, typing).

    Weak when the recorder found that its anchors do not lead back to the click (the step's ``weak``), or
    when only places find it (a window point, the screen point): nothing on the screen says it is the thing.
    """
    targets = step_targets(step)
    if step is None or not targets:
        return None
    if step.weak:
        return False, step.weak
    finders = (m.ElementAnchor, m.TextAnchor, m.ImageAnchor)
    if not all(any(isinstance(a, finders) for a in t.anchors) for t in targets):
        return False, ""
    return True, ""


class StepTableModel(QAbstractTableModel):
    current_changed = Signal(object)  # the row a run is on (0-based), or None: the view scrolls to it

    def __init__(self, doc: RoutineDocument) -> None:
        super().__init__()
        self.doc = doc
        self.current: int | None = None  # the step a run is on
        self.results: dict[int, StepOutcome | str] = {}  # row -> the last run's result (a bare status is taken too)
        self.breakpoints: set[int] = set()
        self._pictures: dict[tuple[Any, ...], QIcon | None] = {}
        self._kind_icons: dict[str, QIcon] = {}
        self._rows = len(doc.steps)
        doc.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        if len(self.doc.steps) != self._rows:  # a step added or deleted: the last run's marks would be off by one
            self._rows = len(self.doc.steps)
            self.results.clear()
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.doc.steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headers(self) -> tuple[str, ...]:
        """The column headers as the window says them, in the order of COLUMNS."""
        return ("#", self.tr("step"), self.tr("anchors"), self.tr("result"))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (self.tr("The step's number and kind"), self.tr("What the step does"),
                    self.tr("What the step acts on, as it looked, and how surely it is found"),
                    self.tr("The last run: ✓ done, ✗ failed, and the seconds it took"))[section]
        return None

    # --- what a row says ----------------------------------------------------------------------------------

    def sentence(self, row: int) -> str:
        """The step as a plain sentence (typing says the field the step before clicked)."""
        step, routine = self.doc.step(row), self.doc.routine
        if step is None or routine is None:
            return self.doc.kind(row)
        return sentence(step, before=self.doc.step(row - 1) if row > 0 else None, secrets=self._secrets())

    def _secrets(self) -> tuple[str, ...]:
        return self.doc.routine.secrets if self.doc.routine is not None else ()

    def result(self, row: int) -> StepOutcome | None:
        got = self.results.get(row)
        return StepOutcome(got) if isinstance(got, str) else got

    def result_text(self, row: int) -> str:
        got = self.result(row)
        if got is None:
            return ""
        mark = {"ok": "✓", "passed": "✓", "failed": "✗"}.get(got.status)
        what = mark if mark is not None else status_text(got.status)
        if got.seconds is None:
            return what
        return self.tr("{mark} {s:.1f} s").format(mark=what, s=got.seconds)

    def badge(self, row: int) -> str:
        strong = strength(self.doc.step(row))
        if strong is None:
            return ""
        return self.tr("strong") if strong[0] else self.tr("⚠ weak")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, col = index.row(), index.column()
        if not (0 <= row < self.rowCount()):
            return None
        step = self.doc.step(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col, step)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == 0:
                return self._kind_icon(self.doc.kind(row))
            if col == 2 and step is not None:
                return self.picture(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col, step)
        if role == SENTENCE_ROLE:
            return self.sentence(row)
        if role == NOTE_ROLE:
            return step.note if step is not None else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if row == self.current:
                return QBrush(colour("current"))
            got = self.result(row)
            if got is not None and got.status == "failed":
                return QBrush(colour("failed"))
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, col, step)
        if role == Qt.ItemDataRole.FontRole and row == self.current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 3):
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: int, col: int, step: m.Step | None) -> str | None:
        if col == 0:
            return ("▶ " if row == self.current else "") + ("● " if row in self.breakpoints else "") + str(row + 1)
        if col == 1:
            text = self.sentence(row)
            return text + "\n" + step.note if step is not None and step.note else text
        if col == 2:
            return self.badge(row)
        if col == 3:
            return self.result_text(row)
        return None

    def _tooltip(self, row: int, col: int, step: m.Step | None) -> str | None:
        lines: list[str] = [] if col == 0 else [self.sentence(row)]
        if col == 0:
            lines.append(self.tr("Step {n}: {kind}").format(n=row + 1, kind=self.doc.kind(row)))
        if col in (1, 2) and step is not None:
            if isinstance(step, m.Type) and len(step.text) > LONGEST and sensitive_kind(step.text) is None:
                lines.append(self.tr("Types: {text}").format(text=with_names(step.text, self._secrets())))
            if step.note:
                lines.append(self.tr("Note: {note}").format(note=step.note))
            for target in step_targets(step):
                lines.append(found_by(target, cursor=getattr(step, "cursor", None)))
            strong = strength(step)
            if strong is not None and not strong[0]:
                lines.append(self.tr("Weak: {why}").format(why=strong[1]) if strong[1] else
                             self.tr("Weak: only its place finds it; pick it again on the screen"))
        got = self.result(row)
        if got is not None and got.error:
            lines.append(got.error)
        return "\n".join(lines) or None

    def _foreground(self, row: int, col: int, step: m.Step | None) -> QBrush | None:
        if col == 2:
            strong = strength(step)
            if strong is not None:
                return QBrush(_colour("strong") if strong[0] else colour("weak"))
        if col == 3:
            got = self.result(row)
            if got is not None and got.status in ("ok", "passed", "failed"):
                return QBrush(_colour("failed" if got.status == "failed" else "ok"))
        return None

    # --- pictures -------------------------------------------------------------------------------------------

    def _kind_icon(self, kind: str) -> QIcon:
        if kind not in self._kind_icons:
            self._kind_icons[kind] = still_icon(icon(kind).pixmap(QSize(KIND_ICON, KIND_ICON), ratio()))
        return self._kind_icons[kind]

    def picture(self, row: int) -> QIcon | None:
        """What the step acts on as it looked, 48 px high (see ``step_pictures``); None for a step without a
        target, or when the recording kept no picture of it."""
        return step_picture(self.doc.step(row), self.doc.path.parent, self._pictures)

    # --- the run side ----------------------------------------------------------------------------------------

    def set_current(self, row: int | None) -> None:
        """Highlight the step a run is on (0-based), or none when the run is over."""
        self.current = row
        self.refresh()
        self.current_changed.emit(row)

    def mark(self, row: int | None) -> None:
        """The older name of ``set_current``."""
        self.set_current(row)

    def set_results(self, results: Iterable[tuple[int, str, float | None, str | None]]) -> None:
        """Show what a run did: (row, status, seconds, error) per step, rows 0-based; rows not given keep theirs."""
        for row, status, seconds, error in results:
            self.results[row] = StepOutcome(status, seconds, error)
        self.refresh()

    def clear_results(self) -> None:
        """Forget the last run's ✓/✗ (a new run starts)."""
        self.results.clear()
        self.refresh()

    def refresh(self) -> None:
        """Draw every row again (a breakpoint set, a result written straight into ``results``)."""
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

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


def _colour(name: str) -> QColor:
    light, dark = COLOURS[name]
    return QColor(dark if is_dark() else light)


class SentenceDelegate(QStyledItemDelegate):
    """The step column: the sentence on up to two lines, ending in "…" when longer, and the note below it in a
    quieter colour; the whole of both is in the row's tooltip."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text, note = str(index.data(SENTENCE_ROLE) or ""), str(index.data(NOTE_ROLE) or "")
        font = opt.font  # type: ignore[attr-defined]
        metrics = QFontMetrics(font)
        area = opt.rect.adjusted(6, 3, -6, -3)  # type: ignore[attr-defined]
        room = max(1, area.height() // metrics.lineSpacing())
        lines = _wrapped(text, font, area.width(), max(1, room - 1) if note else room)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette = opt.palette  # type: ignore[attr-defined]
        ink = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        shown = len(lines) + (1 if note else 0)
        y = area.y() + (area.height() - shown * metrics.lineSpacing()) // 2 + metrics.ascent()
        painter.save()
        painter.setFont(font)
        painter.setPen(ink)
        for line in lines:
            painter.drawText(area.x(), y, line)
            y += metrics.lineSpacing()
        if note:
            quiet = QFont(font)
            quiet.setItalic(True)
            quiet.setBold(False)
            painter.setFont(quiet)
            muted = QColor(ink)
            muted.setAlpha(170)
            painter.setPen(muted)
            painter.drawText(area.x(), y, QFontMetrics(quiet).elidedText(note, Qt.TextElideMode.ElideRight,
                                                                         area.width()))
        painter.restore()


def _wrapped(text: str, font: QFont, width: int, most: int) -> list[str]:
    """``text`` broken into lines of ``width`` pixels, at most ``most``, the last one ending in "…" if cut."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    spans: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) <= most:
        return [text[a:a + n].rstrip() for a, n in spans]
    head = [text[a:a + n].rstrip() for a, n in spans[:most - 1]]
    rest = text[spans[most - 1][0]:]
    return head + [QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)]
