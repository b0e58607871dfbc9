"""What happened: the record of a run, kept apart from the routine that was run."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from deskpilot.geometry import Point, Rect
from deskpilot.ports import Element


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One place a target might be, scored 0–1.

    ``text_similarity`` and ``ocr_conf`` are kept apart (for text anchors) so a
    report can say whether a weak match was a misread or a different word.
    """

    point: Point
    score: float
    anchor_index: int
    how: str  # "text", "image", "window", "point"
    box: Rect | None = None
    found_text: str | None = None
    text_similarity: float | None = None
    ocr_conf: float | None = None
    scale: float | None = None
    element: Element | None = field(default=None, compare=False)  # found by the accessibility tree: the control


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """The outcome of resolving a target on one frame."""

    status: str  # "found", "not_found", "ambiguous"
    best: Candidate | None
    candidates: tuple[Candidate, ...] = ()
    searched: tuple[Rect, ...] = ()
    reason: str = ""

    @property
    def found(self) -> bool:
        return self.status == "found"


@dataclass(slots=True, kw_only=True)
class StepResult:
    index: int  # 1-based, as people count steps
    kind: str
    description: str
    status: str = "not run"  # "ok", "failed", "skipped", "aborted", "dry-run"
    seconds: float = 0.0
    waited_seconds: float = 0.0
    found_by: str | None = None
    score: float | None = None
    point: tuple[int, int] | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    screenshot: str | None = None
    read: dict[str, str] = field(default_factory=dict)
    path: str = ""  # "4.1" for the first step inside step 4 (if_visible, call); empty for a top-level step
    heal: list[dict[str, Any]] = field(default_factory=list)  # repaired anchors proposed for review (deskpilot heal)


@dataclass(slots=True, kw_only=True)
class RunReport:
    routine: str
    started: str  # ISO 8601, local time with offset
    status: str = "running"  # "passed", "failed", "aborted", "dry-run"
    seconds: float = 0.0
    manual_seconds: float | None = None
    dry_run: bool = False
    steps: list[StepResult] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    confirmed: bool | None = None  # passed runs: the routine's final check saw the application's confirmation
    committed: bool = False  # the step that saves began: from here on the application may hold the data

    @property
    def outcome(self) -> str:
        """What a person is told: "passed", "entered, not confirmed" (no final check), or the status."""
        if self.status == "passed" and self.confirmed is False:
            return "entered, not confirmed"
        return self.status

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def candidate_summary(c: Candidate) -> dict[str, Any]:
    """A candidate as plain data for the JSON report."""
    out: dict[str, Any] = {"x": c.point.x, "y": c.point.y, "score": round(c.score, 3), "how": c.how}
    if c.found_text is not None:
        out["text"] = c.found_text
    if c.text_similarity is not None:
        out["text_similarity"] = round(c.text_similarity, 3)
    if c.ocr_conf is not None:
        out["ocr_conf"] = round(c.ocr_conf, 3)
    if c.box is not None:
        out["box"] = [c.box.x, c.box.y, c.box.w, c.box.h]
    return out
