"""A report sealed under ``encrypt: at_rest`` opens in the window (and only there): its page and its pictures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from deskpilot.compliance.sealing import MAGIC
from deskpilot.gui.report_view import ReportView
from deskpilot.player.evidence import Evidence
from deskpilot.player.report import write_report
from deskpilot.ports import Frame
from deskpilot.result import Resolution, RunReport, StepResult

pytestmark = pytest.mark.usefixtures("secret_service")


def test_a_sealed_report_shows_in_the_window_with_its_picture(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "policy.yaml").write_text("encrypt: at_rest\n", encoding="utf-8")
    monkeypatch.setenv("DESKPILOT_POLICY", str(tmp_path / "policy.yaml"))
    monkeypatch.setenv("DESKPILOT_USER", "clerk")
    folder = tmp_path / "reports" / "claims-1"
    shot = Evidence(folder).save(1, Frame(np.full((20, 30, 3), 200, np.uint8)), Resolution(status="not_found",
                                                                                             best=None), None)
    report = RunReport(routine="Enter claims", started="2026-11-24T10:00:00+01:00", status="failed",
                       steps=[StepResult(index=1, kind="click", description="click OK", status="failed",
                                         screenshot=shot)])
    html_path = write_report(report, folder)[1]
    assert html_path.read_bytes().startswith(MAGIC)
    view = ReportView(folder)
    qtbot.addWidget(view)
    assert "Enter claims" in view.browser.toPlainText()
    assert 'src="data:image/png;base64,iVBOR' in view.browser.html  # the picture, opened, inlined as a PNG
