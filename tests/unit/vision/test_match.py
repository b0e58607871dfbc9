"""Template matching on rendered screens: the right place, other scales, every copy, nothing when absent."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from deskpilot.vision.match import COARSE_MIN_PIXELS, grey, load_template, match
from tests.unit.vision.render import render_form


def scene() -> np.ndarray:
    pixels, _ = render_form(["Customer ID:", "Company:", "Phone:"], size=16)
    return grey(pixels)


def test_a_crop_is_found_where_it_was_cut() -> None:
    g = scene()
    crop = g[20:45, 15:125].copy()
    found = match(g, (100, 200), crop, threshold=0.8)
    assert found[0].box.x == 115 and found[0].box.y == 220 and found[0].score > 0.99 and found[0].scale == 1.0


def test_a_crop_is_found_in_a_scaled_screen() -> None:
    g = scene()
    crop = g[20:45, 15:125].copy()
    for scale in (1.25, 0.8):
        bigger = cv2.resize(g, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        best = match(bigger, (0, 0), crop, threshold=0.7)[0]
        assert abs(best.scale - scale) <= 0.06
        assert abs(best.box.x - 15 * scale) <= 3 and abs(best.box.y - 20 * scale) <= 3


def test_two_identical_icons_give_two_matches() -> None:
    g = np.full((100, 300), 230, np.uint8)
    icon = np.zeros((20, 20), np.uint8)
    cv2.circle(icon, (10, 10), 7, 255, -1)
    g[10:30, 10:30] = icon
    g[60:80, 200:220] = icon
    found = match(g, (0, 0), icon, threshold=0.9)
    assert sorted((m.box.x, m.box.y) for m in found[:2]) == [(10, 10), (200, 60)]
    assert len([m for m in found if m.score > 0.9]) == 2


def test_an_absent_template_matches_nothing() -> None:
    g = scene()
    noise = np.random.default_rng(1).integers(0, 255, (25, 60), dtype=np.uint8)
    assert match(g, (0, 0), noise, threshold=0.8) == []


@pytest.mark.parametrize("scale", [0.85, 1.05, 1.15, 1.45])
def test_a_large_screen_is_searched_coarse_to_fine_without_losing_in_between_scales(scale: float) -> None:
    g = scene()
    crop = g[20:45, 15:125].copy()
    screen = np.full((1080, 1920), int(g[0, 0]), np.uint8)
    scaled = cv2.resize(g, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    screen[300 : 300 + scaled.shape[0], 700 : 700 + scaled.shape[1]] = scaled
    assert screen.size >= COARSE_MIN_PIXELS
    best = match(screen, (0, 0), crop, threshold=0.8)[0]
    assert best.scale == pytest.approx(scale) and best.score >= 0.85
    assert abs(best.box.x - (700 + 15 * scale)) <= 2 and abs(best.box.y - (300 + 20 * scale)) <= 2


def test_templates_are_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "anchors-ü" / "003.png"  # a non-ASCII folder: cv2.imread would fail here
    path.parent.mkdir()
    path.write_bytes(cv2.imencode(".png", np.zeros((10, 20), np.uint8))[1].tobytes())
    first = load_template(path)
    assert first.shape == (10, 20) and load_template(path) is first
    path.write_bytes(cv2.imencode(".png", np.zeros((12, 30, 3), np.uint8))[1].tobytes())
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_template(path).shape == (12, 30)
