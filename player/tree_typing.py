"""Typing into a field the accessibility tree names: emptied and read back through the application itself.

Where a field exposes its text (AT-SPI's Text interface), what it holds is known
exactly, with no OCR and no allowance for misreadings: emptied means "", typed means
the very characters typed. A field that does not expose its text is left to the
screen-reading typist.
"""

from __future__ import annotations

import logging

from deskpilot import model as m
from deskpilot.errors import ExpectationFailed
from deskpilot.ports import Accessibility, Clock, Element, Input, Screen
from deskpilot.result import Resolution
from deskpilot.player.evidence import Evidence
from deskpilot.player.fields import READ_BACK, SETTLE, FocusedField, Typed, _emptying_plans

log = logging.getLogger(__name__)


class TreeTypist:
    """Types into a tree-named field; every check asks the application what the field holds now."""

    def __init__(self, driver: Input, access: Accessibility, screen: Screen, clock: Clock, evidence: Evidence,
                 poll: float = 0.1) -> None:
        self.driver, self.access, self.screen = driver, access, screen
        self.clock, self.evidence, self.poll = clock, evidence, poll

    def holds(self, field: FocusedField | None) -> Element | None:
        """The field as the tree reads it now, when it exposes its text; else None (the screen decides)."""
        if field is None or field.element is None:
            return None
        now = self.access.refresh(field.element)
        return now if now is not None and now.value is not None else None

    def type(self, index: int, shown: str, step: m.Type, field: FocusedField, now: Element, app: str, *,
             secret: bool) -> Typed:
        held = now.value or ""
        emptied: Typed = Typed()
        if step.mode == "replace" and held:
            emptied = self._empty(index, shown, field, now, app, secret=secret)
        elif step.mode == "append":
            self.driver.press("end")
        expected = step.text if step.mode == "replace" else held + step.text
        self.driver.type_text(step.text)
        if secret or not step.verify:
            return Typed(emptied.emptied, _joined(emptied.how, "a secret: not read back" if secret else ""))
        seen = self._settle(now, expected)
        if seen == expected:
            return Typed(emptied.emptied, _joined(emptied.how, "read back from the application"))
        if step.mode == "replace":  # a key lost on a loaded machine: emptied and typed once more
            log.warning("step %d: the field holds %r, not %r; emptying it and typing it once more", index, seen,
                        step.text)
            self._empty(index, shown, field, now, app, secret=False)
            self.driver.type_text(step.text)
            seen = self._settle(now, expected)
            if seen == expected:
                return Typed(emptied.emptied, _joined(emptied.how, "typed twice: the first typing did not arrive "
                                                                    "whole; read back from the application"))
        raise ExpectationFailed(index, shown, f"typed {step.text!r}, but the application says the field holds "
                                f"{seen!r}", self._shot(index, now))

    def _empty(self, index: int, shown: str, field: FocusedField, now: Element, app: str, *, secret: bool) -> Typed:
        held = self._value(now)
        if not held:
            return Typed()
        plans = _emptying_plans(app, field.text_cursor or "editable" in now.states, len(held))
        what = "a value" if secret else repr(held)
        for how, keys in plans:
            for key in keys:
                if key[0] == "hotkey":
                    self.driver.hotkey(key[1:])
                else:
                    self.driver.press(key[1], int(key[2]) if len(key) > 2 else 1)
            if self._settle(now, "", SETTLE) == "":
                return Typed(emptied=None if secret else held, how=how)
        raise ExpectationFailed(index, shown, f"the field held {what} and the application says it still holds "
                                f"{'a value' if secret else repr(self._value(now))} after emptying it "
                                f"({'; then '.join(how for how, _ in plans) or 'no way known'}); use mode: append "
                                "to keep what it holds", self._shot(index, now))

    def _value(self, element: Element) -> str:
        now = self.access.refresh(element)
        return (now.value or "") if now is not None else ""

    def _settle(self, element: Element, expected: str, wait: float = READ_BACK) -> str:
        """What the field holds once it holds ``expected``, or when the wait is over."""
        deadline = self.clock.now() + wait
        while True:
            seen = self._value(element)
            if seen == expected or self.clock.now() >= deadline:
                return seen
            self.clock.sleep(self.poll)

    def _shot(self, index: int, element: Element) -> str | None:
        return self.evidence.save(index, self.screen.grab(), Resolution(status="not_found", best=None,
                                                                        searched=(element.rect,)), element.rect.center)


def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
