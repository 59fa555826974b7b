"""Bytes to text and back: UTF-8 with or without BOM, UTF-16 with a BOM, CRLF kept."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from core.errors import TranscriptError


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, with what is needed to write it back the same way."""

    text: str
    newline: str
    bom: bool


def decode(data: bytes, *, source: str = "<input>") -> Decoded:
    """Decode transcript bytes: UTF-8 with or without BOM, or UTF-16 with a BOM."""
    bom = False
    if data.startswith(codecs.BOM_UTF8):
        encoding, data, bom = "utf-8", data[len(codecs.BOM_UTF8) :], True
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, bom = "utf-16", True
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TranscriptError(
            f"not {encoding.upper()} text (byte {error.start}); save the file as UTF-8",
            source=source,
            line=line,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise TranscriptError(
            "binary data (NUL byte); is this a subtitle or transcript file?",
            source=source,
            line=line,
        )
    newline = "\r\n" if "\r\n" in text else "\n"
    return Decoded(text=text, newline=newline, bom=bom)


def encode(text: str, *, bom: bool = False, newline: str = "\n") -> bytes:
    """Encode output as UTF-8 (with a BOM only if the input had one), lines ended `newline`."""
    if newline != "\n":
        text = text.replace("\n", newline)
    return (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")


def split_lines(text: str) -> list[str]:
    """The lines of a text whatever its line ends (CRLF, CR or LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
