"""The player's executor table: for each step kind of the registry, the one method that plays it.

The core cannot import the player, so the registry (``deskpilot.format.registry``) cannot
name executors; this table is keyed by the same kinds instead, and a unit test holds the
two together: every registered kind has exactly one executor, every executor a kind.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from deskpilot import model as m
from deskpilot.player.acting import Acting
from deskpilot.player.checking import Checking
from deskpilot.player.nesting import Nesting
from deskpilot.player.reading import Reading
from deskpilot.player.searching import Context

if TYPE_CHECKING:
    from deskpilot.player.runner import Player

Executor = Callable[["Player", int, Any, Context], None]  # (the player, 1-based index, the filled step, its context)

EXECUTORS: dict[str, Executor] = {
    m.Click.kind: Acting._do_click,
    m.Drag.kind: Acting._do_drag,
    m.Scroll.kind: Acting._do_scroll,
    m.Type.kind: Acting._do_type,
    m.Press.kind: Acting._do_press,
    m.Hotkey.kind: Acting._do_hotkey,
    m.WaitFor.kind: Checking._do_wait_for,
    m.Expect.kind: Checking._do_expect,
    m.ReadText.kind: Reading._do_read_text,
    m.ReadTable.kind: Reading._do_read_table,
    m.IfVisible.kind: Nesting._do_if_visible,
    m.Call.kind: Nesting._do_call,
}
