"""The one loader of packaged data: lexicon, verse index, English frequencies.

PLACEHOLDER (being filled in): builds Resources once per process, cached on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from core.engine import Resources
from core.english import EnglishWords
from core.lexicon import Lexicon
from core.verses import VerseIndex


def load_resources(*, extra_verse_dirs: Sequence[Path] = ()) -> Resources:
    return Resources(lexicon=Lexicon([]), verses=VerseIndex([]), english=EnglishWords({}))
