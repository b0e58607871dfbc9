"""A list screen read into rows: OCR words grouped into rows by height, into cells by wide gaps.

OCR in sparse mode gives words, not a grid, and may put the cells of one row in
different blocks, so rows come from vertical overlap rather than OCR's own lines.
Cells are runs of words with gaps narrower than about two text heights (a space
inside "Acme Corp" is far narrower than the gap between columns). A line that
reads like the column names is the header and is skipped, with everything above it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from deskpilot.ports import Word
from deskpilot.vision.text import fold, phrase_text

CELL_GAP = 1.6  # text heights: a wider gap between two words starts a new cell


def table_rows(words: Sequence[Word], columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of the table in ``words`` as {column: text}; cells past the last column join the last one."""
    lines = [line for line in _rows(words) if line]
    header = next((i for i, line in enumerate(lines) if _is_header(line, columns)), None)
    if header is not None:
        lines = lines[header + 1:]
    out = []
    for line in lines:
        cells = _cells(line)
        if len(cells) > len(columns):
            cells = cells[:len(columns) - 1] + [" ".join(cells[len(columns) - 1:])]
        out.append({name: (cells[i] if i < len(cells) else "") for i, name in enumerate(columns)})
    return out


def _rows(words: Sequence[Word]) -> list[list[Word]]:
    readable = [w for w in words if any(ch.isalnum() for ch in w.text)]  # grid lines read as "|" are no cells
    if not readable:
        return []
    height = statistics.median(w.box.h for w in readable)
    rows: list[list[Word]] = []
    for w in sorted(readable, key=lambda w: w.box.center.y):
        if rows and abs(w.box.center.y - statistics.mean(x.box.center.y for x in rows[-1])) <= 0.6 * height:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.box.x) for r in rows]


def _cells(line: list[Word]) -> list[str]:
    height = statistics.median(w.box.h for w in line)
    cells = [[line[0]]]
    for prev, w in zip(line, line[1:]):
        if w.box.x - prev.box.right > CELL_GAP * height:
            cells.append([w])
        else:
            cells[-1].append(w)
    return [phrase_text(cell) for cell in cells]


def _is_header(line: list[Word], columns: Sequence[str]) -> bool:
    text = fold(" ".join(w.text for w in line))
    return bool(columns) and all(fold(name) in text for name in columns)
