"""The whole-process baseline: the simplest dictionary correction of an SRT file.

`python -m bench.dictionary_pass IN.srt OUT.srt` reads the file with pysrt, replaces each
word through one dict lookup (every ASR spelling in the lexicon -> its IAST form) and writes
the file. bench.throughput times a fresh process of this against a fresh `shruti process`
of the same file ("within 5x of a single dictionary pass", issue 2).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import pysrt

from server.runtime.loader import load_resources

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def spelling_table() -> dict[str, str]:
    """Lower-cased single-word ASR spellings (and IAST forms) -> IAST; first entry wins."""
    table: dict[str, str] = {}
    for entry in load_resources().lexicon.entries:
        for spelling in (entry.iast, *entry.variants):
            if " " not in spelling:
                table.setdefault(spelling.lower(), entry.iast)
    return table


def correct_file(source: str, target: str) -> int:
    """Correct `source` into `target`; return the number of words replaced."""
    table = spelling_table()
    replaced = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal replaced
        word = match.group()
        found = table.get(word.lower())
        if found is None:
            return word
        replaced += 1
        return found

    subtitles = pysrt.open(source, encoding="utf-8")
    for item in subtitles:
        item.text = _WORD.sub(replace, item.text)
    subtitles.save(target, encoding="utf-8")
    return replaced


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m bench.dictionary_pass IN.srt OUT.srt", file=sys.stderr)
        return 2
    replaced = correct_file(args[0], args[1])
    print(f"{args[0]} -> {args[1]}: {replaced} words replaced", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
