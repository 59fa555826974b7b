"""Compare config/verses packs with the test copies in /work/shared/data/scripture, id by id.

Run: `.venv/bin/python scripts/compare_verse_packs.py [--shared DIR] [--diffs N]`.
Only for checking: the shared copies are GRETIL / sanskritdocuments texts that are never shipped.
Letters are compared after removing spaces, daṇḍas, avagraha and punctuation; "nasal" also
counts anusvāra before a stop as the stop's nasal (saṃpūrṇa = sampūrṇa) and ṁ as ṃ, since
the shared copies converted from Devanāgarī write class nasals.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKS = ROOT / "config" / "verses"
SHARED = Path("/work/shared/data/scripture")
_NASAL = {"k": "ṅ", "g": "ṅ", "c": "ñ", "j": "ñ", "ṭ": "ṇ", "ḍ": "ṇ", "t": "n", "d": "n"}
_NASAL |= {"p": "m", "b": "m"}


def letters(iast: str) -> str:
    text = unicodedata.normalize("NFC", iast).lower()
    return "".join(ch for ch in text if ch.isalpha() or unicodedata.category(ch) == "Mn")


def nasal(text: str) -> str:
    text = text.replace("ṁ", "ṃ").replace("oṃ", "om")
    return re.sub(r"[ṅñṇnm](?=[kgcjṭḍtdpb])", lambda m: "ṃ", text)


def load(path: Path) -> dict[str, str]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row["id"]: row["iast"] for row in rows}


def short_diff(ours: str, theirs: str) -> str:
    """The differing stretches, as ours→theirs."""
    matcher = difflib.SequenceMatcher(a=ours, b=theirs, autojunk=False)
    parts = [
        f"{ours[max(0, i1 - 3) : i2 + 3]}→{theirs[max(0, j1 - 3) : j2 + 3]}"
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return "; ".join(parts[:4]) + (" …" if len(parts) > 4 else "")


def compare(ours: dict[str, str], theirs: dict[str, str], diffs: int) -> list[str]:
    common = [i for i in ours if i in theirs]
    strict = [i for i in common if letters(ours[i]) == letters(theirs[i])]
    loose = [i for i in common if nasal(letters(ours[i])) == nasal(letters(theirs[i]))]
    similarity = {
        i: difflib.SequenceMatcher(
            None, letters(ours[i]), letters(theirs[i]), autojunk=False
        ).ratio()
        for i in common
    }
    ratio = sum(similarity.values()) / max(1, len(common))
    close = sum(1 for value in similarity.values() if value >= 0.95)
    out = [
        f"  ids: ours {len(ours)}, shared {len(theirs)}, common {len(common)}",
        f"  only ours: {sorted(set(ours) - set(theirs))[:20]}",
        f"  only shared: {sorted(set(theirs) - set(ours))[:20]}",
        f"  identical letters: {len(strict)}/{len(common)}; with nasals normalised: "
        f"{len(loose)}/{len(common)}; similarity >= 0.95: {close}/{len(common)}; "
        f"mean letter similarity {ratio:.3f}",
    ]
    differing = [i for i in common if i not in loose]
    for ident in differing[:diffs]:
        a, b = nasal(letters(ours[ident])), nasal(letters(theirs[ident]))
        out.append(f"    {ident}: {short_diff(a, b)}")
    if len(differing) > diffs:
        out.append(f"    … {len(differing) - diffs} more")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--diffs", type=int, default=40)
    parser.add_argument("--pack", help="only this pack (file stem), e.g. katha_upanishad")
    args = parser.parse_args()
    shared: dict[str, str] = {}
    for path in sorted(args.shared.glob("*.jsonl")):
        shared |= load(path)
    for path in sorted(PACKS.glob(f"{args.pack or '*'}.jsonl")):
        ours = load(path)
        theirs = {i: t for i, t in shared.items() if i.split(" ")[0] == next(iter(ours)).split()[0]}
        print(f"{path.name}:")
        if not theirs:
            print("  no counterpart in the shared copies")
            continue
        print("\n".join(compare(ours, theirs, args.diffs)))


if __name__ == "__main__":
    main()
