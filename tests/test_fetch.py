"""``lawgov import https://…``: a real HTTP server on 127.0.0.1 serves the fixtures (a GBK page,
an HTML page, a PDF, a .docx) and every way a fetch can go wrong. No test touches the internet:
the one host name that is not 127.0.0.1 ends in .invalid, which never resolves."""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from lawgov_cli import load_report
from lawgov_cli.cli import fetch
from lawgov_cli.cli.fetch import FetchError, checked_address, is_address, output_stem
from lawgov_cli.importer import readers
from test_cli import fails, run
from test_installed import (
    LAWGOV,
    clean_env,
    heavy_imports,
    imported_modules,
    imports_in_each_cache_state,
)

FIXTURES = REPO / "tests" / "fixtures" / "fetch"
GBK_TEXT = (REPO / "tests" / "fixtures" / "import" / "yunling-2024.txt").read_bytes()
PAGE = (FIXTURES / "page-gbk.html").read_bytes()
PDF = (FIXTURES / "report.pdf").read_bytes()
DOCX = (FIXTURES / "report.docx").read_bytes()
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LIMIT = fetch.CHUNK * 4  # a small cap for the tests that pass it


def has_reader(suffix: str) -> bool:
    """Whether a reader for this format is in the importer yet (others are being added)."""
    return any(suffix in reader.suffixes for reader in readers.READERS)


# --- the server -------------------------------------------------------------------------------

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


def answer(status: int, body: bytes, content_type: str = "text/plain", **headers: str) -> Route:
    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        handler.end_headers()
        handler.wfile.write(body)

    return route


def redirect(to: str, status: int = 302) -> Route:
    return answer(status, b"", Location=to)


class Site:
    """A threaded HTTP server on 127.0.0.1 (a free port) and its routes; ``released`` ends the
    routes that wait, so that the server stops at once when the test is over."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.released = threading.Event()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self.close_connection = True
                route = site.routes.get(self.path, answer(404, b"not here"))
                with contextlib.suppress(OSError):  # the client went away (as tests make it)
                    route(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def slow(site: Site) -> Route:
    """No answer until the test ends (at most 15 s)."""

    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        site.released.wait(15)
        answer(200, GBK_TEXT)(handler)

    return route


def drip(site: Site) -> Route:
    """An answer that comes a byte at a time, every 0.2 s: no wait is long, the whole is."""

    def route(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(GBK_TEXT)))
        handler.end_headers()
        for byte in GBK_TEXT:
            if site.released.wait(0.2):
                return
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()

    return route


def endless(handler: http.server.BaseHTTPRequestHandler) -> None:
    """A body that never ends (no length: it would end when the connection closes), written
    until the client goes away, at most 20 s or 400 MB."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain; charset=utf-8")
    handler.end_headers()
    chunk = "法治政府建设年度报告。".encode() * 2000
    deadline, sent = time.monotonic() + 20, 0
    while time.monotonic() < deadline and sent < 400 * 2**20:
        handler.wfile.write(chunk)
        sent += len(chunk)


def declared_too_large(handler: http.server.BaseHTTPRequestHandler) -> None:
    """An answer that says it is 400 MB: refused before its body is read."""
    handler.send_response(200)
    handler.send_header("Content-Length", str(400 * 2**20))
    handler.end_headers()
    handler.wfile.write(b"x" * 1000)


def cut(handler: http.server.BaseHTTPRequestHandler) -> None:
    """5000 bytes promised, 1000 sent, then the connection closed."""
    handler.send_response(200)
    handler.send_header("Content-Length", "5000")
    handler.end_headers()
    handler.wfile.write(GBK_TEXT[:1000])
    handler.wfile.flush()
    handler.connection.shutdown(socket.SHUT_RDWR)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    site = Site()
    site.routes.update(
        {
            "/yunling-2024.txt": answer(200, GBK_TEXT, "text/plain; charset=gbk"),
            "/art/2025/1/20/art_1_123.html": answer(200, PAGE, "text/html"),
            "/files/%E6%8A%A5%E5%91%8A.txt": answer(200, GBK_TEXT, "text/plain"),  # 报告.txt
            "/a/..%2F..%2F.escape.txt": answer(200, GBK_TEXT, "text/plain"),
            "/report.pdf": answer(200, PDF, "application/pdf"),
            "/report.docx": answer(200, DOCX, DOCX_TYPE),
            "/download?id=7": answer(200, DOCX, "application/octet-stream"),
            "/r1": redirect("/r2", 301),
            "/r3": redirect("yunling-2024.txt", 302),
            "/to-pdf": redirect("/report.pdf"),
            "/to-docx": redirect("/download?id=7", 303),
            "/loop-a": redirect("/loop-b"),
            "/loop-b": redirect("/loop-a"),
            **{f"/hop{n}": redirect(f"/hop{n + 1}") for n in range(10)},
            "/to-ftp": redirect("ftp://127.0.0.1/report.txt"),
            "/to-file": redirect("file:///etc/passwd"),
            "/no-location": answer(302, b""),
            "/missing": answer(404, b"<h1>404</h1>", "text/html"),
            "/broken": answer(500, b"oops"),
            "/slow": slow(site),
            "/drip": drip(site),
            "/big": declared_too_large,
            "/endless": endless,
            "/cut": cut,
            "/gzip": answer(200, gzip.compress(GBK_TEXT), Content_Encoding="gzip"),
            "/bomb": answer(200, gzip.compress(b"\0" * (64 * 2**20)), Content_Encoding="gzip"),
            "/brotli": answer(200, b"\x1b\x03", Content_Encoding="br"),
            "/empty": answer(200, b""),
            "/image.png": answer(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
        }
    )
    site.routes["/r2"] = redirect(site.url("/r3"), 307)  # an absolute Location too
    site.thread.start()
    yield site
    site.released.set()
    site.server.shutdown()
    site.server.server_close()


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A port bound but not listening: connecting is refused, and no other test takes it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A listening port whose queue of connections is full: a new connection is never
    accepted, so connecting times out."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        port = server.getsockname()[1]
        waiting = []
        for _ in range(4):
            client = socket.socket()
            client.setblocking(False)
            client.connect_ex(("127.0.0.1", port))
            waiting.append(client)
        time.sleep(0.1)
        yield port
        for client in waiting:
            client.close()


# --- addresses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "address"),
    [
        ("https://www.gov.cn/a.html", True),
        ("HTTP://EXAMPLE.GOV.CN", True),
        ("ftp://example.org/x.txt", True),
        ("file:///etc/passwd", True),
        ("data:text/plain,abc", True),
        ("javascript:alert(1)", True),
        ("report.txt", False),
        ("reports/", False),
        ("-", False),
        ("C:/reports/a.txt", False),  # a drive letter is not a scheme
        ("/tmp/https://x", False),
    ],
)
def test_what_is_an_address(source: str, address: bool) -> None:
    assert is_address(source) is address


def test_a_file_named_like_a_scheme_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert is_address("data:2024.txt")
    Path("data:2024.txt").write_bytes(GBK_TEXT)
    assert not is_address("data:2024.txt")
    assert not is_address("notes:2024.txt")  # not a scheme one writes without slashes


def test_an_address_without_its_scheme_is_a_missing_file_with_a_hint(
    runner: CliRunner, here: Path
) -> None:
    result = fails(runner, "import", "www.example.gov.cn/art/2025/1/20/art_1.html")
    assert result.stderr == (
        "lawgov: www.example.gov.cn/art/2025/1/20/art_1.html: no such file\n"
        "lawgov: hint: to fetch an address, give it with https:// or http://\n"
    )
    assert "hint" not in fails(runner, "import", "missing/report.txt").stderr


@pytest.mark.parametrize(
    ("address", "sent"),
    [
        ("https://example.gov.cn", "https://example.gov.cn/"),
        ("  http://Example.GOV.cn:8080/a b.html#top ", "http://example.gov.cn:8080/a%20b.html"),
        (
            "https://例子.中国/报告.pdf?id=1",
            "https://xn--fsqu00a.xn--fiqs8s/%E6%8A%A5%E5%91%8A.pdf?id=1",
        ),
        ("https://x.cn/a%20b?q=%E6%B3%95", "https://x.cn/a%20b?q=%E6%B3%95"),  # stays encoded
        ("http://[::1]:8000/r", "http://[::1]:8000/r"),
    ],
)
def test_an_address_is_sent_as_ascii(address: str, sent: str) -> None:
    assert checked_address(address) == sent


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("ftp://example.org/x.txt", "ftp: addresses are not fetched"),
        ("file:///etc/passwd", "file: addresses are not fetched"),
        ("data:text/html,<p>x</p>", "data: addresses are not fetched"),
        ("javascript:alert(1)", "javascript: addresses are not fetched"),
        ("https:///path-only", "no host name"),
        ("https://user:secret@example.gov.cn/", "user name or password"),
        ("https://example.gov.cn:http/", "not a valid address"),
        ("https://example.gov.cn/\x1b[31m", "control characters"),
    ],
)
def test_what_is_not_fetched(address: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        checked_address(address)


@pytest.mark.parametrize(
    ("address", "stem"),
    [
        ("https://x.gov.cn/art/2025/1/20/art_1_123.html", "art_1_123"),
        ("https://x.gov.cn/files/2024年报告.pdf", "2024年报告"),
        ("https://x.gov.cn/files/%E6%8A%A5%E5%91%8A.docx", "报告"),
        ("https://x.gov.cn/content.jsp?id=5", "content"),
        ("https://x.gov.cn/", "x.gov.cn"),
        ("https://x.gov.cn", "x.gov.cn"),
        ("https://x.gov.cn/a/..%2F..%2Fetc%2Fpasswd", "etc_passwd"),  # a name, never a path
        ("https://x.gov.cn/..", "x.gov.cn"),
        ("https://x.gov.cn/.hidden.html", "hidden"),
        ("https://x.gov.cn/-rf.html", "rf"),
        ("https://x.gov.cn/a%00b%0A.html", "a_b"),
        (f"https://x.gov.cn/{'长' * 100}.html", "长" * 60),
        ("https://127.0.0.1:8000/", "127.0.0.1"),
        ("https://[::1]/", "1"),
    ],
)
def test_the_output_name_taken_from_an_address(address: str, stem: str) -> None:
    assert output_stem(address) == stem


# --- fetching ---------------------------------------------------------------------------------


def test_a_gbk_text_page(site: Site) -> None:
    got = fetch.fetch(site.url("/yunling-2024.txt"), LIMIT)
    assert (got.raw, got.content_type, got.url) == (
        GBK_TEXT, "text/plain", site.url("/yunling-2024.txt")
    )  # fmt: skip


@pytest.mark.parametrize(
    ("path", "body", "content_type"),
    [
        ("/art/2025/1/20/art_1_123.html", PAGE, "text/html"),
        ("/report.pdf", PDF, "application/pdf"),
        ("/report.docx", DOCX, DOCX_TYPE),
    ],
)
def test_documents_arrive_whole(site: Site, path: str, body: bytes, content_type: str) -> None:
    got = fetch.fetch(site.url(path), LIMIT)
    assert (got.raw, got.content_type) == (body, content_type)


def test_a_redirect_chain_is_followed(site: Site) -> None:
    got = fetch.fetch(site.url("/r1"), LIMIT)  # 301, 307 (absolute), 302 (relative)
    assert (got.raw, got.url) == (GBK_TEXT, site.url("/yunling-2024.txt"))
    got = fetch.fetch(site.url("/to-docx"), LIMIT)  # 303 to an address with a query
    assert (got.raw, got.url) == (DOCX, site.url("/download?id=7"))


def test_a_gzip_body_is_read_though_not_asked_for(site: Site) -> None:
    assert fetch.fetch(site.url("/gzip"), LIMIT).raw == GBK_TEXT


def failure(address: str, limit: int = LIMIT, seconds: float = 30) -> str:
    with pytest.raises(FetchError) as caught:
        fetch.fetch(address, limit, seconds)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(address)  # every message names the address given
    return message


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error"),
        ("/loop-a", "redirect loop: "),
        ("/hop0", "too many redirects (more than 5)"),
        ("/to-ftp", "redirected to ftp://127.0.0.1/report.txt: ftp: addresses are not fetched"),
        ("/to-file", "redirected to file:///etc/passwd: file: addresses are not fetched"),
        ("/no-location", "HTTP 302 redirect without a Location"),
        ("/empty", "the server sent an empty answer"),
        ("/cut", "the server closed the connection after 1000 bytes of 4.9 KB"),
        ("/big", "more than 256 KB: too large to import"),
        ("/brotli", "compressed as br: not read"),
    ],
)
def test_each_failure_is_one_line(site: Site, path: str, message: str) -> None:
    assert message in failure(site.url(path))


def test_a_status_after_a_redirect_names_where(site: Site) -> None:
    site.routes["/to-missing"] = redirect("/missing")
    assert failure(site.url("/to-missing")).endswith(
        f"HTTP 404 Not Found (at {site.url('/missing')})"
    )


def test_five_redirects_are_followed_six_are_not(site: Site) -> None:
    site.routes["/hop10"] = answer(200, GBK_TEXT)
    assert fetch.fetch(site.url("/hop5"), LIMIT).raw == GBK_TEXT
    assert "too many redirects" in failure(site.url("/hop4"))


def test_a_refused_connection(refused_port: int) -> None:
    address = f"http://127.0.0.1:{refused_port}/report.html"
    assert failure(address) == f"{address}: connection refused by 127.0.0.1"


def test_a_host_that_does_not_resolve() -> None:
    assert "host not found: lawgov-test.invalid" in failure("http://lawgov-test.invalid/a.html")


def test_no_answer_within_the_wait(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fetch, "WAIT_SECONDS", 0.3)
    started = time.monotonic()
    assert "sent no answer within 0.3 s" in failure(site.url("/slow"))
    assert time.monotonic() - started < 3


def test_no_connection_within_the_wait(
    unanswered_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fetch, "WAIT_SECONDS", 0.3)
    started = time.monotonic()
    message = failure(f"http://127.0.0.1:{unanswered_port}/")
    assert "timed out connecting to 127.0.0.1 (no connection within 0.3 s)" in message
    assert time.monotonic() - started < 3


def test_the_total_time_holds_when_each_wait_is_short(site: Site) -> None:
    """A byte every 0.2 s never waits long, yet the whole stops at the total."""
    started = time.monotonic()
    assert "timed out: not fetched within 1 s" in failure(site.url("/drip"), seconds=1)
    assert time.monotonic() - started < 2


def test_a_body_past_the_limit_is_refused_as_it_streams(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No more than the limit and one chunk is taken off the connection: the bytes the fetch
    thread receives from its socket are counted."""
    received = []
    real = socket.socket.recv_into

    def counted(self: socket.socket, buffer: object, *args: object) -> int:
        size = real(self, buffer, *args)  # type: ignore[arg-type]
        if threading.current_thread().name == "lawgov-fetch":
            received.append(size)
        return size

    monkeypatch.setattr(socket.socket, "recv_into", counted)
    assert "more than 256 KB: too large to import" in failure(site.url("/endless"))
    headers_and_buffer = 16 * 1024
    assert LIMIT < sum(received) <= LIMIT + fetch.CHUNK + headers_and_buffer


def test_a_gzip_bomb_stops_at_the_limit(site: Site) -> None:
    started = time.monotonic()
    assert "too large to import" in failure(site.url("/bomb"))
    assert time.monotonic() - started < 2


def test_tls_to_a_server_that_does_not_speak_it(site: Site) -> None:
    address = f"https://127.0.0.1:{site.port}/yunling-2024.txt"
    assert "TLS error with 127.0.0.1" in failure(address)


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An https server on 127.0.0.1 whose certificate nobody signed (made with openssl)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = Site()
    site.routes["/a.txt"] = answer(200, GBK_TEXT)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    site.server.socket = context.wrap_socket(site.server.socket, server_side=True)
    site.thread.start()
    yield f"https://127.0.0.1:{site.port}/a.txt"
    site.server.shutdown()
    site.server.server_close()


def test_tls_with_an_untrusted_certificate(tls_site: str) -> None:
    message = failure(tls_site)
    assert "TLS error: the certificate of 127.0.0.1 is not trusted (self-signed certificate)" in (
        message
    )


# --- the command ------------------------------------------------------------------------------


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current directory, empty, where an address's report goes by default."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_address_is_imported_into_the_current_directory(
    runner: CliRunner, site: Site, here: Path
) -> None:
    address = site.url("/yunling-2024.txt")
    result = run(runner, "import", address)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("lawgov: wrote yunling-2024.toml (23 sections, 17 figures)\n")
    report = load_report(here / "yunling-2024.toml")
    assert (report.title, report.source_url) == (
        "云岭县人民政府关于2024年度法治政府建设情况的报告",
        address,
    )
    assert (
        (here / "yunling-2024.toml")
        .read_text(encoding="utf-8")
        .startswith(f"# Imported by lawgov 0.1.0 from {address} (gb18030).\n")
    )


def test_an_address_with_chinese_in_it(runner: CliRunner, site: Site, here: Path) -> None:
    address = site.url("/files/报告.txt")
    result = run(runner, "import", address)
    assert result.exit_code == 0, result.stderr
    assert load_report(here / "报告.toml").source_url == address  # as given, not %-encoded


def test_a_name_from_an_address_stays_in_the_directory(
    runner: CliRunner, site: Site, here: Path
) -> None:
    (here / "cwd").mkdir()
    result = run(runner, "import", site.url("/a/..%2F..%2F.escape.txt"), "-o", "cwd/")
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in here.iterdir()] == ["cwd"]
    assert [p.name for p in (here / "cwd").iterdir()] == ["escape.toml"]


def test_source_url_option_beats_the_address(runner: CliRunner, site: Site, here: Path) -> None:
    given = "https://www.yunling.gov.cn/art/2024/12/31/art_1.html"
    result = run(runner, "import", site.url("/yunling-2024.txt"), "--source-url", given, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert f'source_url = "{given}"' in result.stdout
    assert list(here.iterdir()) == []


def test_a_redirect_is_noted_and_the_address_given_stays_the_source(
    runner: CliRunner, site: Site, here: Path
) -> None:
    address = site.url("/r1")
    result = run(runner, "import", address, "-o", "out/")
    assert result.exit_code == 0, result.stderr
    final = site.url("/yunling-2024.txt")
    assert f"note: Fetched from {final} (the address redirected there)." in result.stderr
    written = here / "out" / "r1.toml"
    assert load_report(written).source_url == address
    assert f"# Fetched from {final} (the address redirected there)." in written.read_text("utf-8")


def test_a_failed_fetch_writes_nothing(runner: CliRunner, site: Site, here: Path) -> None:
    result = fails(runner, "import", site.url("/missing"), "-o", "new/")
    assert result.stderr == (
        f"lawgov: {site.url('/missing')}: HTTP 404 Not Found\n"
        "lawgov: hint: check the address: the page is not (or no longer) there\n"
    )
    assert list(here.iterdir()) == []


def test_what_the_readers_refuse_names_what_the_server_sent(
    runner: CliRunner, site: Site, here: Path
) -> None:
    result = fails(runner, "import", site.url("/image.png"))
    assert result.stderr.startswith(f"lawgov: {site.url('/image.png')}: ")
    assert "hint: the server says it sent image/png, not a page or a document" in result.stderr
    assert list(here.iterdir()) == []


def test_the_import_limit_holds_for_an_address(
    runner: CliRunner, site: Site, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("lawgov_cli.importer.build.max_source_bytes", lambda: 1024)
    result = fails(runner, "import", site.url("/yunling-2024.txt"))
    assert result.stderr.startswith(
        f"lawgov: {site.url('/yunling-2024.txt')}: more than 1 KB: too large to import\n"
    )
    assert list(here.iterdir()) == []


def test_an_address_is_not_written_over_without_force(
    runner: CliRunner, site: Site, here: Path
) -> None:
    (here / "yunling-2024.toml").write_text("mine", encoding="utf-8")
    result = fails(runner, "import", site.url("/yunling-2024.txt"))
    assert "already exists, not overwritten" in result.stderr
    assert (here / "yunling-2024.toml").read_text(encoding="utf-8") == "mine"


def test_two_addresses_with_one_name_are_refused_before_fetching(
    runner: CliRunner, site: Site, here: Path
) -> None:
    result = fails(runner, "import", site.url("/slow"), site.url("/a/slow"), "-o", "out")
    assert "would both be written to out/slow.toml" in result.stderr  # and at once: not fetched
    assert not (here / "out").exists()


def test_an_html_page(runner: CliRunner, site: Site, here: Path) -> None:
    """The GBK page as a government CMS serves it: read by the HTML reader once the importer
    has one (in progress on another branch); until then, it must fail cleanly."""
    address = site.url("/art/2025/1/20/art_1_123.html")
    result = run(runner, "import", address)
    if not has_reader(".html"):
        assert result.exit_code == 2
        assert result.stderr.startswith(f"lawgov: {address}: ")
        assert list(here.iterdir()) == []
        return
    assert result.exit_code == 0, result.stderr
    report = load_report(here / "art_1_123.toml")
    assert report.title == "柳岸区人民政府2024年法治政府建设年度报告"
    assert str(report.date) == "2025-01-20"
    assert report.source_url == address  # the address given beats what the page states


@pytest.mark.parametrize(
    ("path", "suffix", "written"),
    [("/to-pdf", ".pdf", "to-pdf.toml"), ("/to-docx", ".docx", "to-docx.toml")],
)
def test_an_address_that_serves_a_document(
    runner: CliRunner, site: Site, here: Path, path: str, suffix: str, written: str
) -> None:
    """A redirect to a PDF, or to a .docx sent as application/octet-stream from an address
    with no extension: read by content. Imported once the importer has a reader for the
    format (in progress on other branches); until then, refused cleanly."""
    address = site.url(path)
    result = run(runner, "import", address)
    if not has_reader(suffix):
        assert result.exit_code == 2
        assert result.stderr.startswith(f"lawgov: {address}: ")
        assert "Traceback" not in result.stderr
        assert list(here.iterdir()) == []
        return
    assert result.exit_code == 0, result.stderr
    report = load_report(here / written)
    assert report.title == "柳岸区人民政府2024年法治政府建设年度报告"
    assert report.source_url == address


def test_a_batch_of_addresses_and_files_says_what_failed(
    runner: CliRunner, site: Site, here: Path
) -> None:
    (here / "local.txt").write_bytes(GBK_TEXT)
    result = run(
        runner, "import", site.url("/yunling-2024.txt"), site.url("/missing"), "local.txt",
        "-o", "out",
    )  # fmt: skip
    assert result.exit_code == 2
    assert sorted(p.name for p in (here / "out").iterdir()) == ["local.toml", "yunling-2024.toml"]
    lines = result.stderr.splitlines()
    assert lines[-4:] == [
        "lawgov: imported 2 of 3 sources: 46 sections, 34 figures, 0 notes",
        "lawgov: not imported: 1 of 3 sources:",
        f"lawgov:   {site.url('/missing')}: HTTP 404 Not Found",
        "lawgov:     hint: check the address: the page is not (or no longer) there",
    ]


# --- the installed command --------------------------------------------------------------------

installed = pytest.mark.skipif(LAWGOV is None, reason="the lawgov script is not installed")


def lawgov(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert LAWGOV is not None
    return subprocess.run(
        [LAWGOV, *args], cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=60
    )


@installed
def test_installed_imports_a_gbk_page_from_an_address(site: Site, tmp_path: Path) -> None:
    address = site.url("/yunling-2024.txt")
    done = lawgov("import", address, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "lawgov: wrote yunling-2024.toml (23 sections, 17 figures)\n"
    info = lawgov("--report", "yunling-2024.toml", "info", "--json", cwd=tmp_path)
    assert json.loads(info.stdout)["source_url"] == address


@installed
def test_installed_timeout_option(site: Site, tmp_path: Path) -> None:
    started = time.monotonic()
    done = lawgov("import", site.url("/slow"), "--timeout", "1", cwd=tmp_path)
    assert time.monotonic() - started < 10
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"lawgov: {site.url('/slow')}: timed out: not fetched within 1 s"
    )
    assert "--timeout SECONDS" in done.stderr
    assert list(tmp_path.iterdir()) == []


@installed
@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/loop-a", "redirect loop"),
        ("/cut", "closed the connection after"),
        ("file:///etc/passwd", "file: addresses are not fetched"),
        ("http://lawgov-test.invalid/", "host not found"),
    ],
)
def test_installed_failures_are_one_clear_line(
    site: Site, tmp_path: Path, source: str, message: str
) -> None:
    address = site.url(source) if source.startswith("/") else source
    done = lawgov("import", address, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith(f"lawgov: {address}: ")
    assert message in done.stderr.splitlines()[0]
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


@installed
def test_installed_an_endless_body_stops_at_the_cap_in_bounded_memory(
    site: Site, tmp_path: Path
) -> None:
    """The real 16 MB cap against a body that never ends: refused in seconds, and in bounded
    memory (the child's own peak, from wait4 in a bare launcher: a child's ru_maxrss counts the
    pages of the process that spawned it, and pytest's are many)."""
    assert LAWGOV is not None
    started = time.monotonic()
    measured = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, LAWGOV, "import", site.url("/endless")],
        cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    code, peak_kb = measured.stdout.split()
    assert int(code) == 2, measured.stderr
    assert "more than 16 MB: too large to import" in measured.stderr
    assert time.monotonic() - started < 15
    assert int(peak_kb) / 1024 < 100, peak_kb  # 45 MB measured; the body alone would be 400 MB
    assert list(tmp_path.iterdir()) == []


# As benchmarks/startup.py measures peak memory: lawgov's stdout to /dev/null, its stderr the
# launcher's; the launcher prints the exit code and the peak in KB.
LAUNCHER = """
import os, sys
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


# The network's modules (http.client, ssl, socket, email, urllib.request) load only when an
# address is imported: checked with ``python -X importtime`` on the installed command.
NETWORK = ("http", "ssl", "socket", "email")


def network_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.split(".")[0] in NETWORK or m == "urllib.request"}


@installed
@pytest.mark.parametrize(
    "args",
    [
        ["metrics", "--json"],
        ["info"],
        ["search", "调解"],
        ["get", "mediation.total"],
        ["check"],
        ["validate"],
    ],
)
def test_read_commands_do_not_load_the_network(tmp_path: Path, args: list[str]) -> None:
    runs = imports_in_each_cache_state(args, tmp_path)
    assert heavy_imports(runs, NETWORK) == {}
    assert not any("urllib.request" in modules for modules in runs.values())


@installed
def test_only_an_address_loads_the_network(site: Site, tmp_path: Path) -> None:
    source = str(REPO / "tests" / "fixtures" / "import" / "yunling-2024.txt")
    for args in (["import", source, "-o", "-"], ["export", "--format", "csv"]):
        assert network_modules(imported_modules(args, tmp_path, {})) == set()
    fetched = imported_modules(["import", site.url("/yunling-2024.txt"), "-o", "-"], tmp_path, {})
    assert {"http.client", "ssl", "urllib.request"} <= network_modules(fetched)  # it measures
