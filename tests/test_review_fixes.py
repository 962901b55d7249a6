"""What a code review of this session's changes found, each reproduced first: crashes on
addresses and dates that cannot be parsed, and regexes slow on long runs of white space."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import SOURCE
from test_os_input import lawgov

BODY = SOURCE.read_text(encoding="utf-8")


def page(head: str) -> bytes:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.splitlines())
    return f"<html><head>{head}</head><body><div>{paragraphs}</div></body></html>".encode()


def test_a_canonical_link_that_cannot_be_parsed_is_no_address(tmp_path: Path) -> None:
    head = '<link rel="canonical" href="/a.html"><meta property="og:url" content="http://[x/a">'
    (tmp_path / "a.html").write_bytes(page(head))
    done = lawgov("import", "a.html", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr


def test_an_address_that_cannot_be_parsed_is_one_clear_error(tmp_path: Path) -> None:
    done = lawgov("import", "http://[x/a.html", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(b"lawgov: http://[x/a.html: not a valid address")
    assert list(tmp_path.iterdir()) == []


def test_a_content_length_in_other_digits_is_no_length() -> None:
    from email.message import Message

    from lawgov_cli.cli.fetch import _declared_length

    class Response:
        headers = Message()

    Response.headers["Content-Length"] = "\xb2"
    assert _declared_length(Response()) is None  # type: ignore[arg-type]


def test_a_redirect_to_an_address_that_cannot_be_parsed(tmp_path: Path) -> None:
    import http.server
    import threading

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", "http://[x/a.html")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_port}/r"
        done = lawgov("import", address, "-o", "-", cwd=tmp_path)
    finally:
        server.shutdown()
    assert done.returncode == 2
    assert b"redirected to an invalid address" in done.stderr


def test_a_chinese_date_that_is_no_date_is_left_as_written(tmp_path: Path) -> None:
    text = (
        "某区法治政府建设年度报告\n发布日期：2025-01-07\n"
        "全年（二〇二四年一一月）办理行政复议案件120件。\n一、主要工作\n全年办理行政复议案件120件。\n"
    )
    (tmp_path / "z.txt").write_text(text, encoding="utf-8")
    done = lawgov("import", "z.txt", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr


def test_one_bad_source_in_a_batch_does_not_stop_the_others(tmp_path: Path) -> None:
    """A bug on one source (simulated: a page its reader would once crash on) is that
    source's failure; the others are imported and summed up."""
    sources = tmp_path / "in"
    sources.mkdir()
    (sources / "b.txt").write_bytes(SOURCE.read_bytes())
    (sources / "a.txt").write_bytes(b"")
    done = lawgov("import", "in", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert (tmp_path / "out" / "b.toml").exists()


def test_january_1900_gives_no_year_before_the_range(tmp_path: Path) -> None:
    body = "\n".join(BODY.splitlines()[1:]).replace("2024年", "本年")
    (tmp_path / "y.txt").write_text(body, encoding="utf-8")
    done = lawgov("import", "y.txt", "-o", "-", "--date", "1900-03-01", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert b"does not validate" not in done.stderr


@pytest.mark.parametrize("run", ["\n", " "])
def test_a_long_run_of_white_space_in_a_page_is_read_in_linear_time(
    tmp_path: Path, run: str
) -> None:
    """40,000 newlines in a paragraph took 10 s (quadratic); a hang guard, not a benchmark."""
    (tmp_path / "w.html").write_bytes(page("").replace(b"<p>", f"<p>a{run * 40_000}b".encode(), 1))
    started = time.monotonic()
    done = lawgov("import", "w.html", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 8


def test_a_long_source_line_is_not_read_as_header_fields() -> None:
    """来源：a, 1,500 spaces, b took 11 s through the header patterns (cubic)."""
    from lawgov_cli.importer.page import _header_fields

    started = time.monotonic()
    assert _header_fields("来源：a" + " " * 3000 + "b") is None
    assert time.monotonic() - started < 2
