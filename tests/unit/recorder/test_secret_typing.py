"""Typing that must never reach the disk in clear: judged when the run ends, journaled redacted."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from deskpilot.errors import DataError
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Word
from deskpilot.sensitive import sensitive_kind
from deskpilot.vision.resolve import Resolver
from deskpilot.input_events import RawEvent
from deskpilot.recorder.journal import Journal, JournalHeader
from deskpilot.recorder.recover import recover
from deskpilot.recorder.secret_typing import TypingRun, Verdict, is_secret_label, judge, redacted
from deskpilot.recorder.session import check_name


def keys(text: str, t: float = 1.0) -> list[RawEvent]:
    out = []
    for i, ch in enumerate(text):
        if ch.isupper():
            out.append(RawEvent(t=t + i, kind="key_down", key="shift"))
        out += [RawEvent(t=t + i + 0.01, kind="key_down", key=ch.lower() if ch.isalpha() else None, char=ch),
                RawEvent(t=t + i + 0.02, kind="key_up", key=ch.lower() if ch.isalpha() else None, char=ch)]
        if ch.isupper():
            out.append(RawEvent(t=t + i + 0.03, kind="key_up", key="shift"))
    return out


class LabelOcr:
    def __init__(self, words: list[Word]) -> None:
        self.scene = words

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        region = Rect(origin.x, origin.y, pixels.shape[1], pixels.shape[0])
        return [w for w in self.scene if region.contains(w.box.center)]


def field_frames(drawn: str) -> tuple[Frame, Frame]:
    """A white field at (100-400, 40-64); ``drawn`` "dots" or "letters" after typing."""
    before = np.full((120, 500, 3), 235, np.uint8)
    before[40:64, 100:400] = 255
    after = before.copy()
    for i in range(8):
        x = 106 + 12 * i
        if drawn == "dots":
            after[48:56, x:x + 8] = 30
        else:
            after[44 + i % 3:60, x:x + 3 + i % 5] = 30
    return Frame(before), Frame(after)


def test_a_password_reached_by_tab_is_a_secret_by_its_label_or_its_dots(tmp_path: Path) -> None:
    resolver = Resolver(None, LabelOcr([Word("Password:", Rect(10, 45, 80, 14), 0.95, (1, 1, 1))]), None, tmp_path)  # type: ignore[arg-type]
    before, after = field_frames("letters")
    run = TypingRun(Verdict(before), secret_field=False, events=keys("Sesame12"))
    assert judge(run, after, resolver, None) == "password"  # labelled "Password:" left of where the text went
    plain = Resolver(None, LabelOcr([Word("Reference:", Rect(10, 45, 80, 14), 0.95, (1, 1, 1))]), None, tmp_path)  # type: ignore[arg-type]
    assert judge(run, after, plain, None) is None
    dotted_before, dotted_after = field_frames("dots")
    masked = TypingRun(Verdict(dotted_before), secret_field=False, events=keys("Sesame12"))
    assert judge(masked, dotted_after, plain, None) == "password"  # the field shows dots, whatever its label


def test_dots_after_tab_are_found_though_the_field_left_behind_changed_first(tmp_path: Path) -> None:
    before, after = field_frames("dots")
    before.pixels[10:30, 100:400] = 255  # the field above, focused before Tab ...
    before.pixels[10, 100:400] = 40  # ... with its focus ring, gone after Tab
    after.pixels[10:30, 100:400] = 255
    plain = Resolver(None, LabelOcr([]), None, tmp_path)  # type: ignore[arg-type]
    run = TypingRun(Verdict(before), secret_field=False, events=keys("Sesame12"))
    assert judge(run, after, plain, None) == "password"


def test_an_iban_or_a_card_number_is_a_secret_in_any_field(tmp_path: Path) -> None:
    assert sensitive_kind("DE89 3704 0044 0532 0130 00") == "iban"
    assert sensitive_kind("4111-1111-1111-1111") == "card_number"
    assert sensitive_kind("C-1001") is None and sensitive_kind("4111111111111112") is None  # no check digit
    run = TypingRun(Verdict(None), secret_field=False, events=keys("DE89370400440532013000"))
    assert judge(run, None, None, None) == "iban"  # type: ignore[arg-type]


def test_labels_in_many_languages_name_a_secret_field() -> None:
    for label in ("Password:", "Passwort", "密碼", "PIN码", "验证码", "パスワード", "비밀번호", "Пароль", "wachtwoord",
                  "TAN", "OTP code", "CVV"):
        assert is_secret_label(label), label
    assert not is_secret_label("Customer ID:") and not is_secret_label("Tank size")


def test_a_redacted_run_keeps_neither_letters_nor_key_names_nor_shift() -> None:
    out = redacted(keys("Se"))
    assert all(e.char in (None, "•") and e.key is None for e in out) and len(out) == 4
    text = "\n".join(e.to_json() for e in out)
    assert "shift" not in text and '"s"' not in text and "e" not in text.replace('"kind"', "").replace("key_", "")


def test_a_journal_killed_before_its_header_is_removed_not_a_crash(tmp_path: Path) -> None:
    work = tmp_path / "lost.recording"
    work.mkdir()
    (work / "journal.jsonl").write_text("", encoding="utf-8")
    recover(work, None)  # type: ignore[arg-type]
    assert not work.exists()


def test_the_journal_is_the_users_only(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "r.recording", JournalHeader(name="r", started="now", screen=(1, 1)))
    journal.close()
    assert (tmp_path / "r.recording" / "journal.jsonl").stat().st_mode & 0o777 == 0o600
    assert json.loads((tmp_path / "r.recording" / "journal.jsonl").read_text().splitlines()[0])["header"]["name"] == "r"


@pytest.mark.parametrize("name", ["../../x", ".hidden", "a/b", "", "..", "name with space"])
def test_a_recording_name_is_a_folder_name_never_a_path(name: str) -> None:
    with pytest.raises(DataError, match="use letters, digits"):
        check_name(name)
    check_name("enter-claims_2.v1")
