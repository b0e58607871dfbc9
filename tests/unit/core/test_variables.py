from __future__ import annotations

import pytest

from deskpilot import model as m
from deskpilot.errors import DataError
from deskpilot.variables import fill_step, missing_values, parse_assignments, substitute, variables_used


def test_substitute_fills_names_and_runs_no_code() -> None:
    assert substitute("{{a}}-{{ b }}", {"a": "1", "b": "{{ a }}"}) == "1-{{ a }}"
    assert substitute("{{ __import__('os') }}", {}) == "{{ __import__('os') }}"  # not a name: left as text


def test_a_missing_variable_names_itself_and_the_fix() -> None:
    with pytest.raises(DataError, match=r"step 2 \(type\): variable 'who' has no value; give it with --var who=VALUE"):
        substitute("{{ who }}", {}, where="step 2 (type)")


def test_variables_used_skips_names_a_read_text_step_produces() -> None:
    target = m.Target(anchors=(m.TextAnchor(text="Total for {{ region }}"),))
    routine = m.Routine(name="r", variables={"region": "EU"}, steps=(
        m.ReadText(target=target, region=(0, 0, 10, 10), into="total"),
        m.Type(text="{{ total }} {{ who }}"),
    ))
    assert variables_used(routine) == ["region", "who"]
    assert missing_values(routine, {}) == ["who"]


def test_fill_step_fills_anchor_texts_too() -> None:
    step = m.Click(target=m.Target(anchors=(m.TextAnchor(text="{{ label }}:"),)))
    filled = fill_step(step, {"label": "Customer ID"})
    assert isinstance(filled, m.Click)
    assert filled.target.anchors[0] == m.TextAnchor(text="Customer ID:")


@pytest.mark.parametrize("bad", ["novalue", "=x", "1a=b", "a b=c"])
def test_parse_assignments_rejects_malformed_pairs(bad: str) -> None:
    with pytest.raises(DataError, match="expected NAME=VALUE"):
        parse_assignments([bad])


def test_parse_assignments_keeps_equals_signs_in_values() -> None:
    assert parse_assignments(["a=b=c", "x="]) == {"a": "b=c", "x": ""}


def test_variables_may_be_named_in_chinese_as_a_chinese_form_labels_them() -> None:
    assert substitute("{{ 金额 }} / {{报销人}}", {"金额": "356.80", "报销人": "王小明"}) == "356.80 / 王小明"
    assert parse_assignments(["金额=88.50"]) == {"金额": "88.50"}
    assert substitute("{{ 1x }}", {}) == "{{ 1x }}"  # a name never starts with a digit, in any script
    assert m.VARIABLE_NAME.match("说明") and not m.VARIABLE_NAME.match("金 额")
