"""Every Qt import of the GUI goes through here, so the toolkit binding sits in one place."""

from PySide6.QtCore import (  # noqa: F401
    QAbstractTableModel, QFileSystemWatcher, QMimeData, QModelIndex, QObject, QPersistentModelIndex, QSettings, Qt, QThread, QTimer,
    QUrl, Signal, Slot,
)
from PySide6.QtGui import (  # noqa: F401
    QAction, QBrush, QColor, QDesktopServices, QIcon, QKeySequence, QPainter, QPen, QPixmap, QUndoCommand, QUndoStack,
)
from PySide6.QtWidgets import (  # noqa: F401
    QAbstractItemView, QApplication, QDialog, QDialogButtonBox, QDockWidget, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QPushButton, QSplitter, QStatusBar,
    QTableView, QTableWidget, QTableWidgetItem, QToolBar, QVBoxLayout, QWidget,
)
