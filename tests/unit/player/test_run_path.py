"""The one run path on fakes: values and secrets resolved once, a report and a history line per run and per row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deskpilot.player import run as run_path
from deskpilot.player.batch import FailurePolicy
from deskpilot.player.batch_session import BatchRequest, prepare
from deskpilot.player.history import all_runs, history_file, runs_of, weekly_savings
from deskpilot.player.run import Controls, Question, ValueMissing, look_up, play_once, play_rows, resolve_values
from deskpilot.player.runner import PlayOptions
from tests.unit.player.run_fakes import CLAIMS, Opener, claims_recording


@pytest.fixture(autouse=True)
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("DESKPILOT_SECRET_PASSWORD", raising=False)
    return tmp_path / "data" / "deskpilot" / "runs.jsonl"


class Spies:
    """Counts what the run path writes: reports and history lines."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reports: list[Path] = []
        self.records: list[tuple[Path, int | None]] = []
        write, record = run_path.write_report, run_path.record_run

        def write_report(report: object, folder: Path) -> tuple[Path, Path]:
            self.reports.append(folder)
            return write(report, folder)  # type: ignore[arg-type]

        def record_run(recording: Path, report: object, folder: Path | None, **kw: object) -> object:
            self.records.append((recording, kw.get("row")))  # type: ignore[arg-type]
            return record(recording, report, folder, **kw)  # type: ignore[arg-type]

        monkeypatch.setattr(run_path, "write_report", write_report)
        monkeypatch.setattr(run_path, "record_run", record_run)


class Asker:
    def __init__(self, answers: dict[str, str | None]) -> None:
        self.answers, self.asked = answers, []  # type: ignore[var-annotated]

    def __call__(self, name: str, secret: bool) -> str | None:
        self.asked.append((name, secret))
        return self.answers.get(name)


# --- values and secrets --------------------------------------------------------------------------------------


def test_given_values_then_stored_secrets_then_the_person_each_once(tmp_path: Path) -> None:
    routine = claims_recording(tmp_path / "claims").routine
    looked: list[str] = []

    def lookup(name: str, folder: Path | None) -> str | None:
        looked.append(name)
        return None

    ask = Asker({"password": "pw", "claimant": "Anna"})
    values = resolve_values(routine, {}, ask, lookup=lookup)
    assert values == {"password": "pw", "claimant": "Anna"}
    assert looked == ["password"] and ask.asked == [("password", True), ("claimant", False)]  # a secret first

    ask = Asker({})
    given = resolve_values(routine, {"claimant": "Ben"}, ask, lookup=lambda name, folder: "from-keyring")
    assert given == {"claimant": "Ben", "password": "from-keyring"} and ask.asked == []


def test_a_secret_comes_from_the_environment_and_a_data_run_asks_only_for_secrets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    routine = claims_recording(tmp_path / "claims").routine
    monkeypatch.setenv("DESKPILOT_SECRET_PASSWORD", "s3cret")
    assert look_up(routine, {}).known == {"password": "s3cret"}
    assert look_up(routine, {}).questions == (Question("claimant", False),)
    assert look_up(routine, {}, rows=True).questions == ()  # the claimant comes from a column


def test_nobody_to_answer_is_one_line_that_says_how_to_give_the_value(tmp_path: Path) -> None:
    routine = claims_recording(tmp_path / "claims").routine
    with pytest.raises(ValueMissing, match=r"secret 'password' has no value: set DESKPILOT_SECRET_PASSWORD"):
        resolve_values(routine, {}, Asker({}), lookup=lambda name, folder: None)
    with pytest.raises(ValueMissing, match=r"^claims/routine.yaml: variable 'claimant' has no value; give it with "
                                           r"--var claimant=VALUE$"):
        resolve_values(routine, {"password": "pw"}, Asker({}), where="claims/routine.yaml")


# --- one run -------------------------------------------------------------------------------------------------


def test_one_run_writes_its_report_and_its_history_line_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             history: Path) -> None:
    spies = Spies(monkeypatch)
    routine = claims_recording(tmp_path / "claims").routine
    opener = Opener()
    done = play_once(routine, {"claimant": "Anna", "password": "pw"}, PlayOptions(report_dir=tmp_path / "rep"),
                     controls=Controls(), opener=opener)
    assert done.report.outcome == "passed" and done.report.confirmed is True
    assert opener.opened == 1 and ("type", "pw") in opener.driver.calls
    assert spies.reports == [tmp_path / "rep"] and spies.records == [(tmp_path / "claims", None)]
    assert done.html == tmp_path / "rep" / "report.html" and done.html.is_file()
    assert "pw" not in (tmp_path / "rep" / "report.json").read_text(encoding="utf-8")  # a secret stays out
    entry = done.entry
    assert entry is not None and entry.saved_seconds == round(40 - done.report.seconds, 1) and entry.row is None
    assert len(history.read_text(encoding="utf-8").splitlines()) == 1


def test_a_run_from_a_later_step_is_recorded_but_saves_no_time(tmp_path: Path) -> None:
    routine = claims_recording(tmp_path / "claims").routine
    done = play_once(routine, {"claimant": "Anna", "password": "pw"},
                     PlayOptions(report_dir=tmp_path / "rep", start_at=2), opener=Opener())
    assert done.report.status == "passed" and done.entry is not None and done.entry.saved_seconds is None


def test_an_unwritable_history_keeps_the_report_and_the_outcome(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "not-a-folder"))
    routine = claims_recording(tmp_path / "claims").routine
    done = play_once(routine, {"claimant": "Anna", "password": "pw"}, PlayOptions(report_dir=tmp_path / "rep"),
                     opener=Opener())
    assert done.report.status == "passed" and done.entry is None and (tmp_path / "rep" / "report.json").is_file()


# --- a data run ----------------------------------------------------------------------------------------------


def data_run(tmp_path: Path, policy: str) -> tuple[object, Opener]:
    loaded = claims_recording(tmp_path / "claims", CLAIMS)
    request = BatchRequest(data=tmp_path / "claims" / "claims.csv", policy=FailurePolicy.parse(policy))
    values = resolve_values(loaded.routine, {}, Asker({"password": "pw"}), rows=True)
    prepared = prepare(loaded, values, request)
    opener = Opener()

    class Quiet:
        def row_started(self, row: object, attempt: int) -> None: ...

        def row_finished(self, result: object, summary: object) -> None: ...

    summary = play_rows(loaded, values, PlayOptions(report_dir=tmp_path / "rep"), request, prepared, Quiet(),
                        opener=opener)
    return summary, opener


def test_every_data_row_writes_its_report_and_reaches_the_history_with_its_time_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spies = Spies(monkeypatch)
    summary, opener = data_run(tmp_path, "skip")
    assert (summary.ok, summary.failed, summary.total) == (2, 1, 3)  # type: ignore[attr-defined]
    assert opener.opened == 1  # one session for every row
    assert spies.reports == [tmp_path / "rep" / f"row-000{n}" for n in (1, 2, 3)]
    assert spies.records == [(tmp_path / "claims", n) for n in (1, 2, 3)]
    runs = runs_of(tmp_path / "claims")[::-1]
    assert [(r.row, r.status) for r in runs] == [(1, "passed"), (2, "failed"), (3, "passed")]
    assert runs[1].saved_seconds is None and all(r.saved_seconds is not None and r.saved_seconds > 30
                                                 for r in (runs[0], runs[2]))
    assert len({r.data_run for r in runs}) == 1 and runs[0].data_run is not None
    report = json.loads((tmp_path / "rep" / "row-0002" / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "failed" and report["variables"] == {"claimant": "Ben"}  # the password left out


def test_a_data_runs_rows_are_in_the_weekly_savings(tmp_path: Path) -> None:
    data_run(tmp_path, "retry:1")  # Ben fails twice: two attempts, one row
    entries = all_runs()
    assert [e.row for e in entries] == [1, 2, 2, 3]
    [week] = weekly_savings(entries)
    assert (week.name, week.runs, week.rows, week.passed) == ("Enter claims", 1, 3, 2)
    assert week.saved_seconds == round(sum(e.saved_seconds or 0 for e in entries), 1) > 60
    assert history_file().stat().st_mode & 0o777 == 0o600


def test_a_session_that_cannot_open_frees_the_results_file(tmp_path: Path) -> None:
    from deskpilot.errors import DisplayUnavailable

    loaded = claims_recording(tmp_path / "claims", CLAIMS)
    request = BatchRequest(data=tmp_path / "claims" / "claims.csv")
    prepared = prepare(loaded, {"password": "pw"}, request)

    def no_display(*args: object) -> object:
        raise DisplayUnavailable("no display")

    with pytest.raises(DisplayUnavailable):
        play_rows(loaded, {"password": "pw"}, PlayOptions(), request, prepared, None,  # type: ignore[arg-type]
                  opener=no_display)  # type: ignore[arg-type]
    again = prepare(loaded, {"password": "pw"}, request)  # not "another run is playing these rows"
    again.results.close()
    assert all_runs() == []
