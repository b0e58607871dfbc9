"""Tolerant text comparison for OCR: case, trailing colons and the usual misreadings do not count.

Scores are edit distances relative to the phrase looked for, so "Save" does not
match "Saved" well enough to be clicked, while "Customer 1D" still finds "Customer ID".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from deskpilot.geometry import Rect
from deskpilot.ports import Word

# Glyphs OCR confuses on screen fonts, folded to one representative each.
CONFUSIONS = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l", "!": "l", "5": "s", "8": "b", "$": "s",
                            "\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
DIGRAPHS = (("rn", "m"), ("vv", "w"))  # two glyphs read as one and back: "Custorner" is "Customer"
EDGE_PUNCT = ":;.,·…|[]"  # trailing colons, and a text caret or field border read at either end
SPACE = re.compile(r"\s+")
MIN_SIMILARITY = 0.6


def normalise(text: str) -> str:
    """Casefold, unify Unicode forms and spaces, and drop punctuation at the ends ("City:" = "city")."""
    text = SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()
    return text.strip(EDGE_PUNCT + " ")


def fold(text: str) -> str:
    """The comparison key: normalised, confusable glyphs unified, accents and spaces dropped.

    OCR misreads accents (ë as é) and splits or glues words; none of that makes it a different label.
    """
    bare = "".join(ch for ch in unicodedata.normalize("NFKD", normalise(text)) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", bare).translate(CONFUSIONS).replace(" ", "")


def merge_digraphs(key: str) -> str:
    """Only for scoring: in a substring test a merged "rn" could swallow the edge of its neighbour."""
    for pair, one in DIGRAPHS:
        key = key.replace(pair, one)
    return key


MISSING_COST = 1.5  # a character of the phrase that is not there weighs more than a stray one


def edit_distance(found: str, wanted: str) -> float:
    """Edits turning ``found`` into ``wanted``; missing characters cost more, so "Customer" is no "Customer ID"."""
    previous = [j * MISSING_COST for j in range(len(wanted) + 1)]
    for i, ca in enumerate(found, 1):
        current = [float(i)]
        for j, cb in enumerate(wanted, 1):
            current.append(min(previous[j] + 1, current[j - 1] + MISSING_COST, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(found: str, wanted: str) -> float:
    """1.0 for the same text up to case, punctuation at the ends and OCR confusions; 0 for nothing alike."""
    a, b = merge_digraphs(fold(found)), merge_digraphs(fold(wanted))
    if not b:
        return 1.0 if not a else 0.0
    return max(0.0, 1.0 - edit_distance(a, b) / len(b))


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    text: str
    box: Rect
    similarity: float
    conf: float


DIGIT_LOOKALIKES = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1", "|": "1", "i": "1", "S": "5", "s": "5",
                                  "B": "8", "Z": "2", "z": "2"})


def numbers_in(text: str) -> list[str]:
    """The numbers a text shows, OCR's look-alikes inside a number read as digits: "C-lOO2" -> ["1002"].

    "Saved C-1001" is not "Saved C-1002": texts that differ only in a number must not match, or the
    previous row's status line would confirm this row.
    """
    out = []
    for token in re.findall(r"[0-9A-Za-z|]+", unicodedata.normalize("NFKC", text)):
        if any(ch.isdigit() for ch in token):
            digits = "".join(ch for ch in token.translate(DIGIT_LOOKALIKES) if ch.isdigit())
            out.append(digits)
    return out


def join_words(texts: Sequence[str]) -> str:
    """Words as a person writes them: a space between two, none where both sides are Chinese (or Japanese,
    Korean) characters -- Tesseract cuts "报销人" into "报销" and "人", and the recording should say 报销人."""
    out = ""
    for text in texts:
        if out and not (is_cjk(out[-1]) and is_cjk(text[:1])):
            out += " "
        out += text
    return out


def phrase_text(words: Sequence[Word]) -> str:
    """The text of words on one line, joined as :func:`join_words` does."""
    return join_words([w.text for w in words])


def union(boxes: Sequence[Rect]) -> Rect:
    x, y = min(b.x for b in boxes), min(b.y for b in boxes)
    return Rect(x, y, max(b.right for b in boxes) - x, max(b.bottom for b in boxes) - y)


def group_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words per OCR line, each line left to right, lines top to bottom."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    ordered = [sorted(ws, key=lambda w: w.box.x) for ws in lines.values()]
    return sorted(ordered, key=lambda ws: (min(w.box.y for w in ws), ws[0].box.x))


def find_phrases(words: Sequence[Word], phrase: str, *, min_similarity: float = MIN_SIMILARITY) -> list[PhraseMatch]:
    """Every place on consecutive words of one line that reads like ``phrase``, best span per start word."""
    target = fold(phrase)
    if not target:
        return []
    max_span = min(12, max(len(phrase.split()) + 2, len(target) + 1 if is_cjk(phrase) else 0))
    matches: list[PhraseMatch] = []
    for line in group_lines(words):
        taken_until = -1
        for start in range(len(line)):
            if start <= taken_until:
                continue
            best: tuple[float, int] | None = None
            for end in range(start + 1, min(len(line), start + max_span) + 1):
                text = phrase_text(line[start:end])
                if len(fold(text)) > 2 * len(target) + 2:
                    break
                sim = similarity(text, phrase)
                if best is None or sim >= best[0]:  # on a tie the longer span: it takes in a trailing ":"
                    best = (sim, end)
            if best and best[0] >= min_similarity:
                span = line[start : best[1]]
                sim = best[0] * (PART_OF_LONGER if _continues(line, start, best[1]) else 1.0)
                matches.append(PhraseMatch(phrase_text(span), union([w.box for w in span]), sim,
                                           min(w.conf for w in span)))
                if best[0] >= 0.95:
                    taken_until = best[1] - 1
    return _drop_overlaps(matches)


PART_OF_LONGER = 0.85  # "Save" inside "Save As..." is a weaker match than a "Save" standing alone


def _continues(line: Sequence[Word], start: int, end: int) -> bool:
    """True when the span is part of a longer phrase: a word sits right before or after it."""
    def close(a: Word, b: Word) -> bool:
        real = wordlike(a) and wordlike(b)  # a caret, or an icon read as "|p", is no word
        return real and b.box.x - a.box.right <= 0.8 * max(a.box.h, b.box.h)

    return (start > 0 and close(line[start - 1], line[start])) or (end < len(line) and close(line[end - 1], line[end]))


WORD_CONF = 0.45  # Tesseract's own confidence below this is mostly glyph soup (icons, grid lines)
WORD_ALNUM = 0.6  # share of a word's characters that are letters or digits, edge punctuation aside
SINGLE_CONF = 0.75  # a single character must be read this surely to count as a word


def wordlike(w: Word) -> bool:
    """A word a person would read: mostly letters or digits, read with some confidence."""
    core = w.text.strip(EDGE_PUNCT + " ")
    alnum = sum(ch.isalnum() for ch in core)
    if len(core) == 1 and w.conf < SINGLE_CONF and not is_cjk(core):
        return False  # a lone letter is mostly a glyph of an icon ("v]"), unless read with confidence
    return alnum > 0 and alnum >= WORD_ALNUM * len(core) and w.conf >= WORD_CONF


def _drop_overlaps(matches: list[PhraseMatch]) -> list[PhraseMatch]:
    """Of matches sharing words (one start word later), keep the better one."""
    kept: list[PhraseMatch] = []
    for m in sorted(matches, key=lambda m: -m.similarity):
        if all(k.box.intersect(m.box) is None for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.box.y, m.box.x))


def is_cjk(text: str) -> bool:
    return any("\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff" for ch in text)


SCRIPT_LANGS = (("\u4e00", "\u9fff", "chi_sim"), ("\u3400", "\u4dbf", "chi_sim"), ("\u3040", "\u30ff", "jpn"),
                ("\uac00", "\ud7af", "kor"), ("\u0400", "\u04ff", "rus"), ("\u0370", "\u03ff", "ell"))


def reading_lang(text: str, lang: str) -> str:
    """The OCR languages that can read ``text`` back: the routine's own plus what its script needs.

    A Latin-only routine (``eng``) that types a Chinese name must read the field with chi_sim too.
    """
    codes = lang.split("+")
    for ch in text:
        for low, high, code in SCRIPT_LANGS:
            if low <= ch <= high and code not in codes and not (code == "chi_sim" and "chi_tra" in codes):
                codes.append(code)
    return "+".join(codes)


def caption_matches(read: str, caption: str) -> bool:
    """Whether a control read on its own shows ``caption``: a key's "*" or "." as well as a button's "Save"."""
    if not fold(caption):  # a caption of punctuation only: compared as it is
        return read.strip() == caption.strip()
    return similarity(read, caption) >= CAPTION_EQUAL


CAPTION_EQUAL = 0.9
