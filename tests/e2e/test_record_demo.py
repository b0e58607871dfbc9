"""Record with the real hooks while a simulated person fills the demo app; replay on fresh, perturbed instances."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from deskpilot import model as m
from deskpilot.format import load_routine
from deskpilot.variables import substitute
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.e2e.person import Person, centre_of, geometry

ENTERED = {"customer_id": "C-7001", "company": "Nordwind Handel AG", "contact": "Jürgen 张三", "street": "Kai 4",
           "city": "Bremen", "postcode": "28195", "country": "Germany", "phone": "+49 421 555"}


def start_recorder(xdisplay: VirtualDisplay, out: Path, name: str, *options: str,
                   env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "record", name, "--out", str(out), *options],
                            env={**xdisplay.env(), **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 30
    assert proc.stderr is not None
    proc.early_lines = []  # type: ignore[attr-defined]
    while time.monotonic() < deadline:  # wait for the recorder to say it listens
        line = proc.stderr.readline()
        proc.early_lines.append(line)  # type: ignore[attr-defined]
        if "recording: stop with" in line or not line:
            break
    assert proc.poll() is None, proc.communicate()
    return proc


def fill_form(person: Person, geo: dict, values: dict[str, str]) -> None:
    fields = {f["name"]: f["rect"] for f in geo["fields"]}
    buttons = {b["text"]: b["rect"] for b in geo["buttons"]}
    for key, value in values.items():
        if key == "postcode":
            person.key("Tab")  # a clerk tabs into the next field here
        else:
            person.click(*centre_of(fields[key]))
        person.type(value)
    person.click(*centre_of(buttons["Save"]))


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory, xdisplay: VirtualDisplay) -> Path:
    from deskpilot.demoapp.launch import launch

    work = tmp_path_factory.mktemp("rec")
    app = launch(work / "recorded.jsonl", "--geometry-out", str(work / "geo.json"), display=xdisplay.name,
                 env=xdisplay.env())
    try:
        person = Person(xdisplay)
        person.use_keyboard_with("".join(ch for value in ENTERED.values() for ch in value if not ch.isascii()))
        proc = start_recorder(xdisplay, work, "customer")
        fill_form(person, geometry(work / "geo.json"), ENTERED)
        time.sleep(1.0)
        person.key("ctrl+alt+shift+s")
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert app.records() == [ENTERED]  # the person's own entry
    finally:
        app.stop()
    assert "saved " in out
    return work / "customer"


def test_the_recording_reads_like_what_the_person_did(recorded: Path) -> None:
    loaded = load_routine(recorded)
    kinds = [s.kind for s in loaded.routine.steps]
    assert kinds.count("click") == 8 and "wait_for" not in kinds[:-1]
    texts = [s.text for s in loaded.routine.steps if s.kind == "type"]  # type: ignore[attr-defined]
    typed = [substitute(t, loaded.routine.variables) for t in texts]
    assert typed == list(ENTERED.values())
    # each value typed into a labelled field becomes a variable named after the label, the value its default
    assert texts[0] == "{{ customer_id }}" and loaded.routine.variables["city"] == "Bremen"
    # the application's own confirmation closes the routine: a data row counts as done only when it came
    last = loaded.routine.steps[-1]
    assert last.kind == "wait_for" and last.target.anchors[0].text == "Saved {{ customer_id }}"  # type: ignore[attr-defined]
    assert [s.kind for s in loaded.routine.steps if s.kind == "press"] == ["press"]
    assert all(s.weak is None for s in loaded.routine.steps), [s.weak for s in loaded.routine.steps]
    first = loaded.routine.steps[0]
    # the demo app exposes its tree: the field as the tree names it first, then its label as OCR reads it
    element, label = first.target.anchors[:2]  # type: ignore[attr-defined]
    assert isinstance(element, m.ElementAnchor) and element.role == "text"
    assert isinstance(label, m.TextAnchor) and label.text == "Customer ID:"
    assert 3 < (loaded.routine.manual_seconds or 0) < 120
    assert "ctrl" not in loaded.text  # the stop hotkey never reaches the routine
    clicks = [s for s in loaded.routine.steps if s.kind == "click"]
    frames = [recorded / s.frame for s in clicks if s.frame]
    assert len(frames) == len(clicks) and len(set(frames)) == len(frames)  # each click keeps its own screen
    assert all(f.is_file() and f.read_bytes()[:4] == b"\x89PNG" for f in frames)


@pytest.mark.parametrize("perturbation", [[], ["--x", "190", "--y", "130"], ["--font-scale", "1.25"],
                                          ["--font-scale", "1.5"], ["--extra-field"], ["--twin-labels"], ["--dark"]],
                         ids=["as-recorded", "moved", "font-1.25", "font-1.5", "extra-field", "twin-labels", "dark"])
def test_the_recording_replays_on_a_fresh_instance(recorded: Path, perturbation: list[str], demo_app: Callable,
                                                   cli: Callable) -> None:
    app = demo_app(*perturbation)
    proc = cli("play", str(recorded))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    expected = ({"reference": ""} if "--extra-field" in perturbation else {}) | ENTERED
    assert app.records() == [expected]
