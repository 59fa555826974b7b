"""Assemble the pipeline from settings and shared indexes, and run it on a transcript."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from core.knowledge.english import EnglishWords
from core.knowledge.house_style import HouseStyle
from core.knowledge.letter_odds import LetterOdds, english_letter_model
from core.knowledge.lexicon import Lexicon
from core.knowledge.marks import MarkModel
from core.knowledge.verse_hyphens import BookCompounds

if TYPE_CHECKING:
    from core.knowledge.verse_refs import Works
    from core.review.suspects import Reviewer
from core.pipeline import Stage, StageProgress, run_pipeline
from core.settings import Settings
from core.settle import settle
from core.stages import STAGE_ORDER
from core.stages.normalize import make_filler_stage, make_stutter_stage
from core.stages.numbers import make_numbers_stage
from core.stages.terms import TermMatcher, TermOptions
from core.stages.verses import VerseIndex, VerseWords, make_verses_stage
from core.transcript.edits import Correction, Finding
from core.transcript.segments import Transcript

MAX_TERM_MATCHERS = 8
"""Distinct term settings whose matchers (and their caches) are kept at once."""


@dataclass(frozen=True, slots=True)
class Resources:
    """The read-only indexes every stage shares, built once per process, and the stages'
    per-word caches that live as long as they do."""

    lexicon: Lexicon
    verses: VerseIndex
    english: EnglishWords
    lexicon_letters: Callable[[Lexicon], MarkModel] = field(
        default=MarkModel.of_lexicon, compare=False, repr=False
    )
    """Makes the lexicon's letter model (the marks model) when it is first needed; the
    loader's reads it from the on-disk cache (counting takes a tenth of a second)."""
    english_letters: Callable[[EnglishWords], MarkModel] = field(
        default=english_letter_model, compare=False, repr=False
    )
    """Makes English's letter model when it is first needed; the loader's reads it from the
    on-disk cache (counting 170k words takes most of a second)."""
    _term_matchers: dict[TermOptions, TermMatcher] = field(
        default_factory=dict, compare=False, repr=False
    )
    _verse_words: list[VerseWords] = field(default_factory=list, compare=False, repr=False)
    _works: list[Works] = field(default_factory=list, compare=False, repr=False)
    _reviewers: list[Reviewer] = field(default_factory=list, compare=False, repr=False)
    _book_compounds: list[BookCompounds] = field(default_factory=list, compare=False, repr=False)
    _mark_models: list[MarkModel] = field(default_factory=list, compare=False, repr=False)
    _letter_odds: list[LetterOdds] = field(default_factory=list, compare=False, repr=False)

    def term_matcher(self, options: TermOptions) -> TermMatcher:
        """The terms stage for these options, with everything it decided so far."""
        matcher = self._term_matchers.get(options)
        if matcher is None:
            if len(self._term_matchers) >= MAX_TERM_MATCHERS:
                self._term_matchers.clear()
            matcher = TermMatcher(
                self.lexicon, self.english, options, self.mark_model, self.letter_odds
            )
            self._term_matchers[options] = matcher
        return matcher

    def works(self) -> Works:
        """The works the verse index holds and the names people use for them."""
        from core.knowledge.verse_refs import Works  # lookups only: not on a command's path

        if not self._works:
            self._works.append(Works.of(self.verses))
        return self._works[0]

    def reviewer(self) -> Reviewer:
        """The review pass, with everything it looked up so far."""
        from core.review.suspects import Reviewer  # review only: not on a command's path

        if not self._reviewers:
            self._reviewers.append(
                Reviewer(
                    self.lexicon,
                    self.english,
                    books=self.book_compounds(),
                    mark_model=self.mark_model,
                )
            )
        return self._reviewers[0]

    def book_compounds(self) -> BookCompounds:
        """How books hyphenate a quoted verse word, learnt from the lexicon the first time it
        is needed: a run without a quotation never reads every entry."""
        if not self._book_compounds:
            self._book_compounds.append(BookCompounds(self.lexicon.written_forms()))
        return self._book_compounds[0]

    def mark_model(self) -> MarkModel:
        """How Sanskrit is spelled, learnt from the lexicon the first time a word needs its
        marks guessed (the terms stage and the review share it)."""
        if not self._mark_models:
            self._mark_models.append(self.lexicon_letters(self.lexicon))
        return self._mark_models[0]

    def letter_odds(self) -> LetterOdds:
        """Sanskrit's and English's letter models, made the first time a word no source
        holds is heard amid English."""
        if not self._letter_odds:
            english = self.english_letters(self.english)
            self._letter_odds.append(LetterOdds(self.mark_model(), english))
        return self._letter_odds[0]

    def printed_compound(self, word: str) -> str:
        """A quoted verse word as books print it (the verses stage's `printed`)."""
        return self.book_compounds().printed(word)

    def verse_words(self) -> VerseWords:
        """The verses stage's word classifier, with everything it decided so far."""
        if not self._verse_words:
            self._verse_words.append(VerseWords(self.verses, self.english))
        return self._verse_words[0]


@dataclass(frozen=True, slots=True)
class VerseFound:
    """A recited verse the verses stage recognised: where, which, how sure, and whether its
    canonical text was written."""

    segment: int
    id: str
    confidence: float
    restored: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "segment": self.segment,
            "id": self.id,
            "confidence": round(self.confidence, 3),
            "restored": self.restored,
        }


@dataclass(frozen=True, slots=True)
class Summary:
    segments: int
    changed_segments: int
    corrections_by_stage: dict[str, int]
    verses: list[VerseFound]
    elapsed_ms: float

    def as_dict(self, *, model: dict[str, object] | None = None) -> dict[str, Any]:
        """The report's summary; `model` is the model stage's report, when it ran."""
        return {
            "segments": self.segments,
            "changed_segments": self.changed_segments,
            "corrections": sum(self.corrections_by_stage.values()),
            "corrections_by_stage": self.corrections_by_stage,
            "verses": [verse.as_dict() for verse in self.verses],
            "elapsed_ms": round(self.elapsed_ms, 1),
            "model": model,
        }


@dataclass(frozen=True, slots=True)
class ProcessResult:
    transcript: Transcript
    corrections: list[Correction]
    findings: list[Finding]
    summary: Summary
    stage_ms: dict[str, float] = field(default_factory=dict)

    def report(self, *, model: dict[str, object] | None = None) -> dict[str, Any]:
        """The JSON report: a summary and one record per edit."""
        return {
            "summary": self.summary.as_dict(model=model),
            "corrections": [correction.as_dict() for correction in self.corrections],
        }


def by_segment(corrections: list[Correction]) -> list[Correction]:
    """Corrections in file order: by segment, and within one in the order they were made
    (each span indexes the text as its stage received it)."""
    return sorted(corrections, key=lambda correction: correction.segment)


def _is_sanskrit_word(lexicon: Lexicon, word: str) -> bool:
    return lexicon.find_asr_spelling(word) is not None or lexicon.is_iast_form(word)


def term_options(settings: Settings) -> TermOptions:
    """The settings the terms stage depends on."""
    return TermOptions(
        min_confidence=settings.terms.min_confidence,
        fuzzy_threshold=settings.terms.fuzzy_threshold,
        english_zipf=settings.terms.english_zipf,
        anusvara=settings.style.anusvara,
        script=settings.style.script,
        spell_unknown=settings.terms.spell_unknown,
    )


def house_style(settings: Settings) -> HouseStyle:
    """The settings style.* as the stages apply them."""
    style = settings.style
    return HouseStyle(style.script, style.anusvara, style.verse_script)


def build_stages(
    resources: Resources, settings: Settings, *, heard: Sequence[str] = ()
) -> list[Stage]:
    """The rule stages in their fixed order, configured from settings, for the lecture whose
    texts are `heard` (the terms stage reads its recogniser's habits from them)."""
    terms = resources.term_matcher(term_options(settings))
    return [
        Stage("normalize", make_filler_stage(enabled=settings.normalize.remove_fillers)),
        Stage(
            "normalize",
            make_stutter_stage(
                resources.english,
                enabled=settings.normalize.remove_stutters,
                english_zipf=settings.terms.english_zipf,
                is_sanskrit=partial(_is_sanskrit_word, resources.lexicon),
            ),
        ),
        Stage("numbers", make_numbers_stage(enabled=settings.numbers.scripture_references)),
        Stage(
            "verses",
            make_verses_stage(
                resources.verses,
                resources.verse_words(),
                min_confidence=settings.verses.min_confidence,
                min_words=settings.verses.min_words,
                style=house_style(settings),
                compounds=settings.verses.compounds,
                printed=resources.printed_compound,
            ),
        ),
        Stage("terms", partial(terms, capitals_heard=terms.capitals_mean_names(heard))),
    ]


def process(
    transcript: Transcript,
    resources: Resources,
    settings: Settings,
    *,
    should_stop: Callable[[], bool] | None = None,
    progress: Callable[[StageProgress], None] | None = None,
) -> ProcessResult:
    """Correct a transcript with the rule stages; timings and segment count are kept.

    `should_stop` and `progress` are called before each stage and every few hundred segments
    within one (see core.pipeline.run_pipeline)."""
    stages = build_stages(resources, settings, heard=transcript.texts)
    first = run_pipeline(transcript, stages, should_stop=should_stop, progress=progress)
    result = settle(first, stages, should_stop=should_stop)
    by_stage = Counter(correction.stage for correction in result.corrections)
    verses = [
        VerseFound(finding.segment, finding.ref, finding.confidence, finding.restored)
        for finding in result.findings
        if finding.kind == "verse"
    ]
    summary = Summary(
        segments=len(transcript.segments),
        changed_segments=result.changed_segments,
        corrections_by_stage={stage: by_stage.get(stage, 0) for stage in STAGE_ORDER},
        verses=verses,
        elapsed_ms=result.elapsed_ms,
    )
    return ProcessResult(
        transcript=result.transcript,
        corrections=by_segment(result.corrections),
        findings=result.findings,
        summary=summary,
        stage_ms=result.stage_ms,
    )
