"""Side panels: a step's anchors and what "Find now" saw, the last failure's screenshot, the run history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deskpilot import model as m
from dataclasses import dataclass

from deskpilot.geometry import Point
from deskpilot.ports import Frame
from gui.qt import (
    QColor, QDesktopServices, QLabel, QPainter, QPen, QListWidget, QListWidgetItem, QPixmap, QPushButton, Qt, QTableWidget,
    QTableWidgetItem, QUrl, QVBoxLayout, QWidget, Signal,
)
from player.history import runs_of


class AnchorPanel(QWidget):
    """The selected step's anchors in words and its image anchor; "Find now" shows the live candidates."""

    find_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.picture = PickableLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setToolTip(self.tr("After Find now: click the right place to re-pick the target there"))
        self.frame: Frame | None = None  # the live frame shown, when there is one to re-pick on
        self.picture.setMinimumHeight(120)
        self.find = QPushButton(self.tr("Find now"))
        self.find.setToolTip(self.tr("Look for this target on the live screen and show every candidate (Ctrl+F)"))
        self.find.clicked.connect(self.find_requested.emit)
        col = QVBoxLayout(self)
        col.addWidget(self.summary)
        col.addWidget(self.picture, 1)
        col.addWidget(self.find)

    def show_step(self, step: m.Step | None, folder: Path | None) -> None:
        target = getattr(step, "target", None) or getattr(step, "source", None)
        lines: list[str] = []
        image, point = None, None
        for a in getattr(target, "anchors", ()):
            if isinstance(a, m.TextAnchor):
                lines.append(self.tr("text “{t}”, offset {o} ({e} text heights)").format(t=a.text, o=a.offset, e=a.offset_em))
            elif isinstance(a, m.ImageAnchor):
                lines.append(self.tr("image {i}, point {p}").format(i=a.image, p=a.point))
                if image is None and folder is not None:
                    image, point = folder / a.image, a.point
            elif isinstance(a, m.WindowAnchor):
                lines.append(self.tr("window /{w}/ at {p}").format(w=a.window, p=a.point))
            else:
                lines.append(self.tr("recorded point {p}").format(p=a.at))
        if step is not None and step.weak:
            lines.append(self.tr("⚠ weak: {why}").format(why=step.weak))
        self.summary.setText("\n".join(lines) or self.tr("This step has no target."))
        self.find.setEnabled(target is not None)
        self.set_picture(_with_point(QPixmap(str(image)), point) if image and image.exists() else None)

    def set_picture(self, pixmap: QPixmap | None, frame: Frame | None = None) -> None:
        self.frame = frame
        self.picture.source_size = (frame.rect.w, frame.rect.h) if frame is not None else None
        if pixmap is None or pixmap.isNull():
            self.picture.clear()
            return
        self.picture.setPixmap(pixmap.scaled(self.picture.width(), max(120, self.picture.height()),
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))


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


@dataclass(frozen=True)
class LiveLook:
    """What "Find now" saw: the frame, the annotated picture and a one-line verdict."""

    frame: Frame
    png: bytes
    text: str


def find_live(target: m.Target, folder: Path, lang: str) -> LiveLook:
    """Resolve a target on the live screen (run off the GUI thread: it OCRs)."""
    from deskpilot.environment import check_display
    from deskpilot.vision.capture import MssScreen
    from deskpilot.vision.draw import annotate
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.x11windows import X11Windows

    check_display()
    screen = MssScreen()
    frame = screen.grab()
    res = Resolver(screen, TesseractOcr(), X11Windows(), folder, lang=lang).resolve(target, frame)
    scores = ", ".join(f"{c.how} {c.score:.2f} at ({c.point.x}, {c.point.y})" for c in res.candidates[:6])
    verdict = {"found": "found", "ambiguous": "ambiguous", "not_found": "not found"}.get(res.status, res.status)
    return LiveLook(frame, annotate(frame, res, res.best.point if res.best else None), f"{verdict}: {scores or res.reason}")


def repick(frame: Frame, point: Point, folder: Path, lang: str, image_name: str) -> object:
    """New anchors for the point the person picked on a live frame, self-checked like recorded ones."""
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.x11windows import X11Windows
    from recorder.anchors import build_target

    windows = X11Windows()
    resolver = Resolver(None, TesseractOcr(), windows, folder, lang=lang)  # type: ignore[arg-type]
    return build_target(frame, point, resolver=resolver, windows=windows, folder=folder, image_name=image_name,
                        screen=(frame.rect.w, frame.rect.h))


class PickableLabel(QLabel):
    """Shows a frame scaled down; a click reports the point in the frame's own pixels."""

    picked = Signal(int, int)

    def __init__(self) -> None:
        super().__init__()
        self.source_size: tuple[int, int] | None = None

    def mousePressEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        pixmap = self.pixmap()
        if self.source_size is None or pixmap is None or pixmap.isNull():
            return
        pos = event.position()  # type: ignore[attr-defined]
        # the pixmap is centred in the label
        ox, oy = (self.width() - pixmap.width()) / 2, (self.height() - pixmap.height()) / 2
        x, y = (pos.x() - ox) / pixmap.width(), (pos.y() - oy) / pixmap.height()
        if 0 <= x <= 1 and 0 <= y <= 1:
            self.picked.emit(round(x * self.source_size[0]), round(y * self.source_size[1]))


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


def _with_point(pixmap: QPixmap, point: tuple[int, int] | None) -> QPixmap:
    """The anchor picture with the recorded click point marked on it, as the person clicked it."""
    if pixmap.isNull():
        return pixmap
    x, y = point if point is not None else (pixmap.width() // 2, pixmap.height() // 2)
    painter = QPainter(pixmap)
    painter.setPen(QPen(QColor("#e02020"), 2))
    painter.drawLine(x - 8, y, x + 8, y)
    painter.drawLine(x, y - 8, x, y + 8)
    painter.drawEllipse(x - 5, y - 5, 10, 10)
    painter.end()
    return pixmap
