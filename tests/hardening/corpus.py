"""A generated corpus of hostile SRT/VTT-like inputs (deterministic: a seeded generator)."""

from __future__ import annotations

import codecs
import random

from tests.support.paths import LECTURE

CUE = "1\n00:00:01,000 --> 00:00:02,000\n{text}\n"
ODD_TIMINGS = [
    "00:00:02,000 --> 00:00:01,000",  # ends before it starts
    "00:00:01,000 --> 00:00:01,000",  # zero length
    "-00:00:01,000 --> 00:00:02,000",
    "99:99:99,999 --> 99:99:99,999",
    "999999999:00:00,000 --> 999999999:00:01,000",
    "9" * 400 + ":00:00,000 --> 00:00:01,000",
    "00:00:01.000 --> 00:00:02.000",  # WebVTT separator
    "00:01.000 --> 00:02.000",  # WebVTT without hours
    "00:00:01,000 --> 00:00:02,000 position:10% align:start",
    "00:00:01,000-->00:00:02,000",
    "00:00:01,000  -->  00:00:02,000",
    "00:00:01,000 --> ",
    " --> 00:00:02,000",
    "-->",
    "00:00:01,000 --> 00:00:02,000 --> 00:00:03,000",
    "0:0:1,0 --> 0:0:2,0",
    "00:00:01,0000000000 --> 00:00:02,000",
    "00:00:01:000 --> 00:00:02:000",
    "00:00:01,000 → 00:00:02,000",
    "٠٠:٠٠:٠١,٠٠٠ --> ٠٠:٠٠:٠٢,٠٠٠",  # Arabic-Indic digits
    "００:００:０１,０００ --> ００:００:０２,０００",  # fullwidth digits
    "00:00:01,000\t-->\t00:00:02,000",
    "00:00:01,000 --> 00:00:02,000\x00",
    "00:60:00,000 --> 00:61:00,000",
    "00:00:61,000 --> 00:00:62,000",
    "00:00:01,-10 --> 00:00:02,000",
    "+0:00:01,000 --> 00:00:02,000",
    "0x10:00:01,000 --> 00:00:02,000",
    "1e3:00:01,000 --> 00:00:02,000",
    "00:00:01,000 --> 00:00:02,000\r",
    "00:00:01,000 --> 00:00:02,000" + " " * 1000,
    "23:59:59,999 --> 24:00:00,000",
    "00:00:00,000 --> 00:00:00,001",
    "00 : 00 : 01 , 000 --> 00 : 00 : 02 , 000",
    "00:00:01，000 --> 00:00:02，000",  # fullwidth comma
    "00:00:01,000 —> 00:00:02,000",  # em dash
]
CONTROL_TEXTS = [
    "".join(chr(c) for c in range(0x20) if c not in (0x0A, 0x0D)),
    "".join(chr(c) for c in range(0x7F, 0xA0)),
    "\u202ereversed\u202c text \u2066isolate\u2069",
    "zero\u200bwidth\u200c\u200djoiners\u2060",
    "bom\ufeffinside\ufeffthe\ufefftext",
    "line\u2028separator\u2029paragraph",
    "\ufffd\ufffe\uffff nonchars",
    "a\x0bvertical\x0cform feed",
    "\x1b[31mANSI red\x1b[0m",
    "tab\there\tand\tthere",
    "<i>unclosed <b>tags <font color=red>",
    "{\\an8}{\\i1}ASS overrides{\\i0}",
    "&amp; &lt; &#x0; &#0; entities",
    "कृष्ण अर्जुन योग",  # Devanagari
    "k\u0323r\u0325s\u0323n\u0323a combining marks" + "\u0301" * 200,
    "😀🙏🕉️ emoji and ZWJ 👨‍👩‍👧",
    "um um uh uh the the the",
    "krishna krishna krishna arjun arjun",
    "chapter chapter two two verse verse forty forty seven",
    "um",
    " ",
    "-",
    "1",
    "-->",
    "\\N\\n\\h literal escapes",
    "%s %d {0} {{}} ${HOME} $(id) `id`",
    "'; DROP TABLE files; --",
    "../../../../etc/passwd",
    "A" * 300,
    "word " * 60,
]
ENCODINGS = ["utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis", "koi8-r"]


def _with_bom(encoding: str, data: str) -> bytes:
    boms = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    return boms.get(encoding, b"") + data.encode(encoding, errors="replace")


def hostile_corpus(seed: int = 8) -> list[tuple[str, bytes]]:
    """At least 300 named hostile inputs: binary, truncated, odd timings, encodings, controls."""
    rng = random.Random(seed)
    good = LECTURE.read_bytes()
    text = good.decode("utf-8")
    cases: list[tuple[str, bytes]] = [
        ("empty", b""),
        ("nuls", b"\x00" * 4096),
        ("all-bytes", bytes(range(256)) * 4),
        ("only-newlines", b"\n" * 5000),
        ("only-crs", b"\r" * 5000),
        ("bom-only", codecs.BOM_UTF8),
        ("utf16-bom-only", codecs.BOM_UTF16_LE),
        ("double-bom", codecs.BOM_UTF8 * 2 + good),
        ("elf-header", b"\x7fELF\x02\x01\x01" + bytes(rng.randrange(256) for _ in range(2000))),
        ("gzip", b"\x1f\x8b\x08\x00" + bytes(rng.randrange(256) for _ in range(2000))),
        ("png", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000))),
        ("webvtt-file", ("WEBVTT\n\n" + text.replace(",", ".")).encode()),
        ("webvtt-note-style", b"WEBVTT\n\nNOTE hi\n\nSTYLE\n::cue { color: red }\n\n" + good),
        ("index-not-a-number", good.replace(b"1\n00:", b"one\n00:", 1)),
        ("index-huge", good.replace(b"1\n00:", b"9" * 500 + b"\n00:", 1)),
        ("index-negative", good.replace(b"1\n00:", b"-1\n00:", 1)),
        (
            "duplicate-indexes",
            b"".join(CUE.format(text="same").encode() + b"\n" for _ in range(50)),
        ),
        ("no-blank-lines", good.replace(b"\n\n", b"\n")),
        ("many-blank-lines", good.replace(b"\n\n", b"\n" * 200)),
        ("mixed-newlines", good.replace(b"\n", b"\r\n", 20).replace(b"\n", b"\r", 5)),
        ("trailing-garbage", good + bytes(rng.randrange(256) for _ in range(500))),
        ("leading-garbage", b"garbage\x00\xff" + good),
        ("timing-only", b"1\n00:00:01,000 --> 00:00:02,000\n"),
        (
            "no-text-cues",
            b"".join(f"{i}\n00:00:0{i},000 --> 00:00:0{i},500\n\n".encode() for i in range(1, 9)),
        ),
        ("lecture-x20", good * 20),
        (
            "half-utf8-half-latin1",
            good[: len(good) // 2] + text[len(good) // 2 :].encode("latin-1", "replace"),
        ),
        ("invalid-utf8", CUE.format(text="bad \udcff bytes").encode("utf-8", "surrogateescape")),
        ("overlong-utf8", CUE.format(text="x").encode().replace(b"x", b"\xc0\xaf\xe0\x80\xaf")),
        (
            "cesu-surrogates",
            CUE.format(text="x").encode().replace(b"x", b"\xed\xa0\xbd\xed\xb8\x80"),
        ),
        ("utf16-no-bom", text.encode("utf-16-le")),
        ("utf16-odd-length", codecs.BOM_UTF16_LE + text.encode("utf-16-le")[:-1]),
        ("utf32-bom", text.encode("utf-32")),
        ("utf7", text.encode("utf-7")),
    ]
    for encoding in ENCODINGS:
        sample = CUE.format(text="Kṛṣṇa kṛṣṇa — café “quotes” नमस्ते")
        cases.append((f"encoding-{encoding}", _with_bom(encoding, sample)))
        cases.append((f"lecture-{encoding}", _with_bom(encoding, text)))
    for number, timing in enumerate(ODD_TIMINGS):
        cases.append((f"timing-{number}", f"1\n{timing}\nso krishna says\n".encode()))
        cases.append((f"timing-{number}-second-cue", good + f"\n9\n{timing}\nthe end\n".encode()))
    for number, line in enumerate(CONTROL_TEXTS):
        cases.append((f"text-{number}", CUE.format(text=line).encode("utf-8", "surrogatepass")))
        cases.append((f"text-{number}-crlf", CUE.format(text=line).replace("\n", "\r\n").encode()))
    cases.extend((f"truncated-{n}", good[: rng.randrange(1, len(good))]) for n in range(40))
    for number in range(40):
        data = bytearray(good)
        for _ in range(rng.randrange(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cases.append((f"bitflip-{number}", bytes(data)))
    for number in range(20):
        data = bytearray(good)
        start = rng.randrange(len(data))
        del data[start : start + rng.randrange(1, 200)]
        data[rng.randrange(len(data)) : rng.randrange(len(data))] = good[: rng.randrange(200)]
        cases.append((f"spliced-{number}", bytes(data)))
    cases.extend(
        (f"binary-{n}", bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4000))))
        for n in range(20)
    )
    for number in range(15):
        lines = good.split(b"\n")
        rng.shuffle(lines)
        cases.append((f"shuffled-lines-{number}", b"\n".join(lines)))
    return cases
