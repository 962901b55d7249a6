"""core/text.py: report text as search reads it (folded, with offsets back into the original)
and split into sentences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lawgov_cli.core.text import Normalised, fold, fold_width, nfkc, sentences


def test_nfkc_folds_full_width_forms() -> None:
    assert nfkc("（一）１２％") == "(一)12%"


def test_fold_is_nfkc_then_simplified() -> None:
    assert fold("（復議）") == "(复议)"
    assert fold("１２萬") == "12万"


def test_fold_width_folds_full_width_ascii_and_the_ideographic_space_only() -> None:
    assert fold_width("３．２\u3000（二）") == "3.2 (二)"
    assert fold_width("！～") == "!~"  # both ends of the full-width range
    assert fold_width("③³٣\uff5f\uff00") == "③³٣\uff5f\uff00"  # just outside it: unchanged


def test_normalised_text_already_nfkc_keeps_its_offsets() -> None:
    folded = Normalised("行政復議案件")
    assert folded.text == "行政复议案件"
    assert folded.origin is None
    assert folded.span(2, 4) == (2, 4)


def test_normalised_maps_each_folded_index_to_its_source() -> None:
    folded = Normalised("（一）㈡")
    assert folded.text == "(一)(二)"
    assert folded.origin == [0, 1, 2, 3, 3, 3, 4]
    assert folded.span(3, 6) == (3, 4)
    assert folded.span(0, 1) == (0, 1)


@given(st.text(alphabet="（一）㈠１２abcＡ復議。\u3000㍿", max_size=30))
def test_every_span_of_the_folded_text_maps_inside_the_original(original: str) -> None:
    folded = Normalised(original)
    assert folded.text == fold(original)
    for start in range(len(folded.text)):
        for end in range(start + 1, len(folded.text) + 1):
            first, last = folded.span(start, end)
            assert 0 <= first < last <= len(original)
            assert fold(original[first:last]).find(folded.text[start]) >= 0


def test_sentences_end_at_stops_and_keep_their_closing_quotes() -> None:
    text = "第一句。第二句!“第三句？”\n第四句"
    assert sentences(text) == [
        (0, 0, "第一句。"),
        (0, 4, "第二句!"),
        (0, 8, "“第三句？”"),
        (1, 15, "第四句"),
    ]


def test_sentences_of_empty_paragraphs() -> None:
    assert sentences("") == []
    assert sentences("甲。\n\n乙") == [(0, 0, "甲。"), (2, 4, "乙")]
    assert sentences("甲。。！乙") == [(0, 0, "甲。。！"), (0, 4, "乙")]
