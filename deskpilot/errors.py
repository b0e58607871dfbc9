"""The one error family DeskPilot raises, each with a one-line message that puts the location first.

A user never sees a bare ``KeyError``: every failure a person can act on is one of
these, and the CLI maps each branch to an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DeskPilotError(Exception):
    """Base of every error DeskPilot reports to a person."""


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with a routine file, located to its line."""

    file: str
    line: int | None
    message: str
    step: int | None = None
    kind: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        kind = f" ({self.kind})" if self.kind else ""
        what = f"step {self.step}{kind}: " if self.step is not None else ""
        tail = f" — {self.hint}" if self.hint else ""
        return f"{where}: {what}{self.message}{tail}"


class RoutineError(DeskPilotError):
    """A routine file that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self.problems[0]) if self.problems else "invalid routine")

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return first if more == 0 else f"{first} (and {more} more problem{'s' if more > 1 else ''})"

    def all_lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class EnvironmentProblem(DeskPilotError):
    """The machine lacks something DeskPilot needs; the message says what to install or do."""


class DisplayUnavailable(EnvironmentProblem):
    pass


class WaylandUnsupported(EnvironmentProblem):
    pass


class TesseractMissing(EnvironmentProblem):
    pass


class DataError(DeskPilotError):
    """Bad input that is not a routine: a variable with no value, a bad --var."""


@dataclass(eq=False)
class StepFailed(DeskPilotError):
    """A step that could not be carried out; the run stops here."""

    step: int
    description: str
    reason: str
    screenshot: str | None = None
    details: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        see = f"; see {self.screenshot}" if self.screenshot else ""
        return f"step {self.step} ({self.description}): {self.reason}{see}"


class TargetNotFound(StepFailed):
    pass


class TargetAmbiguous(StepFailed):
    pass


class ExpectationFailed(StepFailed):
    pass


@dataclass(eq=False)
class PlaybackAborted(StepFailed):
    """The person stopped the run (fail-safe corner or abort hotkey)."""


class SigningError(DeskPilotError):
    """A recording cannot be signed, approved or trusted: no keyring, a refused approval, an unapproved version."""


class AuditUnavailable(DeskPilotError):
    """The audit trail (or the keyring holding its keys) cannot be written; the message names the folder and the fix."""
