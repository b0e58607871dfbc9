"""The capture's colour conversion: mss's BGRA bytes to the BGR frame the vision code reads."""

from __future__ import annotations

import numpy as np

from deskpilot.platform.mss_screen import bgr


def test_bgra_bytes_become_a_contiguous_bgr_frame_with_the_alpha_dropped() -> None:
    rng = np.random.default_rng(7)
    bgra = rng.integers(0, 256, (3, 5, 4), dtype=np.uint8)
    frame = bgr(bytearray(bgra.tobytes()), 5, 3)
    assert frame.shape == (3, 5, 3) and frame.flags["C_CONTIGUOUS"]
    assert (frame == bgra[:, :, :3]).all()
