"""lawgov import on web pages (importer/readers/webpage.py): the fixtures of tests/fixtures/html
(synthetic pages in the shapes of government CMS pages, built by make_pages.py there) imported
by the installed command, charsets, finding the body, and hostile pages.

Every page here is synthetic. Page text written in this file is invented (柳溪区 is a made-up
place); the fixtures say where their text comes from."""

from __future__ import annotations

import codecs
import contextlib
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SOURCE
from lawgov_cli import load_report
from lawgov_cli.core.errors import ImportFailure
from lawgov_cli.importer.build import Overrides, import_report
from lawgov_cli.importer.page import is_header_line, read_page
from lawgov_cli.importer.readers import read_source, reader_for, suffixes
from lawgov_cli.importer.readers.webpage import decode, sniff
from test_installed import LAWGOV, clean_env

HTML = Path(__file__).parent / "fixtures" / "html"
PAGES = sorted(json.loads(p.read_text(encoding="utf-8"))["page"] for p in HTML.glob("*.json"))
installed = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


def expected(page: str) -> dict:
    stem = page.rsplit(".", 1)[0]
    return json.loads((HTML / f"{stem}.expected.json").read_text(encoding="utf-8"))


def lawgov(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    assert LAWGOV is not None
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=clean_env(), input=None if stdin is None else stdin,
        capture_output=True, timeout=120,
    )  # fmt: skip


def text_of(done: subprocess.CompletedProcess[str]) -> tuple[str, str]:
    out, err = done.stdout, done.stderr
    return (
        out.decode("utf-8") if isinstance(out, bytes) else out,
        err.decode("utf-8") if isinstance(err, bytes) else err,
    )


def page(title: str = "柳溪区2024年法治政府建设年度报告", body: str = "", head: str = "") -> bytes:
    """A small synthetic page (UTF-8) around ``body``."""
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title>{head}</head><body>"
        "<div class='nav'><a href='/'>首页</a><a href='/zwgk'>政务公开</a></div>"
        f"<div class='main'><h1>{title}</h1><div class='info'>发布时间：2025-01-10</div>"
        f"<div class='content'>{body}</div></div>"
        "<div class='footer'>主办单位：柳溪区人民政府办公室</div></body></html>"
    ).encode()


PARAGRAPHS = (
    "<p>2024年，柳溪区持续推进法治政府建设，各项工作取得新进展。</p>"
    "<p>一、工作成效</p><p>全年办理行政复议案件120件，纠错率为9.8%。</p>"
)


# --- the fixtures, imported by the installed command ------------------------------------------


def test_there_are_fixtures_of_every_shape() -> None:
    hows = {expected(p)["how"] for p in PAGES}
    assert len(PAGES) >= 4
    assert "HTML page, gb18030, declared gb2312" in hows  # a GBK page
    assert "HTML page, utf-8, no charset declared" in hows
    assert any(expected(p)["source_url"] for p in PAGES)
    assert {Path(p).suffix for p in PAGES} == {".html", ".htm", ".shtml"}
    for name in PAGES:  # each says it is synthetic, in the page and beside it
        assert "Synthetic page built for lawgov's tests" in expected(name)["notice"]
        raw = (HTML / name).read_bytes()
        assert b"Synthetic page built for lawgov's tests" in raw


@installed
@pytest.mark.parametrize("name", PAGES)
def test_a_page_imports_as_its_text_copy(name: str, tmp_path: Path) -> None:
    """Header facts as the page states them, and the same sections and figures as the page
    copied as text (NAME.copy.txt); no menu, share bar, footer or script in the report."""
    want = expected(name)
    done = lawgov("import", str(HTML / name), "-o", "out.toml", cwd=tmp_path)
    _, err = text_of(done)
    assert done.returncode == 0, err
    assert err == "lawgov: wrote out.toml" + err.split("out.toml", 1)[1]  # notes may follow
    assert "Traceback" not in err
    written = (tmp_path / "out.toml").read_text(encoding="utf-8")
    assert f"({want['how']})." in written.splitlines()[0]
    report = load_report(tmp_path / "out.toml")
    assert (report.title, report.issuer, str(report.date), report.year, report.source_url) == (
        want["title"],
        want["issuer"],
        want["date"],
        want["year"],
        want["source_url"],
    )
    copy = import_report((HTML / f"{name.rsplit('.', 1)[0]}.copy.txt").read_bytes(), "copy")
    assert [(s.id, s.title, s.text) for s in report.sections] == [
        (s.id, s.title, s.text) for s in copy.report.sections
    ]
    figures = [(m.section, m.figure, m.value, m.unit, m.qualifier) for m in report.metrics]
    assert figures == [
        (m.section, m.figure, m.value, m.unit, m.qualifier) for m in copy.report.metrics
    ]
    assert len(figures) >= 12
    data = json.dumps(tomllib.loads(written), ensure_ascii=False, default=str)
    leaked = [word for word in want["chrome"] if word in data]
    assert leaked == []


@installed
def test_the_nanshan_page_gives_our_58_figures_and_its_address(tmp_path: Path) -> None:
    done = lawgov("import", str(HTML / "nanshan-2024.html"), "-o", "-", cwd=tmp_path)
    out, err = text_of(done)
    assert done.returncode == 0, err
    report = tomllib.loads(out)
    assert len(report["metrics"]) == 58
    curated = load_report()
    assert report["report"]["source_url"] == curated.source_url


@installed
def test_source_url_option_beats_the_page(tmp_path: Path) -> None:
    given_url = "https://example.org/report.html"
    done = lawgov(
        "import", str(HTML / "nanshan-2024.html"), "--source-url", given_url, "-o", "-",
        cwd=tmp_path,
    )  # fmt: skip
    out, err = text_of(done)
    assert done.returncode == 0, err
    assert tomllib.loads(out)["report"]["source_url"] == given_url


@installed
def test_html_is_known_by_its_content_whatever_its_name(tmp_path: Path) -> None:
    """A page piped in, or saved as .txt, is read as a page: no markup in the report."""
    raw = (HTML / "qinghe-2024.html").read_bytes()
    piped = lawgov("import", "-", "-o", "-", cwd=tmp_path, stdin=raw)
    out, err = text_of(piped)
    assert piped.returncode == 0, err
    assert "HTML page, gb18030" in out.splitlines()[0]
    assert "<p" not in out
    assert "TRS_Editor" not in out
    (tmp_path / "saved.txt").write_bytes(raw)
    saved = lawgov("import", "saved.txt", "-o", "-", cwd=tmp_path)
    assert text_of(saved)[0].split("\n", 1)[1] == out.split("\n", 1)[1]


def test_a_text_copy_that_states_its_address_gives_source_url() -> None:
    text = (
        "柳溪区2024年法治政府建设年度报告\n发布时间：2025-01-10\n"
        "原文链接：https://www.liuxi.example.org/fzzf/2025/0110.html\n"
        "2024年，柳溪区持续推进法治政府建设，各项工作取得新进展。\n"
    )
    page_read = read_page(text)
    assert page_read.title == "柳溪区2024年法治政府建设年度报告"
    assert page_read.source_url == "https://www.liuxi.example.org/fzzf/2025/0110.html"
    report = import_report(text.encode(), "copy.txt").report
    assert report.source_url == page_read.source_url
    given_url = import_report(text.encode(), "copy.txt", Overrides(source_url="https://a.example"))
    assert given_url.report.source_url == "https://a.example"


# --- sniffing and choosing the reader ----------------------------------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        b"<!DOCTYPE html><html>",
        b"<!doctype HTML>",
        b"  \r\n<html lang='zh'>",
        b"<HEAD><title>",
        b"<meta charset=gbk>",
        codecs.BOM_UTF8 + b"<!DOCTYPE html>",
        b"<!-- saved from url=(0040)https://example.org -->\n<!DOCTYPE html>",
        b"<?xml version='1.0' encoding='utf-8'?>\n<!-- a -->\n<!-- b -->\n<html>",
        "<!DOCTYPE html>".encode("utf-16"),
    ],
)
def test_html_is_sniffed(opening: bytes) -> None:
    assert sniff(opening + b"<body>x</body>")
    assert reader_for(opening, "report.txt").name == "web page"


@pytest.mark.parametrize(
    "opening",
    [
        "柳溪区2024年法治政府建设年度报告\n<html>".encode(),
        b"<p>a fragment</p>",
        b"<!-- a comment that never ends <html>",
        b"<htmx>",
        b"",
    ],
)
def test_what_is_not_html_is_not_sniffed(opening: bytes) -> None:
    assert not sniff(opening)
    assert reader_for(opening, "report.txt").name == "text"


def test_extensions_choose_the_reader_when_content_does_not() -> None:
    for name in ("a.html", "A.HTM", "b.shtml"):
        assert reader_for(b"<p>fragment</p>", name).name == "web page"
    assert {".html", ".htm", ".shtml", ".txt"} <= set(suffixes())
    text, how = read_source("<p>柳溪区报告正文。</p>".encode(), "frag.html")
    assert how == "HTML page, utf-8, no charset declared"
    assert text == "柳溪区报告正文。\n"


# --- charsets ----------------------------------------------------------------------------------

# 镕 and 堃 are in GBK but not in GB2312: pages labelled gb2312 hold them all the same.
GBK_ONLY = "朱镕基、王堃"


@pytest.mark.parametrize("label", ["gb2312", "GBK", "gb18030", "x-gbk"])
def test_declared_gb_charsets_are_read_as_gb18030(label: str) -> None:
    raw = f'<html><head><meta charset="{label}"></head><body><p>{GBK_ONLY}</p>'.encode("gbk")
    markup, how = decode(raw, "p.html")
    assert GBK_ONLY in markup
    # "declared" alone where the label names the codec read
    assert how == (
        "gb18030, declared" if label == "gb18030" else f"gb18030, declared {label.lower()}"
    )


def test_http_equiv_content_type_is_read() -> None:
    raw = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312">'
        f"</head><body><p>{GBK_ONLY}</p>"
    ).encode("gbk")
    assert decode(raw, "p.html") == (raw.decode("gb18030"), "gb18030, declared gb2312")


def test_a_wrong_or_western_declaration_gives_way_to_detection() -> None:
    gbk = f'<html><head><meta charset="utf-8"></head><body><p>{GBK_ONLY}</p>'.encode("gbk")
    assert decode(gbk, "p.html")[1] == "gb18030, not the declared utf-8"
    latin = f'<html><head><meta charset="iso-8859-1"></head><body><p>{GBK_ONLY}</p>'.encode()
    assert decode(latin, "p.html")[1] == "utf-8, not the declared iso-8859-1"


def test_big5_declared_is_read() -> None:
    traditional = "臺北市政府法治報告"
    raw = f"<html><head><meta charset=big5></head><body><p>{traditional}</p>".encode("big5")
    markup, how = decode(raw, "p.html")
    assert traditional in markup
    assert how == "big5hkscs, declared big5"


def test_a_few_damaged_bytes_are_replaced_many_refused() -> None:
    good = f"<html><head><meta charset=gbk></head><body><p>{'柳溪区报告正文。' * 200}</p>"
    raw = good.encode("gbk")
    damaged = raw[:-40] + b"\xff" + raw[-40:]
    markup, how = decode(damaged, "p.html")
    assert how == "gb18030, declared gbk, 1 bad bytes replaced"
    assert "\ufffd" in markup
    with pytest.raises(ImportFailure, match=r"p\.html: declares gbk, but \d+ characters"):
        decode(raw.replace("报".encode("gbk"), b"\xff\xff"), "p.html")


def test_a_bom_beats_the_declaration() -> None:
    raw = codecs.BOM_UTF8 + '<html><head><meta charset="gbk"></head><p>柳溪区</p>'.encode()
    assert decode(raw, "p.html")[1] == "utf-8-sig by its BOM"


# --- the body ----------------------------------------------------------------------------------


def body_lines(raw: bytes) -> list[str]:
    text, _ = read_source(raw, "page.html")
    return read_page(text).body


def test_paragraph_breaks_and_tables_become_lines() -> None:
    body = (
        "<p>2024年，柳溪区持续推进法治政府建设。<br>各项工作取得新进展。</p>"
        "<div>一、工作成效</div><ul><li>全年办理行政复议案件120件</li><li>纠错率为9.8%</li></ul>"
        "<table><tr><th>项目</th><th>数量</th></tr><tr><td>复议\n案件</td><td>120\t件</td></tr></table>"
        "<pre>第一行\n第二行</pre><p><span>行内</span><b>文字</b>相连。</p>"
    )
    assert body_lines(page(body=body)) == [
        "2024年，柳溪区持续推进法治政府建设。",
        "各项工作取得新进展。",
        "一、工作成效",
        "全年办理行政复议案件120件",
        "纠错率为9.8%",
        "项目 数量",
        "复议案件 120 件",
        "第一行",
        "第二行",
        "行内文字相连。",
    ]


def test_what_is_not_report_text_is_left_out() -> None:
    body = (
        PARAGRAPHS
        + "<script>document.write('<p>脚本里的文字</p>')</script><style>p{}</style>"
        + "<div style='display: none'>隐藏的文字</div><p hidden>也隐藏</p>"
        + "<div class='bdsharebuttonbox'>分享到：<a>微信</a></div>"
        + "<form><select><option>请选择栏目</option></select><button>提交留言</button></form>"
        + "<nav><a>上一篇</a><a>下一篇</a></nav>"
    )
    text, _ = read_source(page(body=body), "page.html")
    for hidden in (
        "脚本",
        "隐藏",
        "也隐藏",
        "分享",
        "请选择",
        "提交留言",
        "上一篇",
        "首页",
        "主办",
    ):
        assert hidden not in text
    assert "全年办理行政复议案件120件，纠错率为9.8%。" in text


def test_the_body_is_where_the_chinese_text_is_whatever_the_cms_calls_it() -> None:
    """No class name is looked for: a sidebar of links and a short notice lose to the body."""
    links = "".join(f"<li><a href='/{i}'>柳溪区第{i}号通知公告标题文字</a></li>" for i in range(40))
    raw = (
        "<html><head><meta charset='utf-8'><title>柳溪区2024年法治政府建设年度报告</title>"
        "</head><body><table><tr><td class='l'><ul>" + links + "</ul><p>联系电话：示例</p></td>"
        "<td class='r'><div class='x1'><div class='x2'>" + PARAGRAPHS * 3 + "</div></div>"
        "</td></tr></table></body></html>"
    ).encode()
    text, _ = read_source(raw, "page.html")
    assert "通知公告" not in text
    assert "联系电话" not in text
    assert text.startswith("柳溪区2024年法治政府建设年度报告\n2024年，柳溪区")


def test_a_long_paragraph_does_not_lose_its_siblings() -> None:
    """The body is never looked for inside one paragraph, however much of the text it holds: a
    report pasted into one <p> keeps its signature, a short page its other paragraphs."""
    pasted = (
        "<div class='TRS_Editor'><p>" + "全年办理行政复议案件120件。<br>" * 20 + "</p>"
        "<p align='right'>柳溪区人民政府</p><p align='right'>2025年1月10日</p></div>"
        "<div class='related'><a>相关文章</a></div>"
    )
    assert body_lines(page(body=pasted))[-1] == "全年办理行政复议案件120件。"
    imported = import_report(page(body=pasted), "page.html").report
    assert (imported.issuer, str(imported.date)) == ("柳溪区人民政府", "2025-01-10")
    short = "<p>2024年，柳溪区持续推进法治政府建设，各项工作取得新进展。</p><p>特此报告。</p>"
    assert body_lines(page(body=short))[-1] == "特此报告。"


def test_the_title_is_not_repeated_from_the_body() -> None:
    title = "柳溪区2024年法治政府建设年度报告"
    body = f"<p>{title}</p>" + PARAGRAPHS
    head = f"<meta name='ArticleTitle' content='{title}'><meta name='PubDate' content='2025-01-10'>"
    text, _ = read_source(page(body=body, head=head), "page.html")
    assert text.count(title) == 1
    split = "<p>柳溪区人民政府关于</p><p>2024年法治政府建设情况的报告</p>" + PARAGRAPHS
    two_lines = head.replace(title, "柳溪区人民政府关于2024年法治政府建设情况的报告")
    text, _ = read_source(page(body=split, head=two_lines), "page.html")
    assert text.startswith("柳溪区人民政府关于2024年法治政府建设情况的报告\n发布日期：2025-01-10\n")
    assert "柳溪区人民政府关于\n" not in text
    imported = import_report(page(body=body, head=head), "page.html").report
    assert imported.title == title
    assert str(imported.date) == "2025-01-10"


SITE_NAME = "<meta name='SiteName' content='柳溪区人民政府网'>"


@pytest.mark.parametrize(
    ("title_tag", "head", "want"),
    [
        ("柳溪区年度报告_政务公开_柳溪区人民政府网", "", "柳溪区年度报告"),
        ("柳溪区人民政府网", SITE_NAME, "报告标题"),
        ("柳溪区人民政府网 - 栏目", SITE_NAME, "报告标题"),
    ],
)
def test_the_title_when_the_page_has_no_article_title(title_tag: str, head: str, want: str) -> None:
    raw = (
        f"<html><head><meta charset='utf-8'><title>{title_tag}</title>{head}</head><body>"
        f"<div class='article'><h2>报告标题</h2><div>{PARAGRAPHS * 2}</div></div></body></html>"
    ).encode()
    assert read_source(raw, "p.html")[0].split("\n", 1)[0] == want


def test_only_a_line_read_as_a_title_is_handed_over_as_one() -> None:
    """An ArticleTitle that is a sentence, or longer than a title line, would be read as the
    report's first line: the next candidate is taken."""
    for bad in ("柳溪区办理案件120件。", "柳溪区" * 30):
        head = f"<meta name='ArticleTitle' content='{bad}'>"
        text, _ = read_source(page(body=PARAGRAPHS, head=head), "page.html")
        assert text.startswith("柳溪区2024年法治政府建设年度报告\n")


def test_only_date_and_source_lines_are_taken_from_above_the_body() -> None:
    """Lines above the body go to the page reader only when it reads them as header fields
    (page.is_header_line): any other line there would be read as part of the title, such as
    a list of other documents with their dates."""
    sidebar = (
        "<div class='list'><p>柳溪区召开专题会议 2024-05-06</p><p>2024-06-01</p>"
        "<p>来源：柳溪区司法局 浏览：12</p><p>发布时间：2025年1月9日 阅读次数：5</p></div>"
    )
    raw = page(body=PARAGRAPHS * 2).replace(b"<div class='main'>", sidebar.encode() + b"<div>")
    text, _ = read_source(raw, "page.html")
    above = text.split("2024年，柳溪区")[0].splitlines()
    assert above == [
        "柳溪区2024年法治政府建设年度报告",
        "2024-06-01",
        "来源：柳溪区司法局 浏览：12",
        "发布时间：2025年1月9日 阅读次数：5",
        "发布时间：2025-01-10",
    ]
    assert all(is_header_line(line) for line in above[1:])
    report = import_report(raw, "page.html").report
    assert (report.title, report.issuer) == ("柳溪区2024年法治政府建设年度报告", "柳溪区司法局")


def test_a_utf16_page_is_read() -> None:
    raw = page(body=PARAGRAPHS).decode().replace("utf-8", "utf-16").encode("utf-16")
    text, how = read_source(raw, "page.html")
    assert how == "HTML page, utf-16 by its BOM"
    assert "全年办理行政复议案件120件" in text


def test_a_relative_canonical_link_is_read_against_the_base() -> None:
    head = "<base href='https://www.liuxi.example.org/zwgk/'><link rel='canonical' href='a.html'>"
    text, _ = read_source(page(body=PARAGRAPHS, head=head), "page.html")
    assert "原文链接：https://www.liuxi.example.org/zwgk/a.html" in text.splitlines()
    bad = "<link rel='canonical' href='javascript:alert(1)'>"
    assert "原文链接" not in read_source(page(body=PARAGRAPHS, head=bad), "page.html")[0]


# --- hostile pages -----------------------------------------------------------------------------


@installed
def test_a_200_mb_page_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as sparse:
        sparse.truncate(200 * 1024 * 1024)
    done = lawgov("import", "big.html", cwd=tmp_path)
    _, err = text_of(done)
    assert done.returncode == 2
    assert err.startswith("lawgov: big.html: more than 16 MB: too large to import\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.html"]


@installed
@pytest.mark.parametrize(
    "markup",
    [
        "<html><body>" + "<div>" * 100_000 + "<p>柳溪区办理案件120件。</p>" + "</div>" * 100_000,
        "<html><body>" + "<ul><li>" * 50_000 + "柳溪区",
        # HTML5 parsers' worst case, the active formatting elements reopened (minutes, GBs)
        "".join(f"<b {i}>" for i in range(20_000))
        + "".join(f"<i {i}>" for i in range(20_000))
        + "柳溪区</b>" * 20_000,
    ],
    ids=["100,000 nested div", "50,000 nested list items", "formatting elements"],
)
def test_a_page_nested_too_deep_is_a_clear_error(markup: str, tmp_path: Path) -> None:
    (tmp_path / "deep.html").write_text(markup, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", RSS, LAWGOV or "", "import", "deep.html"],
        cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    message, peak = done.stderr.rsplit("\n", 2)[:2]
    assert message == (
        "lawgov: deep.html: elements nested over 2048 deep (line 1): not a page lawgov reads"
    )
    assert int(peak) < 200 * 1024  # KB: the page is read once, no tree of 100,000 levels is built
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep.html"]


# Runs a command and prints its peak memory (KB) on stderr after its own output.
RSS = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"<!DOCTYPE html><html><head><title>Annual report</title></head><body><p>Hello.</p>",
         "page.html: no Chinese text found; is this a report?"),
        ("<!DOCTYPE html><html><head><title>柳溪区</title><script>var a='柳溪区';</script></head>"
         "<body><div class='nav'><a>首页</a></div><p>Report text in English.</p></body></html>"
         .encode(), "page.html: no Chinese text in the page's body; is this a report?"),
        (b"<html>\x00\x01\x02" * 100, "page.html: binary data (NUL bytes), not report text"),
        (b"   ", "page.html: empty file, nothing to import"),
    ],
)  # fmt: skip
def test_what_is_not_a_report_page_is_refused(raw: bytes, message: str) -> None:
    with pytest.raises(ImportFailure) as failure:
        import_report(raw, "page.html")
    assert str(failure.value) == message


@installed
def test_a_page_that_is_not_a_report_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "en.html").write_bytes(b"<!DOCTYPE html><html><body><p>Hello.</p></body></html>")
    done = lawgov("import", "en.html", cwd=tmp_path)
    assert (done.returncode, text_of(done)) == (
        2,
        ("", "lawgov: en.html: no Chinese text found; is this a report?\n"),
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en.html"]


TAGS = st.sampled_from(
    ["<p>", "</p>", "<div class=x>", "</div>", "<table>", "<tr>", "<td>", "</td>", "<br>",
     "<b>", "</i>", "<script>", "</script>", "<!--", "-->", "<a href='x", "'>", "&nbsp;",
     "&#x4e2d;", "&amp", "<![CDATA[", "]]>", "<meta charset=gbk>", "<title>", "</html>",
     "<style>", "<select>", "<option>", "<?php", "?>", "<", ">", "\x00", "\ufeff"]
)  # fmt: skip
WORDS = st.sampled_from(
    ["柳溪区", "办理案件120件。", "一、", "2024年", "发布时间：2025-01-10", "\n"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TAGS, WORDS), max_size=60))
def test_malformed_markup_is_read_or_refused_never_a_crash(pieces: list[str]) -> None:
    raw = ("<html>" + "".join(pieces)).encode("utf-8", "surrogatepass")
    try:
        text, how = read_source(raw, "page.html")
    except ImportFailure:
        return
    assert how.startswith("HTML page, ")
    assert text.endswith("\n")
    with contextlib.suppress(ImportFailure):
        import_report(raw, "page.html", Overrides(year=2024))


def test_the_reader_does_not_recurse(tmp_path: Path) -> None:
    """2,000 levels (under libxml2's limit) under a recursion limit of 200: every walk of the
    tree is a loop."""
    markup = "<html><body>" + "<div>" * 2000 + PARAGRAPHS + "</div>" * 2000 + "</body></html>"
    script = (
        "import sys\nfrom lawgov_cli.importer.readers import read_source\n"
        "raw = open(sys.argv[1], 'rb').read()\nsys.setrecursionlimit(200)\n"
        "print(read_source(raw, 'deep.html')[0])\n"
    )
    (tmp_path / "deep.html").write_text(markup, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "deep.html")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "全年办理行政复议案件120件，纠错率为9.8%。" in done.stdout


def test_our_text_source_is_not_taken_for_html() -> None:
    assert reader_for(SOURCE.read_bytes(), SOURCE.name).name == "text"


# --- the web-page reader, line by line (readers/webpage.py; synthetic pages) --------------------

ARTICLE = (
    "<p>2024年，柳溪区持续推进法治政府建设，各项工作取得新进展。</p>"
    "<p>全年办理行政复议案件120件。</p>"
)
ARTICLE_LINES = [
    "2024年，柳溪区持续推进法治政府建设，各项工作取得新进展。",
    "全年办理行政复议案件120件。",
]
HEAD = "<html><head><meta charset='utf-8'>"


def read_lines(markup: str, name: str = "p.html") -> list[str]:
    return read_source(markup.encode(), name)[0].splitlines()


def refused_page(raw: bytes, name: str = "p.html") -> str:
    with pytest.raises(ImportFailure) as caught:
        read_source(raw, name)
    return str(caught.value)


def test_a_page_nested_too_deep_is_refused_naming_the_limit() -> None:
    deep = "<html><body>" + "<div>" * 3000 + "<p>柳溪区办理案件120件。</p>" + "</div>" * 3000
    assert refused_page(deep.encode(), "deep.html") == (
        "deep.html: elements nested over 2048 deep (line 1): not a page lawgov reads"
    )


def test_a_page_of_only_a_comment_has_no_html_content() -> None:
    assert refused_page("<!-- 柳溪区报告 -->".encode(), "c.html") == (
        "c.html: no HTML content found in the page"
    )


def test_a_page_without_chinese_is_refused_naming_it_whatever_its_charset() -> None:
    said = "e.html: no Chinese text found; is this a report?"
    for raw in (
        codecs.BOM_UTF8 + b"<html><body><p>Hello.</p>",
        b"<html><head><meta charset='utf-8'></head><body><p>Hello.</p>",
        b"<html><head><meta charset='gbk'></head><body><p>Hello \xff.</p>",
    ):
        assert refused_page(raw, "e.html") == said


def test_html5_elements_comments_and_processing_instructions() -> None:
    """libxml2 knows no <nav>, <section> or <article> (an error it logs, not a fatal one); a
    comment or a processing instruction inside a word leaves the word whole. The facts come
    from property= meta tags, PublishDate and ContentSource (its space kept)."""
    raw = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<meta property='og:url' content=' https://a.example.org/r.html '>"
        "<meta name='PublishDate' content='2025年2月12日'>"
        "<meta name='ContentSource' content='柳溪区 司法局'>"
        "<title>柳溪区2024年法治政府建设年度报告 - 柳溪区人民政府网</title></head><body>"
        "<nav>首页</nav><section><article><p>柳溪<!-- 注释 -->区<?php echo 1 ?>报告正文第一段。</p>"
        f"{ARTICLE}</article></section></body></html>"
    ).encode()
    assert read_source(raw, "p.html") == (
        "柳溪区2024年法治政府建设年度报告\n发布日期：2025-02-12\n来源：柳溪区 司法局\n"
        "原文链接：https://a.example.org/r.html\n柳溪区报告正文第一段。\n"
        + "\n".join(ARTICLE_LINES) + "\n",
        "HTML page, utf-8, declared",
    )  # fmt: skip


@pytest.mark.parametrize(
    "opening",
    [
        b"<!-- a > b --><html>",  # a comment ends at -->, not at the first >
        b"<?xml version='1.0'?><html>",  # a declaration ends at >
        b"<!--><!DOCTYPE html>",  # the shortest comment there is
    ],
)
def test_what_comes_before_the_html_is_skipped_to_its_end(opening: bytes) -> None:
    assert sniff(opening + b"<body>x</body>")


def test_a_declared_charset_that_names_the_codec_is_said_plainly() -> None:
    raw = f"<html><head><meta charset='utf-8'></head><body><p>{GBK_ONLY}</p>".encode()
    assert decode(raw, "p.html")[1] == "utf-8, declared"


def test_up_to_ten_damaged_bytes_or_one_in_a_thousand_are_replaced() -> None:
    head = b"<html><head><meta charset=gbk></head><body><p>"
    short = head + "柳溪区报告正文。".encode("gbk") * 20 + b"\xff" * 10
    assert decode(short, "p.html")[1] == "gb18030, declared gbk, 10 bad bytes replaced"
    long = head + "柳溪区报告正文。".encode("gbk") * 2000 + b"\xff" * 15  # 16,000 characters
    assert decode(long, "p.html")[1] == "gb18030, declared gbk, 15 bad bytes replaced"
    with pytest.raises(ImportFailure, match=r"p\.html: declares gbk, but 11 characters"):
        decode(short + b"\xff", "p.html")


def test_whitespace_in_the_markup_as_a_browser_shows_it() -> None:
    """A line break beside a Chinese character is no space; other runs are one space. Inside
    <pre> line breaks stay, in its inline elements too; a hidden block inside inline text
    breaks no line; a full-width indent and a leading X are kept."""
    body = (
        "<pre>项目  数量\n复议 120件</pre><pre>第一行\n<b>第二</b>行\n第三行</pre>"
        "<p>柳溪区\n2024年，a柳\n2024年，a\n柳溪，report\ntext。</p><p><b>甲</b>乙\n丙</p>"
        "<span>甲<div hidden>x</div>乙</span><div>甲</div>乙"
        "<p>\u3000\u3000XML格式目录。</p><p>XML格式。</p>"
    )
    assert read_lines(f"{HEAD}</head><body><div>{body}{ARTICLE}</div></body></html>") == [
        "项目 数量",
        "复议 120件",
        "第一行",
        "第二行",
        "第三行",
        "柳溪区2024年，a柳2024年，a柳溪，report text。",
        "甲乙丙",
        "甲乙",
        "甲",
        "乙",
        "\u3000\u3000XML格式目录。",
        "XML格式。",
        *ARTICLE_LINES,
    ]


def test_text_after_a_script_or_a_hidden_element_is_kept() -> None:
    body = (
        f"<div><p>开头一段。</p><script>var a = '脚本';</script><p hidden>隐藏</p>{ARTICLE}</div>"
    )
    assert read_lines(f"{HEAD}</head><body>{body}</body></html>") == ["开头一段。", *ARTICLE_LINES]


def test_facts_from_above_the_body_and_meta_tags() -> None:
    """Date and source lines in a toolbar above the body are handed over; a meta tag with no
    content hides no later one; an impossible date is none; a date line inside the body stays
    there."""
    markup = (
        f"{HEAD}<meta name='PubDate'><meta name='PubDate' content='2025-01-12'>"
        "<meta name='ContentSource' content='柳溪区司法局'></head><body>"
        "<div class='toolbar'>发布时间：2025-01-10 来源：柳溪区司法局</div>"
        f"<div>{ARTICLE}<p>柳溪区人民政府</p><p>2025年1月10日</p></div></body></html>"
    )
    assert read_lines(markup) == [
        "发布日期：2025-01-12",
        "来源：柳溪区司法局",
        "发布时间：2025-01-10 来源：柳溪区司法局",
        *ARTICLE_LINES,
        "柳溪区人民政府",
        "2025年1月10日",
    ]
    impossible = markup.replace("2025-01-12", "2025-02-30")
    assert not any(line.startswith("发布日期") for line in read_lines(impossible))


def body_of(markup_body: str, head: str = "") -> list[str]:
    return read_lines(f"{HEAD}{head}</head><body>{markup_body}</body></html>")


FOOTER = (
    "<div class='footer'>"
    + "主办单位柳溪区人民政府办公室承办单位柳溪区政务服务数据管理局" * 3
    + "</div>"
)
WELCOME = "<div>欢迎访问柳溪区人民政府门户网站</div>"


def test_the_body_is_not_lost_among_chrome_links_or_sibling_boxes() -> None:
    # chrome and links count no Chinese: the article still holds most of the page's text
    assert body_of(f"{WELCOME}<div>{ARTICLE}</div>{FOOTER}") == ARTICLE_LINES
    by_id = FOOTER.replace("class='footer'", "id='footer'")  # an id says chrome as a class does
    assert body_of(f"{WELCOME}<div>{ARTICLE}</div>{by_id}") == ARTICLE_LINES
    links = "<div>" + "".join(f"<a href='/{i}'>链接</a>" for i in range(40)) + "</div>"
    assert body_of(f"{WELCOME}<div>{ARTICLE}</div>{links}") == ARTICLE_LINES
    # paragraphs inside a <font> make its box one of paragraphs
    assert body_of(f"{WELCOME}<div><font>{ARTICLE}</font></div>") == ARTICLE_LINES


def test_the_body_is_not_gone_into_a_part_of_it() -> None:
    """Two halves of the text: neither holds 60%, both are kept. A box of lines broken by
    <br> (and inline text) is not gone into: the paragraph beside it would be lost."""
    half = "<div><p>上半部分共有十个字的内容。</p></div>"
    other = "<div><p>下半部分共有十个字的内容。</p></div>"
    assert body_of(f"<div>{half}{other}</div>") == [
        "上半部分共有十个字的内容。",
        "下半部分共有十个字的内容。",
    ]
    box = (
        "<div><span>柳溪区</span>全年办理行政复议案件一百二十件<br>纠错率为百分之九点八<br>"
        "调解纠纷四千二百三十一宗</div>"
    )
    assert body_of(f"<div>{box}<p>另有一段。</p></div>") == [
        "柳溪区全年办理行政复议案件一百二十件", "纠错率为百分之九点八", "调解纠纷四千二百三十一宗",
        "另有一段。",
    ]  # fmt: skip


def test_a_box_of_exactly_sixty_percent_is_gone_into() -> None:
    six, four = "<div><p>六个汉字内容</p></div>", "<div><p>四个汉字</p></div>"
    assert body_of(f"<div>{six}{four}</div>") == ["六个汉字内容"]


TITLE = "柳溪区2024年法治政府建设年度报告"
SITE = "<title>柳溪区人民政府网</title><meta name='SiteName' content='柳溪区人民政府网'>"


@pytest.mark.parametrize(
    "above",
    [
        f"<div class='nav'><a href='/'>首页</a></div><div><h1>{TITLE}</h1></div>",
        f"<header><h1>{TITLE}</h1></header>",
        f"<h1>{TITLE}</h1><aside><h3>热点新闻</h3></aside>",
        f"<div class='article-title'>{TITLE}</div>",
        f"<div id='title'>{TITLE}</div>",
        "<h1>柳溪区<br>2024年法治政府建设年度报告</h1>",
        f"<header class='article-title'>{TITLE}</header>",
    ],
)
def test_the_title_is_the_heading_above_the_body(above: str) -> None:
    """When <title> is only the site's name: past menus, out of a <header>, not a sidebar's
    heading; named by a class or an id; broken by <br>."""
    assert body_of(f"{above}<div>{ARTICLE}</div>", head=SITE) == [TITLE, *ARTICLE_LINES]


def test_the_title_is_the_bodys_own_first_heading() -> None:
    assert body_of(f"<div><h2>{TITLE}</h2>{ARTICLE}</div>", head=SITE) == [TITLE, *ARTICLE_LINES]


@pytest.mark.parametrize(
    ("title_tag", "want"),
    [
        ("柳溪区年度报告", "报告标题"),  # one part: the heading first
        ("柳溪区年度报告_柳溪区人民政府网", "柳溪区年度报告"),  # the first of two parts
        ("政务公开_柳溪区人民政府网", "报告标题"),  # the column's name is no title
        ("柳溪区 2024年度法治政府建设情况报告_网站", "柳溪区 2024年度法治政府建设情况报告"),
    ],
)
def test_the_title_from_the_title_tag(title_tag: str, want: str) -> None:
    head = f"<title>{title_tag}</title><meta name='ColumnName' content='政务公开'>"
    assert body_of(f"<h2>报告标题</h2><div>{ARTICLE}</div>", head=head)[0] == want


def test_a_heading_and_a_title_tag_that_differ_only_in_spaces_give_the_heading() -> None:
    head = "<title>柳溪区 2024年 法治政府建设年度报告_柳溪区人民政府网</title>"
    assert body_of(f"<h1>{TITLE}</h1><div>{ARTICLE}</div>", head=head)[0] == TITLE


@pytest.mark.parametrize(
    "article_title",
    [TITLE[:59] + "告" * (60 - len(TITLE[:59])), "柳溪区法治报告：", "柳溪区法治报告:"],
)
def test_a_title_of_sixty_characters_is_one_one_ending_in_a_colon_is_not(
    article_title: str,
) -> None:
    head = f"{SITE}<meta name='ArticleTitle' content='{article_title}'>"
    first = body_of(f"<h1>{TITLE}</h1><div>{ARTICLE}</div>", head=head)[0]
    assert first == (article_title if len(article_title) == 60 else TITLE)


@pytest.mark.parametrize(
    ("opening", "kept"),
    [
        (
            ["柳溪区人民政府关于", "2024年法治政府建设", "情况的报告"],
            [],
        ),  # the title on three lines
        ([TITLE + "全文"], []),  # the title with 全文 added
        (["政府建设年度报告"], []),  # its last part, of 8 characters or more
        (["建设年度报告"], ["建设年度报告"]),  # too short to be sure
        ([TITLE + "已经发布。"], [TITLE + "已经发布。"]),  # a sentence quoting it
    ],
)
def test_the_title_is_taken_off_the_body_only_where_it_opens_it(
    opening: list[str], kept: list[str]
) -> None:
    title = "".join(opening) if not opening[0].startswith(TITLE) else TITLE
    if opening == ["政府建设年度报告"] or opening == ["建设年度报告"]:
        title = TITLE
    head = f"<meta name='ArticleTitle' content='{title}'>"
    paragraphs = "".join(f"<p>{line}</p>" for line in opening)
    assert body_of(f"<div>{paragraphs}{ARTICLE}</div>", head=head) == [title, *kept, *ARTICLE_LINES]


def test_a_page_without_a_title_keeps_its_first_line() -> None:
    first = "<p>柳溪区法治政府建设情况</p>"
    assert body_of(f"<div>{first}{ARTICLE}</div>") == ["柳溪区法治政府建设情况", *ARTICLE_LINES]


@pytest.mark.parametrize(
    ("head", "address"),
    [
        # a canonical link without an address, a <base> alone: no address stated
        ("<base href='https://www.liuxi.example.org/zwgk/'><link rel='canonical'>", None),
        # a relative canonical link is read against the page's own absolute address first
        ("<base href='https://cdn.example.org/'><link rel='canonical' href='a.html'>"
         "<meta property='og:url' content='https://www.liuxi.example.org/zwgk/a.html'>",
         "https://www.liuxi.example.org/zwgk/a.html"),
        # the Url meta tag; one that cannot be parsed is passed over for the next
        ("<link rel='canonical' href='//[x/a.html'>"
         "<meta name='Url' content='https://www.liuxi.example.org/b.html'>",
         "https://www.liuxi.example.org/b.html"),
        ("<meta name='Url' content='https://www.liuxi.example.org/" + "a" * 2018 + "'>",
         "https://www.liuxi.example.org/" + "a" * 2018),  # 2,048 characters: the longest taken
    ],
)  # fmt: skip
def test_the_address_the_page_states(head: str, address: str | None) -> None:
    lines = body_of(f"<div>{ARTICLE}</div>", head=head)
    stated = [line.removeprefix("原文链接：") for line in lines if line.startswith("原文链接：")]
    assert stated == ([address] if address else [])


def test_a_relative_canonical_link_with_no_base_is_no_address() -> None:
    body = f"<div>{ARTICLE}<p><a href='https://other.example.org/x.html'>附件</a></p></div>"
    lines = body_of(body, head="<link rel='canonical' href='a.html'>")
    assert not any(line.startswith("原文链接") for line in lines)


def test_a_link_in_the_body_is_not_the_pages_address() -> None:
    body = (
        f"<div>{ARTICLE}<p><a rel='canonical' href='https://other.example.org/'>附件</a></p></div>"
    )
    assert not any(line.startswith("原文链接") for line in body_of(body))
