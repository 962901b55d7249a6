"""Lines of a web page that are not the report: navigation and buttons (chrome), the
information-disclosure metadata block above a document, and the footer below it."""

from __future__ import annotations

import re


def spaced(*labels: str) -> str:
    """A regex alternation of labels, longest first, each also written with spaces between its
    characters: pages align 时  间： with 发布时间： by padding."""
    ordered = sorted(set(labels), key=len, reverse=True)
    return "(?:" + "|".join(r"\s*".join(map(re.escape, label)) for label in ordered) + ")"


_OPEN, _CLOSE = r"[【\[]", r"[】\]]"
# One piece of chrome; a chrome line is one or more pieces (浏览次数：1234 字号：大 中 小 打印本页).
_PIECES = (
    # breadcrumbs: 当前位置：…, 首页 > 政务公开, 首页 / …, 首页 | …, 首页 - …
    spaced("当前位置", "當前位置", "您的位置", "您现在的位置", "您現在的位置", "您当前的位置")
    + r"\s*[:：].*",
    r"(?:网站首页|網站首頁|首页|首頁)\s*[>›»/|｜\-－—＞].*",
    # font size: 字体大小:大 中 小, 【字号：大 中 小】, 字号：T|T, 字体：【大 中 小】,
    # 【大】【中】【小】
    rf"{_OPEN}?\s*(?:字体大小|字體大小|字号|字號|字体|字體)\s*[:：]?\s*{_OPEN}?"
    rf"[大中小TtAa+\-|｜\s]*{_CLOSE}?\s*{_CLOSE}?",
    rf"(?:{_OPEN}\s*[大中小]\s*{_CLOSE}\s*){{2,}}",
    # counters: 浏览次数:123, 阅读：1234, 点击数：56, 访问量：
    r"(?:浏览次数|瀏覽次數|阅读次数|閱讀次數|访问量|訪問量|点击量|點擊量|浏览量|瀏覽量|点击数|點擊數"
    r"|阅读量|閱讀量)\s*[:：]?\s*\d*\s*次?",
    r"(?:阅读|閱讀|浏览|瀏覽|点击|點擊|访问|訪問)\s*[:：]\s*\d*\s*次?",
    # buttons: 打印本页 关闭窗口, 【打印】【关闭】, [打印] [关闭], 打印本页|关闭窗口
    rf"(?:{_OPEN}?\s*(?:打印本页|打印本頁|关闭窗口|關閉窗口|打印|关闭|關閉|返回顶部|返回頂部|收藏"
    rf"|加入收藏)\s*{_CLOSE}?\s*[|｜/]?\s*)+",
    r"(?:扫一扫在手机上?打开当前页|掃一掃在手機上?打開當前頁|手机扫一扫|手機掃一掃|扫一扫|掃一掃)",
    r"(?:分享到|分享至)\s*[:：]?.*",
)
_CHROME = re.compile("(?:" + "|".join(_PIECES) + r")(?:\s*(?:" + "|".join(_PIECES) + "))*")

# The metadata table of an information-disclosure page (索引号, 分类, 文号, 主题词…). Its issuer
# and date lines are read as header facts before this is tried; the rest is dropped.
_METADATA_LABELS = (
    "索引号", "索引號", "分类", "分類", "主题分类", "主題分類", "体裁分类", "體裁分類",
    "组配分类", "組配分類", "信息分类", "信息分類", "文号", "文號", "发文字号", "發文字號",
    "主题词", "主題詞", "关键词", "關鍵詞", "公开方式", "公開方式", "公开范围", "公開範圍",
    "公开时限", "公開時限", "有效性", "效力状态", "效力狀態", "所属机构", "所屬機構",
    "作者", "责任编辑", "責任編輯", "编辑", "編輯",
)  # fmt: skip
# The document's name in that table (名称：…, 标　　题：…): a field, never part of a title line.
TITLE_FIELD_LABELS = (
    "名称", "名稱", "标题", "標題", "文件名称", "文件名稱", "信息名称", "信息名稱",
    "文件标题", "文件標題", "公文标题", "公文標題",
)  # fmt: skip
_METADATA = re.compile(spaced(*_METADATA_LABELS, *TITLE_FIELD_LABELS) + r"\s*[:：].*")

# What a page puts below a report: once the body has begun, a line of this shape ends it. The
# word alone is not enough: 承办单位均在规定时限内答复。 is report text. A footer line is the word
# as a label (主办单位：…, 版权所有 ©…, 联系我们) and no sentence.
_FOOTER = re.compile(
    r"(?:(?:相关附件|相關附件|附件下载|附件下載|主办单位|主辦單位|承办单位|承辦單位|版权所有|版權所有"
    r"|技术支持|技術支持|联系我们|聯繫我們|网站标识码|網站標識碼)(?:\s*[:：©]|\s|$)"
    r"|.*ICP备|.*ICP備|.*公网安备|.*公網安備)"
)
SENTENCE = re.compile("[。！？!?]")


def is_chrome(line: str) -> bool:
    return bool(_CHROME.fullmatch(line))


def is_metadata(line: str) -> bool:
    return bool(_METADATA.fullmatch(line)) and not SENTENCE.search(line)


def is_footer(line: str) -> bool:
    """主办单位：…, 版权所有 ©…, 相关附件: a page footer line, not a sentence of the report."""
    return bool(_FOOTER.match(line)) and not SENTENCE.search(line)
