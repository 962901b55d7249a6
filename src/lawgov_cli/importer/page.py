"""A report page as copied from a website: page chrome to drop, header facts to keep (title,
publication date, issuer, the year reported on), and the body lines in between."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# Lines that are the web page, not the report (matched against the whole stripped line).
_CHROME = [
    re.compile(p)
    for p in (
        r"(当前位置|當前位置|您的位置|您现在的位置|您現在的位置)\s*[:：].*",
        r".*(首页|首頁).*[>›»].*",
        r"[【\[]?\s*(字体大小|字體大小|字号|字號|字体|字體)\s*[:：]?\s*[大中小\s]*[】\]]?",
        r"(浏览次数|瀏覽次數|阅读次数|閱讀次數|访问量|訪問量|点击量|點擊量|浏览量|瀏覽量)"
        r"\s*[:：]?\s*\d*",
        r"([【\[]?(打印本页|打印本頁|关闭窗口|關閉窗口|打印|关闭|關閉|返回顶部|返回頂部|收藏)"
        r"[】\]]?\s*)+",
        r"(扫一扫在手机打开当前页|掃一掃在手機打開當前頁|扫一扫|掃一掃)",
        r"(分享到|分享至)\s*[:：]?.*",
    )
]

_DATE = r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
_DATE_LABEL = (
    r"(?:发布时间|發佈時間|發布時間|更新时间|更新時間|发布日期|發佈日期|成文日期|日期|时间|時間)"
)
_SOURCE_LABEL = r"(?:信息来源|信息來源|来源|來源|发布机构|發佈機構|發布機構|发文机关|發文機關)"
_LABELLED_DATE = re.compile(rf"{_DATE_LABEL}\s*[:：]\s*{_DATE}")
_LABELLED_SOURCE = re.compile(
    rf"{_SOURCE_LABEL}\s*[:：]\s*(?P<source>.+?)\s*(?={_DATE_LABEL}\s*[:：]|浏览|瀏覽|$)"
)
_LONE_DATE = re.compile(rf"{_DATE}(\s+\d{{1,2}}:\d{{2}}(:\d{{2}})?)?")
_PART_MARKER = re.compile(r"[一二三四五六七八九十]+、")
_YEAR = re.compile(r"(\d{4})\s*年")
_OPENING_YEAR = re.compile(r"^(\d{4})\s*年")
_SPACES = " \t\u3000\u00a0\ufeff"


@dataclass
class Page:
    title: str  # "" when the page has no title line
    date: dt.date | None
    issuer: str
    year: int | None
    body: list[str]
    dropped: list[str] = field(default_factory=list)  # sentences after the page footer began


# What a page puts below a report: once the body has begun, a line of this shape ends it. The
# word alone is not enough: 承办单位均在规定时限内答复。 is report text. A footer line is the word
# as a label (主办单位：…, 版权所有 ©…, 联系我们) and no sentence.
_FOOTER = re.compile(
    r"(?:(?:相关附件|相關附件|附件下载|附件下載|主办单位|主辦單位|承办单位|承辦單位|版权所有|版權所有"
    r"|技术支持|技術支持|联系我们|聯繫我們|网站标识码|網站標識碼)(?:\s*[:：©]|\s|$)"
    r"|.*ICP备|.*ICP備|.*公网安备|.*公網安備)"
)
_SENTENCE = re.compile("[。！？!?]")


def is_chrome(line: str) -> bool:
    return any(pattern.fullmatch(line) for pattern in _CHROME)


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
    date: dt.date | None = None
    issuer = ""
    title_lines: list[str] = []
    start = 0
    for start, line in enumerate(lines):  # noqa: B007 - start is the body's first line
        if is_chrome(line):
            continue
        labelled_date = _LABELLED_DATE.search(line)
        labelled_source = _LABELLED_SOURCE.search(line)
        if labelled_date or labelled_source:
            if labelled_date and date is None:
                date = _date(labelled_date)
            if labelled_source and not issuer:
                issuer = labelled_source["source"].strip(_SPACES)
            continue
        lone = _LONE_DATE.fullmatch(line)
        if lone:
            date = date or _date(lone)
            continue
        if line.startswith(("——", "--", "—")):  # a speech line: ——在…会议上的报告
            continue
        if _is_body_start(line):
            break
        title_lines.append(line)
    else:
        start = len(lines)
    body, after = _split_footer(lines[start:])
    body, signed_date, signed_issuer = _signature(body)
    date = date or signed_date
    issuer = issuer or signed_issuer
    title = "".join(title_lines)
    dropped = [line for line in after if _SENTENCE.search(line)]
    return Page(title, date, issuer, _year(title, body), body, dropped)


def is_footer(line: str) -> bool:
    """主办单位：…, 版权所有 ©…, 相关附件: a page footer line, not a sentence of the report."""
    return bool(_FOOTER.match(line)) and not _SENTENCE.search(line)


def _split_footer(lines: list[str]) -> tuple[list[str], list[str]]:
    """The body and what follows it: the page again from the first chrome or footer line on
    (扫一扫…, 打印本页, 主办单位：…)."""
    for at, line in enumerate(lines):
        if is_chrome(line) or is_footer(line):
            return lines[:at], lines[at:]
    return lines, []


def _signature(body: list[str]) -> tuple[list[str], dt.date | None, str]:
    """A report may end with its issuer and date on lines of their own: they are not text."""
    if not body:
        return body, None, ""
    lone = _LONE_DATE.fullmatch(body[-1])
    if not lone:
        return body, None, ""
    body = body[:-1]
    issuer = ""
    if body and len(body[-1]) <= 30 and not any(m in body[-1] for m in "。,;:，；："):
        issuer = body[-1]
        body = body[:-1]
    return body, _date(lone), issuer


def _year(title: str, body: list[str]) -> int | None:
    """The year reported on: from the title, else the opening sentence (2024年,…)."""
    found = _YEAR.search(title)
    if found:
        return int(found[1])
    for line in body[:3]:
        opening = _OPENING_YEAR.match(line)
        if opening:
            return int(opening[1])
    return None
