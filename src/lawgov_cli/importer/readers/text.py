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
        raise ImportFailure(f"{name}: binary data (NUL bytes), not report text")
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
