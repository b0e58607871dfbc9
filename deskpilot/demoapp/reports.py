"""A sales report: region buttons, an invoice list and a total, for cross-checking what a screen adds up."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deskpilot.demoapp import sales
from deskpilot.demoapp.options import Options
from deskpilot.demoapp.sales import built_in_data, load_data, region_totals
from deskpilot.demoapp.screen import ScreenWindow, button_row, heading

__all__ = ["ReportsWindow", "built_in_data", "load_data", "region_totals"]

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReportsWindow(ScreenWindow):
    SCREEN = "reports"

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.data = load_data(options.data) if options.data else built_in_data()
        self.altered = dict(options.alter_total)
        self.region = sales.REGIONS[0]
        self.pages = QStackedWidget()
        self.pages.addWidget(self._report_page())
        self.pages.addWidget(QLabel("Loading...", alignment=Qt.AlignmentFlag.AlignCenter))
        col = QVBoxLayout(self)
        col.addLayout(self._region_buttons())
        col.addWidget(self.pages, 1)
        self._show(self.region)

    def _region_buttons(self) -> QHBoxLayout:
        return button_row((region, partial(self.select, region)) for region in sales.REGIONS)

    def _report_page(self) -> QWidget:
        page = QWidget()
        col = QVBoxLayout(page)
        col.setContentsMargins(0, 0, 0, 0)
        self.heading = heading("")
        col.addWidget(self.heading)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Invoice", "Customer", "Amount"])
        self.table.verticalHeader().setVisible(False)  # row numbers would be stray digits for OCR
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        col.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(QLabel("Total:"))
        row.addSpacing(12)
        self.total = QLabel("", alignment=_RIGHT)
        self.total.setObjectName("total")
        row.addWidget(self.total)
        col.addLayout(row)
        return page

    def select(self, region: str) -> None:
        """Show ``region``'s invoices, after a "Loading..." page when --slow."""
        self.region = region
        if self.options.slow > 0:
            self.pages.setCurrentIndex(1)
            self.changed()
        self.later(lambda: self._show(region))

    def _show(self, region: str) -> None:
        rows = self.data.get(region, [])
        self.heading.setText(f"Region: {region}")
        self.table.setRowCount(len(rows))
        for i, invoice in enumerate(rows):
            amount = QTableWidgetItem(sales.format_amount(invoice.amount))
            amount.setTextAlignment(_RIGHT)
            for j, item in enumerate((QTableWidgetItem(invoice.number), QTableWidgetItem(invoice.customer), amount)):
                self.table.setItem(i, j, item)
        self.total.setText(self.altered.get(region, sales.format_amount(sales.region_total(rows))))
        self.pages.setCurrentIndex(0)
        self.changed()

    def screen_name(self) -> str:
        return "loading" if self.pages.currentIndex() == 1 else self.SCREEN
