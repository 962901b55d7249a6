from __future__ import annotations

import re

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


# Synthetic, made up for the numbering: the report skips 二 (part 2 is written 三, with a 一是
# run under it) and starts again at 一 for its last part.
RENUMBERED_REPORT = (
    MINIMAL.split("[[sections]]")[0]
    + """\
[[sections]]
id = "1"
number = "一、"
title = "工作成效"
text = "甲。"

[[sections]]
id = "2"
number = "三、"
title = "存在问题"
text = "乙。"

[[sections]]
id = "2.1"
number = "一是"
title = "基础薄弱"
heading_end = "。"
text = "丙。"

[[sections]]
id = "2.2"
number = "二是"
title = "队伍不强"
heading_end = "。"
text = "丁。"

[[sections]]
id = "3"
number = "一、"
title = "下一步打算"
text = "戊。"
"""
)


def parts_report(parts: int) -> str:
    """Synthetic TOML: ``parts`` parts (一、 二、 …), each with a (一) and a (二)."""
    numerals = "一二三四五六七八九十"
    sections = []
    for part in range(1, parts + 1):
        numeral = numerals[part - 1] if part <= 10 else "十" + numerals[part - 11]
        sections.append(f'[[sections]]\nid = "{part}"\nnumber = "{numeral}、"\ntitle = "部分"\n')
        for sub in (1, 2):
            sections.append(
                f'[[sections]]\nid = "{part}.{sub}"\nnumber = "({numerals[sub - 1]})"\n'
                f'title = "小节"\ntext = "内容。"\n'
            )
    return MINIMAL.split("[[sections]]")[0] + "\n".join(sections)


def test_a_part_is_found_by_the_number_the_report_writes_spaces_around_it_too(
    write_report,
) -> None:
    """Synthetic report whose numbering skips 二: 三 is the part written 三、 (id 2), and
    三二是 the 二是 item under it (2.2), not the ids 3 and 3.2."""
    from lawgov_cli.core.loading import load_report

    report = load_report(write_report(RENUMBERED_REPORT))
    assert find_section(report, " 三 ").id == "2"
    assert find_section(report, "三 二是").id == "2.2"
    assert find_section(report, "三二是").id == "2.2"


def test_a_number_the_report_writes_twice_is_ambiguous_and_the_ids_are_offered(
    write_report,
) -> None:
    """Synthetic report whose numbering starts again: parts 1 and 3 are both written 一、."""
    from lawgov_cli.core.loading import load_report

    report = load_report(write_report(RENUMBERED_REPORT))
    with pytest.raises(UnknownSectionError) as raised:
        find_section(report, "一")
    assert str(raised.value) == (
        "section '一' is ambiguous: the report numbers more than one section so"
    )
    assert raised.value.hint == "use its id: 1 or 3"


def test_up_to_eight_ids_are_listed_whole_and_more_are_counted(write_report) -> None:
    """Synthetic reports of eight and of ten parts, each part with a (二)."""
    from lawgov_cli.core.loading import load_report

    eight = load_report(write_report(parts_report(8), "eight.toml"))
    with pytest.raises(UnknownSectionError) as raised:
        find_section(eight, "(二)")
    assert raised.value.hint == (
        "name the part too, e.g. 一、(二), or use one of 1.2, 2.2, 3.2, 4.2, 5.2, 6.2, 7.2 or 8.2"
    )
    ten = load_report(write_report(parts_report(10), "ten.toml"))
    with pytest.raises(UnknownSectionError) as raised:
        find_section(ten, "(二)")
    assert raised.value.hint == (
        "name the part too, e.g. 一、(二), or use one of "
        "1.2, 2.2, 3.2, 4.2, 5.2, 6.2, 7.2, 8.2 or one of 2 more"
    )


def test_the_closest_ids_are_offered_in_document_order(write_report) -> None:
    """Synthetic report of ten parts: 2.1 has no children, so 2.1.0 gets the closest ids,
    2.1 before 9.1 before 10 (not 10 first, as text sorts them)."""
    from lawgov_cli.core.loading import load_report

    report = load_report(write_report(parts_report(10)))
    with pytest.raises(UnknownSectionError) as raised:
        find_section(report, "2.1.0")
    assert raised.value.hint == ("did you mean 2.1, 9.1 or 10? (`lawgov sections` lists them all)")


def test_an_unknown_id_under_a_part_offers_every_sibling(report: Report) -> None:
    """2.9: part 2 has four sub-sections, all offered (the closest three would leave 2.1 out)."""
    with pytest.raises(UnknownSectionError) as raised:
        find_section(report, "2.9")
    assert raised.value.hint == (
        "did you mean 2.1, 2.2, 2.3 or 2.4? (`lawgov sections` lists them all)"
    )


def test_a_name_like_no_section_gets_the_general_hint(report: Report) -> None:
    with pytest.raises(UnknownSectionError) as raised:
        find_section(report, "行政复议")
    assert raised.value.hint == "`lawgov sections` lists the section ids"


def test_a_unit_with_no_multiplier_is_stored_as_written_whatever_its_length() -> None:
    from lawgov_cli.core.queries import stored_unit

    assert stored_unit("标准立方米") is None
    assert stored_unit("万标准立方米") == "标准立方米"


def test_select_metrics_by_indicator(report: Report) -> None:
    chosen = select_metrics(report, indicator="normative-docs.reviewed")
    assert [m.id for m in chosen] == ["normative-docs.reviewed"]
    assert select_metrics(report, indicator="no-such.indicator") == []


@pytest.mark.parametrize("option", ["unit", "grep"])
def test_an_undecodable_unit_or_grep_text_is_named_in_the_error(
    report: Report, option: str
) -> None:
    from lawgov_cli.core.search_terms import UNREADABLE_HINT

    with pytest.raises(PatternError) as raised:
        select_metrics(report, **{option: "件\udcff"})
    assert str(raised.value) == f"--{option} '件\udcff' is not UTF-8 text"
    assert raised.value.hint == UNREADABLE_HINT


def test_an_empty_grep_text_is_refused(report: Report) -> None:
    with pytest.raises(PatternError) as raised:
        select_metrics(report, grep="  ")
    assert str(raised.value) == "empty --grep text: it would match every figure"


def test_an_unknown_sort_key_names_the_known_ones(report: Report) -> None:
    from lawgov_cli.core.queries import sort_metrics

    expected = "unknown sort key 'size' (expected one of section, value, id)"
    with pytest.raises(ValueError, match=rf"^{re.escape(expected)}$"):
        sort_metrics(list(report.metrics), "size", desc=False)


# Synthetic: two paragraphs of three sentences, for the context windows' paragraph bounds.
PARAGRAPHS_REPORT = (
    MINIMAL.split("[[sections]]")[0]
    + """\
[[sections]]
id = "1"
number = "一、"
title = "段落"
text = "一句。二句。三句。\\n四句。五句甲。六句。\\n七句乙。八句。"
"""
)


def test_context_stays_within_the_paragraph_and_reaches_its_ends(write_report) -> None:
    """Synthetic report. -C 1 around 五句甲 takes 四句 and 六句 (its paragraph's first and last);
    -C 2 around it takes no more (the paragraph ends); around 七句乙, only 八句 after it."""
    from lawgov_cli.core.loading import load_report

    report = load_report(write_report(PARAGRAPHS_REPORT))
    assert shown_hits(search(report, ["甲"], context=1)) == [
        ("1", "text", 10, "四句。五句甲。六句。", [(5, 6, "甲")]),
    ]
    assert shown_hits(search(report, ["甲"], context=2)) == [
        ("1", "text", 10, "四句。五句甲。六句。", [(5, 6, "甲")]),
    ]
    assert shown_hits(search(report, ["乙"], context=1)) == [
        ("1", "text", 21, "七句乙。八句。", [(2, 3, "乙")]),
    ]
    assert shown_hits(search(report, ["二句"], context=1)) == [
        ("1", "text", 0, "一句。二句。三句。", [(3, 5, "二句")]),
    ]


def test_windows_joined_later_in_a_paragraph_keep_their_offsets_and_heading(
    write_report,
) -> None:
    """Synthetic report. -C 1 around 四句 and 五句 (two windows that overlap, starting at
    offset 10) is one hit from 四句 to 六句, each match where it is."""
    from lawgov_cli.core.loading import load_report

    report = load_report(write_report(PARAGRAPHS_REPORT))
    [hit] = search(report, ["四句", "六句"], context=1)
    assert (hit.section, hit.heading, hit.offset, hit.text) == (
        "1",
        "一、段落",
        10,
        "四句。五句甲。六句。",
    )
    assert [(m.start, m.end, m.text) for m in hit.matches] == [(0, 2, "四句"), (7, 9, "六句")]


def test_a_text_hit_carries_its_section_heading(report: Report) -> None:
    hits = search(report, ["876宗"])
    assert [(h.where, h.heading) for h in hits] == [
        ("text", "(二)发挥行政复议化解行政争议主渠道作用")
    ]


def test_overlapping_matches_of_several_terms_are_one_match(report: Report) -> None:
    """行政复议 and 复议案件 overlap in 行政复议案件: highlighted as one stretch."""
    [hit] = search(report, ["行政复议", "复议案件", "876"], all_terms=True)
    start = hit.text.index("行政复议案件")
    assert [(m.start, m.end, m.text) for m in hit.matches] == [
        (start, start + 6, "行政复议案件"),
        (start + 6, start + 9, "876"),
    ]
