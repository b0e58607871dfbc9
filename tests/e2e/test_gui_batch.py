"""The GUI's "Run with data": the real window code and worker (offscreen Qt) driving the demo app on Xvfb."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from deskpilot.platform.x11.xvfb import VirtualDisplay

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from deskpilot.gui import batch_run, run_bar
from deskpilot.gui.main_window import MainWindow
rows = []
shown = run_bar.RunBar.row_finished
def spy(bar, result, summary):  # the run bar's own slot, on the GUI thread: record what it shows
    shown(bar, result, summary)
    rows.append([result.row, result.status, bar.line(), bar.log.item(bar.log.count() - 1).text()])
run_bar.RunBar.row_finished = spy
w = MainWindow(Path(sys.argv[1]))
w.open(Path(sys.argv[2]))
dialog = batch_run.BatchDialog(w, sys.argv[3])
dialog.policy.setCurrentIndex(dialog.policy.findData("skip"))
assert w.start_batch(dialog)
poll = QTimer(interval=100)
poll.timeout.connect(lambda: w._batch is None and app.quit())
poll.start()
app.exec()
result = w.runs.result
print(json.dumps({"rows": rows, "status": w.statusBar().currentMessage(), "ok": w.last_batch.ok,
                  "result": result.headline.text(), "runs": w.history.lines()}))
"""


def test_run_with_data_from_the_window_plays_every_row_and_shows_progress(
        demo_app: Callable, xdisplay: VirtualDisplay, tmp_path: Path) -> None:
    data = tmp_path / "two.csv"
    data.write_text("claimant,date,category,amount,description\nAnna Berg,2026-11-01,Hotel,159.50,Visit\n"
                    "Ben Okafor,2026-11-02,Taxi,12.00,Airport\n", encoding="utf-8")
    app = demo_app("--screen", "expense", name="claims.jsonl", title="Expense Claims - ACME ERP")
    env = {**xdisplay.env(), "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    routine = ROOT / "recordings" / "expense-claims" / "routine.yaml"
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), str(routine), str(data)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert [r[:2] for r in got["rows"]] == [[1, "ok"], [2, "ok"]] and got["ok"] == 2
    assert got["rows"][-1][2].startswith("2 of 2 rows · 0 failed · ")  # what the bar shows
    assert [r[3][:7] for r in got["rows"]] == ["✓ row 1", "✓ row 2"]  # its green lines
    assert "2 ok, 0 failed of 2 rows" in got["status"]
    assert got["result"] == "✓ 2 of 2 rows done"
    assert "data run: 2 of 2 rows done" in got["runs"][0] and len(got["runs"]) == 3  # in the Runs panel, saved time
    assert all("saved" in line for line in got["runs"])
    assert [r["claimant"] for r in app.records()] == ["Anna Berg", "Ben Okafor"]
    assert (tmp_path / "two.results.csv").is_file()
