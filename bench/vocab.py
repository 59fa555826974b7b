"""Vocabulary folds: dev chapters whose own words the lexicon has never read.

The shipped lexicon harvests the IAST words of Prabhupāda's translations and purports of
chapters 1-9, so a dev fold tests an engine that already knows the fold's names and terms;
the held-out chapters have words it does not. A vocabulary fold rebuilds the lexicon in
memory (scripts/lexicon, the shipped build) from every source but the fold's own chapters,
so the fold's words are as new to that engine as held-out words are to the shipped one:
the dev set's nearest likeness of the held-out one, to develop on without looking at it.
"""

from __future__ import annotations

import gzip
from dataclasses import replace
from functools import cache

from bench.golden import DEV_CHAPTERS
from bench.runner import Engine
from core.engine import Resources
from core.knowledge.lexicon import Lexicon, parse_lexicon
from scripts.lexicon.merge import collect
from scripts.lexicon.records import encode, to_records
from scripts.lexicon.sources import load_sources


def lexicon_without(chapters: range) -> Lexicon:
    """The lexicon built as shipped, but harvesting none of `chapters`' purports."""
    harvested = [chapter for chapter in DEV_CHAPTERS if chapter not in chapters]
    records = to_records(collect(load_sources(), chapters=harvested))
    return Lexicon(parse_lexicon(gzip.decompress(encode(records)).decode("utf-8")))


@cache
def engine_without(chapters: range) -> Engine:
    """The engine with `lexicon_without(chapters)`, built once per fold for a suite."""
    engine = Engine.load()
    shipped = engine.resources
    resources = Resources(lexicon_without(chapters), shipped.verses, shipped.english)
    return replace(engine, resources=resources)
