"""A progress display for the terminal: the step running, how far along, and each step's outcome."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from deskpilot.model import Step
from deskpilot.result import RunReport, StepResult

MARKS = {"ok": "[green]ok[/green]", "dry-run": "[blue]found[/blue]", "failed": "[red]FAILED[/red]",
         "aborted": "[yellow]aborted[/yellow]", "skipped": "[dim]skipped[/dim]"}


class RichProgress:
    """A PlayerListener that draws a rich progress bar and logs one line per finished step."""

    def __init__(self, console: Console, total: int) -> None:
        self._progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TimeElapsedColumn(), console=console, transient=True)
        self._task = self._progress.add_task("starting", total=total)
        self._console = console

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def step_started(self, index: int, step: Step) -> None:
        self._progress.update(self._task, description=f"step {index}: {step.describe()}")

    def step_finished(self, result: StepResult) -> None:
        mark = MARKS.get(result.status, result.status)
        how = f" ({result.found_by} {result.score:.2f})" if result.found_by and result.score is not None else ""
        number = result.path or str(result.index)  # "4.1" inside an if_visible or a call
        self._console.print(f"  {number:>3} {mark} {result.description}{how} {result.seconds:.2f} s",
                            markup=True, highlight=False, soft_wrap=True)
        if not result.path:
            self._progress.advance(self._task)

    def run_finished(self, report: RunReport) -> None:
        self._progress.update(self._task, description=report.status)
