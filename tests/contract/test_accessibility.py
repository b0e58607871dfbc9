"""The AT-SPI adapter against real applications on a real Xvfb with a real accessibility bus.

Nothing is faked: GTK 3 (galculator, Mousepad, HomeBank), Qt 5 (FeatherPad) and Qt 6 (our demo
application) run on a VirtualDisplay that started a session bus and at-spi-bus-launcher before
them. What the tree says is checked against what the X server or the application itself shows:
a click where the tree put a key makes the calculator show that digit, a menu item the tree
named opens the window it names, typed text comes back as the field's value, the demo app's
own geometry dump is where the tree says its controls are.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from deskpilot.geometry import Point, Rect
from deskpilot.platform.atspi import AtspiAccessibility, connect
from deskpilot.platform.atspi.decode import path_entry
from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay
from deskpilot.ports import Element, Window
from tests.contract.test_backends import wait_for as poll
from tests.e2e.person import geometry
from tests.zoo import featherpad as fp
from tests.zoo import galculator as gc
from tests.zoo import homebank as hb
from tests.zoo.base import AS_RECORDED, Variant, app_env, gtk3_settings, need, place, wait_window

pytestmark = pytest.mark.e2e
T = TypeVar("T")


def wait_for(probe: Callable[[], T | None], what: str, timeout: float = 10.0) -> T:
    """The first truthy answer of ``probe``; the test fails naming ``what`` otherwise (``what`` first here)."""
    return poll(probe, timeout, what)


def until(probe: Callable[[], T | None], ok: Callable[[T], bool], what: str, timeout: float = 10.0) -> T:
    """The first answer of ``probe`` that is ``ok``."""
    return wait_for(lambda: _if_ok(probe(), ok), what, timeout)


def _if_ok(value: T | None, ok: Callable[[T], bool]) -> T | None:
    return value if value is not None and ok(value) else None


# --- the stack: a display with an accessibility bus, applications started on it --------------------


@pytest.fixture(scope="module")
def display() -> Iterator[VirtualDisplay]:
    for exe, pkg in {"Xvfb": "xvfb", "openbox": "openbox", "xdotool": "xdotool", "dbus-daemon": "dbus"}.items():
        need(exe, pkg)
    if not os.access("/usr/libexec/at-spi-bus-launcher", os.X_OK):
        pytest.fail("the accessibility tests need at-spi2-core: sudo apt-get install at-spi2-core (or make setup)")
    with VirtualDisplay(1280, 800) as d:
        assert d.bus_address, "the display started no session bus"
        yield d


@pytest.fixture(scope="module")
def access(display: VirtualDisplay) -> Iterator[AtspiAccessibility]:
    found = connect(display.name)
    assert found is not None, "no accessibility bus on a display that started one"
    yield found
    found.close()


class Apps:
    """Applications started for one test with the accessibility bridge on, each in its own HOME."""

    def __init__(self, display: VirtualDisplay, home: Path) -> None:
        self.display, self.home = display, home
        self.procs: list[subprocess.Popen[bytes]] = []

    def env(self, name: str) -> dict[str, str]:
        env = app_env(self.display, self.home / name)  # the zoo's fresh HOME and XDG folders ...
        env.pop("NO_AT_BRIDGE", None)  # ... but with the accessibility bridge
        env["DBUS_SESSION_BUS_ADDRESS"] = self.display.bus_address
        return env

    def run(self, args: list[str], env: dict[str, str], title: str, at: tuple[int, int],
            size: tuple[int, int] | None = None) -> Window:
        proc = subprocess.Popen(args, env=env, cwd=env["HOME"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(proc)
        place(self.display, wait_window(self.display, title, proc), Variant("here", move=at, size=size))
        return self.window(title)

    def window(self, title: str) -> Window:
        return wait_for(lambda: (X11Windows(self.display.name).find(title) or [None])[-1], f"the window /{title}/")

    def galculator(self, at: tuple[int, int] = (40, 30)) -> Window:
        env = self.env("galculator")
        gtk3_settings(self.home / "galculator", AS_RECORDED)
        folder = self.home / "galculator" / "config" / "galculator"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "galculator.conf").write_text(gc.CONFIG, encoding="utf-8")
        return self.run([need("galculator", "galculator")], env, gc.TITLE, at)

    def featherpad(self, at: tuple[int, int] = (420, 30)) -> Window:
        env = self.env("featherpad")
        conf = self.home / "featherpad" / "config" / "featherpad"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "fp.conf").write_text(fp.fp_conf(False), encoding="utf-8")
        return self.run([need("featherpad", "featherpad"), "--standalone"], env, "^Untitled$", at)

    def mousepad(self, at: tuple[int, int] = (40, 420)) -> Window:
        env = self.env("mousepad")
        gtk3_settings(self.home / "mousepad", AS_RECORDED)
        note = self.home / "mousepad" / "note.txt"
        note.write_text("", encoding="utf-8")
        return self.run([need("mousepad", "mousepad"), "--disable-server", str(note)], env, "note.txt - Mousepad$",
                        at, size=(560, 340))

    def homebank(self) -> Window:
        env = self.env("homebank")
        home = self.home / "homebank"
        gtk3_settings(home, AS_RECORDED)
        (home / "config" / "homebank").mkdir(parents=True, exist_ok=True)
        (home / "config" / "homebank" / "preferences").write_text(
            hb.preferences(home, AS_RECORDED, (40, 30, 1024, 600), (150, 150, 1000, 560)), encoding="utf-8")
        (home / "book.xhb").write_text(hb.BOOK, encoding="utf-8")
        return self.run([need("homebank", "homebank"), str(home / "book.xhb")], env, hb.MAIN_TITLE, (40, 30),
                        size=(1024, 600))

    def demo(self, geometry_out: Path) -> Window:
        env = {k: v for k, v in self.display.env().items() if k != "QT_QPA_PLATFORM"}
        args = [sys.executable, "-m", "deskpilot.demoapp", "--out", str(self.home / "demo.jsonl"),
                "--geometry-out", str(geometry_out), "--x", "60", "--y", "40"]
        (self.home / "demo").mkdir(parents=True, exist_ok=True)
        env["HOME"] = str(self.home / "demo")
        return self.run(args, env, "^Customer Master", (60, 40))

    def stop(self) -> None:
        from deskpilot.demoapp.launch import end_process

        for proc in self.procs:
            end_process(proc)


@pytest.fixture
def apps(display: VirtualDisplay, tmp_path: Path) -> Iterator[Apps]:
    started = Apps(display, tmp_path)
    yield started
    started.stop()


class Hand:
    """xdotool on the display: the clicks and keys of a person."""

    def __init__(self, display: VirtualDisplay) -> None:
        self.env = display.env()

    def __call__(self, *args: str) -> None:
        subprocess.run(["xdotool", *args], env=self.env, check=True, capture_output=True, timeout=20)

    def click(self, p: Point) -> None:
        self("mousemove", "--sync", str(p.x), str(p.y))
        self("click", "1")
        time.sleep(0.3)

    def type(self, text: str) -> None:
        self("type", "--delay", "30", text)
        time.sleep(0.3)


@pytest.fixture
def hand(display: VirtualDisplay) -> Hand:
    return Hand(display)


def shown(access: AtspiAccessibility, window: Window, what: Callable[[list[Element]], bool]) -> list[Element]:
    """The window's elements once the application has registered and drawn what the test needs."""
    return until(lambda: access.elements(window), what, f"the elements of '{window.title}'")


def named(elements: list[Element], role: str, name: str) -> Element:
    hits = [e for e in elements if e.role == role and e.name == name]
    assert len(hits) == 1, f"{len(hits)} {role} '{name}' in {[(e.role, e.name) for e in elements]}"
    return hits[0]


# --- GTK 3 and Qt 5 buttons -----------------------------------------------------------------------------


def test_a_gtk_key_under_a_point_is_the_button_named_by_its_caption(access: AtspiAccessibility, apps: Apps,
                                                                    hand: Hand) -> None:
    window = apps.galculator()
    keys = shown(access, window, lambda els: sum(e.role == "toggle button" for e in els) >= 20)
    for caption in ("7", "4", "=", "sqrt", "AC"):
        key = named(keys, "toggle button", caption)
        got = access.element_at(key.rect.center)
        assert got is not None and (got.role, got.name) == ("toggle button", caption)
        assert got.rect == key.rect and got.window == "galculator" and got.app == "galculator"
        assert {"showing", "visible", "enabled", "sensitive"} <= got.states
        assert (got.path, got.index) == (key.path, key.index)  # the point's answer is the walk's element
    readout = next(e for e in keys if e.role == "text" and e.value == "0")  # the calculator's display, read-only
    for caption in ("7", "4", "*", "3", "="):  # clicks where the tree put the keys: 7 4 * 3 = shows 222
        got = access.element_at(named(keys, "toggle button", caption).rect.center)
        assert got is not None
        hand.click(got.rect.center)
    until(lambda: access.refresh(readout), lambda e: e.value == "222", "222 in the calculator display")
    menu = access.element_at(named(keys, "menu", "Edit").rect.center)
    assert menu is not None and (menu.role, menu.name) == ("menu", "Edit")


def test_a_gtk_menu_item_in_an_open_menu_is_named_through_its_popup(access: AtspiAccessibility, apps: Apps,
                                                                  hand: Hand) -> None:
    window = apps.galculator()
    edit = named(shown(access, window, lambda els: any(e.name == "Edit" for e in els)), "menu", "Edit")
    hand.click(edit.rect.center)
    item = wait_for(lambda: next((e for e in access.elements(window)
                                  if e.role == "menu item" and e.name == "Copy Display Value"), None),
                    "the open Edit menu")
    # on the popup, an override-redirect window over the frame (mapped a moment after the tree shows its items)
    got = until(lambda: access.element_at(item.rect.center), lambda e: e.role == "menu item",
                "the menu item under the point")
    assert (got.role, got.name) == ("menu item", "Copy Display Value")
    assert got.path[-1] == "menu:Edit" and got.window == "galculator"
    hand("key", "Escape")


def test_a_qt5_toolbar_button_menu_item_and_dialog_button(access: AtspiAccessibility, apps: Apps, hand: Hand) -> None:
    window = apps.featherpad()
    els = shown(access, window, lambda els: any(e.role == "push button" and e.name == "Save" for e in els))
    for role, name in (("push button", "Save"), ("push button", "Open"), ("menu item", "File")):
        walked = named(els, role, name)
        got = access.element_at(walked.rect.center)
        assert got is not None and (got.role, got.name, got.app) == (role, name, "FeatherPad")
        assert got.window == "Untitled" and (got.path, got.index, got.rect) == (walked.path, walked.index, walked.rect)
    hand.click(named(els, "menu item", "File").rect.center)
    item = wait_for(lambda: next((e for e in access.elements(window)
                                  if e.role == "menu item" and e.name == "Save As"), None), "the open File menu")
    got = until(lambda: access.element_at(item.rect.center), lambda e: e.role == "menu item",
                "the menu item under the point")
    assert (got.role, got.name) == ("menu item", "Save As")
    assert got.path[-2:] == ("menu item:File", "popup menu")
    hand.click(got.rect.center)  # what the tree called "Save As" opens the Save as dialog
    dialog = apps.window("^Save as")
    buttons = shown(access, dialog, lambda els: any(e.name == "Cancel" for e in els))
    cancel = access.element_at(named(buttons, "push button", "Cancel").rect.center)
    assert cancel is not None and (cancel.role, cancel.name, cancel.app) == ("push button", "Cancel", "FeatherPad")
    assert cancel.window == dialog.title
    hand.click(cancel.rect.center)
    wait_for(lambda: not X11Windows(apps.display.name).find("^Save as"), "the dialog closed by its Cancel")


# --- text fields ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("editor", ["mousepad", "featherpad"])
def test_typed_text_is_the_fields_value_and_refresh_reads_it_again(editor: str, access: AtspiAccessibility,
                                                                   apps: Apps, hand: Hand) -> None:
    window = getattr(apps, editor)()
    shown(access, window, lambda els: any(e.role == "text" for e in els))
    middle = window.rect.center
    hand.click(middle)
    hand.type("Invoice 4711")
    got = until(lambda: access.element_at(middle), lambda e: e.value == "Invoice 4711",
                "the typed text as the field's value")
    assert got.role == "text" and {"editable", "focused", "multi-line"} <= got.states
    assert got.rect.contains(middle) and got.label is None
    hand.type(" approved")
    again = until(lambda: access.refresh(got), lambda e: e.value == "Invoice 4711 approved",
                  "the new text after more typing")
    assert (again.role, again.rect, again.path) == (got.role, got.rect, got.path)
    apps.stop()
    wait_for(lambda: access.refresh(got) is None, "the closed editor's field gone")


def test_homebank_fields_are_named_by_their_labels_and_hold_what_was_typed(access: AtspiAccessibility, apps: Apps,
                                                                           hand: Hand) -> None:
    main = apps.homebank()
    add = named(shown(access, main, lambda els: any(e.name == "Add" for e in els)), "push button", "Add")
    hand.click(add.rect.center)
    dialog = apps.window(hb.DIALOG_TITLE)
    fields = shown(access, dialog, lambda els: any(e.label == "Memo:" for e in els))
    labelled = {e.label: e for e in fields if e.label}
    assert {"Date:", "Amount:", "Payee:", "Memo:", "Category:", "Info:", "Tags:"} <= set(labelled)
    assert labelled["Amount:"].role == "spin button" and labelled["Memo:"].role == "text"
    hand.click(labelled["Memo:"].rect.center)
    hand.type("bread and milk")
    got = until(lambda: access.element_at(labelled["Memo:"].rect.center), lambda e: e.value == "bread and milk",
                "the memo typed into the field")
    assert (got.role, got.name, got.label, got.window) == ("text", "", "Memo:", "Add transaction")
    assert {"editable", "focused", "single-line"} <= got.states
    hand("key", "Escape")


# --- a window's walk ------------------------------------------------------------------------------------


def test_a_windows_elements_are_its_showing_controls_inside_it_parents_first(access: AtspiAccessibility,
                                                                             apps: Apps) -> None:
    for window, wanted in ((apps.galculator(), {("toggle button", c) for c in "0123456789"}),
                           (apps.featherpad(), {("menu item", "File"), ("push button", "Save")}),
                           (apps.mousepad(), {("menu", "File"), ("text", "")})):
        els = shown(access, window, lambda els, wanted=wanted: wanted <= {(e.role, e.name) for e in els})
        seen: set[tuple[str, ...]] = {()}
        for e in els:
            assert e.rect.w > 0 and e.rect.h > 0 and window.rect.intersect(e.rect) == e.rect, e
            assert "showing" in e.states and e.window == window.title and e.index is not None, e
            # a GTK notebook's page tab has no box: not listed, but named in its page's paths
            listed = e.path in seen or (e.path[:-1] in seen and e.path[-1].split(":")[0] == "page tab")
            assert listed, f"{e.role} '{e.name}' comes before its parent {e.path}"
            seen.add((*e.path, path_entry(e.role, e.name)))
        keys = [e.rect for e in els if e.role == "toggle button" and len(e.name) == 1 and e.name.isdigit()]
        assert len(set(keys)) == len(keys), "two keys in one place"


def test_the_qt6_demo_app_exposes_its_form_where_its_own_geometry_says(access: AtspiAccessibility, apps: Apps,
                                                                       hand: Hand, tmp_path: Path) -> None:
    dump = tmp_path / "geometry.json"
    window = apps.demo(dump)
    truth = geometry(dump)
    els = shown(access, window, lambda els: any(e.name == "Save" for e in els))
    for button in truth["buttons"]:
        x, y, w, h = button["rect"]
        got = access.element_at(Rect(x, y, w, h).center)
        assert got is not None and (got.role, got.name) == ("push button", button["text"])
        assert got.rect == Rect(x, y, w, h) and got.window == window.title
        walked = named(els, "push button", button["text"])
        assert (got.path, got.index) == (walked.path, walked.index)
    field = next(f for f in truth["fields"] if f["name"] == "customer_id")
    where = Rect(*field["rect"]).center
    hand.click(where)
    hand.type("C-1001")
    got = until(lambda: access.element_at(where), lambda e: e.value == "C-1001", "the typed customer id")
    assert got.role == "text" and "editable" in got.states and got.rect == Rect(*field["rect"])
    assert {e.name for e in els if e.role == "label"} >= {lab["text"] for lab in truth["labels"]} - {""}


# --- the X stack decides which window answers -----------------------------------------------------------


def test_a_covered_window_never_answers_for_the_one_on_top(access: AtspiAccessibility, apps: Apps,
                                                           display: VirtualDisplay) -> None:
    calc = apps.galculator(at=(40, 30))
    editor = apps.featherpad(at=(600, 30))
    seven = named(shown(access, calc, lambda els: any(e.name == "7" for e in els)), "toggle button", "7")
    uncovered = access.element_at(seven.rect.center)
    assert uncovered is not None and (uncovered.app, uncovered.name) == ("galculator", "7")
    place(display, editor.id, Variant("over", move=(10, 20)))  # FeatherPad on top, over the whole calculator
    for point in (seven.rect.center, calc.rect.center, Point(calc.rect.x + 5, calc.rect.bottom - 5)):
        got = access.element_at(point)
        assert got is None or got.app == "FeatherPad", f"the covered galculator answered at {point}: {got}"
    assert access.element_at(seven.rect.center) is not None  # FeatherPad's own control is there
    place(display, calc.id, Variant("back", move=(40, 30)))  # raised again: it answers again
    back = access.element_at(seven.rect.center)
    assert back is not None and (back.app, back.name) == ("galculator", "7")


# --- an application that hangs, several threads ----------------------------------------------------------


def test_a_hung_application_costs_one_timeout_then_answers_again_once_it_runs(display: VirtualDisplay, apps: Apps
                                                                             ) -> None:
    from deskpilot.platform.atspi import AtspiAccessibility as Adapter
    from deskpilot.platform.atspi.bus import AtspiBus
    from deskpilot.platform.atspi.xstack import XStack

    access = Adapter(AtspiBus(_a11y_address(display), timeout=0.5, shun=1.0), XStack(display.name))
    window = apps.galculator()
    seven = named(shown(access, window, lambda els: any(e.name == "7" for e in els)), "toggle button", "7")
    assert access.element_at(seven.rect.center) is not None
    pid = apps.procs[-1].pid
    os.kill(pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert access.element_at(seven.rect.center) is None
        assert time.monotonic() - started < 1.5  # one timeout (0.5 s), then the application is left alone
        started = time.monotonic()
        assert access.element_at(seven.rect.center) is None and access.refresh(seven) is None
        assert time.monotonic() - started < 0.2  # not asked again while it is left alone
    finally:
        os.kill(pid, signal.SIGCONT)
    time.sleep(1.1)
    back = wait_for(lambda: access.element_at(seven.rect.center), "the woken calculator's key")
    assert (back.role, back.name) == ("toggle button", "7")
    access.close()


def test_threads_ask_at_once_each_on_its_own_connection(access: AtspiAccessibility, apps: Apps) -> None:
    window = apps.galculator()
    keys = [named(shown(access, window, lambda els: any(e.name == "9" for e in els)), "toggle button", c)
            for c in "0123456789"]
    answers: dict[str, list[str | None]] = {}

    def ask(who: str) -> None:
        answers[who] = [getattr(access.element_at(k.rect.center), "name", None) for k in keys for _ in range(3)]

    threads = [threading.Thread(target=ask, args=(str(i),)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert answers == {str(i): [c for c in "0123456789" for _ in range(3)] for i in range(4)}


def _a11y_address(display: VirtualDisplay) -> str:
    from deskpilot.platform.atspi.bus import find_bus_address

    address = find_bus_address(display.name)
    assert address is not None
    return address


# --- no bus ---------------------------------------------------------------------------------------------


def test_without_an_accessibility_bus_the_backend_has_none_and_says_so_at_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.platform.x11 import x11_backend

    with VirtualDisplay(640, 480, accessibility=False) as bare:
        assert bare.bus_address == ""
        monkeypatch.setenv("DISPLAY", bare.name)
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
        started = time.monotonic()
        assert x11_backend().accessibility() is None
        assert time.monotonic() - started < 0.5
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")  # a stale session address
        started = time.monotonic()
        assert x11_backend().accessibility() is None
        assert time.monotonic() - started < 0.5


def test_a_display_stops_its_buses_with_it() -> None:
    with VirtualDisplay(640, 480) as d:
        groups, runtime = set(d._groups), d._runtime
        assert d.bus_address and groups and os.path.isdir(runtime)
        assert "NO_AT_BRIDGE" not in d.env() and d.env()["DBUS_SESSION_BUS_ADDRESS"] == d.bus_address
    assert not _living_in(groups), "the bus, the launcher and what they started outlived the display"
    assert not os.path.exists(runtime)


def test_a_display_without_the_bus_programs_starts_all_the_same_without_a_bus(monkeypatch: pytest.MonkeyPatch) -> None:
    from deskpilot.platform.x11 import xvfb

    monkeypatch.setattr(xvfb, "BUS_LAUNCHERS", ("/nonexistent/at-spi-bus-launcher",))
    with VirtualDisplay(640, 480, window_manager=False) as d:
        assert d.name and d.bus_address == "" and not d._groups and not d._runtime
        assert d.env().get("DBUS_SESSION_BUS_ADDRESS") == os.environ.get("DBUS_SESSION_BUS_ADDRESS")


def _living_in(groups: set[int]) -> list[int]:
    """Processes of these process groups that still run (a zombie nobody reaped has ended)."""
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if stat[0] != "Z" and int(stat[2]) in groups:
                out.append(int(entry))
    return out
