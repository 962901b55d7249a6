"""A report page as copied from a website: page chrome to drop, header facts to keep (title,
publication date, issuer, the year reported on), and the body lines in between.

The title is the page's title line(s); a disclosure table's 名称：/标题： field is only a
fallback for a page without one, never joined to it. The issuer is, best first: the signature
the report ends with (its issuer line above the closing date), the body its title names (the
organ before 关于 or before the year: 清河区人民政府关于2024年度…, 某区司法局2024年…), the page's
发布机构 (or 发文机关), its 来源 (or 信息来源). The page's fields say who posted the page, which
is often an office or a department publishing for the government that wrote the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..core.model import YEAR_MAX, YEAR_MIN
from ..core.numbers import CN_DIGITS, FigureError, chinese_to_int
from ..core.text import nfkc
from .chrome import SENTENCE, TITLE_FIELD_LABELS, is_chrome, is_footer, is_metadata, spaced
from .clean import EDGE_BLANKS as _SPACES

# ASCII digits only, here and in every pattern that reads a number as a date or a year: \d
# would take ٢٠٢٤ (Arabic-Indic), which NFKC leaves alone. Full-width digits are read after NFKC.
_DATE = r"(?P<y>[0-9]{4})\s*[-/.年]\s*(?P<m>[0-9]{1,2})\s*[-/.月]\s*(?P<d>[0-9]{1,2})\s*日?"
# A time after a date, spaces allowed around its colons (2025-02-12 17:44, 2025- 02- 08 14: 11).
_TIME = r"[0-9]{1,2}\s*[:：]\s*[0-9]{2}(?:\s*[:：]\s*[0-9]{2})?"
# Which date a page means as its publication date, best first: the published one (发布时间,
# 信息提供日期: when the page was put up), a date labelled only 时间/日期, the updated one, the
# one the document was written (成文日期 comes days before it is published).
_DATE_LABELS = (
    (
        "发布时间", "發佈時間", "發布時間", "发布日期", "發佈日期", "發布日期",
        "信息提供日期", "信息提供時間", "信息发布日期", "信息發布日期", "信息发布时间",
        "信息發布時間", "公开日期", "公開日期", "公开时间", "公開時間",
    ),
    ("时间", "時間", "日期"),
    ("更新时间", "更新時間", "更新日期"),
    ("成文日期", "发文日期", "發文日期", "生成日期"),
)  # fmt: skip
_RANK = {label: rank for rank, labels in enumerate(_DATE_LABELS) for label in labels}
_DATE_LABEL = spaced(*_RANK)
# Who a page says issued it, best first: the publishing or issuing body, then the source.
_SOURCE_LABELS = (
    ("发布机构", "發佈機構", "發布機構", "发文机关", "發文機關"),
    ("信息来源", "信息來源", "来源", "來源"),
)
_SOURCE_RANK = {label: rank for rank, labels in enumerate(_SOURCE_LABELS) for label in labels}
_SOURCE_LABEL = spaced(*_SOURCE_RANK)
# A label with or without its colon (发布时间 2024-12-31), perhaps in brackets
# ([ 发布日期 ] 2026-02-10, 【发布时间】2025-01-07), then the date.
_LABELLED_DATE = re.compile(
    rf"(?:[\[【]\s*)?(?P<label>{_DATE_LABEL})\s*(?:[\]】]\s*)?[:：]?\s*{_DATE}"
)
# A date field whatever its value (发布时间：, 发布日期：٢٠٢٥-٠١-٠٧): page metadata, never a title.
_DATE_FIELD = re.compile(rf"[\[【]\s*{_DATE_LABEL}\s*[\]】]|{_DATE_LABEL}\s*[:：]")
# The issuer runs to the next field on its line: a date, 作者：…, 浏览次数, 分享到, 【打印】.
_AFTER_ISSUER = (
    rf"{_DATE_LABEL}\s*(?:[:：]|[0-9])|\s\S{{1,6}}\s*[:：]|\s*(?:浏览|瀏覽|阅读|閱讀|点击|點擊|访问|訪問"
    r"|字号|字號|字体|字體|分享|打印|【|\[)"
)
_LABELLED_SOURCE = re.compile(
    rf"(?P<label>{_SOURCE_LABEL})\s*[:：]\s*(?P<source>.+?)\s*(?={_AFTER_ISSUER}|$)"
)
# The document's name in a disclosure table (名称：…, 标　　题：…), up to the next field.
_TITLE_FIELD = re.compile(
    rf"(?:^|\s)(?:{spaced(*TITLE_FIELD_LABELS)})\s*[:：]\s*(?P<value>.+?)\s*(?=\s\S{{1,6}}\s*[:：]|$)"
)
# The body a title names: the organ before 关于 or before the year (清河区人民政府关于2024年度…,
# 某区司法局2024年…). A bare place (青禾区2024年…) names an area, not the body that reports.
# Read from arabic_dates(title): 二〇二四年 is 2024年 there.
_TITLE_ISSUER = re.compile(r"(?P<body>.+?)\s*(?:关于|關於|[0-9]{4}\s*年)")
_ORGAN_ENDINGS = (
    "政府", "办事处", "辦事處", "委员会", "委員會", "管委会", "管委會", "办公室", "辦公室",
    "局", "厅", "廳", "委", "院", "署", "中心",
)  # fmt: skip
# A date on a line of its own, perhaps in brackets and with a time: [ 2024-12-31 ].
_LONE_DATE = re.compile(rf"[\[【(（]?\s*{_DATE}(?:\s*{_TIME})?\s*[\]】)）]?")
_PART_MARKER = re.compile(r"[一二三四五六七八九十]+、")
# Any outline marker a line may open with: such a line is a heading, never a signature.
_ANY_MARKER = re.compile(
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]{1,2}[.．、]|[①-⑳]"
)
# Years and dates in Chinese numerals, as in formal documents: 二〇二四年, 二〇二五年一月十日.
_ZEROS = str.maketrans("○", "〇")  # a circle is written for 〇 too
_CN_DATE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年"
    r"(?:\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月(?:\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日)?)?"
)
# The year reported on (see ``_year``). A year is a year only outside a document's title
# (《法治政府建设实施纲要（2021—2025年）》, 《…2023年…》) and outside a range (2023-2027年,
# 2021—2025年, 2023年至2027年), and not as the year of a plan (2025年工作计划, 2025年度工作要点).
_BOOK_TITLE = re.compile(r"《[^《》]*》|〈[^〈〉]*〉")
_RANGE = re.compile(r"[0-9]{4}\s*年?度?\s*[-－—–~～至到]+\s*[0-9]{4}\s*年?")
_YEAR = re.compile(
    r"(?<![0-9])(?P<year>[0-9]{4})\s*年(?!\s*度?\s*(?:的)?\s*(?:工作)?\s*"
    r"(?:计划|計劃|打算|思路|安排|要点|要點|目标|目標|展望|任务|任務))"
)
# Where the year may be read, in this order of trust (the title is read anywhere in it):
_OPENING_LINES = 3  # the opening sentence: a year that begins one of the body's first lines
_REPORT_WORDS = ("报告", "報告", "总结", "總結", "情况", "情況")  # what a title line says
# The page's own address on a line of its own (原文链接：https://…): the report's source_url.
# The web-page reader writes the address a page states in this form.
SOURCE_URL_LABEL = "原文链接"
_SOURCE_URL = re.compile(
    spaced(SOURCE_URL_LABEL, "原文地址", "本文链接", "本文地址", "页面地址", "网页地址",
           "原文連結", "原文網址", "本文連結", "本文網址")
    + r"\s*[:：]\s*(?P<url>https?://[^\s<>\"]+)",
    re.IGNORECASE,
)  # fmt: skip


@dataclass
class Page:
    title: str  # "" when the page has no title line
    date: dt.date | None
    issuer: str
    year: int | None
    body: list[str]
    dropped: list[str] = field(default_factory=list)  # sentences after the page footer began
    # Where the year was read when not from the title, for a note: "the opening sentence
    # (2024年,…)", "the heading 一、2024年主要工作情况"; "" from the title or when not found.
    year_clue: str = ""
    source_url: str = ""  # the address the page states as its own (原文链接：…)


def _date(found: re.Match[str]) -> dt.date | None:
    try:
        return dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:  # 2024-13-45 is not a date
        return None


def _is_body_start(line: str) -> bool:
    """The first line of the report itself: a paragraph, a part, an addressee (市委、市政府:)."""
    return (
        bool(_PART_MARKER.match(line))
        or any(mark in line for mark in "。!?！？")
        or line.endswith((":", "："))
        or len(line) > 60
    )


def read_page(text: str) -> Page:
    lines = [line.strip(_SPACES) for line in text.splitlines()]
    lines = [line for line in lines if line]
    dates: list[tuple[int, dt.date]] = []  # (rank, date) in page order
    issuers: list[tuple[int, str]] = []  # (rank, issuer) in page order
    title_field = ""
    # Lines that may be the title, in runs that chrome and header lines separate: a tab name
    # (新闻) above the breadcrumb is one run, the title below it another.
    runs: list[list[str]] = [[]]
    source_url = ""
    start = 0
    for start, line in enumerate(lines):  # noqa: B007 - start is the body's first line
        if is_chrome(line):
            runs.append([])
            continue
        address = _SOURCE_URL.fullmatch(line)
        if address:
            source_url = source_url or address["url"]
            continue
        fields = _header_fields(line)
        metadata = is_metadata(line) or _is_date_field(line)
        if fields is not None or metadata:
            # 索引号：…, 名称：…, 发布机构：…: the disclosure table, not the title
            named = _TITLE_FIELD.search(line)
            title_field = title_field or (named["value"] if named else "")
            runs.append([])
        if fields is not None:
            dates += fields[0]
            issuers += fields[1]
            continue
        if metadata:
            continue
        if line.startswith(("——", "--", "—")):  # a speech line: ——在…会议上的报告
            continue
        if _is_body_start(line):
            break
        runs[-1].append(line)
    else:
        start = len(lines)
    body, after = _split_footer(lines[start:])
    body, signed_date, signed_issuer = _signature(body)
    date = min(dates, key=lambda found: found[0])[1] if dates else signed_date
    title = "".join(_title_lines(runs)) or title_field
    issuer = signed_issuer or _title_issuer(title)
    if not issuer and issuers:
        issuer = min(issuers, key=lambda found: found[0])[1]
    dropped = [line for line in after if SENTENCE.search(line)]
    year, clue = _year(title, body)
    return Page(title, date, issuer, year, body, dropped, clue, source_url)


def _is_date_field(line: str) -> bool:
    return bool(_DATE_FIELD.match(nfkc(line))) and not SENTENCE.search(line)


def _title_lines(runs: list[list[str]]) -> list[str]:
    """The title's lines: of the runs of lines above the body, the one that reads as a title
    (it says 报告, 总结 or 情况), else the longest; a line the next one repeats at its start
    (the site's name above the title that names it again) is the page's, not the title's."""
    candidates = [run for run in runs if run] or [[]]
    titled = [run for run in candidates if any(w in "".join(run) for w in _REPORT_WORDS)]
    run = max(titled or candidates, key=lambda lines: sum(map(len, lines)))
    return [line for line, after in pairwise(run) if not after.startswith(line)] + run[-1:]


def _title_issuer(title: str) -> str:
    """The organ a title names before 关于 or the year, or "" (see the module docstring)."""
    named = _TITLE_ISSUER.match(arabic_dates(title))
    if not named:
        return ""
    body = named["body"].strip(_SPACES)
    if len(body) > 30 or not body.endswith(_ORGAN_ENDINGS) or re.search(r"[,，。:：;；]", body):
        return ""
    return body


def is_header_line(line: str) -> bool:
    """Whether the page reader takes ``line``, above a report, for a line of header fields (a
    date, an issuer) rather than part of the title: the web-page reader hands over only these."""
    line = line.strip(_SPACES)
    return _header_fields(line) is not None or is_metadata(line) or _is_date_field(line)


# The longest line read as header fields (索引号：… 发布日期：… 来源：… on one line is about 100
# characters): longer, it is text, and the field patterns never see it.
_HEADER_LINE_MAX = 200


def _header_fields(
    line: str,
) -> tuple[list[tuple[int, dt.date]], list[tuple[int, str]]] | None:
    """The dates and the issuers (each with its rank) a header line gives; None for another
    line. Dates are read from the NFKC form (２０２４－１２－３１); a sentence is never a header
    line."""
    if len(line) > _HEADER_LINE_MAX:  # a header line is short; its patterns need not run
        return None
    if SENTENCE.search(line):
        return None
    plain = arabic_dates(nfkc(line))
    lone = _LONE_DATE.fullmatch(plain)
    if lone:
        date = _date(lone)
        return ([(0, date)] if date else []), []
    dates = []
    for found in _LABELLED_DATE.finditer(plain):
        date = _date(found)
        if date:
            dates.append((_RANK[re.sub(r"\s", "", found["label"])], date))
    issuers = [
        (_SOURCE_RANK[re.sub(r"\s", "", found["label"])], found["source"].strip(_SPACES))
        for found in _LABELLED_SOURCE.finditer(line)
    ]
    if not dates and not issuers:
        return None
    return dates, [(rank, issuer) for rank, issuer in issuers if issuer]


def _split_footer(lines: list[str]) -> tuple[list[str], list[str]]:
    """The body and what follows it: the page again from the first footer line on (主办单位：…),
    or from chrome (扫一扫…, 打印本页) no sentence follows. Chrome between sentences is dropped."""
    goes_on = [False] * (len(lines) + 1)  # a sentence follows before a footer line
    for at in range(len(lines) - 1, -1, -1):
        line = lines[at]
        goes_on[at] = not is_footer(line) and (bool(SENTENCE.search(line)) or goes_on[at + 1])
    body: list[str] = []
    for at, line in enumerate(lines):
        if is_footer(line) or (is_chrome(line) and not goes_on[at + 1]):
            return body, lines[at:]
        if not is_chrome(line):
            body.append(line)
    return body, []


def _signature(body: list[str]) -> tuple[list[str], dt.date | None, str]:
    """A report may end with its issuer and date on lines of their own: they are not text."""
    if not body:
        return body, None, ""
    lone = _LONE_DATE.fullmatch(arabic_dates(body[-1]))
    if not lone:
        return body, None, ""
    body = body[:-1]
    issuer = ""
    signature = body[-1] if body else ""
    if (
        signature
        and len(signature) <= 30
        and not any(m in signature for m in "。,;:，；：")
        and not _ANY_MARKER.match(signature)
    ):
        issuer = signature
        body = body[:-1]
    return body, _date(lone), issuer


def arabic_dates(text: str) -> str:
    """``text`` with years and dates in Chinese numerals written in Arabic digits, for reading
    them (二〇二五年一月十日 -> 2025年1月10日); the text itself is kept as written."""

    def arabic(found: re.Match[str]) -> str:
        year = "".join(str(CN_DIGITS[c]) for c in found["y"].translate(_ZEROS))
        parts = [f"{year}年"]
        for key, mark in (("m", "月"), ("d", "日")):
            if found[key]:
                try:
                    parts.append(f"{chinese_to_int(found[key])}{mark}")
                except FigureError:  # 一一月 is no month: the text is left as written
                    return found[0]
        return "".join(parts)

    return _CN_DATE.sub(arabic, text)


def years_in(text: str) -> list[tuple[int, int]]:
    """(offset, year) of each year ``text`` names as a year: written 2024年 or 二〇二四年, in
    digits of any width, outside a document's title (《…》), a range (2023-2027年) and a plan
    (2025年工作计划); a year the model would refuse is no year either."""
    plain = arabic_dates(nfkc(text))
    blank = _RANGE.sub(lambda found: " " * len(found[0]), plain)
    blank = _BOOK_TITLE.sub(lambda found: " " * len(found[0]), blank)
    return [
        (found.start(), int(found["year"]))
        for found in _YEAR.finditer(blank)
        if YEAR_MIN <= int(found["year"]) <= YEAR_MAX
    ]


def _year(title: str, body: list[str]) -> tuple[int | None, str]:
    """The year reported on, and where it was read when not from the title. In this order of
    trust: the title; the opening sentence (2024年,…); a heading of the first part that
    starts with it (一、2024年度主要工作成效, or its (一)). ``import_report`` then falls back on
    the publication date."""
    found = years_in(title)
    if found:
        return found[0][1], ""
    for line in body[:_OPENING_LINES]:
        found = years_in(line)
        if found and found[0][0] == 0:
            return found[0][1], f"the opening sentence ({clipped(line, 12)})"
    parts = 0
    for line in body:
        parts += bool(_PART_MARKER.match(line))
        if parts > 1:  # 六、2023年度…问题的改进情况 looks back: only part 一 says what is reported
            break
        marker = _ANY_MARKER.match(line)
        heading = line[marker.end() :].lstrip(_SPACES) if marker else ""
        found = years_in(heading)
        if found and found[0][0] == 0:
            return found[0][1], f"the heading {clipped(line, 24)}"
    return None, ""


def clipped(line: str, limit: int = 40) -> str:
    """``line`` as a note quotes it: cut after ``limit`` characters, with an ellipsis."""
    return line if len(line) <= limit else line[:limit] + "…"
