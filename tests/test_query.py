from __future__ import annotations

import pytest

from conftest import MINIMAL
from lawgov_cli import Report
from lawgov_cli.core.errors import PatternError, UnknownSectionError
from lawgov_cli.core.queries import canonical_id, find_section, hit_counts, search, select_metrics


@pytest.mark.parametrize(
    ("ref", "expected"),
    [("3.2", "3.2"), ("3", "3"), ("三", "3"), ("三(二)", "3.2"), ("三（二）", "3.2"),
     ("三、(二)", "3.2"), (" 3.2 ", "3.2"), ("0", "0"), ("六一是", "6.1"), ("６.２", "6.2")],
)  # fmt: skip
def test_find_section_accepts_every_spelling(report: Report, ref: str, expected: str) -> None:
    assert find_section(report, ref).id == expected


@pytest.mark.parametrize(
    ("ref", "expected"),
    [("３", "3"), ("３．２", "3.2"), ("03.02", "3.2"), ("0" * 4400 + "3", "3"), ("0", "0")],
)
def test_full_width_digits_and_leading_zeros_name_an_id(ref: str, expected: str) -> None:
    assert canonical_id(ref) == expected


@pytest.mark.parametrize("ref", ["③", "³", "٣", "३", "1.٢", "⑶", "三.②", "9" * 4400])
def test_only_the_documented_numbering_names_a_section(report: Report, ref: str) -> None:
    """NFKC reads ③ and ³ as 3, and int() reads ٣ and ३: none of them is an id form."""
    if not ref.isascii():
        assert canonical_id(ref) is None
    with pytest.raises(UnknownSectionError, match=r"^no section "):
        find_section(report, ref)


def test_canonical_id_of_non_ids() -> None:
    assert canonical_id("行政复议") is None
    assert canonical_id("") is None
    assert canonical_id("六二") is None  # two numerals run together are not a number


def test_unknown_section_suggests_siblings(report: Report) -> None:
    with pytest.raises(UnknownSectionError) as caught:
        find_section(report, "3.9")
    assert "no section '3.9'" in str(caught.value)
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("did you mean 3.1, 3.2 or 3.3?")


def test_unknown_section_in_chinese(report: Report) -> None:
    with pytest.raises(UnknownSectionError) as caught:
        find_section(report, "九")
    assert caught.value.hint is not None
    assert caught.value.hint.startswith("the top-level sections are 0 to 8")


def test_bracketed_number_alone_is_ambiguous(report: Report) -> None:
    with pytest.raises(UnknownSectionError) as caught:
        find_section(report, "(二)")
    assert "ambiguous" in str(caught.value)
    assert caught.value.hint is not None and "一(二)" in caught.value.hint


def test_search_finds_headings_and_sentences(report: Report) -> None:
    hits = search(report, ["行政复议"])
    assert [(h.section, h.where) for h in hits] == [
        ("4.2", "heading"), ("4.2", "text"), ("4.2", "text"),
    ]  # fmt: skip
    sentence = hits[2]
    assert sentence.text.startswith("共新收行政复议案件876宗")
    match = sentence.matches[0]
    assert sentence.text[match.start : match.end] == "行政复议"


def test_search_offsets_point_into_the_original_text(report: Report) -> None:
    for hit in search(report, ["调解"]):
        for match in hit.matches:
            assert hit.text[match.start : match.end] == match.text == "调解"
        section = find_section(report, hit.section)
        source = section.heading if hit.where == "heading" else section.text
        assert source[hit.offset : hit.offset + len(hit.text)] == hit.text


def test_search_folds_width_and_case(report: Report) -> None:
    # the text has “AR定制体验” and “(扩大)” with half-width brackets
    assert search(report, ["ar定制"])[0].matches[0].text == "AR定制"
    assert search(report, ["(扩大)"])[0].matches[0].text == "(扩大)"
    assert search(report, ["９７．５２"])[0].matches[0].text == "97.52"


def test_search_any_versus_all_terms(report: Report) -> None:
    any_hits = search(report, ["调解", "复议"])
    all_hits = search(report, ["调解", "复议"], all_terms=True)
    assert len(all_hits) < len(any_hits)
    for hit in all_hits:
        assert "调解" in hit.text and "复议" in hit.text


def test_search_within_a_section_and_its_children(report: Report) -> None:
    hits = search(report, ["执法"], section="三")
    assert hits and {h.section for h in hits} <= {"3", "3.1", "3.2", "3.3"}


def test_search_regex(report: Report) -> None:
    hits = search(report, [r"\d+(\.\d+)?%"], regex=True)
    assert sorted(m.text for h in hits for m in h.matches) == ["100%", "97.52%"]


def test_bad_regex_is_a_pattern_error(report: Report) -> None:
    with pytest.raises(PatternError, match=r"invalid regex '\(': missing \): \($"):
        search(report, ["("], regex=True)


def test_empty_term_is_refused(report: Report) -> None:
    with pytest.raises(PatternError, match="empty search term"):
        search(report, [""])


def test_context_widens_the_text_and_shifts_offsets(report: Report) -> None:
    [plain] = search(report, ["1057瓶"])
    [wide] = search(report, ["1057瓶"], context=1)
    assert plain.text in wide.text and len(wide.text) > len(plain.text)
    m = wide.matches[0]
    assert wide.text[m.start : m.end] == "1057瓶"


def test_hit_counts(report: Report) -> None:
    counts = hit_counts(search(report, ["复议"]))
    assert counts == [("4.2", "(二)发挥行政复议化解行政争议主渠道作用", 3)]


def test_select_metrics_filters_and_sorts(report: Report) -> None:
    cases = select_metrics(report, unit="宗", sort="value", desc=True)
    assert cases[0].id == "city-management.street-vending"
    assert [m.value for m in cases] == sorted((m.value for m in cases), reverse=True)
    part4 = select_metrics(report, section="四")
    assert {m.section for m in part4} == {"4.1", "4.2"}
    assert select_metrics(report, grep="复议")[0].id == "reconsideration.received"
    by_id = select_metrics(report, sort="id")
    assert [m.id for m in by_id] == sorted(m.id for m in by_id)


def test_select_metrics_document_order(report: Report) -> None:
    assert select_metrics(report) == list(report.metrics)
    assert select_metrics(report, unit="公斤") == []


def test_stored_unit() -> None:
    from lawgov_cli.core.queries import stored_unit

    assert stored_unit("万元") == "元"
    assert stored_unit("亿元") == "元"
    assert stored_unit("元") is None
    assert stored_unit("万") is None


def test_sentences_end_at_full_width_marks() -> None:
    from lawgov_cli.core.text import sentences

    text = "第一句\uff01第二句\uff1f第三句。"
    assert [s for _, _, s in sentences(text)] == ["第一句\uff01", "第二句\uff1f", "第三句。"]


# Synthetic: MINIMAL's header (invented), two sections made up for the context windows.
CONTEXT_REPORT = (
    MINIMAL.split("[[sections]]")[0]
    + """\
[[sections]]
id = "1"
number = "一、"
title = "甲乙工作"
text = "一句甲。二句。三句乙。四句。五句。六句。七句甲。"

[[sections]]
id = "2"
number = "二、"
title = "丙"
text = "八句甲。"
"""
)


def shown_hits(hits: list) -> list[tuple[str, str, int, str, list[tuple[int, int, str]]]]:
    return [
        (h.section, h.where, h.offset, h.text, [(m.start, m.end, m.text) for m in h.matches])
        for h in hits
    ]


def test_overlapping_context_windows_join_and_others_do_not(write_report) -> None:
    """Synthetic report. With -C 1 the windows of 一句甲 and 三句乙 overlap (二句 is in both):
    one hit, the second match shifted into it; 七句甲's window starts after and stays apart;
    the heading's hit and another section's are never joined to a text hit."""
    from lawgov_cli.core.loading import load_report

    report = load_report(write_report(CONTEXT_REPORT))
    assert shown_hits(search(report, ["甲", "乙"], context=1)) == [
        ("1", "heading", 0, "一、甲乙工作", [(2, 3, "甲"), (3, 4, "乙")]),
        ("1", "text", 0, "一句甲。二句。三句乙。四句。", [(2, 3, "甲"), (9, 10, "乙")]),
        ("1", "text", 17, "六句。七句甲。", [(5, 6, "甲")]),
        ("2", "text", 0, "八句甲。", [(2, 3, "甲")]),
    ]
    # windows that only touch (一句's ends at 二句, 四句's starts at 三句) are joined too
    assert shown_hits(search(report, ["一句", "四句"], context=1)) == [
        ("1", "text", 0, "一句甲。二句。三句乙。四句。五句。", [(0, 2, "一句"), (11, 13, "四句")]),
    ]
    # without context no window is widened and each sentence is a hit of its own
    assert [h.text for h in search(report, ["一句", "二句"])] == ["一句甲。", "二句。"]
    # a match in both windows is listed once
    assert shown_hits(search(report, ["二句"], context=1)) == [
        ("1", "text", 0, "一句甲。二句。三句乙。", [(4, 6, "二句")]),
    ]


def test_an_unknown_metric_id_gets_the_closest_ids_or_its_groups() -> None:
    from lawgov_cli.core.queries import suggest_metric

    ids = ["mediation.total", "mediation.succeeded", "mediation.success-rate", "mediation.disputes"]
    ids += ["mediation.rooms", "reconsideration.received"]
    assert suggest_metric("mediation.totl", ids) == (
        "did you mean mediation.total, mediation.rooms or mediation.disputes?"
        " (`lawgov metrics` lists them all)"
    )
    assert suggest_metric("zzz", ids) == "`lawgov metrics` lists the metric ids"
    # nothing close: the first three ids of the group its first part names
    group = ["a.bb", "a.cc", "a.dd", "a.ee", "b.ff"]
    assert suggest_metric("a.zzzzzzzzzz", group) == (
        "did you mean a.bb, a.cc or a.dd? (`lawgov metrics` lists them all)"
    )
    assert suggest_metric("a.q.zzzzzzzzzz", group).startswith("did you mean a.bb, a.cc or a.dd?")
    assert suggest_metric("c.zzzzzzzzzz", group) == "`lawgov metrics` lists the metric ids"


@pytest.mark.parametrize(
    ("ref", "hint"),
    [
        ("9", "the top-level sections are 0 to 8 (`lawgov sections` lists them all)"),
        ("3.9", "did you mean 3.1, 3.2 or 3.3? (`lawgov sections` lists them all)"),
        ("4.1.1", "did you mean 1.1, 4.1 or 8.1? (`lawgov sections` lists them all)"),
    ],
)
def test_an_unknown_section_gets_its_siblings_or_the_closest_ids(
    report: Report, ref: str, hint: str
) -> None:
    with pytest.raises(UnknownSectionError) as raised:
        find_section(report, ref)
    assert str(raised.value) == f"no section {ref!r} in this report"
    assert raised.value.hint == hint
