"""Benchmark: what encryption at rest costs -- a screenshot written and read, a results line appended --
sealed and in clear, side by side in one run, through the product's own functions.

The policy file is switched between ``encrypt: at_rest`` and none for alternate samples, so both sides see
the same machine load. A private gnome-keyring holds the data key when this machine has no usable keyring.

    python -m bench.sealing_bench [--repeats N]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from bench.audit_bench import _a_keyring

HERE = Path(__file__).resolve().parent


@contextlib.contextmanager
def _policy(folder: Path) -> Iterator[Callable[[bool], None]]:
    """A policy file of the bench's own, and a switch that seals or not; the environment is put back after."""
    path = folder / "policy.yaml"
    before = os.environ.get("DESKPILOT_POLICY")
    os.environ["DESKPILOT_POLICY"] = str(path)

    def switch(sealed: bool) -> None:
        path.write_text("encrypt: at_rest\n" if sealed else "# in clear\n", encoding="utf-8")

    try:
        yield switch
    finally:
        if before is None:
            os.environ.pop("DESKPILOT_POLICY", None)
        else:
            os.environ["DESKPILOT_POLICY"] = before


def _screen() -> np.ndarray:
    """A 1280x800 form-like picture: flat panels and text-like noise, compressing as a real screen does."""
    rng = np.random.default_rng(3)
    pixels = np.full((800, 1280, 3), 236, np.uint8)
    for y in range(40, 760, 36):
        pixels[y:y + 14, 120:520] = rng.integers(0, 255, (14, 400, 3), dtype=np.uint8) // 4 + 20
        pixels[y:y + 22, 560:1100] = 255
    return pixels


def measure(folder: Path, repeats: int) -> dict[str, dict[bool, float]]:
    """Median seconds per operation, keyed by what and whether sealed."""
    from deskpilot.compliance.sealing import LineAppender
    from deskpilot.images import read_png, write_png

    pixels = _screen()
    samples: dict[str, dict[bool, list[float]]] = {k: {True: [], False: []} for k in ("write", "read", "line")}
    with _policy(folder) as seal:
        for i in range(repeats):
            for sealed in (False, True):
                seal(sealed)
                shot = folder / f"step-{i:03d}-{int(sealed)}.png"
                t0 = time.perf_counter()
                write_png(shot, pixels)
                samples["write"][sealed].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                got = read_png(shot)
                samples["read"][sealed].append(time.perf_counter() - t0)
                if got is None or got.shape != pixels.shape:
                    raise RuntimeError(f"{shot} did not read back")
                t0 = time.perf_counter()
                with LineAppender(folder / f"claims-{int(sealed)}.results.csv") as lines:
                    lines.append(f"{i},passed,2026-12-02T10:00:00,Person {i},{i}.50")
                    lines.sync()
                samples["line"][sealed].append(time.perf_counter() - t0)
    return {k: {s: statistics.median(v) for s, v in by.items()} for k, by in samples.items()}


def run(repeats: int = 30) -> list[str]:
    """The section's markdown lines."""
    start = time.monotonic()
    with _a_keyring() as which, tempfile.TemporaryDirectory() as tmp:
        medians = measure(Path(tmp), repeats)
    names = {"write": "screenshot 1280x800 written (PNG, atomic, fsync)", "read": "screenshot read back",
             "line": "results line appended (open, lock, write, fsync)"}
    lines = ["## Encryption at rest: sealed against clear", "",
             (f"The product's own `write_png`/`read_png` and `LineAppender`, {repeats} samples each, sealed and clear "
              f"alternating in one run (keyring: {which}). Medians."), "",
             "| operation | clear | sealed | sealed / clear |", "| --- | ---: | ---: | ---: |"]
    for key, label in names.items():
        clear, sealed = medians[key][False], medians[key][True]
        lines.append(f"| {label} | {clear * 1000:.2f} ms | {sealed * 1000:.2f} ms | {sealed / clear:.2f}x |")
    lines += ["", f"This section took {time.monotonic() - start:.0f} s.", ""]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    print("\n".join(run(args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
