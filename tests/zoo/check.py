"""Check one zoo application's harness without DeskPilot: the person does the routine, the verifier reads it back.

    python -m tests.zoo.check homebank [--variant dark] [--rows] [--shots DIR]

Each module ``tests/zoo/<name>.py`` exposes ``APP``, an object following ``tests.zoo.base.ZooApp``.
With ``--rows`` the person does the routine once per data row on the same instance (as a data run
would), else once with ``APP.values``. Exit 0 when ``saved`` equals ``expected``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from pathlib import Path

from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import AS_RECORDED, Person, ZooApp


def load(name: str) -> ZooApp:
    return importlib.import_module(f"tests.zoo.{name}").APP  # type: ignore[no-any-return]


def screenshot(display: VirtualDisplay, path: Path) -> None:
    import os

    from deskpilot.images import write_png

    from deskpilot.platform import backend

    os.environ["DISPLAY"] = display.name
    write_png(path, backend().screen().grab().pixels)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    parser.add_argument("--variant", default=AS_RECORDED.name)
    parser.add_argument("--rows", action="store_true")
    parser.add_argument("--shots", type=Path)
    args = parser.parse_args()
    app = load(args.name)
    variant = next((v for v in app.variants if v.name == args.variant), None)
    if variant is None:
        print(f"{args.name} has no variant {args.variant!r}: {[v.name for v in app.variants]}")
        return 2
    runs = list(app.rows) if args.rows else [app.values]
    with VirtualDisplay(1280, 800) as display, tempfile.TemporaryDirectory() as tmp:
        t0 = time.monotonic()
        running = app.start(display, Path(tmp) / "home", variant)
        print(f"started in {time.monotonic() - t0:.1f} s")
        try:
            person = Person(display)
            for i, values in enumerate(runs, start=1):
                t1 = time.monotonic()
                app.perform(person, running, values)
                print(f"performed run {i} in {time.monotonic() - t1:.1f} s")
                if args.shots:
                    args.shots.mkdir(parents=True, exist_ok=True)
                    screenshot(display, args.shots / f"{args.name}-{i}.png")
            got, want = app.saved(running), app.expected(runs)
        finally:
            running.stop()
    print("saved:   ", got)
    print("expected:", want)
    print("OK" if got == want else "MISMATCH")
    return 0 if got == want else 1


if __name__ == "__main__":
    sys.exit(main())
