"""The editor's "Find now" on the live screen (Xvfb, real Tesseract): candidates and scores for a step."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from deskpilot.format import load_routine
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.conftest import REPO


def test_find_now_reports_the_target_and_draws_it(xdisplay: VirtualDisplay, demo_app: Callable,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.gui.repick import find_live

    monkeypatch.setenv("DISPLAY", xdisplay.name)
    demo_app("--dark")
    routine = load_routine(REPO / "recordings" / "demo").routine
    look = find_live(routine.steps[2].target, REPO / "recordings" / "demo", "eng")  # type: ignore[attr-defined]
    assert look.text.startswith("found: text 0.9") and look.png.startswith(b"\x89PNG")
    assert look.frame.rect.w == 1280


def test_repick_builds_anchors_that_lead_back_to_the_picked_place(xdisplay: VirtualDisplay, demo_app: Callable,
                                                                   monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path) -> None:  # type: ignore[no-untyped-def]
    from deskpilot.geometry import Point
    from deskpilot.platform import backend
    from deskpilot.gui.repick import repick_point

    monkeypatch.setenv("DISPLAY", xdisplay.name)
    demo_app()
    frame = backend().screen().grab()
    built = repick_point(frame, Point(226, 250), None, tmp_path, "eng", "anchors/009.png", live=True)  # the City field
    assert built.weak is None
    assert built.target.anchors[0].text == "City:"  # type: ignore[union-attr]
    assert (tmp_path / "anchors" / "009.png").exists()
    assert built.frame is not None and (tmp_path / built.frame).is_file()  # the live screen kept for the editor
