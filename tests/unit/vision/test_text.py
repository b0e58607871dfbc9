from __future__ import annotations

import pytest

from deskpilot.geometry import Rect
from deskpilot.ports import Word
from deskpilot.vision.text import find_phrases, normalise, similarity


@pytest.mark.parametrize("found, wanted", [("Customer ID:", "customer id"), ("Customer 1D:", "Customer ID:"),
                                           ("C0MPANY", "Company:"), ("  City ", "City:"), ("CustomerID:", "Customer ID:"),
                                           ("Custorner", "Customer"), ("5treet|", "Street:"), ("Cust omer", "Customer")])
def test_ocr_misreadings_case_and_colons_do_not_count(found: str, wanted: str) -> None:
    assert similarity(found, wanted) == 1.0


def test_a_different_word_scores_low_enough_not_to_be_clicked() -> None:
    assert similarity("Saved", "Save") == 0.75
    assert similarity("Street", "Country") < 0.5
    assert normalise("Ｃｉｔｙ：") == "city"  # full-width forms fold too


def w(text: str, x: int, y: int = 10, line: int = 1, conf: float = 0.9) -> Word:
    return Word(text, Rect(x, y, 8 * len(text), 12), conf, (1, 1, line))


def test_a_phrase_spans_words_of_one_line_only() -> None:
    words = [w("Customer", 10), w("ID:", 90), w("Contact", 10, y=40, line=2), w("Customer", 200, y=40, line=2)]
    matches = find_phrases(words, "Customer ID:")
    assert [(m.text, m.similarity) for m in matches] == [("Customer ID:", 1.0), ("Customer", 0.7)]  # a part scores low
    assert matches[0].box == Rect(10, 10, 104, 12)
    assert matches[0].conf == 0.9


def test_words_split_or_glued_by_ocr_still_match_the_phrase() -> None:
    split = find_phrases([w("Cust", 10), w("omer", 45), w("ID:", 90)], "Customer ID:")
    assert [(m.text, m.similarity, m.box) for m in split] == [("Cust omer ID:", 1.0, Rect(10, 10, 104, 12))]
    glued = find_phrases([w("Contactperson:", 10)], "Contact person:")
    assert [(m.text, m.similarity) for m in glued] == [("Contactperson:", 1.0)]


def test_the_best_span_of_a_longer_line_is_the_match() -> None:
    line = [w("Total", 10), w("amount:", 60), w("1,234.50", 130)]
    assert [m.text for m in find_phrases(line, "Total amount")] == ["Total amount:"]


def test_chinese_characters_split_by_ocr_still_match() -> None:
    words = [w("客", 10), w("户", 20), w("名", 30), w("称:", 40)]
    matches = find_phrases(words, "客户名称:")
    assert len(matches) == 1 and matches[0].similarity == 1.0


def test_nothing_alike_gives_no_match() -> None:
    assert find_phrases([w("Phone:", 10)], "Customer ID:") == []


def test_a_caret_and_misread_accents_do_not_count() -> None:
    assert similarity("|Z0é-4711", "Zoë-4711") == 1.0
    assert similarity("Zoe-4712", "Zoë-4711") < 0.9


def test_chinese_words_join_without_spaces_and_others_with_one() -> None:
    from deskpilot.vision.text import join_words

    assert join_words(["已", "保存", "报销", "单", "12"]) == "已保存报销单 12"
    assert join_words(["Customer", "ID:"]) == "Customer ID:"
    assert join_words(["Saved", "报销单"]) == "Saved 报销单"


def test_a_chinese_label_cut_into_words_is_found_whole() -> None:
    words = [Word("报销", Rect(52, 110, 30, 16), 0.95, (1, 1, 1)), Word("人", Rect(84, 110, 14, 16), 0.9, (1, 1, 1))]
    found = find_phrases(words, "报销人：")
    assert [(f.text, f.similarity) for f in found] == [("报销人", 1.0)]


def test_a_chinese_words_box_is_cut_to_the_rows_of_its_ink_and_a_field_edge_is_no_glyph() -> None:
    import numpy as np

    from deskpilot.geometry import Point
    from deskpilot.vision.tesseract import ink_rows

    pixels = np.full((60, 80, 3), 240, np.uint8)
    pixels[20:35, 10:24] = 20  # the glyph
    pixels[50, :] = 20  # a field's edge across the whole box
    assert ink_rows(pixels, Point(100, 200), Rect(108, 210, 20, 45)) == Rect(108, 220, 20, 15)
    assert ink_rows(pixels, Point(100, 200), Rect(150, 200, 20, 10)) == Rect(150, 200, 20, 10)  # no ink: as read
