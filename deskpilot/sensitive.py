"""Values that are secret whatever field they go into: IBANs and payment card numbers, told by their check digits.

A password field is known by its label or its dots; an account number typed into a field
called "Reference" is not, so the typed text itself is looked at. A check digit makes a
false alarm on an ordinary number rare: an IBAN passes mod 97, a card number Luhn's check.
"""

from __future__ import annotations

import re

IBAN = re.compile(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}")
CARD = re.compile(r"\d{13,19}")


def sensitive_kind(text: str) -> str | None:
    """"iban" or "card_number" when the text is one (spaces and dashes aside), else None."""
    bare = re.sub(r"[\s-]", "", text).upper()
    if IBAN.fullmatch(bare) and _iban_ok(bare):
        return "iban"
    if CARD.fullmatch(bare) and _luhn_ok(bare):
        return "card_number"
    return None


def _iban_ok(iban: str) -> bool:
    moved = iban[4:] + iban[:4]
    digits = "".join(str(int(ch, 36)) for ch in moved)
    return int(digits) % 97 == 1


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0
