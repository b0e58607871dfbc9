"""Every Qt import of the GUI goes through here, so the toolkit binding sits in one place."""

from PySide6.QtCore import (  # noqa: F401
    QAbstractTableModel,
    QCoreApplication,
    QFileSystemWatcher,
    QLibraryInfo,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSettings,
    QSize,
    Qt,
    QThread,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (  # noqa: F401
    QAction,
    QBrush,
    QColor,
    QDesktopServices,
    QFont,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (  # noqa: F401
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QRubberBand,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# the run bar, the end-of-run result, the report view, the runs panel and the time-saved chart
from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis  # noqa: F401
from PySide6.QtCore import QEvent  # noqa: F401
from PySide6.QtGui import QTextDocument  # noqa: F401
from PySide6.QtWidgets import QSpinBox, QTextBrowser, QTreeWidget, QTreeWidgetItem  # noqa: F401

# the step list: its sentence column and its pictures
from PySide6.QtCore import QPointF, QRectF  # noqa: F401
from PySide6.QtGui import QFontMetrics, QTextLayout  # noqa: F401
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem  # noqa: F401
