"""The end of a run: passed or failed, the failed step with the report's own picture, the reason in plain words
for each kind of failure, and its buttons; the report shown inside the window; no command-line flag in sight."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from deskpilot import model as m
from deskpilot.images import write_png
from deskpilot.result import RunReport, StepResult
from deskpilot.gui.plain_words import explain, window_words
from deskpilot.gui.report_view import ReportView, fitted, png_width
from deskpilot.gui.run_result import RunOutcome, RunResultDialog, failed_step
from deskpilot.player.report import write_report

FIELD = m.Target(anchors=(m.TextAnchor(text="Customer ID:", offset=(90.0, 0.0)),
                          m.WindowAnchor(window="^Customer Master", point=(185, 62))))
SAVED = m.Target(anchors=(m.TextAnchor(text="Saved"),))
ROUTINE = m.Routine(name="Enter a customer", steps=(m.Click(target=FIELD), m.Type(text="G-1"), m.Press(key="enter"),
                                                    m.WaitFor(target=SAVED)), manual_seconds=60)
NOT_FOUND = ('step 1 (click right of "Customer ID:"): not found after 10.0 s; best match "Customer 1D:" (0.71 < 0.80) '
             'at (412, 230); see step-001.png')


@pytest.mark.parametrize(("error", "step", "kwargs", "kind", "words"), [
    (NOT_FOUND, 0, {}, "not-found", 'within 10.0 s. The closest it saw was "Customer 1D:" (71 % alike).'),
    (NOT_FOUND, 0, {"open_titles": ["Terminal", "DeskPilot"]}, "window-missing",
     "The window 'Customer Master' that this step needs is not open."),
    (NOT_FOUND, 0, {"open_titles": ["Customer Master - ACME ERP"]}, "not-found", "was not on the screen"),
    ("step 1 (click): not found after 10.0 s; the place is covered by the window 'Save changes?'; move that window "
     "or close it", 0, {}, "covered", "Another window, 'Save changes?', is in front of"),
    ('step 1 (click): ambiguous after 10.0 s; 2 places match equally well: "Customer ID:" 0.95 at (1, 2), '
     '"Customer ID:" 0.94 at (300, 2)', 0, {}, "ambiguous", "more than one place"),
    ('step 1 (click): not found after 10.0 s; found "Customer ID:" at (5, 5), but no other anchor of the target '
     'backs it, and it is not where it was recorded; not accepted on its score alone', 0, {}, "ambiguous",
     "did not click a guess"),
    ("step 2 (type 'G-1'): typed 'G-1', but the field holds 'G-11'", 1, {}, "typing",
     "The field did not hold what was typed: it shows 'G-11' instead of 'G-1'."),
    ("step 2 (type 'G-1'): typed 'G-1', but the application says the field holds 'G'", 1, {}, "typing",
     "it shows 'G' instead of 'G-1'"),
    ("step 2 (type 'G-1'): typed 'G-1', but the field reads empty", 1, {}, "typing", "stayed empty"),
    ('step 4 (wait for "Saved"): not found after 10.0 s; nothing that looks like it is on screen', 3,
     {"final_check": True}, "no-confirmation", "The application did not confirm that it saved"),
    ('step 4 (wait for "Saved"): not found after 5.0 s; nothing that looks like it is on screen', 3, {}, "not-found",
     "did not appear within 5.0 s"),
    ("step 3 (press enter): stopped by the abort hotkey", 2, {}, "stopped", "You stopped the run."),
    ("step 3 (press enter): stopped by the fail-safe: the mouse is in a screen corner", 2, {}, "stopped",
     "screen corner"),
])
def test_each_kind_of_failure_in_plain_words(error: str, step: int, kwargs: dict, kind: str, words: str) -> None:
    said = explain(error, ROUTINE.steps[step], **kwargs)
    assert said.kind == kind and words in said.headline and said.advice
    assert "step 1 (" not in said.headline and "--" not in said.headline + said.advice


def test_a_wait_for_a_window_that_never_opened() -> None:
    wait = m.WaitFor(target=m.Target(anchors=(m.WindowAnchor(window="^Add\\ transaction$", point=(10, 10)),)))
    said = explain("step 5 (wait for the window 'Add transaction'): not found after 10.0 s; nothing", wait,
                   open_titles=["HomeBank"])
    assert said.kind == "window-missing" and said.headline == "The window 'Add transaction' did not open."


@pytest.mark.parametrize("message", [
    "claims.csv has no column for variable(s) 'amount' (did you mean 'Amount'? column names must match exactly); "
    "add the column(s) or give --var amount=...",
    "--rows '3-x': cannot read 'x'; write row numbers like 3, 2-5 or 1,4,7-9",
    "--from-row 9: claims.csv has 3 data rows; pick a row from 1 to 3",
    "c.xlsx: no sheet named 'N'; the sheets are 'A'; pass one of them with --sheet",
    "claims.csv: --sheet 'Nov' only applies to .xlsx files; leave it out for a CSV file",
    "claims.results.csv: made by another routine; move it away or pass --results NEW.csv",
    "routine.yaml: variable 'city' has no value; give it with --var city=VALUE",
    "big.csv: the file is 60,000,000 bytes; data files are at most 50,000,000 bytes -- split it into several",
    "step 4 (click): timed out; check it, then play the row again with --rows 4 if it is not there",
])
def test_the_window_never_speaks_of_flags(message: str) -> None:
    said = window_words(message)
    assert "--" not in said and said


def failed_run(folder: Path, picture: np.ndarray | None) -> RunReport:
    steps = [StepResult(index=1, kind="click", description="click", status="ok", seconds=0.5),
             StepResult(index=2, kind="type", description="type", status="failed", seconds=3.0,
                        error="step 2 (type 'G-1'): typed 'G-1', but the field holds 'G-11'; see step-002.png",
                        screenshot="step-002.png" if picture is not None else None),
             StepResult(index=3, kind="press", description="press"), StepResult(index=4, kind="wait_for",
                                                                                 description="wait")]
    report = RunReport(routine="Enter a customer", started="2026-12-01T10:00:00+01:00", status="failed", seconds=3.5,
                       steps=steps, error=steps[1].error, manual_seconds=60)
    if picture is not None:
        write_png(folder / "step-002.png", picture)
    write_report(report, folder)
    return report


def test_a_failure_shows_the_step_the_reason_and_the_reports_own_picture(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    picture = np.zeros((300, 500, 3), np.uint8)
    picture[100:140, 100:300] = (40, 160, 240)  # something of the application on it
    report = failed_run(tmp_path, picture)
    dialog = RunResultDialog(RunOutcome(ROUTINE, tmp_path, report, failure=failed_step(report),
                                        failure_dir=tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.headline.text() == "✗ Failed at step 2 of 4"
    assert dialog.step_line.text().startswith("Step 2: ")
    assert dialog.reason.text() == "The field did not hold what was typed: it shows 'G-11' instead of 'G-1'."
    assert dialog.explained is not None and dialog.explained.kind == "typing"
    assert dialog.picture.source is not None and dialog.picture.source.width() == 500
    assert str(tmp_path / "step-002.png") in dialog.caption.text()
    assert "Grey: where DeskPilot looked" in dialog.caption.text()
    assert [dialog.lines.item(i).text()[:3] for i in range(dialog.lines.count())] == ["✓ 1", "✗ 2", "· 3", "· 4"]
    assert dialog.find.isHidden()  # a type step has no target to find
    with qtbot.waitSignal(dialog.open_report_requested, timeout=1000) as opened:
        dialog.open_report.click()
    assert opened.args == [tmp_path]
    with qtbot.waitSignal(dialog.run_again_requested, timeout=1000):
        dialog.run_again.click()


def test_find_now_for_a_step_with_a_target_and_a_blank_screen_said_so(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write_png(tmp_path / "step-001.png", np.zeros((200, 300, 3), np.uint8))  # nothing but the desktop
    steps = [StepResult(index=1, kind="click", description="click", status="failed", error=NOT_FOUND,
                        screenshot="step-001.png")]
    report = RunReport(routine="r", started="x", status="failed", seconds=10.0, steps=steps, error=NOT_FOUND)
    dialog = RunResultDialog(RunOutcome(ROUTINE, tmp_path, report, ["xterm"], failure=steps[0]))
    qtbot.addWidget(dialog)
    assert dialog.reason.text() == "The window 'Customer Master' that this step needs is not open."
    assert "showed nothing of the application" in dialog.caption.text()
    assert not dialog.find.isHidden()
    with qtbot.waitSignal(dialog.find_requested, timeout=1000) as found:
        dialog.find.click()
    assert found.args == [0]


def test_no_picture_is_said_so_and_a_pass_is_plain(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = failed_run(tmp_path, None)
    dialog = RunResultDialog(RunOutcome(ROUTINE, tmp_path, report, failure=failed_step(report)))
    qtbot.addWidget(dialog)
    assert dialog.picture.isHidden() and dialog.caption.text() == "No picture was taken for this step."
    passed = RunReport(routine="r", started="x", status="passed", seconds=12.0, manual_seconds=60, confirmed=True,
                       steps=[StepResult(index=i, kind="k", description="d", status="ok") for i in (1, 2, 3, 4)])
    ok = RunResultDialog(RunOutcome(ROUTINE, tmp_path, passed))
    qtbot.addWidget(ok)
    assert ok.headline.text() == "✓ Passed" and ok.subline.text() == "r · 12.0 s, saved 48 s"
    assert ok.find.isHidden() and ok.reason.text() == ""
    entered = RunReport(routine="r", started="x", status="passed", seconds=1.0, confirmed=False)
    said = RunResultDialog(RunOutcome(ROUTINE, tmp_path, entered))
    qtbot.addWidget(said)
    assert said.headline.text() == "Entered, not confirmed" and "no final check" in said.reason.text()


def test_the_report_is_shown_inside_the_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    failed_run(tmp_path, np.full((600, 1600, 3), 90, np.uint8))
    view = ReportView(tmp_path)
    qtbot.addWidget(view)
    text = view.browser.toPlainText()
    assert "Enter a customer" in text and "typed 'G-1', but the field holds 'G-11'" in text
    assert view.path.text() == f"Report: {tmp_path / 'report.html'}"
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    data = html.split("base64,")[1].split('"')[0]
    assert png_width(data) == 1600
    shown = fitted(html, 700)
    assert 'width="700" src="data:image/png;base64,' in shown and "</table><p><img " in shown  # below its step
    gone = ReportView(tmp_path / "nowhere")
    qtbot.addWidget(gone)
    assert "no longer there" in gone.browser.toPlainText()
