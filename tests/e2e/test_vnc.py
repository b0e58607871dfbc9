"""Play over VNC: the shipped demo recording replays on a remote desktop and the application saves it.

The remote desktop is the test Xvfb served by a real x11vnc; the player runs with no DISPLAY at all,
so everything it sees and does goes through the VNC connection. Refusals are one line, no traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.contract.servers import VncServer, env_without_display, free_port, x11vnc
from tests.e2e.test_play_demo import DEMO, EXPECTED

PASSWORD = "dp-vnc-1"
# A keyring backend that keeps entries in a file, plugged in the way keyring documents
# (PYTHON_KEYRING_BACKEND): this machine has no OS keyring service, and the route under test is
# DeskPilot's -- set-vnc stores through keyring, play reads through keyring -- not the OS store.
FILE_KEYRING = '''
import json, os
from pathlib import Path
from keyring.backend import KeyringBackend

class FileKeyring(KeyringBackend):
    priority = 1
    def _load(self):
        p = Path(os.environ["DESKPILOT_TEST_KEYRING"])
        return json.loads(p.read_text()) if p.exists() else {}
    def get_password(self, service, username):
        return self._load().get(f"{service}|{username}")
    def set_password(self, service, username, password):
        data = self._load(); data[f"{service}|{username}"] = password
        Path(os.environ["DESKPILOT_TEST_KEYRING"]).write_text(json.dumps(data))
    def delete_password(self, service, username):
        data = self._load(); data.pop(f"{service}|{username}", None)
        Path(os.environ["DESKPILOT_TEST_KEYRING"]).write_text(json.dumps(data))
'''


@pytest.fixture(scope="module")
def server(xdisplay: VirtualDisplay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[VncServer]:
    with x11vnc(xdisplay, PASSWORD, tmp_path_factory.mktemp("x11vnc") / "x11vnc.log") as running:
        yield running


def player(*args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None,
           timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """``deskpilot ARGS`` with no local display: only the VNC connection reaches the desktop."""
    base = {k: v for k, v in env_without_display().items() if not k.startswith(("DESKPILOT_VNC", "PYTHON_KEYRING"))}
    full = {**base, "COLUMNS": "200", "XDG_DATA_HOME": str(cwd / "data"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",  # no prompt from a desktop's keyring
            **(env or {})}
    return subprocess.run([sys.executable, "-m", "deskpilot.cli", *args], check=False, cwd=cwd, env=full, input=stdin,
                          capture_output=True, text=True, timeout=timeout, start_new_session=True)


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def test_the_demo_recording_replays_over_vnc_and_the_record_is_saved(server: VncServer, demo_app: Callable,
                                                                     tmp_path: Path) -> None:
    app = demo_app()
    proc = player("play", str(DEMO), "--vnc", server.remote, "--report", str(tmp_path / "report"), cwd=tmp_path,
                  env={"DESKPILOT_VNC_PASSWORD": PASSWORD})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert app.records() == [EXPECTED]
    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "passed" and all(step["status"] == "ok" for step in report["steps"])
    assert PASSWORD not in proc.stdout + proc.stderr
    assert not [p for p in (tmp_path / "report").rglob("*") if p.is_file() and PASSWORD.encode() in p.read_bytes()]


def test_a_wrong_password_is_one_line_naming_the_fix(server: VncServer, tmp_path: Path) -> None:
    line = one_line(player("play", str(DEMO), "--vnc", server.remote, cwd=tmp_path,
                           env={"DESKPILOT_VNC_PASSWORD": "wrong-pw"}))
    assert line.startswith(f"error: the VNC server {server.remote} refused the password"), line
    assert "deskpilot secret set-vnc" in line and "wrong-pw" not in line


def test_no_password_is_one_line_naming_where_to_put_it(server: VncServer, tmp_path: Path) -> None:
    line = one_line(player("play", str(DEMO), "--vnc", server.remote, cwd=tmp_path))
    assert line == (f"error: the VNC server {server.remote} asks for a password and none is set: store it with "
                    f"'deskpilot secret set-vnc {server.remote}' or set DESKPILOT_VNC_PASSWORD")


def test_a_dead_server_is_one_line_and_no_wait(tmp_path: Path) -> None:
    dead = f"127.0.0.1::{free_port()}"
    line = one_line(player("play", str(DEMO), "--vnc", dead, cwd=tmp_path, env={"DESKPILOT_VNC_PASSWORD": "x"},
                           timeout=30))
    assert line.startswith(f"error: cannot reach the VNC server {dead} (port "), line
    assert "is it running, is the port open?" in line


def test_a_server_lost_during_a_run_fails_the_step_at_once(xdisplay: VirtualDisplay, tmp_path: Path) -> None:
    routine = tmp_path / "never"
    routine.mkdir()
    (routine / "routine.yaml").write_text("deskpilot: 1\nname: never\nsteps:\n"
                                          "  - wait_for: {text: 'Nothing reads like this', timeout: 60}\n",
                                          encoding="utf-8")
    full = {**env_without_display(), "COLUMNS": "200", "XDG_DATA_HOME": str(tmp_path / "data"),
            "DESKPILOT_VNC_PASSWORD": PASSWORD}
    with x11vnc(xdisplay, PASSWORD, tmp_path / "x11vnc.log") as doomed:
        run = subprocess.Popen([sys.executable, "-m", "deskpilot.cli", "play", str(routine), "--vnc", doomed.remote,
                                "--report", str(tmp_path / "report")], cwd=tmp_path, env=full, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        wait_until_connected(doomed.port, run)
    started = time.monotonic()  # the server is gone now
    out, err = run.communicate(timeout=30)
    assert run.returncode == 1 and "Traceback" not in err, out + err
    assert time.monotonic() - started < 10, "a lost server must fail the step, not wait out its timeout"
    assert f"failed: lost the VNC server {doomed.remote} (" in err, err
    report = json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))
    assert report["status"] == "failed" and report["steps"][0]["error"].startswith("lost the VNC server"), report


def wait_until_connected(port: int, run: subprocess.Popen[str], timeout: float = 60) -> None:
    """Until a client holds a connection to the local ``port`` (read from the kernel's TCP table), then a
    little more, so the player is past its checks and polling the screen in its first step."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and run.poll() is None:
        rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
        if any(r.split()[1].endswith(f":{port:04X}") and r.split()[3] == "01" for r in rows):
            time.sleep(2.0)
            return
        time.sleep(0.1)
    raise AssertionError("the player never connected to the VNC server")


def test_a_bad_address_is_refused_with_the_accepted_forms(tmp_path: Path) -> None:
    line = one_line(player("play", str(DEMO), "--vnc", "my-desktop", cwd=tmp_path))
    assert line == ("error: bad VNC server address 'my-desktop': give HOST:DISPLAY (e.g. 192.168.1.20:1, port 5901) "
                    "or HOST::PORT (e.g. 192.168.1.20::5901)")


def test_a_password_stored_with_set_vnc_logs_in(server: VncServer, demo_app: Callable, tmp_path: Path) -> None:
    (tmp_path / "keyring_file_backend.py").write_text(FILE_KEYRING, encoding="utf-8")
    ring = {"PYTHONPATH": str(tmp_path), "PYTHON_KEYRING_BACKEND": "keyring_file_backend.FileKeyring",
            "DESKPILOT_TEST_KEYRING": str(tmp_path / "ring.json")}
    stored = player("secret", "set-vnc", server.remote, cwd=tmp_path, env=ring, stdin=PASSWORD + "\n")
    assert stored.returncode == 0, stored.stdout + stored.stderr
    assert f"stored the VNC password for {server.remote} in the keyring" in stored.stdout
    assert PASSWORD not in stored.stdout + stored.stderr
    assert json.loads((tmp_path / "ring.json").read_text()) == {f"deskpilot-vnc|{server.remote}": PASSWORD}

    demo_app()
    routine = tmp_path / "look"
    routine.mkdir()
    (routine / "routine.yaml").write_text("deskpilot: 1\nname: look\nsteps:\n"
                                          "  - wait_for: {text: 'Customer master data', timeout: 10}\n",
                                          encoding="utf-8")
    proc = player("play", str(routine), "--vnc", server.remote, "--report", str(tmp_path / "report"), cwd=tmp_path,
                  env=ring)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads((tmp_path / "report" / "report.json").read_text(encoding="utf-8"))["status"] == "passed"
