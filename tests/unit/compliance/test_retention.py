"""Keeping times: what ``deskpilot purge`` removes, what it never touches, and that each removal is audited."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from deskpilot import cli
from deskpilot.compliance.retention import expired, report_keep_days

DAY = 86400


def aged(path: Path, days: float) -> Path:
    stamp = time.time() - days * DAY
    os.utime(path, (stamp, stamp))
    return path


def report(root: Path, name: str, days: float) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "step-001.png").write_bytes(b"customer data")
    (folder / "report.json").write_text("{}")
    aged(folder / "report.json", days)
    return folder


@pytest.fixture
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "policy.yaml"
    monkeypatch.setenv("DESKPILOT_POLICY", str(path))
    monkeypatch.setenv("DESKPILOT_AUDIT_DIR", str(tmp_path / "audit"))
    monkeypatch.delenv("DESKPILOT_KEEP_REPORTS_DAYS", raising=False)
    return path


def test_the_policy_sets_the_keeping_time_over_the_users_own(policy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert report_keep_days() == 30
    monkeypatch.setenv("DESKPILOT_KEEP_REPORTS_DAYS", "0")
    assert report_keep_days() == 0
    policy.write_text("keep: {reports: 7 days}\n", encoding="utf-8")
    assert report_keep_days() == 7


def test_only_reports_and_results_past_their_time_are_expired(policy: Path, tmp_path: Path) -> None:
    policy.write_text("keep: {reports: 30 days, results: 90 days}\n", encoding="utf-8")
    root = tmp_path / "runs"
    old, new = report(root, "old", 40), report(root, "new", 2)
    notes = root / "notes"
    notes.mkdir()
    (notes / "report.txt").write_text("mine")
    aged(notes / "report.txt", 400)
    (root / "claims.results.csv").write_text("row\n")
    results_old = aged(root / "claims.results.csv", 100)
    (root / "claims.csv").write_text("the user's data\n")
    aged(root / "claims.csv", 400)
    found = {(e.kind, e.path) for e in expired([root])}
    assert found == {("reports", old), ("results", results_old)}
    assert new.exists() and notes.exists()


def test_purge_removes_them_and_audits_each_removal(policy: Path, tmp_path: Path) -> None:
    policy.write_text("keep: {reports: 30 days}\n", encoding="utf-8")
    root = tmp_path / "runs"
    old, new = report(root, "old", 40), report(root, "new", 2)
    (root / "claims.results.csv").write_text("row\n")
    aged(root / "claims.results.csv", 1000)  # results have no keeping time in this policy: kept
    runner = CliRunner()
    listed = runner.invoke(cli.main, ["purge", str(root), "--dry-run"])
    assert listed.exit_code == 0 and "would remove report" in listed.output and old.exists()
    result = runner.invoke(cli.main, ["purge", str(root)])
    assert result.exit_code == 0, result.output
    assert not old.exists() and new.exists() and (root / "claims.results.csv").exists()
    trail = [json.loads(line) for line in (tmp_path / "audit" / "trail.jsonl").read_text().splitlines()]
    purged = [e for e in trail if e["event"] == "purged"]
    assert [(e["kind"], e["path"], e["age_days"]) for e in purged] == [("reports", str(old), 40)]


def test_a_broken_policy_stops_the_purge_removing_nothing(policy: Path, tmp_path: Path) -> None:
    policy.write_text("keep: {reports: a month}\n", encoding="utf-8")
    old = report(tmp_path / "runs", "old", 400)
    result = CliRunner().invoke(cli.main, ["purge", str(tmp_path / "runs")])
    assert result.exit_code == 2 and str(policy) in result.output and old.exists()
