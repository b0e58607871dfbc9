"""Side panels: a step's anchors and what "Find now" saw, the last failure's screenshot, the run history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from deskpilot import model as m
from deskpilot.errors import DeskPilotError
from gui.qt import (
    QDesktopServices, QLabel, QListWidget, QListWidgetItem, QObject, QPixmap, QPushButton, Qt, QUrl, QVBoxLayout,
    QWidget, Signal, Slot,
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
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        lines, image = [], None
        for a in getattr(target, "anchors", ()):
            if isinstance(a, m.TextAnchor):
                lines.append(self.tr("text “{t}”, offset {o} ({e} text heights)").format(t=a.text, o=a.offset, e=a.offset_em))
            elif isinstance(a, m.ImageAnchor):
                lines.append(self.tr("image {i}, point {p}").format(i=a.image, p=a.point))
                image = image or (folder / a.image if folder else None)
            elif isinstance(a, m.WindowAnchor):
                lines.append(self.tr("window /{w}/ at {p}").format(w=a.window, p=a.point))
            else:
                lines.append(self.tr("recorded point {p}").format(p=a.at))
        if step is not None and step.weak:
            lines.append(self.tr("⚠ weak: {why}").format(why=step.weak))
        self.summary.setText("\n".join(lines) or self.tr("This step has no target."))
        self.find.setEnabled(target is not None)
        self.set_picture(QPixmap(str(image)) if image and image.exists() else None)

    def set_picture(self, pixmap: QPixmap | None) -> None:
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


class FindWorker(QObject):
    """Resolves one target on the live screen off the GUI thread."""

    found = Signal(bytes, str)

    def __init__(self, target: m.Target, folder: Path, lang: str) -> None:
        super().__init__()
        self.target, self.folder, self.lang = target, folder, lang

    @Slot()
    def run(self) -> None:
        from deskpilot.environment import check_display
        from deskpilot.vision.capture import MssScreen
        from deskpilot.vision.draw import annotate
        from deskpilot.vision.resolve import Resolver
        from deskpilot.vision.tesseract import TesseractOcr
        from deskpilot.x11windows import X11Windows

        try:
            check_display()
            screen = MssScreen()
            frame = screen.grab()
            res = Resolver(screen, TesseractOcr(), X11Windows(), self.folder, lang=self.lang).resolve(self.target, frame)
        except DeskPilotError as exc:
            self.found.emit(b"", str(exc))
            return
        scores = ", ".join(f"{c.how} {c.score:.2f} at ({c.point.x}, {c.point.y})" for c in res.candidates[:6])
        verdict = {"found": self.tr("found"), "ambiguous": self.tr("ambiguous"), "not_found": self.tr("not found")}
        text = f"{verdict.get(res.status, res.status)}: {scores or res.reason}"
        self.found.emit(annotate(frame, res, res.best.point if res.best else None), text)
