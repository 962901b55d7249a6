"""The HTML parsers we compared for the web-page reader, on the inputs that matter to it.

Each parser parses the page from a str and walks the whole tree for its text, in a process of
its own: its time (median of --runs) and the process's peak memory (the interpreter with the
parser imported and the page read takes 17-25 MB of it), and, from its tree, the Chinese
characters inside the body's <div> (a parser that repairs broken markup well keeps them all
there). Inputs: a 1 MB government CMS page (the Nanshan text grown as benchmarks/import_size.py
grows it, in <p> paragraphs inside navigation, breadcrumbs, a share bar and a footer), the same
page with its markup broken (unclosed <p> and <b>, stray </b> and </span>, cells outside a
table, unquoted attributes, an unterminated comment), 100,000 nested <div>s around one
paragraph, and 2,000 <b> then 2,000 <i> left open (the HTML standard's adoption agency, which
reopens formatting elements: quadratic or worse, lexbor issue 340). A parser that is not
installed is skipped; the others are not project dependencies, so run it in a scratch environment:

    python -m venv /tmp/parsers && /tmp/parsers/bin/pip install selectolax lxml html5lib \
        beautifulsoup4 && /tmp/parsers/bin/python benchmarks/html_parsers.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_size import big_report

# Each parser: parse the page (a str), walk the whole tree for its text, as the reader does, and
# count the Chinese characters that end up inside <div class="TRS_Editor"> (the report's body:
# how well broken markup is repaired). The stdlib parser builds no tree: it has no body to count.
PARSERS = {
    "selectolax (lexbor)": """
from selectolax.lexbor import LexborHTMLParser
def run(html):
    tree = LexborHTMLParser(html)
    size = sum(len(node.text_content or "") for node in tree.root.traverse(include_text=True)
               if node.is_text_node)
    body = tree.css_first("div.TRS_Editor")
    return size, lambda: body.text() if body is not None else None
""",
    "lxml.html": """
import lxml.html
def run(html):
    root = lxml.html.document_fromstring(html)
    size = sum(len(text) for text in root.itertext())
    body = root.find_class("TRS_Editor")
    return size, lambda: body[0].text_content() if body else None
""",
    "html5lib (etree)": """
import html5lib
def run(html):
    root = html5lib.parse(html, namespaceHTMLElements=False)
    size = sum(len(text) for text in root.itertext())
    body = root.find(".//div[@class='TRS_Editor']")
    return size, lambda: "".join(body.itertext()) if body is not None else None
""",
    "BeautifulSoup (html.parser)": """
from bs4 import BeautifulSoup
def run(html):
    soup = BeautifulSoup(html, "html.parser")
    size = sum(len(text) for text in soup.find_all(string=True))
    body = soup.find("div", class_="TRS_Editor")
    return size, lambda: body.get_text() if body is not None else None
""",
    "stdlib html.parser (events only)": """
from html.parser import HTMLParser
class Texts(HTMLParser):
    size = 0
    def handle_data(self, data):
        self.size += len(data)
def run(html):
    parser = Texts(convert_charrefs=True)
    parser.feed(html)
    parser.close()
    return parser.size, lambda: None
""",
}

MODULES = dict(zip(PARSERS, ("selectolax", "lxml", "html5lib", "bs4", "html.parser"), strict=True))
# A parser still running after this many seconds on an input is stopped and said to be so.
TIMEOUT = 60

CHILD = """
import re, resource, sys, time
def chinese(text):
    return len(re.findall("[\\u4e00-\\u9fff]", text))
{code}
html = open(sys.argv[1], encoding="utf-8").read()
started = time.perf_counter()
try:
    size, body_text = run(html)
    error = ""
except BaseException as err:
    size, body_text, error = 0, lambda: None, type(err).__name__ + ": " + str(err)[:80]
took = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text = body_text()
body = None if text is None else chinese(text)
print(json.dumps({{"seconds": took, "peak_kb": peak, "chars": size, "body": body,
                  "error": error}}))
"""

FRAME = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>南山区人民政府2024年法治政府建设年度报告</title></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li>
<li><a href="/zwgk">政务公开</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; 政务公开</div>
<div class="main"><h1>南山区人民政府2024年法治政府建设年度报告</h1>
<div class="share">分享到：<a>微信</a><a>微博</a></div><div class="TRS_Editor">
{body}
</div></div><div class="footer">主办单位：某区人民政府办公室</div>
<script>var x = "<p>not text</p>";</script></body></html>
"""


def pages(source: Path) -> dict[str, str]:
    lines = big_report(source, 1.0).splitlines()
    body = "\n".join(f"<p>{line}</p>" for line in lines)
    broken = "\n".join(
        f"<p class=a{i}>{line}"
        + ("<b>" if i % 5 == 0 else "</b>" if i % 5 == 1 else "")
        + ("<td>" if i % 11 == 0 else "")
        + ("</span>" if i % 13 == 0 else "")
        for i, line in enumerate(lines)
    )
    return {
        "1 MB page": FRAME.format(body=body),
        "1 MB page, broken markup": FRAME.format(body=broken).replace("</html>", "<!-- unended"),
        "100,000 nested <div>": "<html><body>"
        + "<div>" * 100_000
        + "<p>2024年，本区办理行政复议案件120件。</p>"
        + "</div>" * 100_000
        + "</body></html>",
        # HTML5's adoption agency reopening formatting elements (lexbor issue 340): 80 KB
        "2,000 <b> and <i> left open": "".join(f"<b {i}>" for i in range(2000))
        + "".join(f"<i {i}>" for i in range(2000))
        + "本区x</b>" * 2000,
    }


def measure(code: str, page: Path, runs: int) -> dict[str, object]:
    results = []
    for _ in range(runs):
        try:
            done = subprocess.run(
                [sys.executable, "-c", "import json\n" + CHILD.format(code=code), str(page)],
                capture_output=True, text=True, timeout=TIMEOUT,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            return {"error": f"still running after {TIMEOUT} s"}
        if done.returncode != 0:
            return {"error": done.stderr.strip().splitlines()[-1][:100]}
        results.append(json.loads(done.stdout))
    last = results[-1]
    return {
        "seconds": statistics.median(r["seconds"] for r in results),
        "peak_mb": max(r["peak_kb"] for r in results) / 1024,  # ru_maxrss: KB on Linux
        "chars": last["chars"],
        "body": last["body"],
        "error": last["error"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    source = Path(__file__).resolve().parent.parent / "data" / "source" / "nanshan-2024.txt"
    print("| parser | input | time | peak memory | text characters | Chinese in the body |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for label, html in pages(source).items():
            page = Path(tmp) / "page.html"
            page.write_text(html, encoding="utf-8")
            for name, code in PARSERS.items():
                module = MODULES[name]
                probe = subprocess.run([sys.executable, "-c", f"import {module}"], check=False)
                if probe.returncode != 0:
                    continue
                got = measure(code, page, args.runs)
                if got.get("error"):
                    print(f"| {name} | {label} | failed: {got['error']} | | | |")
                    continue
                body = "" if got["body"] is None else f"{got['body']:,}"
                print(
                    f"| {name} | {label} | {got['seconds'] * 1000:.0f} ms | "
                    f"{got['peak_mb']:.1f} MB | {got['chars']:,} | {body} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
