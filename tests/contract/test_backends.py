"""The contract every platform backend keeps, held against X11 and VNC on the same real Xvfb.

Each assertion is checked against what the X server itself says (its pixels through mss, its pointer
through Xlib) or what the application saved, never against the backend's own account of itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest

from deskpilot.errors import DeskPilotError, DisplayUnavailable
from deskpilot.geometry import Point, Rect
from deskpilot.platform.vnc import close_connection
from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.contract.conftest import Under
from tests.contract.painted import PaintedWindow, bgr
from tests.contract.servers import dead_x_display, free_port
from tests.e2e.person import centre_of, geometry

pytestmark = pytest.mark.e2e
T = TypeVar("T")
SIZE = (1280, 800)  # the Xvfb of tests/e2e/conftest.py
CATCH_UP = 2.0  # seconds a VNC server may take to pass on a change (x11vnc polls the X screen: ~50 ms)


def wait_for(probe: Callable[[], T | None], timeout: float, what: str) -> T:
    """The first truthy answer of ``probe`` within ``timeout``; the test fails naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        answer = probe()
        if answer:
            return answer
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not seen within {timeout:.0f} s")
        time.sleep(0.05)


def x_server_pixels(display: VirtualDisplay, rect: Rect) -> np.ndarray:
    """The pixels as the X server holds them (BGR), read with mss directly."""
    import mss

    with mss.MSS(display=display.name) as shot:
        raw = shot.grab({"left": rect.x, "top": rect.y, "width": rect.w, "height": rect.h})
    return np.ascontiguousarray(np.asarray(raw, dtype=np.uint8)[:, :, :3])


def x_server_pointer(display: VirtualDisplay) -> Point:
    from Xlib import display as xdisplay

    conn = xdisplay.Display(display.name)
    try:
        reply = conn.screen().root.query_pointer()
        return Point(reply.root_x, reply.root_y)
    finally:
        conn.close()


# --- the environment check ---------------------------------------------------------------------------


def test_check_passes_on_a_live_display(under: Under) -> None:
    assert under.backend.check() is None  # again, on a backend in use
    fresh = under.make()
    try:
        assert fresh.check() is None  # and first thing, as a run starts
    finally:
        close_connection(fresh)


@pytest.mark.parametrize("kind", ["x11", "vnc"])
def test_check_refuses_a_dead_display_in_one_line(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if kind == "x11":
        from deskpilot.platform.x11 import x11_backend

        dead = dead_x_display()
        monkeypatch.setenv("DISPLAY", dead)
        backend = x11_backend()
    else:
        from deskpilot.platform.vnc import vnc_backend

        dead = f"127.0.0.1::{free_port()}"
        monkeypatch.setenv("DESKPILOT_VNC_PASSWORD", "whatever")
        backend = vnc_backend(dead)
    started = time.monotonic()
    with pytest.raises(DeskPilotError) as caught:
        backend.check()
    assert isinstance(caught.value, DisplayUnavailable)
    message = str(caught.value)
    assert "\n" not in message and dead in message, message
    assert time.monotonic() - started < 8, "a dead display must be reported, not waited for"


# --- the screen ----------------------------------------------------------------------------------------


def test_bounds_are_the_display_and_grabs_are_clipped_to_it(under: Under) -> None:
    screen = under.backend.screen()
    assert screen.bounds() == Rect(0, 0, *SIZE)
    whole = screen.grab()
    assert whole.pixels.shape == (SIZE[1], SIZE[0], 3) and whole.pixels.dtype == np.uint8
    corner = screen.grab(Rect(SIZE[0] - 80, SIZE[1] - 50, 200, 100))  # past the bottom-right edge
    assert corner.rect == Rect(SIZE[0] - 80, SIZE[1] - 50, 80, 50)
    assert screen.grab(Rect(SIZE[0] + 10, 0, 20, 20)).pixels.size == 0  # wholly off screen: empty, no error


def test_a_grab_shows_a_windows_known_pixels_and_fresh_ones_after_a_change(under: Under) -> None:
    rect = Rect(213, 157, 120, 60)
    window = PaintedWindow(under.display.name, rect)
    screen = under.backend.screen()
    try:
        for left, right, marker in (((200, 30, 40), (20, 160, 90), (250, 250, 10)),
                                    ((10, 40, 220), (240, 240, 240), (0, 0, 0))):
            window.paint(left, right, marker)
            expected = np.empty((rect.h, rect.w, 3), np.uint8)
            expected[:, : rect.w // 2] = bgr(left)
            expected[:, rect.w // 2:] = bgr(right)
            m = PaintedWindow.MARKER
            expected[m.y:m.y + m.h, m.x:m.x + m.w] = bgr(marker)

            def shown(expected: np.ndarray = expected) -> bool:
                frame = screen.grab(rect)
                assert frame.origin == Point(rect.x, rect.y) and frame.pixels.shape == expected.shape
                return bool(np.array_equal(frame.pixels, expected))

            wait_for(shown, CATCH_UP, f"the painted colours {left}/{right}/{marker} in a grab")
            whole = screen.grab()  # the same pixels in a whole-screen grab, at the window's place
            assert np.array_equal(whole.crop(rect)[0], expected)
    finally:
        window.close()


def test_a_grab_equals_what_the_x_server_shows(under: Under, demo_app: Callable[..., object]) -> None:
    app = demo_app()
    area = app.window.rect  # type: ignore[attr-defined]
    screen = under.backend.screen()

    def same() -> bool:
        return bool(np.array_equal(screen.grab(area).pixels, x_server_pixels(under.display, area)))

    wait_for(same, CATCH_UP, f"the demo window's pixels ({area}) exactly as the X server has them")


# --- input ---------------------------------------------------------------------------------------------


def test_the_pointer_goes_where_asked(under: Under) -> None:
    driver = under.backend.input()
    for target in (Point(321, 234), Point(1100, 650), Point(40, 700)):
        driver.move(target)
        wait_for(lambda target=target: x_server_pointer(under.display) == target, CATCH_UP,
                 f"the X pointer at {target}")
        assert driver.pointer() == target
    assert driver.failsafe_tripped() is False


def test_a_click_focuses_a_field_and_text_keys_and_hotkeys_reach_the_app(under: Under, demo_app: Callable[..., object],
                                                                         tmp_path: Path) -> None:
    app = demo_app("--geometry-out", str(tmp_path / "geometry.json"))
    fields = {f["name"]: f["rect"] for f in geometry(tmp_path / "geometry.json")["fields"]}
    backend = under.make()  # connected with the application open, as a run is
    backend.check()
    try:
        driver, screen = backend.input(), backend.screen()
        driver.click(Point(*centre_of(fields["customer_id"])))

        def shown(name: str) -> bool:  # what typing changed is on the next grabs, as the X server shows it
            field = Rect(*fields[name])
            return bool(np.array_equal(screen.grab(field).pixels, x_server_pixels(under.display, field)))

        for part in ("Jürgen", " 张三"):  # twice: a VNC server may show the first change, then fall behind
            driver.type_text(part)
            wait_for(lambda: shown("customer_id"), CATCH_UP, f"the ID's pixels after typing {part!r}")
        driver.press("tab")  # Company is the next field
        driver.type_text("ACME GmbH+xy")
        driver.press("backspace", 2)
        wait_for(lambda: shown("company"), CATCH_UP, "the typed company's pixels as the X server has them")
        driver.hotkey(("ctrl", "s"))  # the demo app saves on Ctrl+S
        records = wait_for(app.records, CATCH_UP, "the saved record")  # type: ignore[attr-defined]
    finally:
        close_connection(backend)
    assert records == [{"customer_id": "Jürgen 张三", "company": "ACME GmbH+", "contact": "", "street": "",
                        "city": "", "postcode": "", "country": "", "phone": ""}]
