"""The text reader: bytes of a report saved as text -> str. Government documents come as UTF-8
(with or without a BOM), UTF-16 from word processors, or GB18030/GBK; anything else is refused
with a reason."""

from __future__ import annotations

import codecs
import re

from ...core.errors import ImportFailure

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CHINESE = re.compile("[\u4e00-\u9fff]")
# What GB18030 makes of text in another Chinese encoding (Big5 above all): private-use
# characters (GBK's user-defined areas), kana and bopomofo. A report in GB18030 has none or a
# stray one; Big5 read as GB18030 has them in nearly half its non-ASCII characters.
_FOREIGN = re.compile("[\ue000-\uf8ff\u3040-\u30ff\u3100-\u312f]")
FOREIGN_SHARE = 0.05
# More control characters than this share of the text, and more than a few: binary data, not a
# report. A few stray ones in a short page are dropped, not taken for binary.
CONTROL_SHARE, CONTROL_FEW = 0.01, 10


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) of a report file, or ImportFailure saying why it is not text."""
    if not raw.strip():
        raise ImportFailure(f"{name}: empty file, nothing to import")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return checked(raw.decode(encoding), name), encoding
            except UnicodeDecodeError as err:
                raise ImportFailure(
                    f"{name}: starts as {encoding} but byte {err.start} is not; damaged text?"
                ) from None
    if b"\x00" in raw:
        utf16 = _utf16_without_bom(raw)
        if utf16 is None:
            raise ImportFailure(f"{name}: binary data (NUL bytes), not report text")
        return checked(raw.decode(utf16), name), utf16
    for encoding in ("utf-8", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "gb18030" and _reads_as_another_encoding(text):
            break
        return checked(text, name), encoding
    big5 = _decodes(raw, "big5")
    raise ImportFailure(
        f"{name}: not UTF-8 or GB18030/GBK text{' (it looks like Big5)' if big5 else ''}",
        hint="save the report as UTF-8 text",
    )


def _utf16_without_bom(raw: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" for UTF-16 saved without a byte order mark, else None.

    In UTF-16 the NUL bytes are mostly the high halves of ASCII characters (line ends, digits,
    Latin letters): at odd offsets for little-endian, at even ones for big-endian; the other
    half is NUL only for the few characters U+xx00 (一 is U+4E00). Binary data has NULs at
    both alike. UTF-16 without any ASCII has no NUL: it fails later, as not UTF-8/GB18030."""
    if len(raw) % 2:
        return None
    odd = raw[1::2].count(0)
    even = raw[0::2].count(0)
    candidates = (("utf-16-le", odd, even), ("utf-16-be", even, odd))
    for encoding, halves, others in candidates:
        if halves > 8 * others and _decodes(raw, encoding):
            return encoding
    return None


def _reads_as_another_encoding(text: str) -> bool:
    non_ascii = sum(1 for char in text if not char.isascii())
    return len(_FOREIGN.findall(text)) > FOREIGN_SHARE * non_ascii


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def checked(text: str, name: str) -> str:
    """Text that reads as a Chinese report: some Chinese, few control characters.

    A stray escape or separator in a copied page is dropped later (``clean``); binary data read
    as GB18030 has one in every few characters, text has next to none."""
    controls = len(_CONTROLS.findall(text))
    if controls > max(CONTROL_FEW, CONTROL_SHARE * len(text)):
        raise ImportFailure(f"{name}: {controls} control characters: binary data, not report text")
    if not _CHINESE.search(text):
        raise ImportFailure(f"{name}: no Chinese text found; is this a report?")
    return text
