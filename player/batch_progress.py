"""The terminal view of a data-driven run: rows done of all, failures, rows per minute, time left."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from deskpilot.batch import DataRow, RowResult
from deskpilot.player.batch import BatchSummary


class BatchProgress:
    """A BatchListener: one bar for the rows, one line per finished row (what a clerk scrolls back through)."""

    def __init__(self, console: Console, total: int) -> None:
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[failures]} failed"), TextColumn("{task.fields[rate]}"),
                                  TimeRemainingColumn(), console=console, transient=True)
        self._task = self._progress.add_task("starting", total=total, failures=0, rate="")
        self._console = console

    def __enter__(self) -> BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def row_started(self, row: DataRow, attempt: int) -> None:
        again = f" (try {attempt})" if attempt > 1 else ""
        self._progress.update(self._task, description=f"row {row.number}{again}")

    def row_finished(self, result: RowResult, summary: BatchSummary) -> None:
        mark = {"ok": "[green]ok[/green]", "entered": "[yellow]entered, not confirmed[/yellow]",
                "uncertain": "[red]UNCERTAIN[/red]"}.get(result.status, "[red]FAILED[/red]")
        shown = ", ".join(f"{k}={v}" for k, v in result.values.items())
        error = f" {result.error}" if result.error else ""
        self._console.print(f"  row {result.row:>4} {mark} {result.seconds:.1f} s{error}"
                            + (f"  [{shown}]" if shown else ""), markup=True, highlight=False, soft_wrap=True)
        elapsed = self._progress.tasks[0].elapsed or 0.0
        done = summary.ok + summary.entered + summary.failed
        rate = f"{done / elapsed * 60:.1f} rows/min" if elapsed > 0 else ""
        self._progress.update(self._task, advance=1, failures=summary.failed, rate=rate)
