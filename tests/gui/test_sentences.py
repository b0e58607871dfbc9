"""Each kind of step as the plain sentence the step list shows: variables by name in words, secrets never shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from deskpilot import model as m
from deskpilot.format import load_routine
from deskpilot.gui.sentences import found_by, sentence, sentences, variable_words

DATA = Path(__file__).resolve().parents[1] / "data" / "routines" / "valid"


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """The sentences go through Qt's translation: an application is there, as in the window."""


def field(label: str = "Customer ID:", *, cursor: str | None = "text") -> m.Click:
    return m.Click(target=m.Target(anchors=(m.TextAnchor(text=label, offset=(196, 1), offset_em=(16.3, 0.1)),
                                            m.PointAnchor(at=(306, 122)))), cursor=cursor)


def test_every_kind_of_the_full_routine_reads_as_a_sentence() -> None:
    said = sentences(load_routine(DATA / "full").routine)
    assert said == [
        "Double-click the field 'Customer ID' with the right button while holding Ctrl+Shift",
        "Click 'Save'",
        "Click 'Clear'",
        "Drag the recorded picture to 'Trash'",
        "Scroll down by 3 over 'Results'",
        "Scroll up by 2",
        "Type the customer ID",
        "Type 'plain'",
        "Press Tab",
        "Press Down 3 times",
        "Press Ctrl+S",
        "Press Alt+F4",
        "Wait until 'Saved' shows",
        "Wait until 'Saving...' is gone",
        "Check that 'Saved [customer ID]' shows",
        "Read the number at 'Total' and keep it as the total",
        "Read the date at 'Date' and keep it as the booked",
        "Check that the total equals the amount (± 0.01)",
        "Check that the text at 'Total' contains 'EUR'",
        "Read the table at 'Invoice' (Invoice, Customer, Amount) and keep it as the invoices",
        "If 'Are you sure?' shows: Click 'Yes'",
        "Run the recording 'Log in' with who = the customer ID",
    ]


def test_typing_says_the_field_the_step_before_clicked_and_the_variable_in_words() -> None:
    assert sentence(m.Type(text="{{ customer_id }}"), before=field()) == "Type the customer ID into 'Customer ID'"
    assert sentence(m.Type(text="C-1001"), before=field()) == "Type 'C-1001' into 'Customer ID'"
    assert sentence(m.Type(text="x", mode="append"), before=field("City:")) == "Type 'x' at the end of 'City'"
    assert sentence(m.Type(text="{{ city }}"), before=m.Press(key="tab")) == "Type the city"  # no field known
    assert sentence(field(cursor=None)) == "Click right of 'Customer ID'"  # a label beside no known field
    assert variable_words("vat_id") == "VAT ID" and variable_words("金额") == "金额"


def test_a_secret_is_named_and_said_to_be_secret_never_shown() -> None:
    step = m.Type(text="{{ password }}")
    said = sentence(step, before=field("Password:"), secrets=("password",))
    assert said == "Type the password (secret) into 'Password'"
    iban = sentence(m.Type(text="DE89 3704 0044 0532 0130 00"), before=field("Reference:"))
    assert "3704" not in iban and "••••" in iban  # a typed account number is masked even before it is a secret


@pytest.mark.parametrize(("step", "said"), [
    (m.Click(target=m.Target(anchors=(m.TextAnchor(text="Save"),))), "Click 'Save'"),
    (m.Press(key="enter"), "Press Enter"),
    (m.Press(key="pagedown", count=2), "Press Page Down 2 times"),
    (m.Hotkey(keys=("ctrl", "shift", "s")), "Press Ctrl+Shift+S"),
    (m.WaitFor(target=m.Target(anchors=(m.TextAnchor(text="Saved C-1001"),))), "Wait until 'Saved C-1001' shows"),
    (m.WaitFor(target=m.Target(anchors=(m.ElementAnchor(role="push button", name="OK"),)), state="enabled"),
     "Wait until 'OK' is enabled"),
    (m.WaitFor(target=m.Target(anchors=(m.WindowAnchor(window="^Customer\\ Master$", point=(10, 10)),)), gone=True),
     "Wait until the window 'Customer Master' is gone"),
    (m.Expect(value="{{ total }}", compare="equals", expected="12.50"), "Check that the total is '12.50'"),
    (m.Expect(target=m.Target(anchors=(m.TextAnchor(text="Error"),)), gone=True), "Check that 'Error' is not there"),
    (m.Click(target=m.Target(anchors=(m.ElementAnchor(role="text", label="Customer ID:"),))),
     "Click the field 'Customer ID'"),
    (m.Call(routine="../login"), "Run the recording 'login'"),
])
def test_one_sentence_per_kind(step: m.Step, said: str) -> None:
    assert sentence(step) == said


def test_the_anchors_in_one_sentence() -> None:
    target = m.Target(anchors=(
        m.TextAnchor(text="Customer ID:", offset=(196, 1)), m.ImageAnchor(image="anchors/001.png", point=(248, 12)),
        m.WindowAnchor(window="(^|\\ \\-\\ )ACME\\ ERP$", point=(265, 61)), m.PointAnchor(at=(306, 122))))
    assert found_by(target) == "Found by the field labelled 'Customer ID:', its picture, and its place in 'ACME ERP'."
    only_place = m.Target(anchors=(m.PointAnchor(at=(5, 6)),))
    assert "only by its place on the screen" in found_by(only_place)
