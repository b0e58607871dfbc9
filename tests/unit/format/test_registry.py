"""The step registry: one entry per model step class, and each entry's parts agree with one another."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from ruamel.yaml.comments import CommentedMap

from deskpilot import model as m
from deskpilot.format import dump_new_routine, load_routine
from deskpilot.format.problems import Collector
from deskpilot.format.registry import STEPS, kind_of, parse_step, step_node


def test_every_step_class_of_the_model_is_registered_under_its_own_kind() -> None:
    classes = [c for _, c in inspect.getmembers(m, inspect.isclass) if issubclass(c, m.Step) and c is not m.Step]
    assert {c.kind: c for c in classes} == {kind: spec.cls for kind, spec in STEPS.items()}
    assert all(spec.kind == kind for kind, spec in STEPS.items())


@pytest.mark.parametrize("kind", [k for k, s in STEPS.items() if s.example])
def test_a_new_step_from_its_example_reads_and_writes_back_as_itself(kind: str) -> None:
    spec = STEPS[kind]
    assert spec.example is not None
    c = Collector("new")
    step = parse_step(c, CommentedMap([(kind, spec.example())]), 1)
    assert c.problems == [] and isinstance(step, spec.cls)
    assert parse_step(c, step_node(step), 1) == step and c.problems == []


@pytest.mark.parametrize("kind", [k for k, s in STEPS.items() if s.example])
def test_a_bare_body_stands_for_the_shorthand_key(kind: str) -> None:
    spec = STEPS[kind]
    assert spec.example is not None and spec.shorthand is not None
    body = spec.example()
    bare = body[spec.shorthand] if isinstance(body, dict) else body
    c = Collector("bare")
    assert parse_step(c, {kind: bare}, 1) == parse_step(c, {kind: {spec.shorthand: bare}}, 1)
    assert c.problems == []


def test_the_editor_inserts_the_kinds_it_always_did() -> None:
    assert [k for k, s in STEPS.items() if s.example] == ["click", "type", "press", "hotkey", "wait_for", "expect"]


def test_a_step_the_registry_does_not_know_is_refused_by_name() -> None:
    class Wave(m.Step):
        kind = "wave"

    with pytest.raises(TypeError, match="no step kind registered for Wave"):
        kind_of(Wave())


def test_a_call_with_no_values_is_written_short_and_loads_back(tmp_path: Path) -> None:
    (tmp_path / "login").mkdir()
    (tmp_path / "login" / "routine.yaml").write_text("deskpilot: 1\nname: login\nsteps:\n  - press: tab\n",
                                                     encoding="utf-8")
    routine = m.Routine(name="main", steps=(m.Call(routine="login"),))
    text = dump_new_routine(routine)
    assert text.endswith("steps:\n  - call: login\n")
    (tmp_path / "main").mkdir()
    (tmp_path / "main" / "routine.yaml").write_text(text.replace("call: login", "call: ../login"), encoding="utf-8")
    again = load_routine(tmp_path / "main").routine.steps[0]
    assert isinstance(again, m.Call) and again.callee is not None and again.callee.name == "login"


def test_a_value_a_call_passes_is_no_anchor_picture(tmp_path: Path) -> None:
    (tmp_path / "login").mkdir()
    (tmp_path / "login" / "routine.yaml").write_text("deskpilot: 1\nname: login\nsteps:\n  - type: '{{ image }}'\n",
                                                     encoding="utf-8")
    (tmp_path / "routine.yaml").write_text(
        "deskpilot: 1\nname: main\nsteps:\n  - call: {routine: login, with: {image: photo.png}}\n", encoding="utf-8")
    step = load_routine(tmp_path).routine.steps[0]
    assert isinstance(step, m.Call) and step.with_values == {"image": "photo.png"}
