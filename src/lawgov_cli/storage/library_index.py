"""An index of a library of report files, so that questions across thousands of reports
(``reports``, ``metrics --indicator``, ``compare``, ``search``) are answered without loading each
report: the slow part of a load is parsing its TOML, and a library of 2,000 reports is 100+ MB.

``LibraryIndex(entries)`` answers the ``Library`` contract (core/library.py): ``summaries()``,
``figures(indicator)`` and ``search(terms, ...)``, exactly as loading every report and asking
``core.queries`` would (tests/test_library_index.py compares them), from one file per library
kept in the command line's cache directory (storage/report_cache.py: ``$XDG_CACHE_HOME/lawgov``,
the same rules; ``LAWGOV_NO_CACHE=1`` keeps nothing and builds the index in memory each run).
The user's report files are only ever read.

The file holds, for every report: its identity when read (path, device, inode, size, mtime and
ctime), its header, its sections without their text, its figures (and the figures again grouped
by indicator: ``metrics --indicator`` reads one group), and its text cut as search cuts it
(headings and sentences, ``text.sentences``) twice: folded (``text.Normalised``: NFKC,
Traditional characters as Simplified) in one blob that search scans in one pass, and as
written, from which the hits are built. A search for a word looks for the longest run of its
characters that have no case in the folded blob (``mmap.find``: no decoding), then checks each
sentence found exactly as ``queries.search`` does; a term with only cased letters (Latin words)
and ``--regex`` decode the texts and run ``queries.search`` on them.

Kept current: each use stats every report file; one whose size, mtime, ctime, inode or device
changed, or that is new, is read again, and the others are copied from the old index (the
counter ``reread`` says how many were read). A file changed in the last two seconds is read
again next time too (report_cache.SETTLE_NS: "racy timestamps").

Safe with several processes: the file is written whole under a random name and renamed into
place, and a reader maps the file it opened, which a rename never changes: each process answers
from one consistent index, old or new, checked against the files it was asked about. The file is
untrusted input: read only when it is a private regular file of ours, its framing and metadata
checked (lengths, a CRC32 of everything but the text blobs, every row against the model's
schema) and each sentence and section name used checked against a CRC32 of its own; anything
wrong and it is rebuilt from the report files, never believed and never a traceback.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import itertools
import marshal
import mmap
import os
import struct
import time
import unicodedata
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, Protocol

from ..core.errors import LawgovError, shown
from ..core.model import HEADER_FIELDS, NAME_FIELDS, Hit, Match, Metric, Report, Section
from . import report_cache as cache

if TYPE_CHECKING:
    from ..core.text import Normalised

_FORMAT = 5  # bump when the layout below changes
_MAGIC = b"LAWGOVIX"
_HEAD = struct.Struct("<8sIQQQI")  # magic, format, meta length, data length, blob length, crc
_SECTION = tuple(Section.__dataclass_fields__)
_METRIC = tuple(Metric.__dataclass_fields__)
_SKELETON = tuple(name for name in _SECTION if name != "text")
# What ``LibraryIndex.names`` reads of a report's figures or sections: its row's chunk, the
# width of a row of that chunk, and the fields picked (a skeleton row ends in its paragraphs).
_NAMES = {
    "figures": (6, len(_METRIC), tuple(map(_METRIC.index, NAME_FIELDS["figures"]))),
    "sections": (5, len(_SKELETON) + 1, tuple(map(_SKELETON.index, NAME_FIELDS["sections"]))),
}
# per unit: section, heading?, paragraph, offset, start as written, start folded, and the CRC-32
# of its text as written then folded (the blobs have no CRC of their own: checked as used)
_INFO = 7
_SEP = b"\n"  # between units in the folded blob: no sentence holds one
_SUFFIX = ".library"
# Each report's two-character map: bit ``_gram_bit(pair)`` set for every pair of neighbouring
# characters in its folded text (a Bloom filter of one hash), 4 KB a report. A search reads the
# folded text of only the reports whose map has every pair of its word (听证: 1 report in 4).
_GRAM_BITS = 15
_GRAM_BYTES = 1 << (_GRAM_BITS - 3)
_GRAM_MULTIPLIER = 0x9E3779B97F4A7C15  # Fibonacci hashing: the top bits of pair * this
KEEP = 16  # library indexes in the cache directory: the least recently written go first
MAX_PARAGRAPHS = 10_000_000  # more than a 64 MB report could hold: a tampered count


class EntryLike(Protocol):
    """What the index needs of ``core.library.Entry``: the report's id and path; it sets
    ``error`` when the file cannot be read (and leaves ``report`` as it is)."""

    id: str
    path: str
    error: LawgovError | None


class PathEntry:
    """An entry named by its path alone, with the fields of ``core.library.Entry``."""

    __slots__ = ("error", "id", "path", "report")

    def __init__(self, id: str, path: str) -> None:
        self.id = id
        self.path = path
        self.report: Report | None = None
        self.error: LawgovError | None = None

    def __repr__(self) -> str:
        return f"PathEntry({self.id!r}, {self.path!r})"


class Summary:
    """What ``lawgov reports`` lists of a report: its header and how much it holds."""

    __slots__ = ("date", "excerpt", "figures", "issuer", "sections", "source_url", "title", "year")

    def __init__(self, header: dict[str, Any], sections: int, figures: int) -> None:
        self.title: str = header["title"]
        self.issuer: str = header["issuer"]
        self.date = header["date"]
        self.year: int | None = header["year"]
        self.source_url: str = header["source_url"]
        self.excerpt: str = header["excerpt"]
        self.sections = sections
        self.figures = figures

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*HEADER_FIELDS, "sections", "figures")}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Summary) and self.as_dict() == other.as_dict()

    def __repr__(self) -> str:
        return f"Summary({self.as_dict()!r})"


class Corrupt(Exception):
    """The index file is not what this module writes: rebuild it."""


class TooManyToRead(Exception):
    """Bringing the index up to date would read more report files than the caller allows (a
    TAB must not parse a library: shell completion asks with a limit)."""


def summary_of(report: Report) -> Summary:
    return Summary(report.header(), len(report.sections), len(report.metrics))


def indicator_of(metric: Metric) -> str:
    return metric.indicator


# -- one report, as the index keeps it -------------------------------------------------------


class Part:
    """One report's share of the index, compact (a library's worth is held while the index is
    assembled): identity, header, its sections without text and its figures as marshal data
    (and the figures again by indicator), its sections' ids and headings, and its units
    (headings and sentences): ``_INFO`` ints each, folded text and text as written."""

    __slots__ = (
        "count", "figures", "fold", "grams", "groups", "header", "identity", "info", "names",
        "original", "skeleton",
    )  # fmt: skip

    def __init__(
        self,
        identity: tuple[Any, ...],
        header: tuple[Any, ...],
        skeleton: bytes,
        figures: bytes,
        count: int,
        groups: dict[str, bytes],
        names: list[bytes],
        info: array.array[int],
        fold: bytes,
        original: bytes,
        grams: bytes,
    ) -> None:
        self.identity = identity
        self.header = header
        self.skeleton = skeleton
        self.figures = figures
        self.count = count  # figures
        self.groups = groups
        self.names = names  # per section: id, NUL, heading
        self.info = info  # _INFO ints per unit, starts relative to this report's blobs
        self.fold = fold
        self.original = original
        self.grams = grams  # _GRAM_BYTES: the two-character map of the folded text


def part_of(report: Report, identity: tuple[Any, ...]) -> Part:
    from ..core.text import Normalised, sentences

    date = report.date.isoformat() if report.date is not None else None
    header = tuple((report.header() | {"date": date}).values())
    skeleton = []
    info = array.array("I")
    folds: list[bytes] = []
    folded_texts: list[str] = []
    originals: list[bytes] = []
    at_fold = at_original = 0

    def unit(row: tuple[int, int, int, int], text: str) -> None:
        nonlocal at_fold, at_original
        folded_text = Normalised(text).text
        folded = folded_text.encode() + _SEP
        folded_texts.append(folded_text)
        written = text.encode()
        info.extend((*row, at_original, at_fold, zlib.crc32(folded[:-1], zlib.crc32(written))))
        folds.append(folded)
        originals.append(written)
        at_fold += len(folded)
        at_original += len(written)

    for number, section in enumerate(report.sections):
        paragraphs = section.text.count("\n") + 1
        skeleton.append((*(getattr(section, f) for f in _SKELETON), paragraphs))
        if section.heading:
            unit((number, 1, 0, 0), section.heading)
        for paragraph, offset, sentence in sentences(section.text):
            unit((number, 0, paragraph, offset), sentence)
    figures = [tuple(getattr(m, f) for f in _METRIC) for m in report.metrics]
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for metric, row in zip(report.metrics, figures, strict=True):
        groups.setdefault(indicator_of(metric), []).append(row)
    names = [f"{s.id}\0{s.heading}".encode() for s in report.sections]
    return Part(
        identity, header, marshal.dumps(skeleton), marshal.dumps(figures), len(figures),
        {name: marshal.dumps(rows) for name, rows in groups.items()}, names, info,
        b"".join(folds), b"".join(originals), gram_map("\n".join(folded_texts)),
    )  # fmt: skip


def _pairs(text: str) -> set[int]:
    """Each pair of neighbouring characters of ``text`` as one int (the two code points'
    UTF-32 read as one 64-bit number: no Python loop over the characters)."""
    raw = text.encode("utf-32-le")
    pairs = set(array.array("Q", raw[: len(raw) // 8 * 8]))
    pairs.update(array.array("Q", raw[4 : 4 + max(0, len(raw) - 4) // 8 * 8]))
    return pairs


def _gram_bit(pair: int) -> int:
    return ((pair * _GRAM_MULTIPLIER) & 0xFFFF_FFFF_FFFF_FFFF) >> (64 - _GRAM_BITS)


def gram_map(text: str) -> bytes:
    """The two-character map of a report's folded text (its units joined by newlines)."""
    bits = bytearray(_GRAM_BYTES)
    for pair in _pairs(text):
        bit = _gram_bit(pair)
        bits[bit >> 3] |= 1 << (bit & 7)
    return bytes(bits)


# -- the file -----------------------------------------------------------------------------------


def _identities(paths: list[str]) -> list[tuple[Any, ...] | None]:
    """What says each file is unchanged: device, inode, size, mtime, ctime, and whether it had
    settled (a file changed in the last two seconds is read again next time); None for one
    that is not a regular file. One stat each (2,000 in a few milliseconds)."""
    settle_before = time.time_ns() - cache.SETTLE_NS
    out: list[tuple[Any, ...] | None] = []
    stat = os.stat
    for path in paths:
        try:
            st = stat(path)
        except (OSError, ValueError):
            out.append(None)
            continue
        if not S_ISREG(st.st_mode):
            out.append(None)
            continue
        mtime, ctime = st.st_mtime_ns, st.st_ctime_ns
        settled = max(mtime, ctime) <= settle_before
        out.append((st.st_dev, st.st_ino, st.st_size, mtime, ctime, settled))
    return out


def _absolute(paths: Iterable[str]) -> list[str]:
    """``os.path.abspath`` of each path, the directory part worked out once per directory
    (a library is a few directories of many files)."""
    folders: dict[str, str] = {}
    out = []
    for path in paths:
        folder, _, name = path.rpartition("/")
        if not folder.strip("/") or name in ("", ".", ".."):  # (POSIX keeps "//" first)
            out.append(os.path.abspath(path))
            continue
        base = folders.get(folder)
        if base is None:
            base = folders[folder] = os.path.abspath(folder).rstrip("/") + "/"
        out.append(base + name)
    return out


def _key() -> tuple[Any, ...]:
    layout = (_SECTION, _METRIC, HEADER_FIELDS)
    # The indicators file's identity too: the figures of a report with no indicator keys are
    # tagged by its rules when read (report_cache._rules).
    version, python, code = cache.code_key()
    return (_FORMAT, version, python, layout, code, cache._rules())


def _file_name(paths: Iterable[str]) -> str:
    """One index per set of directories the reports are in: adding a report to a directory
    updates that directory's index rather than starting another."""
    where = "\n".join(sorted({p.rpartition("/")[0] or "/" for p in paths}))
    where_raw = where.encode("utf-8", "surrogateescape")
    # Two checksums (zlib is loaded already; hashlib costs 2-3 ms): a clash would only make
    # two libraries share one index, each rebuilding it in turn, and answers stay right.
    return f"{zlib.crc32(where_raw):08x}{zlib.adler32(where_raw):08x}"


def _pad(chunks: list[bytes], at: int) -> int:
    """Align the next chunk to 8 bytes (the int arrays are read in place)."""
    extra = -at % 8
    if extra:
        chunks.append(b"\0" * extra)
    return at + extra


def assemble(
    paths: list[str], parts: list[Part], key: tuple[Any, ...], failed: dict[str, Any]
) -> list[bytes]:
    """The index file for ``parts`` (the report files at ``paths``), in pieces to be written
    one after the other (never joined: a library's index is hundreds of MB); ``failed``: the
    files that could not be read, path -> identity (read again each time for their error,
    without rebuilding the index)."""
    data: list[bytes] = []
    at = 0

    def put(raw: bytes) -> tuple[int, int, int]:
        nonlocal at
        at = _pad(data, at)
        data.append(raw)
        at += len(raw)
        return at - len(raw), len(raw), zlib.crc32(raw)

    reports = []
    # indicator -> (report, where its figures with that indicator are) for each report
    groups: dict[str, tuple[int, int, int]] = {}
    unit_lo = fold_at = original_at = 0
    starts = array.array("I")
    names: list[bytes] = []  # each section's id and heading, for the hits
    name_starts = array.array("I", [0])
    name_crcs = array.array("I")  # each name's CRC-32: a heading shown is checked first
    info = array.array("I")
    for number, part in enumerate(parts):
        units = len(part.info) // _INFO
        reports.append(
            (paths[number], part.identity, part.header, len(part.names), part.count,
             put(part.skeleton), put(part.figures), unit_lo, units, fold_at, len(part.fold),
             original_at, len(part.original))
        )  # fmt: skip
        info.extend(part.info)
        for name in part.names:
            names.append(name)
            name_starts.append(name_starts[-1] + len(name))
            name_crcs.append(zlib.crc32(name))
        starts.extend(fold_at + start for start in part.info[5::_INFO])
        unit_lo += units
        fold_at += len(part.fold)
        original_at += len(part.original)
    starts.append(fold_at)
    grams_at = put(b"".join(part.grams for part in parts))
    # Each indicator's figures together (one indicator's are read in a few pages, not one
    # page in every report's share of the file).
    by_indicator: dict[str, list[int]] = {}
    for number, part in enumerate(parts):
        for indicator in part.groups:
            by_indicator.setdefault(indicator, []).append(number)
    for indicator, numbers in by_indicator.items():
        # One chunk an indicator, [(report, its figures' rows), ...]: compare reads it with
        # one unmarshal, not one per report (1,865 for a library of 2,000).
        segments = [(n, marshal.loads(parts[n].groups[indicator])) for n in numbers]
        groups[indicator] = put(marshal.dumps(segments))
    info_at = put(info.tobytes())
    names_at = put(b"".join(names))
    name_starts_at = put(name_starts.tobytes())
    name_crcs_at = put(name_crcs.tobytes())
    starts_at = put(starts.tobytes())
    at = _pad(data, at)
    meta = marshal.dumps(
        (key, reports, groups, info_at, starts_at, unit_lo, failed, names_at, name_starts_at,
         grams_at, name_crcs_at)
    )  # fmt: skip
    blobs = [p.fold for p in parts] + [p.original for p in parts]
    size = sum(map(len, blobs))
    head = _HEAD.pack(_MAGIC, _FORMAT, len(meta), at, size, zlib.crc32(meta))
    pad = b"\0" * (-(len(head) + len(meta)) % 8)
    return [head, meta, pad, *data, *blobs]


class _View:
    """An index file, mapped and its framing checked."""

    def __init__(self, raw: Any, key: tuple[Any, ...]) -> None:
        self.raw = raw
        size = len(raw)
        if size < _HEAD.size:
            raise Corrupt("short")
        magic, fmt, meta_len, body_len, blob_len, crc = _HEAD.unpack_from(raw, 0)
        meta_at = _HEAD.size
        body_at = meta_at + meta_len + (-(meta_at + meta_len) % 8)
        if magic != _MAGIC or fmt != _FORMAT or body_at + body_len + blob_len != size:
            raise Corrupt("framing")
        meta_raw = raw[meta_at : meta_at + meta_len]
        body = memoryview(raw)[body_at : body_at + body_len]
        if zlib.crc32(meta_raw) != crc:  # the chunks have theirs, checked when read
            raise Corrupt("crc")
        try:
            meta = marshal.loads(meta_raw)
        except (EOFError, ValueError, TypeError) as err:
            raise Corrupt("meta") from err
        if not (isinstance(meta, tuple) and len(meta) == 11 and meta[0] == key):
            raise Corrupt("key")
        _, reports, groups, info_at, starts_at, units, failed, names_at, name_starts_at = meta[:9]
        if not isinstance(failed, dict):
            raise Corrupt("meta")
        self.failed: dict[str, Any] = failed
        self.body = body
        self.blob_at = body_at + body_len
        self.blob_len = blob_len
        if not (isinstance(reports, list) and isinstance(groups, dict) and isinstance(units, int)):
            raise Corrupt("meta")
        for row in reports:
            _check_report_row(row)
        self.reports: list[tuple[Any, ...]] = reports
        self.groups: dict[str, Any] = groups  # indicator -> chunk: [(report, rows), ...]
        self._groups_of: dict[int, dict[str, bytes]] | None = None
        self.info = self._ints(info_at, units * _INFO)
        self.starts = self._ints(starts_at, units + 1)
        self.section_lo = [0]
        for row in reports:
            self.section_lo.append(self.section_lo[-1] + row[3])
        self.name_starts = self._ints(name_starts_at, self.section_lo[-1] + 1)
        self.name_crcs = self._ints(meta[10], self.section_lo[-1])
        if not (isinstance(names_at, tuple) and len(names_at) == 3):
            raise Corrupt("names")
        self.names = self.body[names_at[0] : names_at[0] + names_at[1]]
        # The maps are used as the text blobs are, without their CRC (reading 4 KB a report
        # to check it would cost what the maps save); a damaged one can hide hits, never
        # show a wrong one (each is checked against its sentence).
        self.grams = self._ints(meta[9], len(reports) * _GRAM_BYTES // 4).cast("B")

        self.units = units
        self.fold_len = sum(r[10] for r in reports)
        if self.fold_len + sum(r[12] for r in reports) != blob_len:
            raise Corrupt("blobs")

    def section_name(self, number: int, section: int) -> tuple[str, str]:
        """Section ``section`` of report ``number``: its id and heading."""
        at = self.section_lo[number] + section
        if not 0 <= section < self.reports[number][3]:
            raise Corrupt("section")
        sid, zero, heading = self._name(at).decode().partition("\0")
        if not zero:
            raise Corrupt("names")
        return sid, heading

    def _name(self, at: int) -> bytes:
        """Section name ``at`` (of the whole index), its CRC checked."""
        raw = bytes(self.names[self.name_starts[at] : self.name_starts[at + 1]])
        if zlib.crc32(raw) != self.name_crcs[at]:
            raise Corrupt("name")
        return raw

    def segments(self, indicator: str) -> list[tuple[int, list[Any]]]:
        """The figures with ``indicator``, report by report: (report, rows) pairs."""
        where = self.groups.get(indicator)
        segments = [] if where is None else self.chunk(where)
        if not isinstance(segments, list) or not all(
            type(s) is tuple and len(s) == 2 and type(s[0]) is int and type(s[1]) is list
            for s in segments
        ):
            raise Corrupt("group")
        return segments

    def chunk(self, where: Any) -> Any:
        """A marshal chunk of the body, its CRC checked first."""
        raw = self.raw_chunk(where)
        try:
            return marshal.loads(raw)
        except (EOFError, ValueError, TypeError) as err:
            raise Corrupt("chunk") from err

    def _ints(self, where: Any, count: int) -> memoryview:
        if not (isinstance(where, tuple) and len(where) == 3) or where[1] != count * 4:
            raise Corrupt("array")
        at, length, _ = where
        if at % 4 or at + length > len(self.body):
            raise Corrupt("array")
        return self.body[at : at + length].cast("I")

    def blob(self, start: int, end: int) -> bytes:
        if not 0 <= start <= end <= self.blob_len:
            raise Corrupt("blob")
        return bytes(self.raw[self.blob_at + start : self.blob_at + end])

    def raw_chunk(self, where: Any) -> bytes:
        """A chunk's bytes, its CRC checked (a rebuild copies them as they are)."""
        if not (isinstance(where, tuple) and len(where) == 3):
            raise Corrupt("chunk")
        at, length, crc = where
        if not all(isinstance(v, int) and v >= 0 for v in where) or at + length > len(self.body):
            raise Corrupt("chunk")
        raw = bytes(self.body[at : at + length])
        if zlib.crc32(raw) != crc:
            raise Corrupt("crc")
        return raw

    def part(self, number: int) -> Part:
        """A report's share as ``part_of`` made it: what a rebuild copies."""
        if self._groups_of is None:  # each indicator's chunk cut back into reports' shares
            self._groups_of = {}
            for indicator in self.groups:
                segments = self.segments(indicator)
                for report, rows in segments:
                    self._groups_of.setdefault(report, {})[indicator] = marshal.dumps(rows)
        row = self.reports[number]
        lo, units, sections = row[7], row[8], self.section_lo[number]
        info = array.array("I", self.info[lo * _INFO : (lo + units) * _INFO])
        names = [self._name(i) for i in range(sections, sections + row[3])]
        groups = self._groups_of.get(number, {})
        fold = self.blob(row[9], row[9] + row[10])
        grams = bytes(self.grams[number * _GRAM_BYTES : (number + 1) * _GRAM_BYTES])
        original = self.blob(self.fold_len + row[11], self.fold_len + row[11] + row[12])
        return Part(
            row[1], row[2], self.raw_chunk(row[5]), self.raw_chunk(row[6]), row[4], groups,
            names, info, fold, original, grams,
        )  # fmt: skip


_REPORT_ROW = (str, tuple, tuple, int, int, tuple, tuple, int, int, int, int, int, int)


def _check_report_row(row: Any) -> None:
    # marshal gives these exact types (a bool would be a bool, not an int): compared as one
    if type(row) is not tuple or tuple(map(type, row)) != _REPORT_ROW or min(row[7:]) < 0:
        raise Corrupt("report row")


def _read(directory: str, name: str, key: tuple[Any, ...]) -> _View | None:
    """The index file ``name``, mapped; None when there is none or it cannot be believed."""
    try:
        with cache._opened(directory, create=False) as dir_fd:
            flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
            fd = os.open(name, flags, dir_fd=dir_fd)
        try:
            info = os.fstat(fd)
            if not S_ISREG(info.st_mode) or not cache._ours_alone(info) or not info.st_size:
                return None
            raw = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        finally:
            os.close(fd)
        return _View(raw, key)
    except (OSError, Corrupt, ValueError, OverflowError):
        return None


def _store(directory: str, name: str, pieces: list[bytes]) -> None:
    with contextlib.suppress(OSError), cache._opened(directory, create=True) as dir_fd:
        _tidy(dir_fd)
        cache._write(dir_fd, name, pieces, _write_pieces)


def _write_pieces(pieces: list[bytes], stream: Any) -> None:
    stream.writelines(pieces)


def _tidy(dir_fd: int) -> None:
    """Remove temporary files of ours that a killed run left (an hour old), and the oldest
    indexes when there are KEEP (a new one is about to be written)."""
    idle_before = time.time_ns() - cache.IDLE_NS
    indexes: list[tuple[int, str]] = []
    with os.scandir(dir_fd) as found:
        for entry in found:
            if _SUFFIX not in entry.name:
                continue  # another program's file, or the report cache's
            with contextlib.suppress(OSError):
                used = entry.stat(follow_symlinks=False).st_mtime_ns
                if entry.name.endswith(".tmp"):
                    if used < idle_before:
                        os.unlink(entry.name, dir_fd=dir_fd)
                elif entry.name.endswith(_SUFFIX):
                    indexes.append((used, entry.name))
    indexes.sort()
    for _, old in indexes[: max(0, len(indexes) - (KEEP - 1))]:
        with contextlib.suppress(OSError):
            os.unlink(old, dir_fd=dir_fd)


# -- the index ----------------------------------------------------------------------------------


class LibraryIndex:
    """The answers of ``core.library.Library`` for ``entries``, from the index (see above).

    ``reread`` counts the report files read (parsed) by this object: on a warm index, 0.
    ``read_limit``: the most report files it may read to bring the index up to date; more
    raise ``TooManyToRead`` before any is read (None: no limit)."""

    def __init__(self, entries: Sequence[EntryLike], read_limit: int | None = None) -> None:
        self.entries = list(entries)
        self.read_limit = read_limit
        self.reread = 0
        self._view: _View | None = None
        self._where: list[int | None] = []  # entry -> its report in the index (None: error)
        self._skeletons: dict[int, list[Section]] = {}
        self._paragraphs: dict[int, list[int]] = {}

    # The index is opened (and brought up to date) on the first question.
    def _open(self) -> _View:
        if self._view is not None:
            return self._view
        paths = _absolute(e.path for e in self.entries)
        identities = _identities(paths)
        key = _key()
        directory = cache._directory()
        name = _file_name(paths) + _SUFFIX
        view = _read(directory, name, key) if directory else None
        where = self._match(view, paths, identities) if view is not None else None
        if view is None or where is None:
            view, where = self._build(view, paths, identities, key)
        self._view, self._where = view, where
        return view

    def _build(
        self, old: _View | None, paths: list[str], identities: list[Any], key: tuple[Any, ...]
    ) -> tuple[_View, list[int | None]]:
        """A new index (reports unchanged copied from ``old``), stored and mapped from the
        file; built in memory when there is no cache or it cannot be written."""
        pieces, where = self._rebuild(old, paths, identities, key)
        directory = cache._directory()
        if directory is not None:
            name = _file_name(paths) + _SUFFIX
            _store(directory, name, pieces)
            stored = _read(directory, name, key)
            # Another process may have stored another index since: used only if it is this
            # one (the same header and metadata, which hold every chunk's CRC and length).
            head = _HEAD.size + len(pieces[1])
            if stored is not None and stored.raw[:head] == pieces[0] + pieces[1]:
                return stored, where
        return _View(b"".join(pieces), key), where

    def _match(
        self, view: _View, paths: list[str], identities: list[Any]
    ) -> list[int | None] | None:
        """Each entry's report in the index, or None when one is missing or stale."""
        from ..core.loading import load_report

        known = {row[0]: number for number, row in enumerate(view.reports)}
        where: list[int | None] = []
        broken = []
        for entry, path, identity in zip(self.entries, paths, identities, strict=True):
            number = known.get(path)
            if identity is not None and identity[-1] and view.failed.get(path) == identity:
                broken.append(entry)
                where.append(None)
                continue
            if number is None or identity is None or not identity[-1]:
                return None
            if view.reports[number][1] != identity:
                return None
            where.append(number)
        if self.read_limit is not None and len(broken) > self.read_limit:
            raise TooManyToRead(len(broken))
        for entry in broken:  # read again for its error (it is the same file: the same error)
            self.reread += 1
            try:
                load_report(entry.path)
            except LawgovError as err:
                entry.error = err
            else:
                return None  # it reads now (the code changed?): rebuild
        return where

    def _rebuild(
        self,
        old: _View | None,
        paths: list[str],
        identities: list[Any],
        key: tuple[Any, ...],
    ) -> tuple[list[bytes], list[int | None]]:
        from ..core.loading import load_report

        known = {row[0]: n for n, row in enumerate(old.reports)} if old is not None else {}

        def unchanged(path: str, identity: Any) -> bool:
            number = known.get(path)
            return (
                old is not None
                and number is not None
                and identity is not None
                and identity[-1]
                and old.reports[number][1] == identity
            )

        if self.read_limit is not None:
            to_read = {p for p, i in zip(paths, identities, strict=True) if not unchanged(p, i)}
            if len(to_read) > self.read_limit:
                raise TooManyToRead(len(to_read))
        kept_paths: list[str] = []
        parts: list[Part] = []
        where: list[int | None] = []
        placed: dict[str, int] = {}
        failed: dict[str, Any] = {}
        for entry, path, identity in zip(self.entries, paths, identities, strict=True):
            if path in placed:
                where.append(placed[path])
                continue
            part = None
            if unchanged(path, identity):
                assert old is not None
                with contextlib.suppress(Corrupt):
                    part = old.part(known[path])
            if part is None:
                self.reread += 1
                try:
                    report = load_report(entry.path)
                except LawgovError as err:
                    entry.error = err
                    where.append(None)
                    if identity is not None:
                        failed[path] = identity
                    continue
                part = part_of(report, identity or ())
            placed[path] = len(parts)
            where.append(len(parts))
            kept_paths.append(path)
            parts.append(part)
        return assemble(kept_paths, parts, key, failed), where

    def _skeleton(self, number: int) -> list[Section]:
        """A report's sections, without their text."""
        found = self._skeletons.get(number)
        if found is None:
            rows = self._view_or_fail().chunk(self._view_or_fail().reports[number][5])
            if not isinstance(rows, list):
                raise Corrupt("skeleton")
            found = []
            paragraphs = []
            for row in rows:
                if not isinstance(row, tuple) or not row:
                    raise Corrupt("section")
                if not _typed(row[:-1], _SKELETON_TYPES):
                    raise Corrupt("section")
                if not isinstance(row[-1], int) or not 0 < row[-1] <= MAX_PARAGRAPHS:
                    raise Corrupt("section")
                found.append(Section(**dict(zip(_SKELETON, row[:-1], strict=True))))
                paragraphs.append(row[-1])
            self._skeletons[number] = found
            self._paragraphs[number] = paragraphs
        return found

    def _view_or_fail(self) -> _View:
        assert self._view is not None
        return self._view

    def _answer(self, question: Any) -> Any:
        """``question(view)``; a corrupt index found on the way is rebuilt, and asked again."""
        import gc

        collecting = gc.isenabled()
        gc.disable()  # thousands of hits, no cycle among them: collections would only cost
        try:
            return self._ask(question)
        finally:
            if collecting:
                gc.enable()

    def _ask(self, question: Any) -> Any:
        view = self._open()
        try:
            return question(view)
        except (Corrupt, IndexError, ValueError, TypeError, UnicodeDecodeError, KeyError):
            paths = _absolute(e.path for e in self.entries)
            identities = _identities(paths)
            for entry in self.entries:
                entry.error = None
            self.reread = 0
            self._skeletons, self._paragraphs = {}, {}
            self._view, self._where = self._build(None, paths, identities, _key())
            return question(self._view)

    # -- the Library contract ------------------------------------------------------------------

    def summaries(
        self, only: Collection[EntryLike] | None = None
    ) -> list[tuple[EntryLike, Summary | None]]:
        """One per entry, in order: None for an entry that could not be read (its ``error``).
        With ``only``: for those entries alone."""
        wanted = None if only is None else {id(entry) for entry in only}
        return self._answer(lambda view: self._summaries(view, wanted))  # type: ignore[no-any-return]

    def _summaries(
        self, view: _View, wanted: set[int] | None
    ) -> list[tuple[EntryLike, Summary | None]]:
        out: list[tuple[EntryLike, Summary | None]] = []
        for entry, number in zip(self.entries, self._where, strict=True):
            if wanted is not None and id(entry) not in wanted:
                continue
            if number is None:
                out.append((entry, None))
                continue
            row = view.reports[number]
            header = dict(zip(HEADER_FIELDS, _header(row[2]), strict=True))
            out.append((entry, Summary(header, row[3], row[4])))
        return out

    def headers(self, only: Collection[EntryLike]) -> list[tuple[EntryLike, Report, int, int]]:
        """For each of ``only`` read (in entry order): a report of its header facts alone (no
        sections, no figures: what a comparison row and a report's heading show), and how
        many sections and figures it has."""
        wanted = {id(entry) for entry in only}
        return self._answer(lambda view: self._headers(view, wanted))  # type: ignore[no-any-return]

    def _headers(self, view: _View, wanted: set[int]) -> list[tuple[EntryLike, Report, int, int]]:
        return [
            (entry, _header_report(_header(row[2]), entry.path), row[3], row[4])
            for entry, _, row in self._read(view)
            if id(entry) in wanted
        ]

    def outlines(self) -> list[tuple[EntryLike, Report, int]]:
        """For each entry read (in order): a report of its header facts and its sections
        without their text (what ``lawgov sections`` shows), no figures, and how
        many figures it has."""
        return self._answer(self._outlines)  # type: ignore[no-any-return]

    def _outlines(self, view: _View) -> list[tuple[EntryLike, Report, int]]:
        return [
            (entry, _header_report(_header(row[2]), entry.path, tuple(self._skeleton(n))), row[4])
            for entry, n, row in self._read(view)
        ]

    def figure_reports(self) -> list[tuple[EntryLike, Report]]:
        """For each entry read (in order): a report of its header facts and all its figures,
        no sections (what ``get`` and ``check`` with expressions ask of it)."""
        return self._answer(self._figure_reports)  # type: ignore[no-any-return]

    def _figure_reports(self, view: _View) -> list[tuple[EntryLike, Report]]:
        return [
            (
                entry,
                _header_report(_header(row[2]), entry.path, metrics=_metrics(view.chunk(row[6]))),
            )
            for entry, _, row in self._read(view)
        ]

    def names(self, part: str) -> list[tuple[EntryLike, str, list[tuple[str, ...]]]]:
        """For each entry read (in order): its title and, in order, the names of its figures
        or sections (``part``: ``NAME_FIELDS``), read from the rows alone, no figure or
        section made: what a TAB offers (shell completion), in a fraction of the time of
        ``figure_reports``."""
        return self._answer(lambda view: self._names(view, part))  # type: ignore[no-any-return]

    def _names(self, view: _View, part: str) -> list[tuple[EntryLike, str, list[tuple[str, ...]]]]:
        at, width, fields = _NAMES[part]
        out = []
        for entry, _, row in self._read(view):
            rows = view.chunk(row[at])
            if not isinstance(rows, list):
                raise Corrupt(part)
            picked = []
            for one in rows:
                if not isinstance(one, tuple) or len(one) != width:
                    raise Corrupt(part)
                values = tuple(one[i] for i in fields)
                if not all(type(value) is str for value in values):
                    raise Corrupt(part)
                picked.append(values)
            out.append((entry, _header(row[2])[_HEADER_TITLE], picked))
        return out

    def _read(self, view: _View) -> Iterator[tuple[EntryLike, int, tuple[Any, ...]]]:
        """Each entry read (in order), its report's number in the index and row."""
        for entry, number in zip(self.entries, self._where, strict=True):
            if number is not None:
                yield entry, number, view.reports[number]

    def figures(self, indicator: str | None = None) -> list[tuple[EntryLike, Metric]]:
        """Every figure of every report read (those with ``indicator`` when given), report by
        report in entry order, each report's in its order."""
        return self._answer(lambda view: self._figures(view, indicator))  # type: ignore[no-any-return]

    def _figures(self, view: _View, indicator: str | None) -> list[tuple[EntryLike, Metric]]:
        if indicator is None:
            by_report = {n: _metrics(view.chunk(row[6])) for _, n, row in self._read(view)}
        else:
            by_report = {n: _metrics(rows) for n, rows in view.segments(indicator)}
        return [
            (entry, metric)
            for entry, number, _ in self._read(view)
            for metric in by_report.get(number, ())
        ]

    def search(
        self,
        terms: list[str],
        *,
        regex: bool = False,
        all_terms: bool = False,
        section: str | None = None,
        context: int = 0,
    ) -> list[tuple[EntryLike, Hit]]:
        """``queries.search`` on each report, in entry order. With ``section``, the reports
        that have no such section are left out; when none has it, the first one's error is
        raised."""
        from ..core.search_terms import compile_terms

        patterns = compile_terms(terms, regex)  # the same errors, first
        return self._answer(  # type: ignore[no-any-return]
            lambda view: self._search(view, terms, patterns, regex, all_terms, section, context)
        )

    def _search(
        self,
        view: _View,
        terms: list[str],
        patterns: list[Any],
        regex: bool,
        all_terms: bool,
        section: str | None,
        context: int,
    ) -> list[tuple[EntryLike, Hit]]:
        from ..core.errors import UnknownSectionError

        reports = sorted({n for n in self._where if n is not None})
        scopes: dict[int, set[int] | None] = dict.fromkeys(reports)
        if section is not None:
            first: UnknownSectionError | None = None
            for number in reports:
                try:
                    scopes[number] = self._scope(number, section)
                except UnknownSectionError as err:
                    first = first or err
                    del scopes[number]
            if not scopes and first is not None:
                # As core.library.Library says it: the first report's own hint would name the
                # sections of that report alone.
                raise UnknownSectionError(
                    f"no section '{shown(section)}' in any of the {len(reports)} reports read",
                    hint="`lawgov sections` lists each report's sections",
                )
        needles = None if regex else _needles(terms)
        words = None if regex else _literal_words(terms)
        hits: dict[int, list[Hit]] = {}
        if needles is None:
            for number in scopes:
                found = self._decoded_search(
                    view, number, terms, regex, all_terms, context, section
                )
                if found:
                    hits[number] = found
        else:
            for number, found_units in _candidates(view, needles, all_terms).items():
                if number not in scopes:
                    continue
                found = self._hits(view, number, found_units, patterns, all_terms, context, words)
                scope = scopes[number]
                if scope is not None:
                    names = {self._skeleton(number)[i].id for i in scope}
                    found = [hit for hit in found if hit.section in names]
                if found:
                    hits[number] = found
        return [
            (entry, hit)
            for entry, number in zip(self.entries, self._where, strict=True)
            if number is not None
            for hit in hits.get(number, ())
        ]

    def _scope(self, number: int, section: str) -> set[int]:
        from ..core.queries import find_section, subtree

        skeleton = self._skeleton(number)
        bare = Report("", "", None, None, "", tuple(skeleton), ())
        ids = {s.id for s in subtree(bare, find_section(bare, section).id)}
        return {i for i, s in enumerate(skeleton) if s.id in ids}

    def _hits(
        self,
        view: _View,
        number: int,
        units: list[int],
        patterns: list[Any],
        all_terms: bool,
        context: int,
        words: list[str] | None = None,
    ) -> list[Hit]:
        """``queries.search``'s hits in these units of report ``number`` (its loop body).
        ``words``: the terms folded, when each is caseless (``_literal_words``): a unit whose
        folded text has as many characters as its text is matched by ``str.find`` in the
        folded text, as their patterns match, at the same offsets in the text."""
        from ..core.queries import _matches, _merge_overlapping, matches_at

        texts = _Units(view, number)
        info = view.info
        names: dict[int, tuple[str, str]] = {}
        out: list[Hit] = []
        for unit in units:
            at = unit * _INFO
            sec_no, heading, offset = info[at], info[at + 1], info[at + 3]
            same = texts.same_length(unit) if words is not None else None
            if same is not None:
                sentence, folded_text = same
                spans = _literal_spans(folded_text, words, all_terms)  # type: ignore[arg-type]
                if len(words) == 1:  # type: ignore[arg-type]
                    # One word's finds: in order, none overlapping (nothing to join).
                    matches = tuple([_match((a, b, sentence[a:b])) for a, b in spans])
                else:
                    matches = matches_at(sentence, spans) if spans else ()
            else:
                sentence, folded = texts.pair(unit)
                matches = _matches(sentence, patterns, all_terms, folded)
            if not matches:
                continue
            if sec_no not in names:
                names[sec_no] = view.section_name(number, sec_no)
            sid, sec_heading = names[sec_no]
            if heading:
                out.append(_hit((sid, sec_heading, sec_heading, matches, "heading", 0)))
                continue
            if context:
                first, last = texts.around(unit, context)
                start = info[first * _INFO + 3]
                shift = offset - start
                offset = start
                sentence = "".join(texts.text(u) for u in range(first, last + 1))
                matches = tuple(Match(m.start + shift, m.end + shift, m.text) for m in matches)
            out.append(_hit((sid, sec_heading, sentence, matches, "text", offset)))
        return _merge_overlapping(out) if context else out

    def _decoded_search(
        self,
        view: _View,
        number: int,
        terms: list[str],
        regex: bool,
        all_terms: bool,
        context: int,
        section: str | None = None,
    ) -> list[Hit]:
        """``queries.search`` itself, on the report rebuilt from the index (every section's
        text, exactly): for --regex and for words whose every letter has a case."""
        from ..core.queries import search

        skeleton = self._skeleton(number)
        units = _Units(view, number)
        texts: list[list[str]] = [[""] * n for n in self._paragraphs[number]]
        for unit in range(units.lo, units.hi):
            sec_no, heading, paragraph = view.info[unit * _INFO : unit * _INFO + 3]
            if not heading:
                texts[sec_no][paragraph] += units.text(unit)
        sections = tuple(
            Section(**{**{f: getattr(s, f) for f in _SKELETON}, "text": "\n".join(t)})
            for s, t in zip(skeleton, texts, strict=True)
        )
        report = Report("", "", None, None, "", sections, ())
        return search(
            report, terms, regex=regex, all_terms=all_terms, section=section, context=context
        )


class _Units:
    """The units (headings and sentences) of one report in the index: their text as written
    and folded, every offset checked against the report's share of the blobs."""

    __slots__ = (
        "end", "fold_at", "fold_end", "fold_lo", "hi", "info", "lo", "original_at", "raw", "starts",
    )  # fmt: skip

    def __init__(self, view: _View, number: int) -> None:
        row = view.reports[number]
        self.lo, self.hi = row[7], row[7] + row[8]
        if self.hi > view.units or row[9] + row[10] > view.fold_len:
            raise Corrupt("units")
        if view.fold_len + row[11] + row[12] > view.blob_len:
            raise Corrupt("units")
        self.raw, self.info, self.starts = view.raw, view.info, view.starts
        self.original_at = view.blob_at + view.fold_len + row[11]
        self.end = row[12]  # the report's text as written: this many bytes
        self.fold_at = view.blob_at
        self.fold_lo, self.fold_end = row[9], row[9] + row[10]

    def text(self, unit: int) -> str:
        return self._checked(unit)[0].decode()

    def _bounds(self, unit: int) -> tuple[int, int, int, int]:
        """Where the unit is: its text as written and folded, offsets in the blobs, checked."""
        at = unit * _INFO + 4
        start = self.info[at]
        end = self.info[at + _INFO] if unit + 1 < self.hi else self.end
        fold_start, fold_end = self.starts[unit], self.starts[unit + 1]
        if not (
            self.lo <= unit < self.hi
            and start <= end <= self.end
            and self.fold_lo <= fold_start < fold_end <= self.fold_end
        ):
            raise Corrupt("unit")
        return (
            self.original_at + start, self.original_at + end,
            self.fold_at + fold_start, self.fold_at + fold_end - 1,
        )  # fmt: skip

    def _checked(self, unit: int) -> tuple[bytes, bytes]:
        """The unit's text as written and folded, as bytes, their CRC checked: a byte
        changed on disk in a blob (which keeps its length and decodes) is never shown."""
        start, end, fold_start, fold_end = self._bounds(unit)
        raw, folded = self.raw[start:end], self.raw[fold_start:fold_end]
        if zlib.crc32(folded, zlib.crc32(raw)) != self.info[unit * _INFO + 6]:
            raise Corrupt("text")
        return raw, folded

    def same_length(self, unit: int) -> tuple[str, str] | None:
        """The unit's text and its folded text when they have as many characters (NFKC and the
        Traditional fold changed characters one for one, as ``，`` to ``,``: nearly every
        sentence), so that an offset in one is the same in the other; else None."""
        raw, folded_raw = self._checked(unit)
        text = raw.decode()
        folded = text if folded_raw == raw else folded_raw.decode()
        return (text, folded) if len(folded) == len(text) else None

    def pair(self, unit: int) -> tuple[str, Normalised]:
        """The unit's text as written, and ``Normalised`` of it made from the folded copy:
        Traditional characters are folded already, so that OpenCC need not load, and the map
        back to the text is NFKC's alone. NFKC gives each character one or more: a folded text
        as long as the text maps each index to itself (no map, as ``Normalised`` has none for
        NFKC text)."""
        raw, folded_raw = self._checked(unit)
        text = raw.decode()
        folded = _new_normalised()
        folded.text = text if folded_raw == raw else folded_raw.decode()
        if len(folded.text) == len(text):
            folded.origin = None
        else:
            folded.origin = _origin(text)
            if len(folded.origin) != len(folded.text) + 1:
                raise Corrupt("unit")
        return text, folded

    def around(self, unit: int, context: int) -> tuple[int, int]:
        """The first and last unit of ``unit``'s context: up to ``context`` sentences each
        side within its paragraph (``queries.search``'s rule)."""
        info = self.info
        at = unit * _INFO
        same = (info[at], 0, info[at + 2])
        first = last = unit
        while first - 1 >= self.lo and unit - first < context:
            b = (first - 1) * _INFO
            if (info[b], info[b + 1], info[b + 2]) != same:
                break
            first -= 1
        while last + 1 < self.hi and last - unit < context:
            b = (last + 1) * _INFO
            if (info[b], info[b + 1], info[b + 2]) != same:
                break
            last += 1
        return first, last


def _new_normalised() -> Normalised:
    """A ``text.Normalised`` whose fields the caller sets (it has them from the index)."""
    from ..core.text import Normalised

    return Normalised.__new__(Normalised)


def _origin(text: str) -> list[int]:
    """For each index of NFKC(text), taken character by character, its index in ``text``
    (``text.Normalised``'s map)."""
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(unicodedata.normalize("NFKC", char)))
    origin.append(len(text))
    return origin


def _header(row: Any) -> tuple[Any, ...]:
    """A report's header facts as stored (the date as ISO text), checked, in HEADER_FIELDS
    order with the date a date."""
    import datetime as dt

    if not _typed(row, _HEADER_TYPES):
        raise Corrupt("header")
    date = _HEADER_DATE
    if row[date] is None:
        return row  # type: ignore[no-any-return]
    return (*row[:date], dt.date.fromisoformat(row[date]), *row[date + 1 :])


_HEADER_DATE = HEADER_FIELDS.index("date")
_HEADER_TITLE = HEADER_FIELDS.index("title")


def _maker(cls: Any, names: tuple[str, ...]) -> Any:
    """A constructor of the model's frozen, slotted dataclass ``cls`` from the values of its
    fields ``names`` (every field, in order) that sets each slot directly: the dataclass's
    own ``__init__`` goes through ``object.__setattr__`` for each field (frozen), about twice
    the time, and a question over a library makes thousands (6,235 figures of one indicator,
    1,865 reports' headers for compare, 12,583 hits and their matches for 复议). The values
    are checked before (``_typed``); a class that gains a ``__post_init__`` is refused here
    (it would be skipped)."""
    if hasattr(cls, "__post_init__") or set(names) != set(cls.__dataclass_fields__):
        raise TypeError(f"{cls.__name__}: not made field by field")
    setters = [getattr(cls, name).__set__ for name in names]
    new = object.__new__

    def make(values: Sequence[Any]) -> Any:
        made = new(cls)
        for set_value, value in zip(setters, values, strict=True):
            set_value(made, value)
        return made

    return make


_metric = _maker(Metric, _METRIC)


def _metrics(rows: Any) -> tuple[Metric, ...]:
    """A report's figures from their rows in the index, each row checked first."""
    if not isinstance(rows, list) or not all(_typed(row, _METRIC_TYPES) for row in rows):
        raise Corrupt("figure")
    return tuple(map(_metric, rows))


_match = _maker(Match, ("start", "end", "text"))
_hit = _maker(Hit, ("section", "heading", "text", "matches", "where", "offset"))
_report_header = _maker(Report, (*HEADER_FIELDS, "sections", "metrics", "checks", "path"))


def _header_report(
    header: tuple[Any, ...],
    path: str,
    sections: tuple[Section, ...] = (),
    metrics: tuple[Metric, ...] = (),
) -> Report:
    """A report of its header facts (checked by ``_header``), ``sections`` and ``metrics``
    alone (no checks: the index holds none)."""
    return _report_header((*header, sections, metrics, (), path))  # type: ignore[no-any-return]


def _typed(row: Any, types: frozenset[tuple[type, ...]]) -> bool:
    """Whether ``row`` is a tuple of values of the types ``_signatures`` allows."""
    return isinstance(row, tuple) and tuple(map(type, row)) in types


def _signatures(cls: Any, names: tuple[str, ...]) -> frozenset[tuple[type, ...]]:
    """The types a row of these fields of a model class may have, from its annotations (a
    number is an int or a float, never a bool)."""
    import itertools

    kinds = {"str": (str,), "bool": (bool,), "Number": (int, float), "int": (int,)}
    return frozenset(
        itertools.product(*(kinds[cls.__dataclass_fields__[name].type] for name in names))
    )


_SKELETON_TYPES = _signatures(Section, _SKELETON)
_METRIC_TYPES = _signatures(Metric, _METRIC)
# The header as stored: the date as ISO text.
_HEADER_TYPES = frozenset(
    (str, str, date, year, str, str) for date in (str, type(None)) for year in (int, type(None))
)


def _caseless(char: str) -> bool:
    """Whether a search term's ``char`` matches only itself (``re.IGNORECASE``): it has no case.
    Such characters are found in the folded blob as they are."""
    return char.lower() == char == char.upper() and char.casefold() == char


# Besides an ASCII letter's own two cases, the characters ``re.IGNORECASE`` matches it with that
# a folded text may hold (NFKC leaves them as they are; ſ and the Kelvin sign fold to s and K):
# the Turkish dotted and dotless i. tests/test_library_index.py checks this against every code
# point.
_LETTER_KIN = {"i": "İı", "I": "İı"}

Needle = list[str]  # a word as its characters' alternatives, one string a position: 复议, pP pP


def _alternatives(char: str) -> str | None:
    """What a term's (folded) ``char`` matches in folded text: itself when it has no case; an
    ASCII letter's cases and kin; None for any other cased letter (Greek, Cyrillic: their
    case rules are left to ``re``, on the decoded text)."""
    if _caseless(char):
        return char
    if char.isascii() and char.isalpha():
        return char.lower() + char.upper() + _LETTER_KIN.get(char, "")
    return None


def _needles(terms: list[str]) -> list[Needle] | None:
    """For each word, what every match of it holds, folded: its longest run of caseless
    characters (found by ``mmap.find``); for a word of ASCII letters and caseless characters
    whose run is shorter than two, the whole word with each letter's cases (found by a bytes
    pattern). None when a word is neither (the texts are decoded and searched by ``re``)."""
    from ..core.text import fold

    needles: list[Needle] = []
    for term in terms:
        word = fold(term.strip())
        best = ""
        run = ""
        for char in word:
            run = run + char if _caseless(char) else ""
            if len(run) > len(best):
                best = run
        letters = [_alternatives(char) for char in word]
        if len(best) < 2 and letters and None not in letters:
            # The whole word (a-b, 5G, PPP): a run of one character would be found in
            # nearly every report, and every unit holding it checked.
            needles.append(letters)  # type: ignore[arg-type]
        elif best:
            needles.append(list(best))
        else:
            return None
    return needles


def _literal_words(terms: list[str]) -> list[str] | None:
    """The words folded (as ``compile_terms`` folds them), when every character of every word
    is caseless: ``re`` compiles such a character, even with IGNORECASE, to itself alone, so
    that the word's pattern matches where ``str.find`` finds it. None otherwise."""
    from ..core.text import fold

    words = [fold(term.strip()) for term in terms]
    return words if all(_caseless(c) for word in words for c in word) else None


def _literal_spans(text: str, words: list[str], all_terms: bool) -> list[tuple[int, int]]:
    """Where the patterns of caseless ``words`` match a folded ``text`` (``queries._matches``):
    each word's occurrences left to right, none overlapping (as ``re.finditer`` finds them);
    none when ``all_terms`` and a word is missing."""
    spans: list[tuple[int, int]] = []
    for word in words:
        size = len(word)
        at = text.find(word)
        if at < 0 and all_terms:
            return []
        while at >= 0:
            spans.append((at, at + size))
            at = text.find(word, at + size)
    return spans


def _candidates(view: _View, needles: list[Needle], all_terms: bool) -> dict[int, list[int]]:
    """Report -> its units whose folded text holds a needle, in order (every needle, with
    ``all_terms``: the longest is looked for, the others checked by the exact match after)."""
    blob = view.raw
    base = view.blob_at
    starts = view.starts
    chosen = [max(needles, key=len)] if all_terms else needles
    found: dict[int, set[int]] = {}
    for needle in chosen:
        literal, find = _finder(blob, needle)
        for number, lo, hi in _stretches(view, needle):
            end = base + hi
            at = find(literal, base + lo, end)
            if at < 0:
                continue
            first = view.reports[number][7]  # its units: bisect among them alone
            last = first + view.reports[number][8]
            units = found.setdefault(number, set())
            while at >= 0:
                unit = bisect.bisect_right(starts, at - base, first, last) - 1
                units.add(unit)
                after = base + starts[unit + 1]
                if after <= at:  # the unit's end is not past the find: a damaged index
                    raise Corrupt("starts")
                at = find(literal, after, end)
    return {number: sorted(units) for number, units in found.items()}


def _finder(blob: Any, needle: Needle) -> tuple[bytes, Callable[[bytes, int, int], int]]:
    """How ``needle`` is found in the blob: ``find(literal, start, end)``, as ``mmap.find``
    (the first place at or after ``start``, or -1). A word of one alternative a position is
    its UTF-8 bytes; else a bytes pattern of each position's alternatives (no case rules)."""
    if all(len(alternatives) == 1 for alternatives in needle):
        return "".join(needle).encode(), blob.find
    import re

    parts = []
    for alternatives in needle:
        encoded = [c.encode() for c in alternatives]
        # One byte each in a class (re scans for a class's first byte quickly), the rest
        # (İ, ı: two bytes) as alternatives beside it.
        single = [re.escape(c) for c in encoded if len(c) == 1]
        rest = [re.escape(c) for c in encoded if len(c) > 1]
        if len(single) > 1:
            single = [b"[" + b"".join(single) + b"]"]
        either = single + rest
        parts.append(either[0] if len(either) == 1 else b"(?:" + b"|".join(either) + b")")
    pattern = re.compile(b"".join(parts))

    def find(_: bytes, start: int, end: int) -> int:
        match = pattern.search(blob, start, end)
        return -1 if match is None else match.start()

    return b"", find


def _stretches(view: _View, needle: Needle | str) -> list[tuple[int, int, int]]:
    """The reports that may hold ``needle`` (those whose two-character map has, for each
    neighbouring pair of its positions, a pair of their alternatives; all, for one
    character): number, and where its folded text is in the blob."""
    choices = [
        {_gram_bit(pair) for a in first for b in second for pair in _pairs(a + b)}
        for first, second in itertools.pairwise(needle)
    ]
    grams = view.grams
    single = [next(iter(bits)) for bits in choices if len(bits) == 1]  # caseless: nearly all
    several = [bits for bits in choices if len(bits) > 1]
    out: list[tuple[int, int, int]] = []
    for number, row in enumerate(view.reports):
        at = number * _GRAM_BYTES
        if all(grams[at + (bit >> 3)] >> (bit & 7) & 1 for bit in single) and all(
            any(grams[at + (bit >> 3)] >> (bit & 7) & 1 for bit in bits) for bits in several
        ):
            if row[9] + row[10] > view.fold_len:
                raise Corrupt("units")
            out.append((number, row[9], row[9] + row[10]))
    return out
