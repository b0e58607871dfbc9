"""The editor's "Find now" on the live screen (Xvfb, real Tesseract): candidates and scores for a step."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from deskpilot.format import load_routine
from deskpilot.xserver import VirtualDisplay
from tests.e2e.conftest import REPO


def test_find_now_reports_the_target_and_draws_it(xdisplay: VirtualDisplay, demo_app: Callable,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.panels import FindWorker

    monkeypatch.setenv("DISPLAY", xdisplay.name)
    demo_app("--dark")
    routine = load_routine(REPO / "recordings" / "demo").routine
    worker = FindWorker(routine.steps[2].target, REPO / "recordings" / "demo", "eng")  # type: ignore[attr-defined]
    seen: list[tuple[bytes, str]] = []
    worker.found.connect(lambda png, text: seen.append((png, text)))
    worker.run()
    png, text = seen[0]
    assert text.startswith("found: text 0.9") and png.startswith(b"\x89PNG")
