"""Recorder measurements: hook callback cost and dropped events under a burst, idle CPU, anchor building per click."""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from deskpilot.geometry import Point

BURST_KEYS = 200


@dataclass
class RecorderNumbers:
    callback_us_median: float
    callback_us_max: float
    events_expected: int
    events_received: int
    idle_cpu_percent: float
    anchor_ms_median: float
    anchor_ms_max: float


def hook_burst(display: str) -> tuple[list[float], int, int]:
    """200 key presses as fast as xdotool sends them; every callback timed, every event counted."""
    from deskpilot.platform.pynput_hooks import PynputHooks

    durations: list[float] = []

    class Timed(PynputHooks):
        def _on_press(self, key, injected=False):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            super()._on_press(key, injected)
            durations.append(time.perf_counter() - t0)

        def _on_release(self, key, injected=False):  # type: ignore[no-untyped-def]
            t0 = time.perf_counter()
            super()._on_release(key, injected)
            durations.append(time.perf_counter() - t0)

    hooks = Timed()
    hooks.start()
    time.sleep(0.3)
    subprocess.run(["xdotool", "type", "--delay", "1", "abcdefghij" * (BURST_KEYS // 10)],
                   env={"DISPLAY": display, "PATH": "/usr/bin:/bin"}, check=True)
    time.sleep(1.0)
    hooks.stop()
    return durations, 2 * BURST_KEYS, hooks.events.qsize()


def idle_cpu(display: str, seconds: float = 5.0) -> float:
    """CPU share of a started, idle recorder (frame buffer, journal and steps threads, hooks)."""
    from deskpilot.platform import backend
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.recorder.session import Recorder, RecordOptions

    with tempfile.TemporaryDirectory() as tmp:
        rec = Recorder(RecordOptions(name="idle", out=Path(tmp)), backend().hooks(), backend().screen, TesseractOcr(),
                       backend().windows())
        rec.start()
        time.sleep(0.5)
        c0, w0 = time.process_time(), time.monotonic()
        time.sleep(seconds)
        share = (time.process_time() - c0) / (time.monotonic() - w0) * 100
        rec.stopped.set()
        rec.stop()
    return share


def anchor_times(display: str, folder: Path) -> list[float]:
    """Building the anchors of one click (OCR of the window, crop grown until unique, self-check), per field."""
    from deskpilot.demoapp.launch import launch
    from deskpilot.platform import backend
    from deskpilot.vision.resolve import Resolver
    from deskpilot.vision.tesseract import TesseractOcr
    from deskpilot.recorder.anchors import build_target

    app = launch(folder / "anchors.jsonl", display=display)
    try:
        assert app.window is not None
        screen, windows = backend().screen(), backend().windows()
        frame = screen.grab()
        times = []
        for i in range(8):
            point = Point(app.window.rect.x + 185, app.window.rect.y + 62 + 32 * i)
            resolver = Resolver(screen, TesseractOcr(), windows, folder)  # nothing cached: a new screen each click
            t0 = time.perf_counter()
            build_target(frame, point, resolver=resolver, windows=windows, folder=folder,
                         image_name=f"anchors/b{i}.png", screen=(frame.rect.w, frame.rect.h))
            times.append(time.perf_counter() - t0)
        return times
    finally:
        app.stop()


def measure_recorder(display: str, folder: Path) -> RecorderNumbers:
    durations, expected, received = hook_burst(display)
    anchors = anchor_times(display, folder)
    return RecorderNumbers(
        callback_us_median=statistics.median(durations) * 1e6, callback_us_max=max(durations) * 1e6,
        events_expected=expected, events_received=received, idle_cpu_percent=idle_cpu(display),
        anchor_ms_median=statistics.median(anchors) * 1000, anchor_ms_max=max(anchors) * 1000)


def render_recorder(n: RecorderNumbers) -> list[str]:
    return ["## Recorder", "",
            "| measure | value |", "| --- | ---: |",
            f"| hook callback, median (burst of {BURST_KEYS} key presses) | {n.callback_us_median:.0f} µs |",
            f"| hook callback, slowest | {n.callback_us_max:.0f} µs |",
            f"| events received / sent | {n.events_received} / {n.events_expected} |",
            f"| idle recorder CPU (frame buffer at 5 frames/s) | {n.idle_cpu_percent:.1f} % of one core |",
            f"| anchor building per click, median (8 form fields) | {n.anchor_ms_median:.0f} ms |",
            f"| anchor building per click, slowest | {n.anchor_ms_max:.0f} ms |", ""]
