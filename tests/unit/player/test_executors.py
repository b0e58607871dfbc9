"""The player's executor table and the core's step registry name the same kinds, one executor each."""

from __future__ import annotations

import typing

from deskpilot.format.registry import STEPS
from deskpilot.player.executors import EXECUTORS
from deskpilot.player.runner import Player


def test_every_registered_kind_has_exactly_one_executor_and_every_executor_a_registered_kind() -> None:
    assert list(EXECUTORS) == list(STEPS)  # a dict: one executor per kind, none for an unknown kind
    assert len(set(EXECUTORS.values())) == len(EXECUTORS)  # no method plays two kinds


def test_each_executor_plays_its_kinds_model_class() -> None:
    for kind, run in EXECUTORS.items():
        assert typing.get_type_hints(run)["step"] is STEPS[kind].cls, kind


def test_the_player_has_no_executor_outside_the_table() -> None:
    methods = {name for name in dir(Player) if name.startswith("_do_")}
    assert methods == {run.__name__ for run in EXECUTORS.values()}
    assert all(getattr(Player, run.__name__) is run for run in EXECUTORS.values())
