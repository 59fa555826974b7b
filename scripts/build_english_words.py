"""Build config/english_words.tsv.gz: a compact English Zipf-frequency list from wordfreq.

Run: `.venv/bin/python scripts/build_english_words.py` (wordfreq is a dev dependency; the
runtime reads only the derived file). Deterministic: the same wordfreq data gives the same
bytes. Data: wordfreq (Apache-2.0 code, CC BY-SA 4.0 data), see config/LICENSES/.

Format (parsed by core.knowledge.english.parse_english_words): line 1 a header, line 2 every word in
code-point order separated by spaces, line 3 one character per word, chr(33 + round(zipf*10)).
A sorted list loads with one split (no hashing of 170k keys) and is searched by bisection,
which keeps the cold start short.
"""

from __future__ import annotations

import argparse
import gzip
import math
import re
from pathlib import Path

from wordfreq import get_frequency_dict

HEADER = "# english zipf v1 (wordfreq 'en' large, CC BY-SA 4.0)"
_WORD = re.compile(r"^[a-z][a-z']*$")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "config" / "english_words.tsv.gz"


def build_text(min_zipf: float) -> str:
    """Lower-case alphabetic English words at or above `min_zipf`, in the packaged format."""
    zipf_by_word: dict[str, int] = {}
    for word, frequency in get_frequency_dict("en", "large").items():
        if not _WORD.match(word) or frequency <= 0:
            continue
        tenths = round((math.log10(frequency) + 9) * 10)
        if tenths >= min_zipf * 10:
            zipf_by_word[word] = tenths
    words = sorted(zipf_by_word)
    codes = "".join(chr(33 + zipf_by_word[word]) for word in words)
    return f"{HEADER}\n{' '.join(words)}\n{codes}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-zipf", type=float, default=1.5)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    data = build_text(args.min_zipf).encode("utf-8")
    with (
        args.out.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
    ):
        gz.write(data)


if __name__ == "__main__":
    main()
