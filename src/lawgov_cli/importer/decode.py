"""Bytes of a report file -> text. Government documents come as UTF-8 (with or without a BOM),
UTF-16 from word processors, or GB18030/GBK; anything else is refused with a reason."""

from __future__ import annotations

import codecs
import re

from ..errors import LawgovError

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CHINESE = re.compile("[\u4e00-\u9fff]")


class ImportFailure(LawgovError):
    """A source that cannot be imported; nothing is written for it."""


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
                return _checked(raw.decode(encoding), name), encoding
            except UnicodeDecodeError as err:
                raise ImportFailure(
                    f"{name}: starts as {encoding} but byte {err.start} is not; damaged text?"
                ) from None
    if b"\x00" in raw:
        raise ImportFailure(f"{name}: binary data (NUL bytes), not report text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(raw.decode(encoding), name), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFailure(
        f"{name}: neither UTF-8 nor GB18030 text", hint="save the report as UTF-8 text"
    )


def _checked(text: str, name: str) -> str:
    """Text that reads as a Chinese report: no control characters, some Chinese."""
    controls = len(_CONTROLS.findall(text))
    if controls:
        raise ImportFailure(f"{name}: {controls} control characters: binary data, not report text")
    if not _CHINESE.search(text):
        raise ImportFailure(f"{name}: no Chinese text found; is this a report?")
    return text
