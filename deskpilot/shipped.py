"""Where the recordings shipped with DeskPilot live: package data, so an installed `deskpilot demo` finds them."""

from __future__ import annotations

from pathlib import Path

RECORDINGS = Path(__file__).parent / "recordings"  # in a checkout, the product's top-level recordings/ folder
DEMO_RECORDING = RECORDINGS / "demo"
