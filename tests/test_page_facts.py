"""What import reads from a page's header (issue 11): the metadata blocks in the forms real
government pages write them, the title among the page's other lines, and the year reported on
with its order of trust.

The header lines copy the shapes of real pages (tests/fixtures/samples and others seen on
government sites); the places, titles and report sentences are synthetic (柳溪区 is made up)."""

from __future__ import annotations

import datetime as dt

import pytest

from lawgov_cli.importer.build import Overrides, import_report
from lawgov_cli.importer.page import read_page, years_in

TITLE = "柳溪区2024年法治政府建设年度报告"  # a place, no organ: the issuer comes from the page
OPENING = "2024年,柳溪区推进法治政府建设。\n一、主要工作\n办理案件12件。\n"


@pytest.mark.parametrize(
    ("header", "date", "issuer"),
    [
        ("[ 发布日期 ] 2026-02-10", "2026-02-10", ""),
        ("【发布时间】2025-01-07", "2025-01-07", ""),
        # publication is 发布日期, not 成文日期 (written days before): in either order, on one
        # line or two
        ("发布日期: 2025-01-07\n成文日期: 2025-01-03", "2025-01-07", ""),
        ("成文日期: 2025-01-03\n发布日期: 2025-01-07", "2025-01-07", ""),
        ("成文日期: 2025-01-03  发布日期: 2025-01-07", "2025-01-07", ""),
        ("信息提供日期 : 2025-02-12 17:44", "2025-02-12", ""),
        ("日期 2025年02月20日", "2025-02-20", ""),
        ("日期:2025年 02月 27日    信息来源: 光明区", "2025-02-27", "光明区"),
        ("发布时间 2025-02-27 15:03:58", "2025-02-27", ""),
        ("2025- 02- 08 14: 11", "2025-02-08", ""),
        ("[ 2025-02-08 14:11:05 ]", "2025-02-08", ""),
        # several facts on one line, run together as the page's text has them
        (
            "信息提供日期 : 2025-02-12 17:44来源 : 福田区政府办公室 信息索引号 : /2025-11998829",
            "2025-02-12",
            "福田区政府办公室",
        ),
        ("来源:罗湖区人民政府 发布时间:2026-02-05 AI脑图", "2026-02-05", "罗湖区人民政府"),
        ("信息来源:坪山区司法局 发布时间:2025-02-27 15:03:58", "2025-02-27", "坪山区司法局"),
        ("成文日期：2025-01-03 信息提供日期：2025-01-09", "2025-01-09", ""),
    ],
)
def test_metadata_forms(header: str, date: str, issuer: str) -> None:
    for page_text in (f"{header}\n{TITLE}\n{OPENING}", f"{TITLE}\n{header}\n{OPENING}"):
        page = read_page(f"首页 > 政务公开\n{page_text}")
        assert (page.title, str(page.date), page.issuer) == (TITLE, date, issuer), page_text
        assert page.body == OPENING.splitlines()


@pytest.mark.parametrize(
    "header",
    [
        "发布时间：٢٠٢٥-٠١-٠٧",  # Arabic-Indic digits are no date
        "发布日期：２０２５－１３－０１",  # month 13
        "发布时间：",
        "[ 发布日期 ] 待定",
    ],
)
def test_a_date_field_that_holds_no_date_is_neither_a_date_nor_the_title(header: str) -> None:
    for page_text in (f"{header}\n{TITLE}\n{OPENING}", f"{TITLE}\n{header}\n{OPENING}"):
        page = read_page(page_text)
        assert (page.title, page.date) == (TITLE, None)


def test_a_full_width_date_is_read() -> None:
    page = read_page(f"{TITLE}\n发布日期：２０２５－０１－０７ １０：３０\n{OPENING}")
    assert page.date == dt.date(2025, 1, 7)


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # the site's name above the title that names it again
        (["深圳市罗湖区人民政府", "深圳市罗湖区人民政府2025年法治政府建设年度报告"],
         "深圳市罗湖区人民政府2025年法治政府建设年度报告"),
        # a tab name above the breadcrumb
        (["新闻", "首页 > 信息公开 > 计划总结", "深圳市光明区人民政府2024年法治政府建设年度报告"],
         "深圳市光明区人民政府2024年法治政府建设年度报告"),
        # a title over two lines stays whole
        (["柳溪区人民政府关于2024年度", "法治政府建设情况的报告"],
         "柳溪区人民政府关于2024年度法治政府建设情况的报告"),
        # a short line under the date line is not the title
        (["柳溪区人民政府2024年法治政府建设年度报告", "发布时间：2025-01-07", "AI脑图"],
         "柳溪区人民政府2024年法治政府建设年度报告"),
    ],
)  # fmt: skip
def test_the_title_among_the_pages_lines(lines: list[str], title: str) -> None:
    page = read_page("\n".join(lines) + "\n" + OPENING)
    assert page.title == title
    assert page.body == OPENING.splitlines()


# --- the year reported on ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("柳溪区2024年法治政府建设年度报告", [2024]),
        ("二〇二四年度", [2024]),
        ("２０２４年", [2024]),
        ("对照《法治政府建设实施纲要(2021—2025年)》", []),
        ("《2023年柳溪区依法行政考核办法》印发", []),
        ("落实2023-2027年规划", []),
        ("2021—2025年", []),
        ("2023年至2027年", []),
        ("2025年工作计划", []),
        ("2025年度工作要点", []),
        ("2025年工作打算", []),
        ("٢٠٢٤年", []),  # Arabic-Indic digits
        ("12024年", []),
        ("1800年", []),  # not a year the model takes
        ("《纲要》2024年实施", [2024]),
    ],
)
def test_what_counts_as_a_year(text: str, years: list[int]) -> None:
    assert [year for _, year in years_in(text)] == years


BODY = "柳溪区推进法治政府建设。\n一、主要工作\n办理案件12件。\n"


@pytest.mark.parametrize(
    ("page_text", "year", "clue"),
    [
        # the title first, whatever the opening says
        (f"柳溪区2024年法治政府建设年度报告\n2023年,{BODY}", 2024, ""),
        # then the opening sentence
        (f"柳溪区法治政府建设年度报告\n2024年,{BODY}", 2024, "the opening sentence"),
        (f"柳溪区法治政府建设年度报告\n2025年是收官之年,{BODY}", 2025, "the opening sentence"),
        # then a heading that starts with the year
        (
            "柳溪区法治政府建设年度报告\n柳溪区推进法治政府建设。\n一、2024年度主要工作成效\n"
            "办理案件12件。\n",
            2024,
            "the heading 一、2024年度主要工作成效",
        ),
        (
            "柳溪区法治政府建设年度报告\n柳溪区推进法治政府建设。\n一、主要工作\n"
            "(一)2024年主要工作情况\n办理案件12件。\n",
            2024,
            "the heading (一)2024年主要工作情况",
        ),
        # near-misses: a document's title, a range, a plan, a year inside a heading
        (f"关于贯彻《2023年柳溪区法治工作要点》的报告\n{BODY}", None, ""),
        (f"柳溪区法治政府建设年度报告\n《2023年规划》印发以来,{BODY}", None, ""),
        (f"柳溪区法治政府建设年度报告\n2023-2027年,{BODY}", None, ""),
        (f"柳溪区法治政府建设年度报告\n2021—2025年是关键时期,{BODY}", None, ""),
        (f"柳溪区法治政府建设年度报告\n{BODY}二、2025年工作计划\n继续推进。\n", None, ""),
        (f"柳溪区法治政府建设年度报告\n{BODY}二、落实2024年任务\n继续推进。\n", None, ""),
        (f"柳溪区法治政府建设年度报告\n{BODY}二、2023-2027年规划\n继续推进。\n", None, ""),
        # only part 一 says what is reported on: a later part may look back or ahead
        (
            f"柳溪区法治政府建设年度报告\n{BODY}二、2023年度存在问题的改进情况\n已整改。\n",
            None,
            "",
        ),
    ],
)
def test_the_year_and_where_it_was_read(page_text: str, year: int | None, clue: str) -> None:
    page = read_page(page_text)
    assert page.year == year
    assert page.year_clue.startswith(clue) if clue else page.year_clue == ""


@pytest.mark.parametrize(
    ("date", "year"),
    [("2025-01-02", 2024), ("2025-04-30", 2024), ("2025-05-01", None), ("2024-12-31", None)],
)
def test_the_year_from_the_publication_date(date: str, year: int | None) -> None:
    """Last in trust: a report published January to April is on the year before."""
    page = f"柳溪区法治政府建设年度报告\n发布时间：{date}\n{BODY}"
    imported = import_report(page.encode(), "x.txt")
    assert imported.report.year == year
    note = next(n for n in imported.notes if "year reported on" in n)
    assert ("from the publication date" in note) == (year is not None)
    # --year beats it, and a date from --date counts as the page's would.
    given = import_report(page.encode(), "x.txt", Overrides(year=2020)).report
    assert given.year == 2020
    by_hand = Overrides(date=dt.date(2026, 3, 1))
    assert import_report(page.encode(), "x.txt", by_hand).report.year == 2025


def test_an_earlier_clue_beats_the_date() -> None:
    page = f"柳溪区法治政府建设年度报告\n发布时间：2025-02-01\n2023年,{BODY}"
    imported = import_report(page.encode(), "x.txt")
    assert imported.report.year == 2023
    assert any("read from the opening sentence (2023年," in note for note in imported.notes)
