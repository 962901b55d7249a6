"""``lawgov import https://…``: an address fetched into bytes for the importer (which does no I/O).

The standard library's ``urllib.request`` does the HTTP (README, Design notes: why not httpx,
urllib3 or requests); it is imported only when an address is fetched, so that neither the read
commands nor a file import pay for it. What this module adds to it:

- http and https only, before and after every redirect; no credentials in the address.
- Redirects followed here, one at a time (``MAX_REDIRECTS``), a loop named as one.
- Two bounds on time: ``WAIT_SECONDS`` for each wait on the network (connecting, or the next
  bytes of the answer), and a total (``TOTAL_SECONDS``, ``--timeout``) that holds whatever the
  server or the name resolver does: the fetch runs in a thread, and the command stops waiting
  for it when the time is up.
- The body read in chunks of ``CHUNK`` bytes and refused once it passes the limit (the import
  source limit, 16 MB): never more than the limit and one chunk is read, compressed or not.
- One line for each way it can fail (host not found, refused, HTTP status, timed out, too large,
  TLS, too many redirects, cut short).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

from ..core.errors import LawgovError, shown
from .spec import FETCH_SECONDS

if TYPE_CHECKING:
    import http.client
    import threading
    import urllib.request

FETCHED_SCHEMES = ("http", "https")
# An address: ``scheme://…`` whatever the scheme, or one of these schemes and a colon (data:,
# javascript:, mailto:), so that each is refused as an address rather than as a missing file.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")
_BARE_SCHEMES = frozenset(
    ("http", "https", "file", "ftp", "data", "javascript", "vbscript", "mailto", "about", "blob")
)
# A missing file named like an address without its scheme (www.example.gov.cn/a.html): the
# error says how to fetch it.
_HOST_PATH = re.compile(
    r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.(cn|com|net|org|gov|edu|hk|mo)(:\d+)?(/|$)"
)
# Never in an address (nor in the source_url it becomes): a control character.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# What stays as it is when an address is made ASCII for the request (as browsers and requests
# do): the delimiters of a URL, and % (an address given already encoded stays so).
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"

TOTAL_SECONDS = FETCH_SECONDS  # the whole fetch, redirects included; --timeout
WAIT_SECONDS = 20  # connecting, or waiting for the next bytes of the answer
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
REDIRECTS = frozenset((301, 302, 303, 307, 308))
USER_AGENT = "lawgov/{version} (report import; +https://pypi.org/project/lawgov/)"
ACCEPT = (
    "text/html,application/xhtml+xml,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "text/plain;q=0.9,*/*;q=0.5"
)


class FetchError(LawgovError):
    """An address that could not be fetched: one line naming it and why."""


@dataclass(frozen=True, slots=True)
class Fetched:
    raw: bytes
    url: str  # where the bytes came from, after redirects
    content_type: str  # as the server declared it, lower case, without parameters ("" if none)


def is_address(source: str) -> bool:
    """Whether a source names an address rather than a file: ``scheme://…``, or one of the
    schemes written without slashes (``data:…``, ``javascript:…``) unless a file has that name.
    A drive letter (``C:``) is never a scheme: a scheme has two characters or more."""
    found = _SCHEME.match(source)
    if found is None:
        return False
    if source.startswith("//", found.end()):
        return True
    if found.group(1).lower() not in _BARE_SCHEMES:
        return False
    try:
        return not os.path.lexists(source)
    except (OSError, ValueError):  # a name the file system cannot take (a NUL byte)
        return True


def looks_like_address(path: str) -> bool:
    """A path that reads as an address without its scheme (www.example.gov.cn/a.html)."""
    return _HOST_PATH.match(path) is not None


def checked_address(address: str) -> str:
    """The address as it is sent (ASCII, no fragment), or FetchError saying why it is not one
    lawgov fetches."""
    text = address.strip()
    if _CONTROL.search(text):
        raise FetchError(f"{shown(address)}: an address cannot hold control characters")
    try:
        parts = urlsplit(text)
        port = parts.port  # a port that is not a number is only found here
    except ValueError as err:
        raise FetchError(f"{shown(address)}: not a valid address ({err})") from None
    scheme = parts.scheme.lower()
    if scheme not in FETCHED_SCHEMES:
        raise FetchError(
            f"{shown(address)}: {scheme}: addresses are not fetched; lawgov fetches http:// "
            "and https:// addresses",
            hint="save the report and import the file" if scheme == "file" else None,
        )
    if not parts.hostname:
        raise FetchError(f"{shown(address)}: no host name in the address")
    if parts.username is not None or parts.password is not None:
        raise FetchError(
            f"{shown(address)}: an address with a user name or password is not fetched "
            "(it would be written into the report as its source_url)"
        )
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(
            f"{shown(address)}: {shown(parts.hostname)} is not a valid host name"
        ) from None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    path = quote(parts.path or "/", safe=_URL_SAFE)
    query = quote(parts.query, safe=_URL_SAFE)
    return SplitResult(scheme, netloc, path, query, "").geturl()


def output_stem(address: str) -> str:
    """The name a fetched report's TOML takes when -o does not give one: the last segment of
    the address's path without its extension (…/art_123_456.html -> art_123_456,
    …/2024年报告.pdf -> 2024年报告), else its host. Letters, digits, ``_``, ``-`` and ``.``
    only, no leading dot or dash, at most 60 characters: a name, never a path, so that the
    file lands in the directory the user chose (the current one by default)."""
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # not an address at all (http://[x/…): the fetch will say so
        return "report"
    segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1], errors="replace")
    for candidate in (segment, parts.hostname or ""):
        name = _safe_name(candidate)
        if candidate is segment:
            stem, dot, extension = name.rpartition(".")
            name = _safe_name(stem) if dot and extension.isalnum() else name
        if name:
            return name
    return "report"


def _safe_name(text: str) -> str:
    """Letters and digits (any script), ``_``, ``-`` and ``.``, each run of anything else
    made one ``_``; no dot, dash or ``_`` at either end; at most 60 characters."""
    return re.sub(r"[^\w.-]+", "_", text).strip("._-")[:60].rstrip("._-")


def fetch(address: str, limit: int, total_seconds: float = TOTAL_SECONDS) -> Fetched:
    """The body of ``address`` (at most ``limit`` bytes, within ``total_seconds``), following
    redirects; FetchError (one line) on any failure."""
    import threading

    url = checked_address(address)
    outcome: list[Fetched | BaseException] = []
    stop = threading.Event()

    def work() -> None:
        try:
            outcome.append(_fetch(address, url, limit, min(WAIT_SECONDS, total_seconds), stop))
        except BaseException as err:  # handed to the command's thread, which says it
            outcome.append(err)

    # A daemon thread: when the time is up the command says so and exits; a thread still
    # waiting on the network (a name resolver that does not answer) cannot hold it up.
    worker = threading.Thread(target=work, name="lawgov-fetch", daemon=True)
    worker.start()
    worker.join(total_seconds)
    if not outcome:
        stop.set()  # the worker stops at its next chunk, or when its wait runs out
        raise FetchError(
            f"{shown(address)}: timed out: not fetched within {_seconds(total_seconds)}",
            hint="give it more time with --timeout SECONDS, or save the page and import the file",
        )
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _seconds(value: float) -> str:
    return f"{value:g} s"


def _fetch(address: str, url: str, limit: int, wait: float, stop: threading.Event) -> Fetched:
    """Follow ``url`` to its content, one redirect at a time."""
    import urllib.request

    opener = _opener()
    seen = [url]
    while True:
        request = urllib.request.Request(url, headers=_headers())
        response = _open(opener, request, address, url != seen[0], wait)
        if response.status not in REDIRECTS:
            with response:
                return _body(response, address, url, limit, wait, stop)
        response.close()
        location = response.headers.get("Location", "").strip()
        if not location:
            raise FetchError(
                f"{shown(address)}: HTTP {response.status} redirect without a Location"
            )
        try:
            target = checked_address(urljoin(url, location))
        except ValueError:  # urljoin on http://[x/…
            raise FetchError(
                f"{shown(address)}: redirected to an invalid address ({shown(location)})"
            ) from None
        except FetchError as err:
            raise FetchError(f"{shown(address)}: redirected to {err}") from None
        if target in seen:
            raise FetchError(
                f"{shown(address)}: redirect loop: {shown(url)} redirects back to {shown(target)}"
            )
        if len(seen) > MAX_REDIRECTS:
            raise FetchError(f"{shown(address)}: too many redirects (more than {MAX_REDIRECTS})")
        seen.append(target)
        url = target


def _opener() -> urllib.request.OpenerDirector:
    """http and https only (no file:, ftp: or data: handler), proxies from the environment
    (http_proxy, https_proxy, no_proxy), certificates checked. No redirect or error handler:
    every answer comes back as it is, for ``_fetch`` to check each redirect and say what an
    error status means."""
    import urllib.request as request

    opener = request.OpenerDirector()
    # HTTPSHandler's connections make Python's default context, which checks certificates
    # against the system's, when an https address is opened (loading them costs ~10 ms).
    for handler in (request.ProxyHandler(), request.HTTPHandler(), request.HTTPSHandler()):
        opener.add_handler(handler)
    return opener


def _headers() -> dict[str, str]:
    from ..version import __version__

    return {
        "User-Agent": USER_AGENT.format(version=__version__),
        "Accept": ACCEPT,
        "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5",
        "Accept-Encoding": "identity",  # gzip is read too, when a server sends it regardless
    }


def _open(
    opener: urllib.request.OpenerDirector,
    request: urllib.request.Request,
    address: str,
    redirected: bool,
    wait: float,
) -> http.client.HTTPResponse:
    """The answer's status and headers, or FetchError for an error status or any failure to
    connect."""
    import http.client
    import urllib.error

    host = urlsplit(request.full_url).hostname or ""
    try:
        response: http.client.HTTPResponse = opener.open(request, timeout=wait)
    except urllib.error.URLError as err:  # connecting, or sending the request
        if isinstance(err.reason, TimeoutError):
            raise FetchError(
                f"{shown(address)}: timed out connecting to {shown(host)} "
                f"(no connection within {_seconds(wait)})"
            ) from None
        raise _network_error(address, host, err.reason) from None
    except TimeoutError:  # waiting for the answer
        raise FetchError(
            f"{shown(address)}: timed out: {shown(host)} sent no answer within {_seconds(wait)}"
        ) from None
    except (OSError, ValueError) as err:
        raise _network_error(address, host, err) from None
    except http.client.HTTPException as err:
        raise FetchError(
            f"{shown(address)}: {shown(host)} did not answer in HTTP ({type(err).__name__})"
        ) from None
    status = response.status
    if status in REDIRECTS or 200 <= status < 300:
        return response
    response.close()
    at = f" (at {shown(request.full_url)})" if redirected else ""
    raise FetchError(
        f"{shown(address)}: HTTP {status} {_status_phrase(status, response.reason)}{at}",
        hint=_STATUS_HINTS.get(status, _STATUS_HINTS.get(status // 100 * 100)),
    )


_REFUSES_PROGRAMS = (
    "the site refuses this program: open the page in a browser, save it, and import the file"
)
_STATUS_HINTS = {
    404: "check the address: the page is not (or no longer) there",
    403: _REFUSES_PROGRAMS,
    412: _REFUSES_PROGRAMS,
    500: "the site failed: try again later, or save the page from a browser and import the file",
}


def _status_phrase(status: int, reason: str) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return reason or "(no reason given)"


def _network_error(address: str, host: str, reason: object) -> FetchError:
    """A failure to reach the server, in the words a user knows."""
    import socket
    import ssl

    name, where = shown(address), shown(host)
    if isinstance(reason, socket.gaierror):
        return FetchError(
            f"{name}: host not found: {where} ({reason.strerror or reason})",
            hint="check the address, and that this computer is online",
        )
    if isinstance(reason, ConnectionRefusedError):
        return FetchError(f"{name}: connection refused by {where}")
    if isinstance(reason, ssl.SSLCertVerificationError):
        return FetchError(
            f"{name}: TLS error: the certificate of {where} is not trusted "
            f"({reason.verify_message})",
            hint="save the page from a browser and import the file",
        )
    if isinstance(reason, ssl.SSLError):
        return FetchError(f"{name}: TLS error with {where}: {reason.reason or reason}")
    if isinstance(reason, ConnectionResetError):
        return FetchError(f"{name}: {where} closed the connection without an answer")
    if isinstance(reason, OSError):
        return FetchError(f"{name}: cannot connect to {where}: {reason.strerror or reason}")
    return FetchError(f"{name}: cannot fetch: {reason}")


def _body(
    response: http.client.HTTPResponse,
    address: str,
    url: str,
    limit: int,
    wait: float,
    stop: threading.Event,
) -> Fetched:
    """The answer's body, at most ``limit`` bytes once decompressed, read a chunk at a time:
    no more than ``limit`` + CHUNK bytes are ever taken off the connection."""
    import http.client

    from ..core.loading.files import size_text

    name = shown(address)
    too_large = FetchError(
        f"{name}: more than {size_text(limit)}: too large to import",
        hint="a page or document this large is not one report",
    )
    declared = _declared_length(response)
    if declared is not None and declared > limit:
        raise too_large
    inflate = _decoder(response.headers.get("Content-Encoding", ""), name)
    received = 0  # bytes off the connection
    body = bytearray()
    try:
        while True:
            if stop.is_set():  # the command has stopped waiting (fetch's total time)
                raise FetchError(f"{name}: stopped")
            chunk = response.read1(CHUNK)
            if not chunk:
                break
            received += len(chunk)
            for piece in inflate(chunk):
                body += piece
                if len(body) > limit:
                    raise too_large
    except TimeoutError:
        raise FetchError(
            f"{name}: timed out: the server sent nothing for {_seconds(wait)} "
            f"after {size_text(received)}"
        ) from None
    except (http.client.IncompleteRead, ConnectionError):
        raise FetchError(f"{name}: the connection broke after {size_text(received)}") from None
    except (OSError, http.client.HTTPException) as err:
        raise FetchError(f"{name}: reading the answer failed: {err}") from None
    if declared is not None and received < declared:
        raise FetchError(
            f"{name}: the server closed the connection after {size_text(received)} of "
            f"{size_text(declared)}"
        )
    if not body:
        raise FetchError(f"{name}: the server sent an empty answer (HTTP {response.status})")
    declared_type = "Content-Type" in response.headers
    return Fetched(bytes(body), url, response.headers.get_content_type() if declared_type else "")


def _declared_length(response: http.client.HTTPResponse) -> int | None:
    value = (response.headers.get("Content-Length") or "").strip()
    return int(value) if value.isascii() and value.isdigit() else None  # ² is a digit too


def _decoder(encoding: str, name: str) -> Callable[[bytes], Iterator[bytes]]:
    """How a body's bytes become the document's: as they are, or inflated (gzip, deflate) a
    step at a time, each step at most CHUNK bytes: a gzip bomb stops at the limit."""
    import zlib

    coding = encoding.strip().lower()
    if coding in ("", "identity"):
        return lambda chunk: iter((chunk,))
    if coding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{name}: the server sent it compressed as {shown(coding)}: not read")
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # a gzip or a zlib header

    def inflate(chunk: bytes) -> Iterator[bytes]:
        data = chunk
        try:
            while data:
                yield inflater.decompress(data, CHUNK)
                data = inflater.unconsumed_tail
        except zlib.error as err:
            raise FetchError(f"{name}: the server's {coding} data is damaged ({err})") from None

    return inflate
