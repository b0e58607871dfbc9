"""Typing that must never reach the disk in clear, decided when the typing ends and before it is journaled.

A password is not always typed right after a click on a field labelled "Password": a person
tabs there from the user name, or clicks, selects all and types. So a run of typed keys is
held in memory until it ends, and only then written to the journal -- redacted, key names and
Shift presses included -- when it went into a field labelled like a password, a field that
shows dots instead of letters, or when the text itself is an IBAN or a card number.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from deskpilot.geometry import Rect
from deskpilot.ports import Frame, WindowList
from deskpilot.sensitive import sensitive_kind
from deskpilot.vision.blackout import only_window
from deskpilot.vision.field import masked_typing
from deskpilot.vision.resolve import Resolver
from deskpilot.input_events import RawEvent
from deskpilot.recorder.labels import label_of_change

SECRET_LABEL = re.compile(r"pass\s*word|passwort|kennwort|passcode|passphrase|\bpin\b|pin\s*码|mot de passe|contrase"
                          r"|senha|wachtwoord|парол|密码|密碼|口令|验证码|驗證碼|暗証|パスワード|비밀번호|\btan\b|\botp\b"
                          r"|\bcvv\b|\bcvc\b|security code|one.time", re.IGNORECASE)


def is_secret_label(label: str | None) -> bool:
    return bool(label and SECRET_LABEL.search(label))


@dataclass
class Verdict:
    """What a run of typing was; set by the journal thread when the run ends, read by the steps thread."""

    frame: Frame | None  # the screen as the run began
    secret: str | None = None  # the variable a secret run becomes ("password", "iban"), or None


@dataclass
class TypingRun:
    """The key events of one run of typing, held back from the journal until it is known what they were."""

    verdict: Verdict
    secret_field: bool  # the click before it went into a field labelled like a password
    events: list[RawEvent] = field(default_factory=list)
    journaled: int = 0  # how many of the events are in the journal already (journaled in a pause, not secret)
    looked_at: int = 0  # how many events the run had when it was last judged in a pause

    def text(self) -> str:
        out: list[str] = []
        for e in self.events:
            if e.kind != "key_down":
                continue
            if (e.key or "").lower() == "backspace" and out:
                out.pop()
            elif e.char is not None and e.char.isprintable() and len(e.char) == 1:
                out.append(e.char)
        return "".join(out)


def judge(run: TypingRun, after: Frame | None, resolver: Resolver, windows: WindowList | None,
          hidden: Sequence[Rect] = ()) -> str | None:
    """The secret variable the run's text becomes, or None when it is ordinary typing. ``hidden``: areas
    that change on their own and are no application's (DeskPilot's recording bar and its clock)."""
    text = run.text()
    kind = sensitive_kind(text)
    if kind is not None:
        return kind
    if run.secret_field:
        return "password"
    before = run.verdict.frame
    if before is None or after is None or not text:
        return None
    if hidden:
        before, after = _without(before, hidden), _without(after, hidden)
    if masked_typing(before, after, len(text)):
        return "password"
    label = label_of_change(before, after, resolver, windows)
    return "password" if label is not None and is_secret_label(label.text) else None


def redacted(events: list[RawEvent]) -> list[RawEvent]:
    """The run as the journal keeps a secret: how many keys, nothing of which (no key names, no Shift)."""
    out = []
    for e in events:
        if e.char is None and (e.key or "").lower() not in ("backspace", "delete"):
            continue  # Shift and other modifiers tell upper from lower case
        out.append(RawEvent(t=e.t, kind=e.kind, char="•" if e.char is not None else None,
                            key=None if e.char is not None else e.key))
    return out


def _without(frame: Frame, hidden: Sequence[Rect]) -> Frame:
    return dataclasses.replace(frame, pixels=only_window(frame, None, hidden))

