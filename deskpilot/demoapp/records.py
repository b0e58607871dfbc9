"""The demo app's storage: one JSON line per saved record, fsync-ed, as a real back office would keep it."""

from __future__ import annotations

import json
import os
from pathlib import Path

FIELDS = [("customer_id", "Customer ID:"), ("company", "Company:"), ("contact", "Contact:"),
          ("street", "Street:"), ("city", "City:"), ("postcode", "Postcode:"), ("country", "Country:"),
          ("phone", "Phone:")]
EXTRA_FIELD = ("reference", "Reference:")
PASSWORD_FIELD = ("password", "Password:")


def append(path: Path, record: dict[str, str]) -> None:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def read_all(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out
