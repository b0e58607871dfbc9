"""Data-driven runs: one run of a routine per row of a CSV or .xlsx file, resumable from its results file.

This package is the part without a screen: reading the table, matching columns to
variables, choosing rows, and keeping the results. The player does the playing.
"""

from deskpilot.batch.columns import ColumnCheck, check_columns, row_values
from deskpilot.batch.results import ResultsFile, RowResult, finished_now, results_path
from deskpilot.batch.selection import parse_rows, pick_rows
from deskpilot.batch.table import DataRow, DataTable, read_table

__all__ = [
    "ColumnCheck",
    "DataRow",
    "DataTable",
    "ResultsFile",
    "RowResult",
    "check_columns",
    "finished_now",
    "parse_rows",
    "pick_rows",
    "read_table",
    "results_path",
    "row_values",
]
