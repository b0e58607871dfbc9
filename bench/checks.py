"""What the checks cost: the demo recording with its typing checks against the same routine with them off.

    python -m bench.checks [RUNS]        (its own Xvfb display)

Side by side, interleaved, on fresh demo app instances: "checked" is the routine as shipped (each
field emptied when it holds anything, typed, read back); "unchecked" types as older versions did
(`verify: false, mode: append`). "checked, form kept its values" replays on a form that keeps the
previous entry, where every field really is emptied first. Reported: the median seconds of a type
step and of a whole replay, and what the checks add per step.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from deskpilot.platform.x11.xvfb import VirtualDisplay

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "recordings" / "demo"
VALUES = ["--var", "customer_id=C-2002", "--var", "city=Kiel"]


def unchecked_copy(folder: Path) -> Path:
    """The demo recording with every type step as older versions typed: no emptying, no read-back."""
    out = folder / "unchecked"
    shutil.copytree(DEMO, out)
    text = (out / "routine.yaml").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.strip().startswith("- type: "):
            value = line.split("- type: ", 1)[1]
            indent = line[: len(line) - len(line.lstrip())]
            line = f"{indent}- type: {{text: {value}, verify: false, mode: append}}"
        lines.append(line)
    (out / "routine.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def play(display: VirtualDisplay, work: Path, recording: Path, tag: str, keep: bool) -> tuple[float, list[float]]:
    from deskpilot.demoapp.launch import launch

    app = launch(work / f"{tag}.jsonl", *(["--keep-values"] if keep else []), display=display.name)
    try:
        env = {**display.env(), "XDG_DATA_HOME": str(work / "data")}
        if keep:  # the form first holds a previous entry, as after the row before
            subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", str(recording), "--report",
                            str(work / f"{tag}-first")], env=env, capture_output=True, check=True, cwd=work)
        report = work / f"{tag}-report"
        subprocess.run([sys.executable, "-m", "deskpilot.cli", "play", str(recording), *VALUES, "--report", str(report)],
                       env=env, capture_output=True, check=True, cwd=work)
        data = json.loads((report / "report.json").read_text(encoding="utf-8"))
        return data["seconds"], [s["seconds"] for s in data["steps"] if s["kind"] == "type"]
    finally:
        app.stop()


def main(argv: list[str] | None = None) -> int:
    runs = int((argv or sys.argv[1:] or ["5"])[0])
    with tempfile.TemporaryDirectory() as tmp, VirtualDisplay(1280, 800) as display:
        work = Path(tmp)
        plain = unchecked_copy(work)
        cases = {"unchecked (older versions)": (plain, False), "checked (as shipped)": (DEMO, False),
                 "checked, form kept its values": (DEMO, True)}
        totals: dict[str, list[float]] = {k: [] for k in cases}
        steps: dict[str, list[float]] = {k: [] for k in cases}
        for i in range(runs):
            for name, (recording, keep) in cases.items():
                total, typed = play(display, work, recording, f"r{i}-{len(totals[name])}-{keep}", keep)
                totals[name].append(total)
                steps[name] += typed
    base = statistics.median(steps["unchecked (older versions)"])
    lines = ["## What the checks cost (demo recording, 8 type steps)", "",
             f"`python -m bench.checks {runs}`: {runs} replays per row, interleaved, on fresh demo app instances.", "",
             "| typing | replay, median s | type step, median s | added per type step |",
             "| --- | ---: | ---: | ---: |"]
    for name in cases:
        med = statistics.median(steps[name])
        lines.append(f"| {name} | {statistics.median(totals[name]):.2f} | {med:.3f} | "
                     f"{'-' if med == base else f'{med - base:+.3f} s'} |")
    print("\n".join(lines + [""]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
