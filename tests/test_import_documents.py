"""lawgov import on PDFs and Word files: the fixtures (tests/fixtures/make_documents.py: SYNTHETIC
documents laid out from our real source text) read as the same text imported as .txt, page
furniture taken off and lines joined (pages.py), and hostile files refused in one line, in
seconds, with bounded memory, leaving nothing behind.

The hostile files are built here: hand-written PDF objects (a cycle in the page tree, arrays
nested 200,000 deep, a stream that inflates to 300 MB…), ZIP archives that declare or hide
hundreds of megabytes. Their text, where they have any, is invented."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import resource
import subprocess
import sys
import tomllib
import zipfile
import zlib
from pathlib import Path
from types import ModuleType

import pytest

from lawgov_cli.core.errors import ImportFailure
from lawgov_cli.importer.readers import pdf as pdf_reader
from lawgov_cli.importer.readers import read_source, reader_for
from lawgov_cli.importer.readers.pages import (
    joined_paragraphs,
    report_text,
    width,
    without_page_chrome,
)
from test_installed import LAWGOV, clean_env

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = ["pdf/nanshan-2024.pdf", "pdf/nanshan-2024-truetype.pdf", "docx/nanshan-2024.docx"]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_documents", FIXTURES / "make_documents.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _script()


def lawgov_import(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The installed command, its address space capped at 1.5 GB: a file that needed more
    would end in MemoryError, not in the refusal the test expects."""
    assert LAWGOV is not None

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))

    return subprocess.run(
        [LAWGOV, "import", *args], cwd=cwd, env=clean_env(), capture_output=True, text=True,
        timeout=timeout, preexec_fn=cap,
    )  # fmt: skip


# --- the fixtures ------------------------------------------------------------------------------


def test_the_committed_fixtures_are_what_the_script_makes(script: ModuleType) -> None:
    """Compared as lawgov reads them (the bytes differ between reportlab releases); run
    tests/fixtures/make_documents.py after changing it."""
    made = script.documents()
    assert sorted(made) == sorted([*REPORTS, "docx/tables.docx"])
    for name, data in made.items():
        committed = (FIXTURES / name).read_bytes()
        assert len(committed) < 64_000, f"{name}: a fixture should stay small"
        assert read_source(committed, name) == read_source(data, name), f"{name}: regenerate it"


def test_each_fixture_says_it_is_synthetic(script: ModuleType) -> None:
    import docx
    import pypdf

    for name in REPORTS[:2]:
        reader = pypdf.PdfReader(FIXTURES / name)
        assert reader.metadata is not None and "Synthetic" in str(reader.metadata.subject)
        assert script.SYNTHETIC in reader.pages[0].extract_text()
    for name in (REPORTS[2], "docx/tables.docx"):
        document = docx.Document(str(FIXTURES / name))
        assert "Synthetic" in document.core_properties.subject
        assert document.sections[0].header.paragraphs[0].text == script.SYNTHETIC


@pytest.mark.parametrize("name", REPORTS)
def test_a_document_imports_as_its_text_does(tmp_path: Path, name: str, script: ModuleType) -> None:
    """The strong check, with the installed command: the report of a PDF or .docx is the
    report of the same text as .txt, section by section (ids, titles, text) and figure by
    figure (58, as in our source), its header facts too. Page numbers, the running header and
    the footer saying the file is synthetic are gone; no paragraph is split or run into
    another."""
    text_file = tmp_path / "same.txt"
    text_file.write_text("\n".join(script.report_lines()) + "\n", encoding="utf-8")
    as_text = lawgov_import(str(text_file), "-o", "text.toml", cwd=tmp_path)
    assert as_text.returncode == 0, as_text.stderr
    document = lawgov_import(str(FIXTURES / name), "-o", "document.toml", cwd=tmp_path)
    assert document.returncode == 0, document.stderr
    assert document.stderr.startswith("lawgov: wrote document.toml (")
    assert "Traceback" not in document.stderr
    want = tomllib.loads((tmp_path / "text.toml").read_text(encoding="utf-8"))
    got_text = (tmp_path / "document.toml").read_text(encoding="utf-8")
    got = tomllib.loads(got_text)
    assert got["report"] == want["report"]
    assert got["report"]["title"] == "南山区人民政府2024年法治政府建设年度报告"
    assert (str(got["report"]["date"]), got["report"]["year"]) == ("2024-12-31", 2024)
    assert got["sections"] == want["sections"]
    assert got["metrics"] == want["metrics"]
    assert len(got["metrics"]) == 58
    assert "第1页" not in got_text and "- 1 -" not in got_text and "测试用" not in got_text
    kind = "PDF, 4 pages" if name.endswith(".pdf") else "Word .docx"
    assert got_text.startswith(f"# Imported by lawgov 0.1.0 from {FIXTURES / name} ({kind}).")
    validated = subprocess.run(
        [LAWGOV, "--report", "document.toml", "validate"], cwd=tmp_path, env=clean_env(),
        capture_output=True, text=True,
    )  # fmt: skip
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_a_docx_keeps_tables_content_controls_text_boxes_and_tracked_changes() -> None:
    text, how = read_source((FIXTURES / "docx" / "tables.docx").read_bytes(), "tables.docx")
    assert how == "Word .docx"
    assert text.split("\n") == [
        "柳溪区2024年",  # a manual line break in the title
        "法治政府建设年度报告",
        "发布日期：2025-01-10",
        "2024年，柳溪区持续推进法治政府建设，各项工作取得新进展。",
        "一、主要工作成效",
        "项目 2024年 备注",  # a table row: its cells joined by a space
        "受理行政复议案件 120件 同比增长5%",
        "办结行政复议案件 108件",  # the merged cell once
        "全年共开展法治宣传活动36场。",  # inside a content control
        "审查行政规范性文件15件。",  # 99件 deleted, 15件 inserted (tracked changes)
        "二、存在的不足",
        "（文本框）基层执法力量仍显不足。",  # a text box, after its paragraph
    ]


def test_the_tables_docx_imports_from_the_installed_command(tmp_path: Path) -> None:
    result = lawgov_import(str(FIXTURES / "docx" / "tables.docx"), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    report = tomllib.loads(result.stdout)
    assert report["report"]["title"] == "柳溪区2024年法治政府建设年度报告"
    figures = [(m["label"], m["figure"]) for m in report["metrics"]]
    assert ("受理行政复议案件", "120件") in figures
    assert ("办结行政复议案件", "108件") in figures
    assert not any(m["figure"] == "99件" for m in report["metrics"])


def test_content_decides_the_reader_then_the_name() -> None:
    pdf = (FIXTURES / "pdf" / "nanshan-2024.pdf").read_bytes()
    docx = (FIXTURES / "docx" / "nanshan-2024.docx").read_bytes()
    assert reader_for(pdf, "report.txt").name == "pdf"
    assert reader_for(b"junk\n" + pdf, "report").name == "pdf"  # a header within 1 KB
    assert reader_for(docx, "report.pdf").name == "docx"
    assert reader_for(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "a.docx").name == "doc"
    assert reader_for(b"<html></html>", "a.pdf").name == "web page"  # content decides
    text, how = read_source(docx, "report.pdf")
    assert how == "Word .docx" and text.startswith("南山区人民政府2024年法治政府建设年度报告\n")


# --- pages: page numbers, running heads, lines joined -------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["- 3 -", "—3—", "－ 3 －", "3", "第3页", "第 3 页 共 10 页", "第3页/共10页", "共10页 第3页",
     "3/10", "3 / 10", "Page 3 of 10"],
)  # fmt: skip
def test_page_numbers_at_a_page_edge_are_dropped(number: str) -> None:
    pages = [f"{number}\n正文第一行。", f"正文第二行。\n{number}"]
    assert without_page_chrome(pages) == [["正文第一行。"], ["正文第二行。"]]


def test_running_heads_are_dropped_and_only_at_the_edges() -> None:
    """A line at the edge of most pages goes (its digits may change: 2024-0N); the same line
    between lines of text stays, and so does a number inside the page."""
    head = "南山区2024年法治政府建设年度报告"
    words = {1: "甲", 2: "乙", 3: "丙"}
    pages = [
        f"{head}\n（2024-0{n}）\n- {n} -\n{w}。\n{head}\n3\n{w}末。\n第{n}页 共3页"
        for n, w in words.items()
    ]
    assert without_page_chrome(pages) == [[f"{w}。", head, "3", f"{w}末。"] for w in words.values()]
    one_page = [f"{head}\n正文。"]
    assert without_page_chrome(one_page) == [[head, "正文。"]]  # one page: nothing repeats


def test_lines_broken_by_the_page_width_are_joined() -> None:
    full = "一二三四五六七八九十" * 3
    lines = [
        "清河区2024年法治政府建设年度报告",  # short: a title
        "发布日期：2025-01-10",
        " " + full[:-1],  # indented: a paragraph starts
        full,
        "共受理案件12",  # a number broken over two lines
        "0件。",
        " （一）" + full[:-3],
        "继续。",
        " " + full[:-1] + "。",  # a full line ending a sentence, inside its paragraph
        full,
        "末行。",
    ]
    assert joined_paragraphs(lines) == [
        "清河区2024年法治政府建设年度报告",
        "发布日期：2025-01-10",
        full[:-1] + full + "共受理案件12",
        "0件。",
        "（一）" + full[:-3] + "继续。",
        full[:-1] + "。" + full + "末行。",
    ]


def test_without_indents_a_sentence_end_or_a_heading_ends_a_paragraph() -> None:
    full = "一二三四五六七八九十" * 3
    lines = [full, full[:-1] + "。", full, "二、" + full[:-2], "短。", "1.第一项", "（1）第二项"]
    assert joined_paragraphs(lines) == [
        full + full[:-1] + "。",
        full,
        "二、" + full[:-2] + "短。",
        "1.第一项",
        "（1）第二项",
    ]
    assert report_text(["页一" + full, full + "\n- 1 -", "- 2 -\n末行。"]) == (
        "页一" + full + full + "末行。"
    )


def test_a_page_of_only_page_furniture_is_left_empty() -> None:
    assert without_page_chrome(["- 1 -", "正文。\n- 2 -"]) == [[], ["正文。"]]


def test_a_running_head_on_two_pages_of_two_is_dropped_whatever_its_spacing() -> None:
    pages = ["柳溪区 2024年 报告\n甲。", "柳溪区2024年报告\n乙。"]
    assert without_page_chrome(pages) == [["甲。"], ["乙。"]]


@pytest.mark.parametrize(
    ("with_head", "dropped"),
    [(2, False), (3, True), (4, True)],  # of six pages: half of them at least
)
def test_a_running_head_is_a_line_at_the_edge_of_half_the_pages(
    with_head: int, dropped: bool
) -> None:
    pages = [
        ("柳溪区报告\n" if n < with_head else "") + f"正文{'甲乙丙丁戊己'[n]}。" for n in range(6)
    ]
    kept = without_page_chrome(pages)
    assert kept[0] == ([] if dropped else ["柳溪区报告"]) + ["正文甲。"]


def test_a_line_repeated_in_the_middle_of_pages_is_no_running_head() -> None:
    """Only the first and last EDGE_LINES (6) lines of a page are looked at for heads."""
    middle = [f"正文第{i}行。" for i in range(6)]
    pages = [
        "\n".join([*middle, "表1 统计", *middle]),
        "\n".join([*middle, "表1 统计", *middle]),
        "\n".join(["表1 统计", *middle]),
    ]
    assert without_page_chrome(pages)[2][0] == "表1 统计"


def test_a_wide_character_is_two_columns() -> None:
    assert width(" 柳溪区 ab ") == 9  # the edges' blanks not counted; a blank between is one
    assert width("ＡＢ") == 4  # full-width forms
    assert width("ab1") == 3


def test_a_full_line_is_as_wide_as_nine_in_ten_lines_are() -> None:
    """Eleven lines: the widest two (48 columns) set the full width, so a line of 40 ends its
    paragraph; of 0.85 times it (34 columns, of 40) a line is full."""
    wide, narrow = "柳" * 24, "溪" * 20
    assert joined_paragraphs([narrow] * 9 + [wide] * 2) == [narrow] * 9 + [wide + wide]
    at_share = "区" * 17
    assert joined_paragraphs([narrow, at_share, narrow, "末。"]) == [
        narrow + at_share + narrow + "末。"
    ]


def test_a_blank_line_ends_a_paragraph_and_the_text_goes_on() -> None:
    full = "一二三四五六七八九十" * 3
    assert joined_paragraphs([full, "", full, "末行"]) == [full, full + "末行"]


def test_with_indents_an_indented_line_starts_a_paragraph_after_a_full_one() -> None:
    full = "一二三四五六七八九十" * 3
    lines = ["\u3000\u3000" + full[:-2], full, "\u3000\u3000" + full[:-2], full]
    assert joined_paragraphs(lines) == [full[:-2] + full, full[:-2] + full]


def test_a_library_error_is_told_in_one_line_of_80_characters_at_most() -> None:
    from lawgov_cli.importer.readers.library import reason

    assert reason(ValueError("Stream has\n ended   unexpectedly")) == (
        "ValueError: Stream has ended unexpectedly"
    )
    assert reason(ValueError("x" * 80)) == "ValueError: " + "x" * 80
    assert reason(ValueError("x" * 81)) == "ValueError: " + "x" * 79 + "…"
    assert reason(ValueError()) == "ValueError"  # nothing said: its kind alone


# --- hostile and broken files ------------------------------------------------------------------


def _pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF of ``objects`` (number -> body), with a cross-reference table; 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    start, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number]
            if number in offsets
            else b"0" * 10 + b" 65535 f \n"
        )
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, start)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"", compress: bool = False) -> bytes:
    if compress:
        data, extra = zlib.compress(data, 9), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _one_page(
    content: bytes, resources: bytes = b"<< /Font << /F1 4 0 R >> >>", **more: bytes
) -> bytes:
    objects = {
        1: CATALOG,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R "
        b"/Resources %s >>" % resources,
        4: FONT,
        5: content,
    }
    objects |= {int(key[1:]): value for key, value in more.items()}
    return _pdf(objects)


def _form(content: bytes, resources: bytes) -> bytes:
    return _stream(
        content, b" /Type /XObject /Subtype /Form /BBox [0 0 9 9] /Resources " + resources, True
    )


def _text_run(count: int) -> bytes:
    return b"BT /F1 12 Tf " + (b"(" + b"a" * 140 + b") Tj ") * count + b"ET"


def _scanned() -> bytes:
    """A page that is one image (a grey square) and no text, as a scanner writes it."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for _ in range(2):
        canvas.drawImage(ImageReader(Image.new("L", (60, 80), 128)), 50, 50, 400, 600)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _encrypted(user_password: str) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=FIXTURES / "pdf" / "nanshan-2024.pdf")
    writer.encrypt(user_password, "owner", algorithm="AES-256", permissions_flag=0)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx_with(entries: dict[str, bytes]) -> bytes:
    """The report .docx with entries replaced or added."""
    source = zipfile.ZipFile(FIXTURES / "docx" / "nanshan-2024.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename not in entries:
                target.writestr(entry, source.read(entry))
        for name, data in entries.items():
            target.writestr(name, data)
    return out.getvalue()


def _lying_zip() -> bytes:
    """A .docx whose document.xml declares 2 KB and inflates to 200 MB: zipfile stops at the
    declared size, and the entry fails its checksum."""
    inflated = b"<w:p/>" * 35_000_000
    data = bytearray(_docx_with({"word/document.xml": inflated}))
    declared = len(inflated).to_bytes(4, "little")
    data[:] = data.replace(declared, (2048).to_bytes(4, "little"))
    return bytes(data)


def _deep_docx() -> bytes:
    xml = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
        b'wordprocessingml/2006/main"><w:body>' + b"<w:sdt><w:sdtContent>" * 10_000
    )
    return _docx_with(
        {"word/document.xml": xml + b"</w:sdtContent></w:sdt>" * 10_000 + b"</w:body></w:document>"}
    )


def _entity_docx() -> bytes:
    lol = b"".join(
        b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10 if n else b"lol") for n in range(10)
    )
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE d [' + lol + b']><w:document xmlns:w="http://schemas.'
        b'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&l9;</w:t>'
        b"</w:r></w:p></w:body></w:document>"
    )
    return _docx_with({"word/document.xml": xml})


PAGE_CONTENT = b"<< /Font << /F1 4 0 R >> >>"
HOSTILE: dict[str, tuple[object, str]] = {
    # name: (how to build the file, what the one line on stderr says after "lawgov: NAME: ")
    "cyclic-page-tree.pdf": (
        lambda: _pdf({1: CATALOG, 2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                      3: b"<< /Type /Pages /Kids [2 0 R] /Parent 2 0 R /Count 1 >>"}),
        "not a readable PDF (PdfReadError: Detected cyclic page references.)",
    ),
    "cyclic-forms.pdf": (
        lambda: _one_page(_stream(b"/X0 Do"), b"<< /XObject << /X0 6 0 R >> >>",
                          o6=_form(b"/X0 Do", b"<< /XObject << /X0 6 0 R >> >>")),
        "no text layer (a scanned PDF?): lawgov does not do OCR",
    ),
    "deep-arrays.pdf": (
        lambda: _one_page(_stream(b"BT /F1 12 Tf (\xb2\xe2) Tj ET"),
                          PAGE_CONTENT[:-2] + b"/D 6 0 R >>", o6=b"[" * 200_000 + b"]" * 200_000),
        "no Chinese text in its text layer",
    ),
    "huge-page-count.pdf": (
        lambda: _one_page(_stream(b"")).replace(b"/Count 1", b"/Count 2000000000"),
        "no text layer (a scanned PDF?): lawgov does not do OCR",
    ),
    "many-pages.pdf": (
        lambda: _pdf({1: CATALOG,
                      2: b"<< /Type /Pages /Kids [" + b"3 0 R " * 90_000 + b"] /Count 90000 >>",
                      3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] >>"}),
        "refused: past a limit of the PDF reader (Maximum page tree page entry limit exceeded!)",
    ),
    "flate-bomb.pdf": (
        lambda: _one_page(_stream(b" " * 300_000_000, compress=True)),
        "refused: past a limit of the PDF reader (Limit reached while decompressing.",
    ),
    "text-bomb.pdf": (
        lambda: _one_page(_stream(_text_run(100_000), compress=True)),
        "page 1 has more than 1 MB of content: not a page of report text",
    ),
    "form-text-bomb.pdf": (
        lambda: _one_page(_stream(b"/X0 Do " * 99), b"<< /XObject << /X0 6 0 R >> >>",
                          o6=_form(_text_run(6600), PAGE_CONTENT)),
        "page 1 holds more than 50,000 characters of text: not a page of a report",
    ),
    "scanned.pdf": (_scanned, "no text layer (a scanned PDF?): lawgov does not do OCR"),
    "locked.pdf": (lambda: _encrypted("secret"), "the PDF is locked with a password"),
    "truncated.pdf": (
        lambda: (FIXTURES / "pdf" / "nanshan-2024.pdf").read_bytes()[:6000],
        "not a readable PDF (",
    ),
    "a-web-page.pdf": (  # content decides: the web-page reader takes it, and finds no report
        lambda: b"<!DOCTYPE html><html><head><title>404</title></head><body>Gone</body></html>",
        "no Chinese text found; is this a report?",
    ),
    "zip-bomb.docx": (
        lambda: _docx_with({"word/media/image1.png": bytes(200_000_000)}),
        "its archive inflates to 201 MB, over the 64 MB a Word file is given (a zip bomb?)",
    ),
    "dense-entry.docx": (
        lambda: _docx_with({"word/document.xml": b"<a/>" * 10_000_000}),
        "word/document.xml inflates ",
    ),
    "lying-sizes.docx": (_lying_zip, "not a readable Word .docx (BadZipFile: Bad CRC-32 for file "),
    "deep-xml.docx": (_deep_docx, "not a readable Word .docx (XMLSyntaxError: "),
    "entities.docx": (_entity_docx, "not a readable Word .docx (XMLSyntaxError: "),
    "truncated.docx": (
        lambda: (FIXTURES / "docx" / "nanshan-2024.docx").read_bytes()[:20_000],
        "not a readable Word .docx (damaged ZIP: ",
    ),
    "legacy.doc": (
        lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
        "a legacy Word .doc (or WPS) file: lawgov reads .docx, not .doc; save it as .docx or PDF",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_or_broken_file_is_refused_in_one_line(tmp_path: Path, name: str) -> None:
    """Refused by the installed command in seconds (each run is killed after 30 s, its memory
    capped at 1.5 GB), with one line naming the file, exit 2, no traceback, nothing written:
    not the output, not the directory -o named."""
    build, said = HOSTILE[name]
    source = tmp_path / name
    source.write_bytes(build())  # type: ignore[operator]
    result = lawgov_import(name, "-o", "out/", cwd=tmp_path, timeout=30)
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    first, *rest = result.stderr.splitlines()
    assert first.startswith(f"lawgov: {name}: ") and said in first, result.stderr
    assert all(line.startswith("lawgov: hint: ") for line in rest), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_or_broken_file_is_refused_by_its_reader(name: str) -> None:
    """The same files read in-process (where mutation testing sees the readers): one line
    naming the file and what is wrong, with a hint only where there is one to give."""
    build, said = HOSTILE[name]
    with pytest.raises(ImportFailure) as caught:
        read_source(build(), name)  # type: ignore[operator]
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and said in message
    assert "\n" not in message
    hint = "open it with the password and save or print it as a PDF without one"
    assert caught.value.hint == (hint if name == "locked.pdf" else None)


def _pages(contents: list[bytes]) -> bytes:
    """A PDF of one page per content stream (synthetic: no text but what the streams say)."""
    count = len(contents)
    kids = b" ".join(b"%d 0 R" % (10 + 2 * i) for i in range(count))
    objects = {1: CATALOG, 2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), 4: FONT}
    for i, content in enumerate(contents):
        objects[10 + 2 * i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 4 0 R >> >> >>" % (11 + 2 * i)
        )
        objects[11 + 2 * i] = _stream(content)
    return _pdf(objects)


def _with_blank_pages(blank: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=FIXTURES / "pdf" / "nanshan-2024.pdf")  # 4 pages
    for _ in range(blank):
        writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_with_text_on_half_its_pages_is_read_on_fewer_refused() -> None:
    text, how = read_source(_with_blank_pages(4), "half.pdf")
    assert how == "PDF, 8 pages"
    assert text == read_source((FIXTURES / "pdf" / "nanshan-2024.pdf").read_bytes(), "a.pdf")[0]
    with pytest.raises(ImportFailure) as caught:
        read_source(_with_blank_pages(5), "scan.pdf")
    assert str(caught.value) == (
        "scan.pdf: only 4 of 9 pages have a text layer (a scanned PDF?): lawgov does not do OCR"
    )


def _first_pages(count: int) -> bytes:
    import pypdf

    reader = pypdf.PdfReader(FIXTURES / "pdf" / "nanshan-2024.pdf")
    writer = pypdf.PdfWriter()
    for page in reader.pages[:count]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_how_a_pdf_was_read_counts_its_pages() -> None:
    assert read_source(_first_pages(1), "a.pdf")[1] == "PDF, 1 page"
    assert read_source(_first_pages(2), "a.pdf")[1] == "PDF, 2 pages"


def test_a_pdf_of_text_that_is_not_chinese_says_why_it_may_be() -> None:
    raw = _one_page(_stream(b"BT /F1 12 Tf 72 700 Td (Annual report) Tj ET"))
    with pytest.raises(ImportFailure) as caught:
        read_source(raw, "x.pdf")
    assert str(caught.value) == (
        "x.pdf: no Chinese text in its text layer (a report in another language, or fonts "
        "that do not say which characters they draw)"
    )


def test_what_a_file_named_pdf_is_instead_is_said() -> None:
    for raw, said in [
        (b"just text", ""),
        (b"saved page: <html><body>", ": it is a web page (HTML)"),
        (b"<?xml version='1.0'?><rss/>", ": it is a web page (HTML)"),
        (b"  <?xml version='1.0'?><rss/>", ": it is a web page (HTML)"),  # blanks before it
        (b"<!DOCTYPE html><body>", ": it is a web page (HTML)"),
        (b"PK\x03\x04" + bytes(30), ": it is a ZIP archive (a .docx?)"),
    ]:
        with pytest.raises(ImportFailure) as caught:
            pdf_reader.read(raw, "x.pdf")
        assert str(caught.value) == f"x.pdf: not a PDF (no %PDF- header){said}"


def test_page_content_is_limited_a_page_and_all_together() -> None:
    """1,000,000 bytes of content on a page are taken, not one more; 8,000,000 on all pages,
    not one more (the content here: a comment, no text)."""

    def comment(size: int) -> bytes:
        return b"%" + b"x" * (size - 1)

    def refusal(contents: list[bytes]) -> str:
        with pytest.raises(ImportFailure) as caught:
            read_source(_pages(contents), "big.pdf")
        return str(caught.value)

    assert "no text layer" in refusal([comment(1_000_000)])
    assert refusal([comment(1_000_001)]) == (
        "big.pdf: page 1 has more than 1 MB of content: not a page of report text"
    )
    assert "no text layer" in refusal([comment(1_000_000)] * 8)
    assert refusal([comment(900_000)] * 9) == (
        "big.pdf: more than 8 MB of page content by page 9: too large to import"
    )


def test_text_is_limited_a_page_and_all_together() -> None:
    """50,000 characters on a page are taken, not one more; 2,000,000 in all, not one more
    (synthetic pages of one run of Latin letters each)."""

    def run(count: int) -> bytes:
        return b"BT /F1 12 Tf (" + b"a" * count + b") Tj ET"

    def refusal(contents: list[bytes]) -> str:
        with pytest.raises(ImportFailure) as caught:
            read_source(_pages(contents), "text.pdf")
        return str(caught.value)

    not_chinese = "text.pdf: no Chinese text in its text layer"
    assert refusal([run(50_000)]).startswith(not_chinese)  # read through: no Chinese in it
    assert refusal([run(50_001)]) == (
        "text.pdf: page 1 holds more than 50,000 characters of text: not a page of a report"
    )
    assert refusal([run(50_000)] * 40).startswith(not_chinese)
    assert refusal([run(50_000)] * 40 + [run(1)]) == (
        "text.pdf: more than 2,000,000 characters of text by page 41: too large to import"
    )


def test_pypdf_says_nothing_of_what_it_repairs(caplog: pytest.LogCaptureFixture) -> None:
    for name in sorted(n for n in HOSTILE if n.endswith(".pdf")):
        with contextlib.suppress(ImportFailure):
            read_source(HOSTILE[name][0](), name)  # type: ignore[operator]
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def test_a_docx_body_in_custom_xml_tables_in_cells_and_drawings_with_a_fallback() -> None:
    """Synthetic document.xml: a block of custom XML is read through; an empty text run adds
    nothing; a cell's paragraphs are joined by a space and a table inside a cell follows its
    row; a drawing's fallback copy is not read twice."""
    inner = f"<w:tbl><w:tblPr/><w:tr><w:tc>{_para('内表')}</w:tc></w:tr></w:tbl>"
    box = f"<w:txbxContent>{_para('文本框')}</w:txbxContent>"
    body = (
        _para("柳溪区报告")
        + f"<w:customXml>{_para('自定义内容')}</w:customXml>"
        + "<w:p><w:r><w:t>空</w:t><w:t/><w:t>白</w:t></w:r></w:p>"
        + "<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:trPr/>"
        + f"<w:tc>{_para('甲')}{_para('乙')}</w:tc><w:tc>{_para('丙')}{inner}</w:tc></w:tr></w:tbl>"
        + f"<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'>{box}</mc:Choice>"
        + f"<mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    xml = (
        f"<w:document xmlns:w='{W_NS}' xmlns:mc='{MC_NS}'>"
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    raw = _docx_with({"word/document.xml": xml.encode()})
    text, how = read_source(raw, "custom.docx")
    assert (text.split("\n"), how) == (
        ["柳溪区报告", "自定义内容", "空白", "甲 乙 丙", "内表", "", "文本框"],
        "Word .docx",
    )


def test_a_doc_is_refused_by_what_it_is() -> None:
    from lawgov_cli.importer.readers import word

    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    advice = "lawgov reads .docx, not .doc; save it as .docx or PDF (Word or WPS: File > Save As)"
    for read, raw, what in [
        (word.read_docx, ole2, "a legacy Word .doc (or WPS) file"),  # named .docx: content decides
        (read_source, "柳溪区报告".encode(), "named .doc"),
    ]:
        with pytest.raises(ImportFailure) as caught:
            read(raw, "a.doc")
        assert str(caught.value) == f"a.doc: {what}: {advice}"
    assert reader_for(b"see word/document.xml", "a.txt").name == "text"  # no ZIP: no .docx


def test_a_docx_archive_is_measured_as_declared() -> None:
    """2,000 entries are taken, not one more; 64,000,000 bytes inflated, not one more; an
    entry of a million bytes may inflate any number of times, one over it 100 times."""
    base = zipfile.ZipFile(FIXTURES / "docx" / "nanshan-2024.docx")
    count = len(base.infolist())
    size = sum(e.file_size for e in base.infolist())

    def with_stored(entries: dict[str, bytes]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in base.infolist():
                target.writestr(entry, base.read(entry))
            for name, data in entries.items():
                target.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        return out.getvalue()

    def refused(raw: bytes) -> str:
        with pytest.raises(ImportFailure) as caught:
            read_source(raw, "r.docx")
        return str(caught.value)

    padding = {f"customXml/x{i}.xml": b"" for i in range(2000 - count)}
    assert read_source(with_stored(padding), "r.docx")[1] == "Word .docx"
    assert refused(with_stored(padding | {"customXml/one-more.xml": b""})) == (
        "r.docx: 2,001 entries in the archive, more than a Word file has"
    )
    fill = {"word/media/fill.bin": bytes(64_000_000 - size)}
    assert read_source(with_stored(fill), "r.docx")[1] == "Word .docx"
    assert "inflates to 64 MB, over the 64 MB" in refused(
        with_stored({"word/media/fill.bin": bytes(64_000_001 - size)})
    )
    assert (
        read_source(_docx_with({"word/media/a.bin": bytes(1_000_000)}), "r.docx")[1] == "Word .docx"
    )
    dense = _docx_with({"word/document.xml": b"<a/>" * 10_000_000})
    entry = zipfile.ZipFile(io.BytesIO(dense)).getinfo("word/document.xml")
    assert refused(dense) == (
        f"r.docx: word/document.xml inflates {entry.file_size // entry.compress_size:,} times "
        "(a zip bomb?)"
    )


def test_a_pdf_locked_without_a_password_imports(tmp_path: Path) -> None:
    """Copying and printing forbidden, no password to open it (AES-256): it reads as the
    unlocked file does."""
    (tmp_path / "locked.pdf").write_bytes(_encrypted(""))
    plain = read_source((FIXTURES / "pdf" / "nanshan-2024.pdf").read_bytes(), "plain.pdf")
    assert read_source(_encrypted(""), "locked.pdf") == plain
    result = lawgov_import("locked.pdf", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(tomllib.loads(result.stdout)["metrics"]) == 58


def test_a_pdf_of_text_that_is_not_chinese_is_refused() -> None:
    raw = _one_page(_stream(b"BT /F1 12 Tf 72 700 Td (Annual report) Tj ET"))
    with pytest.raises(ImportFailure, match=r"x\.pdf: no Chinese text in its text layer"):
        read_source(raw, "x.pdf")


def test_an_empty_pdf_or_docx_is_said_to_be_empty() -> None:
    for name in ("x.pdf", "x.docx"):
        with pytest.raises(ImportFailure, match=rf"{name}: empty file, nothing to import"):
            read_source(b"", name)


def test_pdf_and_docx_libraries_load_only_when_a_file_needs_them() -> None:
    """Choosing a reader imports no library: a .txt import never loads pypdf or python-docx."""
    code = (
        "import sys; from lawgov_cli.importer.readers import read_source;"
        "read_source('时间:2024-12-31'.encode(), 'a.txt');"
        "print(sorted(m for m in ('pypdf', 'docx', 'lxml', 'cryptography') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout == "[]\n", result.stderr
