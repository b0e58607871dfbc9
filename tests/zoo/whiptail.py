"""A whiptail (newt) data-entry form in xterm: Customer, Amount, "Save this entry?", "Saved entry N", again.

The form is a bash script generated into ``home``: it loops forever over two input boxes, each pre-filled
with the PREVIOUS entry's value (a form that keeps its last values, so a routine that does not clear a
field enters the old value again), asks "Save this entry?", appends the entry as one tab-separated line
to ``entries.tsv`` and confirms with "Saved entry N". newt has no mouse: everything is keys, and the
person looks at the screen (OCR) to know which dialog is up. A newt entry opens with the cursor after
its text; Ctrl+U deletes from the start of the field to the cursor, i.e. all of it (Ctrl+A only moves to
the start, like Home: no select-all in newt).

Variants: moved and resized (xterm changes rows and columns; the script waits for the harness to place
the window before its first dialog, and every later dialog is centred anew), a larger xterm font, and
dark (xterm's colours plus a dark newt palette through ``NEWT_COLORS``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from deskpilot.platform.x11.xvfb import VirtualDisplay
from tests.zoo.base import (
    AS_RECORDED,
    DARK,
    FONT,
    MOVED,
    Person,
    Running,
    Variant,
    app_env,
    need,
    place,
    wait_file,
    wait_window,
)
from tests.zoo.featherpad import keyboard_with

TITLE = "^Payment entry$"
FONT_SIZE = 12

FORM = r"""#!/bin/bash
# A little data-entry form: each field starts with the previous entry's value.
out="$1"; ready="$2"; go="$3"
trap 'exit 0' TERM HUP INT
echo $$ > "$ready.pid"
while [ ! -e "$go" ]; do sleep 0.05; done   # the window is in its place: draw the first dialog at its size
touch "$ready"
customer=""; amount=""; n=0
ask() {  # ask LABEL PREVIOUS: the value typed, or a non-zero status (Cancel, Esc)
    whiptail --title "Payment entry" --inputbox "$1" 8 50 "$2" 3>&1 1>&2 2>&3
}
while true; do
    value=$(ask "Customer:" "$customer"); status=$?
    [ $status -ge 128 ] && [ $status -ne 255 ] && exit 0
    [ $status -ne 0 ] && { sleep 0.1; continue; }
    customer=$value
    value=$(ask "Amount:" "$amount"); status=$?
    [ $status -ge 128 ] && [ $status -ne 255 ] && exit 0
    [ $status -ne 0 ] && { sleep 0.1; continue; }
    amount=$value
    if whiptail --title "Payment entry" --yesno "Save this entry?" 8 40; then
        n=$((n + 1))
        printf '%s\t%s\n' "$customer" "$amount" >> "$out"
        whiptail --title "Payment entry" --msgbox "Saved entry $n" 8 40
    fi
done
"""

# newt's palette for the dark variant (the default is white-on-blue with light grey windows)
DARK_NEWT = ("root=lightgray,black border=lightgray,black window=lightgray,black shadow=black,black "
             "title=white,black button=black,lightgray actbutton=white,blue compactbutton=lightgray,black "
             "textbox=lightgray,black acttextbox=white,blue entry=white,blue disentry=gray,black "
             "label=lightgray,black listbox=lightgray,black actlistbox=white,blue sellistbox=white,blue "
             "actsellistbox=white,blue checkbox=lightgray,black actcheckbox=white,blue "
             "emptyscale=,black fullscale=,blue helpline=white,black roottext=lightgray,black")


@dataclass
class TerminalRunning(Running):
    """xterm and the form it runs: the form lives in the terminal's own session, so stop both."""

    def stop(self) -> None:
        pid_file = self.extra.get("form_pid")
        if pid_file is not None and Path(pid_file).exists():
            try:
                os.killpg(int(Path(pid_file).read_text().strip()), signal.SIGTERM)  # bash and its whiptail
            except (ProcessLookupError, ValueError, PermissionError):
                pass
        super().stop()
        if self.process.poll() is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # anything left in xterm's own group
            except (ProcessLookupError, PermissionError):
                pass


class WhiptailForm:
    name: ClassVar[str] = "whiptail"
    package: ClassVar[str] = "whiptail"
    toolkit: ClassVar[str] = "terminal (newt)"
    variants: ClassVar[tuple[Variant, ...]] = (AS_RECORDED, MOVED, FONT, DARK)
    values: ClassVar[dict[str, str]] = {"customer": "Acme Tools Ltd", "amount": "1250.00"}
    rows: ClassVar[tuple[dict[str, str], ...]] = (
        {"customer": "Acme Tools Ltd", "amount": "1250.00"},
        {"customer": "Bäcker & Söhne", "amount": "99.5"},
        {"customer": "Cooper Logistics GmbH", "amount": "18400.75"},
        {"customer": "Dunn", "amount": "7"},
        {"customer": "Evergreen Farms Co-op", "amount": "312.40"},
    )

    def start(self, display: VirtualDisplay, home: Path, variant: Variant = AS_RECORDED) -> Running:
        exe = need("xterm", "xterm")
        need("whiptail", "whiptail")
        keyboard_with(display, "".join(v for row in (self.values, *self.rows) for v in row.values()))
        env = app_env(display, home, TERM="xterm")
        if variant.dark:
            env["NEWT_COLORS"] = DARK_NEWT
        script, out = home / "form.sh", home / "entries.tsv"
        ready, go = home / "form.ready", home / "form.go"
        script.write_text(FORM, encoding="utf-8")
        script.chmod(0o755)
        out.unlink(missing_ok=True)
        size = str(round(FONT_SIZE * variant.font_scale))
        colours = ["-bg", "#1e1e1e", "-fg", "#e6e6e6"] if variant.dark else ["-bg", "white", "-fg", "black"]
        args = [exe, "-T", "Payment entry", "-n", "Payment entry", "-geometry", "80x24", "-fa", "DejaVu Sans Mono",
                "-fs", size, *colours, "+sb", "-xrm", "XTerm*cursorBlink: false", "-xrm", "XTerm*bellIsUrgent: false",
                "-e", "/bin/bash", str(script), str(out), str(ready), str(go)]
        proc = subprocess.Popen(args, env=env, cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        running = TerminalRunning(proc, display, home, TITLE, files={"out": out},
                                  extra={"form_pid": home / "form.ready.pid"})
        try:
            wid = wait_window(display, TITLE, proc)
            place(display, wid, variant)
            go.touch()
            deadline = time.monotonic() + 10
            while not ready.exists():
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError("the form script did not start in xterm")
                time.sleep(0.05)
            time.sleep(0.4)  # whiptail draws its first dialog
        except BaseException:
            running.stop()
            raise
        return running

    def perform(self, person: Person, app: Running, values: Mapping[str, str]) -> None:
        win = person.window(TITLE)
        for label, key in (("Customer:", "customer"), ("Amount:", "amount")):
            person.find(label, within=win)  # the dialog is up; its entry has the focus, the cursor after the text
            person.key("ctrl+u")  # newt: delete from the field's start to the cursor -- the previous value
            person.type(values[key])
            person.key("Return")
        person.find("Save this entry?", within=win)
        person.key("Return")  # <Yes> has the focus
        person.find("Saved entry", within=win)
        person.key("Return")  # <Ok>

    def saved(self, app: Running) -> list[dict[str, str]]:
        lines = wait_file(app.files["out"]).read_text(encoding="utf-8").splitlines()
        return [dict(zip(("customer", "amount"), line.split("\t"))) for line in lines]

    def expected(self, values: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
        return [{"customer": v["customer"], "amount": v["amount"]} for v in values]


APP = WhiptailForm()
