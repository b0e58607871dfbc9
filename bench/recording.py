"""A real recording made for the benchmark and the screenshots: `deskpilot record` while xdotool fills a form."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ENTERED = {"customer_id": "C-2001", "company": "Baltic Trading Ltd", "contact": "Anna Kowalska", "city": "Gdansk"}


def record_form(env: dict[str, str], geometry: Path, library: Path, name: str = "customer",
                values: dict[str, str] | None = None) -> Path:
    """Record filling ``values`` (field name -> text) into the demo form and pressing Save; the recording folder."""
    values = ENTERED if values is None else values
    geo = json.loads(geometry.read_text(encoding="utf-8"))
    fields = {f["name"]: f["rect"] for f in geo["fields"]}
    save = next(b["rect"] for b in geo["buttons"] if b["text"] == "Save")
    rec = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "record", name, "--out", str(library)],
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert rec.stderr is not None
    while "recording: stop with" not in (rec.stderr.readline() or "recording: stop with"):
        pass

    def click(rect: list[int]) -> None:
        x, y = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
        subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=True)
        time.sleep(0.5)

    for field, value in values.items():
        click(fields[field])
        subprocess.run(["xdotool", "type", "--delay", "60", value], env=env, check=True)
        time.sleep(0.3)
    click(save)
    time.sleep(1.0)
    subprocess.run(["xdotool", "key", "ctrl+alt+shift+s"], env=env, check=True)
    rec.communicate(timeout=120)
    if rec.returncode != 0:
        raise RuntimeError(f"the recorder failed with exit code {rec.returncode}")
    return library / name
