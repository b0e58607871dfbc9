"""The zoo: real third-party applications (Debian packages) that DeskPilot was not built around.

Each application module gives the same four things, so one e2e test per application and
the benchmark's zoo table drive them all alike:

- ``start``: a fresh instance in a fresh state (its own HOME and config under ``home``),
  optionally with a larger font or a dark theme, its window mapped and painted;
- ``perform``: what a person does once, by sight (OCR as eyes, or places relative to
  the window), gliding the pointer and typing at a person's pace -- this is recorded;
- ``saved``: what the application itself wrote (its file, its clipboard), read from outside;
- ``expected``: what ``saved`` must equal after the routine ran with ``values``.

Nothing here imports the player or the recorder: the zoo only plays the person and the verifier.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from deskpilot.geometry import Point, Rect
from deskpilot.demoapp.launch import end_process
from deskpilot.platform.x11.windows import X11Windows
from deskpilot.platform.x11.xvfb import VirtualDisplay


@dataclass(frozen=True)
class Variant:
    """How the replay's screen differs from the recording's."""

    name: str  # "as recorded", "moved+resized", "font x1.25", "dark"
    move: tuple[int, int] | None = None  # the window's new top-left
    size: tuple[int, int] | None = None  # the window's new size
    font_scale: float = 1.0
    dark: bool = False
    # the windows at this share of their recorded width and height; each application keeps them no smaller
    # than its controls need (shrinking a window until the routine's buttons are gone is not drift)
    shrink: float = 1.0
    toolbar: bool = True  # False: the toolbar (or a panel) hidden, where the application's own config can do it


AS_RECORDED = Variant("as recorded")
MOVED = Variant("moved+resized", move=(180, 110), size=(900, 620))
FONT = Variant("font x1.25", font_scale=1.25)
DARK = Variant("dark", dark=True)
HALF = Variant("half size", shrink=0.5)
NO_TOOLBAR = Variant("toolbar hidden", toolbar=False)


def shrunk(size: tuple[int, int], variant: Variant, minimum: tuple[int, int]) -> tuple[int, int]:
    """A recorded window size as the variant shrinks it, no smaller than ``minimum`` (what the app needs)."""
    w, h = size
    return max(round(w * variant.shrink), minimum[0]), max(round(h * variant.shrink), minimum[1])


@dataclass
class Running:
    """One started application instance."""

    process: subprocess.Popen[bytes]
    display: VirtualDisplay
    home: Path
    window_title: str  # a regular expression for its main window's title
    files: dict[str, Path] = field(default_factory=dict)  # what the verifier reads: "out" -> the saved file
    extra: dict[str, Any] = field(default_factory=dict)

    def stop(self) -> None:
        end_process(self.process)


class ZooApp(Protocol):
    name: ClassVar[str]  # short, e.g. "homebank"
    package: ClassVar[str]  # the Debian package, e.g. "homebank"
    toolkit: ClassVar[str]  # "GTK 3", "Qt 5", "Motif", "Xaw", "terminal (newt)"
    variants: ClassVar[tuple[Variant, ...]]  # those this application allows, AS_RECORDED first
    values: ClassVar[dict[str, str]]  # what the person enters when recorded
    rows: ClassVar[tuple[dict[str, str], ...]]  # five rows for a data run; () when the app is no data-entry form

    def start(self, display: VirtualDisplay, home: Path, variant: Variant = AS_RECORDED) -> Running: ...

    def perform(self, person: Person, app: Running, values: Mapping[str, str]) -> None: ...

    def saved(self, app: Running) -> Any: ...

    def expected(self, values: Sequence[Mapping[str, str]]) -> Any:
        """What ``saved`` returns after the routine ran once per mapping (one for a plain run, five for data)."""
        ...


# --- the person ----------------------------------------------------------------------------------


class Person:
    """A simulated person with xdotool: glides the pointer, pauses, types at a person's pace, reads by OCR."""

    def __init__(self, display: VirtualDisplay, pace: float = 0.35) -> None:
        self.display, self.pace = display, pace
        self.env = display.env()

    def xdo(self, *args: str) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, check=True, capture_output=True, text=True).stdout
        return out

    def pointer(self) -> Point:
        out = self.xdo("getmouselocation", "--shell")
        vals = dict(line.split("=", 1) for line in out.split() if "=" in line)
        return Point(int(vals["X"]), int(vals["Y"]))

    def glide(self, x: int, y: int, steps: int = 8) -> None:
        """Move like a hand does: several motion events on the way, then a short rest."""
        start = self.pointer()
        for i in range(1, steps + 1):
            self.xdo("mousemove", str(start.x + (x - start.x) * i // steps), str(start.y + (y - start.y) * i // steps))
            time.sleep(0.015)
        time.sleep(0.12)

    def click(self, x: int, y: int, button: int = 1, repeat: int = 1) -> None:
        self.glide(x, y)
        self.xdo("click", "--repeat", str(repeat), "--delay", "90", str(button))
        time.sleep(self.pace)

    def double_click(self, x: int, y: int) -> None:
        self.click(x, y, repeat=2)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "45" if text.isascii() else "120", text)
        time.sleep(self.pace)

    def key(self, *keys: str) -> None:
        self.xdo("key", "--delay", "80", *keys)
        time.sleep(self.pace)

    def stop_recorder(self) -> None:
        self.key("ctrl+alt+shift+s")

    # --- eyes ----------------------------------------------------------------------------------

    def window(self, title_pattern: str, timeout: float = 20) -> Rect:
        """The client area of the (newest) visible window whose title matches, waiting for it to map."""

        windows = X11Windows(self.display.name)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = windows.find(title_pattern)
            if found:
                return found[-1].rect
            time.sleep(0.1)
        titles = [w.title for w in windows.all()]
        raise AssertionError(f"no window titled /{title_pattern}/ after {timeout:.0f} s; open: {titles}")

    def find(self, text: str, *, within: Rect | None = None, timeout: float = 10, min_similarity: float = 0.9,
             lang: str = "eng", pick: str = "best") -> Point:
        """Where the person sees ``text`` (in ``within``), read off the screen by OCR as their eyes would.

        ``pick``: "best" (highest similarity, then confidence), "top", "bottom", "left" or "right" among good ones.
        """
        from deskpilot.platform import backend
        from deskpilot.vision.tesseract import TesseractOcr
        from deskpilot.vision.text import find_phrases

        os.environ["DISPLAY"] = self.display.name
        screen, ocr = backend().screen(), TesseractOcr()
        deadline = time.monotonic() + timeout
        seen = ""
        while True:
            frame = screen.grab()
            region = within or frame.rect
            words = ocr.words(frame.crop(region)[0], Point(region.x, region.y), lang)
            good = [p for p in find_phrases(words, text) if p.similarity >= min_similarity]
            if good:
                key = {"best": lambda p: (-p.similarity, -p.conf), "top": lambda p: p.box.y,
                       "bottom": lambda p: -p.box.y, "left": lambda p: p.box.x, "right": lambda p: -p.box.x}[pick]
                hit = sorted(good, key=key)[0]  # type: ignore[operator]
                return hit.box.center
            seen = " ".join(w.text for w in words)
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} is not on the screen; seen: {seen[:400]}")
            time.sleep(0.3)


# --- helpers for application modules ---------------------------------------------------------------


def need(program: str, package: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise AssertionError(f"the zoo needs {program}: sudo apt-get install {package} (or make setup)")
    return path


def app_env(display: VirtualDisplay, home: Path, **extra: str) -> dict[str, str]:
    """An environment of its own: fresh HOME and XDG folders, no desktop settings daemon; the display's own
    session bus, so that the application joins its accessibility bus as on a real desktop."""
    for sub in ("config", "data", "cache", "runtime"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)
    env = {**display.env(), "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_RUNTIME_DIR": str(home / "runtime"), "GSETTINGS_BACKEND": "memory",
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    env.pop("SESSION_MANAGER", None)
    env.pop("NO_AT_BRIDGE", None)
    if not display.bus_address:  # no bus of the display's own: none at all, rather than the caller's
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("QT_QPA_PLATFORM", None)  # the GUI tests' offscreen setting would give a Qt program no window
    return {**env, **extra}


def gtk3_settings(home: Path, variant: Variant, base_size: int = 10) -> None:
    """GTK 3 reads settings.ini when no settings daemon runs: the font size and the dark Adwaita theme."""
    folder = home / "config" / "gtk-3.0"
    folder.mkdir(parents=True, exist_ok=True)
    size = round(base_size * variant.font_scale)
    lines = ["[Settings]", f"gtk-font-name = DejaVu Sans {size}",
             f"gtk-application-prefer-dark-theme = {'true' if variant.dark else 'false'}",
             "gtk-enable-animations = false", "gtk-cursor-blink = false"]
    (folder / "settings.ini").write_text("\n".join(lines) + "\n", encoding="utf-8")


def wait_window(display: VirtualDisplay, title_pattern: str, process: subprocess.Popen[bytes],
                timeout: float = 30) -> int:
    """The X id of the first visible window whose title matches, once mapped; fails if the app died first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", title_pattern], env=display.env(),
                             capture_output=True, text=True).stdout.split()
        if out:
            time.sleep(0.8)  # the first paint comes a moment after mapping
            return int(out[-1])
        if process.poll() is not None:
            raise AssertionError(f"{process.args!r} exited with {process.returncode} before its window showed")
        time.sleep(0.1)
    raise AssertionError(f"no window /{title_pattern}/ after {timeout:.0f} s")


def launch_placed(args: list[str], env: dict[str, str], home: Path, display: VirtualDisplay, title: str,
                  variant: Variant) -> subprocess.Popen[bytes]:
    """Start an application in its own session, wait for its window titled ``title`` and place it as the
    variant wants; if it never shows, nothing is left running."""
    proc = subprocess.Popen(args, env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        wid = wait_window(display, title, proc)
        place(display, wid, variant)
    except BaseException:
        proc.kill()
        proc.wait(timeout=5)
        raise
    return proc


def place(display: VirtualDisplay, wid: int, variant: Variant, default: tuple[int, int] = (40, 30),
          default_size: tuple[int, int] | None = None) -> None:
    """Put the window where the variant wants it (the recording's place by default), and wait until it is there."""
    env = display.env()
    x, y = variant.move or default
    size = variant.size or default_size
    if size is not None:
        subprocess.run(["xdotool", "windowsize", "--sync", str(wid), str(size[0]), str(size[1])], env=env,
                       capture_output=True, timeout=10)
    subprocess.run(["xdotool", "windowmove", "--sync", str(wid), str(x), str(y)], env=env, capture_output=True,
                   timeout=10)
    subprocess.run(["xdotool", "windowactivate", "--sync", str(wid)], env=env, capture_output=True, timeout=10)
    time.sleep(0.6)


def wait_file(path: Path, timeout: float = 10, *, changed_after: float | None = None) -> Path:
    """Wait for an application to write ``path`` (and, with ``changed_after``, to rewrite it after that time)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and (changed_after is None or path.stat().st_mtime > changed_after):
            size = path.stat().st_size
            time.sleep(0.2)
            if path.stat().st_size == size:
                return path
        time.sleep(0.1)
    raise AssertionError(f"{path.name} was not written within {timeout:.0f} s")
