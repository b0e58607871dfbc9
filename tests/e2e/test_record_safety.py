"""Nothing lost, nothing leaked: a killed recorder is recovered, a typed password never reaches a file."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from deskpilot.format import load_routine
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.person import Person, centre_of, geometry, typed_values
from tests.e2e.test_record_demo import start_recorder

SECRET = "Tr0ub4dor&3-zebra"


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_a_password_is_never_written_and_replays_from_the_environment(xdisplay: VirtualDisplay, demo_app: Callable,
                                                                      cli: Callable, tmp_path: Path) -> None:
    app = demo_app("--password-field", "--geometry-out", str(tmp_path / "geo.json"))
    out = tmp_path / "out"
    proc = start_recorder(xdisplay, out, "login")
    geo = geometry(tmp_path / "geo.json")
    fields = {f["name"]: f["rect"] for f in geo["fields"]}
    person = Person(xdisplay)
    person.click(*centre_of(fields["customer_id"]))
    person.type("C-9")
    person.click(*centre_of(fields["password"]))
    person.type(SECRET)
    time.sleep(1.0)
    assert SECRET.encode() not in all_bytes(out)  # not even in the journal while recording
    person.click(*centre_of({b["text"]: b["rect"] for b in geo["buttons"]}["Save"]))
    time.sleep(0.8)
    person.key("ctrl+alt+shift+s")
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert app.records()[0]["password"] == SECRET  # the person really typed it
    assert SECRET not in stdout + stderr
    assert SECRET.encode() not in all_bytes(out)
    loaded = load_routine(out / "login")
    assert loaded.routine.secrets == ("password",)
    assert "{{ password }}" in loaded.text

    fresh = demo_app("--password-field", name="replay.jsonl")
    played = cli("play", str(out / "login"), "--report", str(tmp_path / "report"),
                 env={"DESKPILOT_SECRET_PASSWORD": "another-S3cret"})
    assert played.returncode == 0, played.stdout + played.stderr
    assert fresh.records()[0]["password"] == "another-S3cret" and fresh.records()[0]["customer_id"] == "C-9"
    assert b"another-S3cret" not in all_bytes(tmp_path / "report")
    assert "another-S3cret" not in played.stdout + played.stderr


def test_without_the_secret_the_run_refuses_to_start(cli: Callable, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "routine.yaml").write_text("deskpilot: 1\nname: r\nsecrets: [pin]\nsteps:\n  - type: '{{ pin }}'\n")
    proc = cli("play", str(folder))
    assert proc.returncode == 2
    assert "secret 'pin' has no value: set DESKPILOT_SECRET_PIN" in proc.stderr


def test_a_killed_recorder_is_recovered_on_the_next_start(xdisplay: VirtualDisplay, demo_app: Callable,
                                                          cli: Callable, tmp_path: Path) -> None:
    app = demo_app("--geometry-out", str(tmp_path / "geo.json"))
    out = tmp_path / "out"
    proc = start_recorder(xdisplay, out, "killed")
    geo = geometry(tmp_path / "geo.json")
    fields = {f["name"]: f["rect"] for f in geo["fields"]}
    person = Person(xdisplay)
    for key, value in (("customer_id", "K-1"), ("company", "Killed GmbH"), ("city", "Kiel")):
        person.click(*centre_of(fields[key]))
        person.type(value)
    time.sleep(1.5)  # the journal reaches the disk within half a second
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=10)
    assert (out / "killed.recording" / "journal.jsonl").exists() and not (out / "killed").exists()
    app.stop()

    again = start_recorder(xdisplay, out, "next")  # the next start recovers what the killed one left
    Person(xdisplay).key("ctrl+alt+shift+s")
    _, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert any("recovered an unfinished recording" in line for line in again.early_lines)  # type: ignore[attr-defined]
    routine = load_routine(out / "killed").routine
    assert typed_values(routine) == ["K-1", "Killed GmbH", "Kiel"]
    assert not (out / "killed.recording").exists()

    fresh = demo_app(name="replayed.jsonl")
    played = cli("play", str(out / "killed"))
    assert played.returncode == 0, played.stdout + played.stderr
    Person(xdisplay).key("ctrl+s")  # the recording was killed before Save: the person saves what it entered
    deadline = time.monotonic() + 5
    while not fresh.records() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert {k: v for k, v in fresh.records()[0].items() if v} == {"customer_id": "K-1", "company": "Killed GmbH",
                                                                  "city": "Kiel"}


def test_pause_leaves_out_what_happens_meanwhile(xdisplay: VirtualDisplay, demo_app: Callable, tmp_path: Path) -> None:
    demo_app("--geometry-out", str(tmp_path / "geo.json"))
    out = tmp_path / "out"
    proc = start_recorder(xdisplay, out, "paused")
    fields = {f["name"]: f["rect"] for f in geometry(tmp_path / "geo.json")["fields"]}
    person = Person(xdisplay)
    person.click(*centre_of(fields["customer_id"]))
    person.type("kept-")
    person.key("ctrl+alt+shift+p")
    person.type("private")
    person.key("ctrl+alt+shift+p")
    person.type("too")
    time.sleep(0.8)
    person.key("ctrl+alt+shift+s")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    routine = load_routine(out / "paused")
    assert typed_values(routine.routine) == ["kept-too"]
    assert "[paused]" in err and "private" not in routine.text


def key_letters(journal: Path) -> str:
    """What a journal's key events spell: the letters a reader could put back together."""
    import json

    out = []
    for line in journal.read_text(encoding="utf-8").splitlines()[1:]:
        event = json.loads(line)
        if event.get("kind") == "key_down":
            out.append(event.get("char") or event.get("key") or "")
    return "".join(c for c in out if len(c) == 1)


def test_a_password_typed_after_tab_or_after_select_all_reaches_no_file_even_when_the_recorder_is_killed(
        xdisplay: VirtualDisplay, demo_app: Callable, cli: Callable, tmp_path: Path) -> None:
    """Two ways a password is typed that a click alone does not announce: Tab from the field above, and
    click, Ctrl+A, type. The second recording is killed half way; its journal and frames hold no password."""
    app = demo_app("--password-field", "--geometry-out", str(tmp_path / "geo.json"))
    geo = geometry(tmp_path / "geo.json")
    fields = {f["name"]: f["rect"] for f in geo["fields"]}
    save = {b["text"]: b["rect"] for b in geo["buttons"]}["Save"]
    out = tmp_path / "library"
    person = Person(xdisplay)

    proc = start_recorder(xdisplay, out, "tabbed")
    person.click(*centre_of(fields["customer_id"]))
    person.type("T-1")
    person.click(*centre_of(fields["phone"]))
    person.type("+49 1")
    person.key("Tab")  # from Phone into Password
    person.type(SECRET)
    person.click(*centre_of(save))
    time.sleep(0.8)
    person.key("ctrl+alt+shift+s")
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr
    assert app.records()[-1]["password"] == SECRET  # the person really typed it there
    assert SECRET not in stdout + stderr
    tabbed = load_routine(out / "tabbed")
    assert "password" in tabbed.routine.secrets and "{{ password }}" in tabbed.text

    proc = start_recorder(xdisplay, out, "killed")
    person.click(*centre_of(fields["password"]))
    person.key("ctrl+a")
    person.type(SECRET)
    person.click(*centre_of(fields["customer_id"]))
    time.sleep(1.5)  # the journal reaches the disk within its half second
    work = out / "killed.recording"
    journal = work / "journal.jsonl"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    assert SECRET.encode() not in all_bytes(work)
    assert SECRET.lower() not in key_letters(journal).lower()  # not as key names either, Shift or not
    assert journal.stat().st_mode & 0o777 == 0o600

    proc = start_recorder(xdisplay, out, "next")  # the next start recovers the killed one
    person.key("ctrl+alt+shift+s")
    proc.communicate(timeout=120)
    recovered = load_routine(out / "killed")
    assert "{{ password }}" in recovered.text
    app.stop()  # a fresh instance: its status line still says "Saved T-1" from the recording, which confirms nothing
    fresh = demo_app("--password-field", name="replayed.jsonl")
    played = cli("play", str(out / "tabbed"), "--report", str(tmp_path / "reports" / "r1"),
                 env={"DESKPILOT_SECRET_PASSWORD": SECRET})
    assert played.returncode == 0, played.stdout + played.stderr
    assert fresh.records()[-1]["password"] == SECRET  # the secret came from the environment and was typed
    for where in (out, tmp_path / "reports", tmp_path / "data"):
        assert SECRET.encode() not in all_bytes(where), where
    for png in out.rglob("*.png"):
        assert png.stat().st_mode & 0o777 == 0o600, png
