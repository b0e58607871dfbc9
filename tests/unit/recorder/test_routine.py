"""Assembling a recording: values become variables, a kept value is typed after, the application's confirmation
becomes the final check, and a window the person waited for becomes a wait."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from deskpilot import model as m
from deskpilot.geometry import Point, Rect
from deskpilot.ports import Frame, Window, Word
from deskpilot.vision.resolve import Resolver
from deskpilot.recorder.anchors import Built
from deskpilot.recorder.appeared import ScreenChange
from deskpilot.recorder.routine import RoutineAssembler
from deskpilot.recorder.steps import RecordedStep

FORM = Window(3, "Customers - ACME", Rect(0, 0, 400, 300))


class InkOcr:
    """Reads "Saved C-1001" where the status line has ink, "Customer ID:" always."""

    def words(self, pixels: np.ndarray, origin: Point, lang: str) -> list[Word]:
        out = [Word("Customer", Rect(20, 40, 64, 14), 0.95, (1, 1, 1)), Word("ID:", Rect(88, 40, 22, 14), 0.95, (1, 1, 1))]
        region = Rect(origin.x, origin.y, pixels.shape[1], pixels.shape[0])
        seen = region.intersect(Rect(22, 262, 90, 12))  # where the status line's ink is
        if seen is not None and pixels[seen.y - origin.y:seen.bottom - origin.y,
                                       seen.x - origin.x:seen.right - origin.x].min() < 100:
            out += [Word("Saved", Rect(20, 260, 40, 14), 0.93, (2, 1, 1)), Word("C-1001", Rect(66, 260, 48, 14), 0.93, (2, 1, 1))]
        return out


def frame(status: bool) -> Frame:
    px = np.full((300, 400, 3), 240, np.uint8)
    if status:
        px[262:274, 22:112] = 20
    return Frame(px)


def assembler(tmp_path: Path) -> RoutineAssembler:
    resolver = Resolver(None, InkOcr(), None, tmp_path)  # type: ignore[arg-type]
    return RoutineAssembler("t", tmp_path, resolver, None, (400, 300), second=InkOcr())


def clicked(label: str, *, held: bool = False, own: bool = False) -> Built:
    return Built(target=m.Target(anchors=(m.PointAnchor(at=(200, 47)),)), label=label, weak=None, words=(),
                 held=held, own=own, text_field=True)


def test_a_value_typed_into_a_labelled_field_becomes_a_variable_named_after_the_label(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    a._clicked = clicked("Customer ID:")
    a.add(RecordedStep(step=m.Type(text="C-1001"), t_start=1, t_end=2), None, secret=False)
    a._clicked = clicked("Customer ID:")  # a second field with the same label
    a.add(RecordedStep(step=m.Type(text="C-2002"), t_start=3, t_end=4), None, secret=False)
    routine = a.routine(manual_seconds=5)
    assert [s.text for s in routine.steps] == ["{{ customer_id }}", "{{ customer_id_2 }}"]  # type: ignore[attr-defined]
    assert routine.variables == {"customer_id": "C-1001", "customer_id_2": "C-2002"}


def test_a_chinese_label_names_its_variable_in_chinese_as_the_spreadsheet_heads_its_column(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    for label, value in (("报销 人 :", "王小明"), ("金额：", "356.80"), ("：", "x")):  # OCR cut the first in two
        a._clicked = clicked(label)
        a.add(RecordedStep(step=m.Type(text=value), t_start=1, t_end=2), None, secret=False)
    routine = a.routine(manual_seconds=5)
    assert routine.variables == {"报销人": "王小明", "金额": "356.80", "value": "x"}


def test_a_value_typed_next_to_a_password_label_is_a_secret_even_when_the_typing_looked_plain(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    a._clicked = clicked("Kennwort:")
    a.add(RecordedStep(step=m.Type(text="Tr0ub4dor"), t_start=1, t_end=2), None, secret=False)
    routine = a.routine(manual_seconds=2)
    assert [s.text for s in routine.steps] == ["{{ kennwort }}"]  # type: ignore[attr-defined]
    assert routine.secrets == ("kennwort",) and "Tr0ub4dor" not in str(routine.variables)


def test_a_field_that_held_text_is_typed_after_unless_the_person_selected_it_first(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    a._clicked = clicked("Folder:", held=True)
    a.add(RecordedStep(step=m.Type(text="note.txt"), t_start=1, t_end=2), None, secret=False)
    a._clicked = clicked("Date:", held=True)
    a.add(RecordedStep(step=m.Hotkey(keys=("ctrl", "a")), t_start=3, t_end=3), None, secret=False)
    a.add(RecordedStep(step=m.Type(text="11/15/2026"), t_start=4, t_end=5), None, secret=False)
    modes = [s.mode for s in a.steps if isinstance(s, m.Type)]
    assert modes == ["append", "replace"]


def test_what_the_application_showed_after_the_last_action_becomes_the_final_check(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    a.variables["customer_id"] = "C-1001"
    a.confirm(ScreenChange(frame(False), frame(True), (FORM,), (FORM,)))
    final = a.routine(manual_seconds=3).steps[-1]
    assert isinstance(final, m.WaitFor) and final.note and "confirmation" in final.note
    assert final.target.anchors[0] == m.TextAnchor(text="Saved {{ customer_id }}", height=14)


def test_a_title_that_changed_confirms_when_no_text_did(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    renamed = Window(3, "note.txt - Editor", FORM.rect)
    a.confirm(ScreenChange(frame(False), frame(False), (Window(3, "*Untitled - Editor", FORM.rect),), (renamed,)))
    assert a.confirmation is not None and a.confirmation.describe() == "wait for the window 'note.txt - Editor'"


def test_a_window_that_closed_before_the_next_key_is_waited_for(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    dialog = Window(9, "Add transaction", Rect(100, 50, 200, 150))
    wait = a.wait_for_change(ScreenChange(frame(False), frame(False), (FORM, dialog), (FORM,)))
    assert wait is not None and wait.describe() == "wait for the window 'Add transaction' to disappear"
    shown = a.wait_for_change(ScreenChange(frame(False), frame(True), (FORM,), (FORM,)))  # a message drawn in place
    assert shown is not None and shown.target.anchors[0].text == "Saved"  # type: ignore[union-attr]  # not its number
    assert a.wait_for_change(ScreenChange(frame(False), frame(False), (FORM,), (FORM,))) is None


def test_the_step_before_the_confirmation_is_marked_as_the_one_that_saves(tmp_path: Path) -> None:
    a = assembler(tmp_path)
    a.add(RecordedStep(step=m.Type(text="C-1001"), t_start=1, t_end=2), None, secret=False)
    a.add(RecordedStep(step=m.Hotkey(keys=("ctrl", "s")), t_start=3, t_end=3), None, secret=False)
    a.confirm(ScreenChange(frame(False), frame(True), (FORM,), (FORM,)))
    steps = a.routine(manual_seconds=3).steps
    assert [s.commits for s in steps] == [False, True, False]
    assert m.Routine(name="r", steps=steps).commit_index() == 1


def test_a_report_that_types_nothing_saves_nothing_and_an_entry_saves_at_its_last_input() -> None:
    read = m.ReadText(target=m.Target(anchors=(m.TextAnchor(text="Total:"),)), region=(30, -12, 120, 24), into="total")
    report = m.Routine(name="r", steps=(m.Click(target=m.Target(anchors=(m.TextAnchor(text="North"),))), read,
                                        m.Expect(value="{{ total }}", compare="number", expected="10")))
    assert report.commit_index() is None  # a failed check of a report is a plain failure: retrying is safe
    entry = m.Routine(name="e", steps=(m.Type(text="x"), m.Click(target=m.Target(anchors=(m.TextAnchor(text="Save"),))),
                                       m.WaitFor(target=m.Target(anchors=(m.TextAnchor(text="Saved"),)))))
    assert entry.commit_index() == 1
