"""How the words around a term decide its case: a deity's name opening a compound is
lower-case, a title is capitalised after a name, and a capital in a list of names is a
name's. Each rule follows how the Gītā purports of chapters 1-9 write these words."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from core.knowledge.phonetic import fold
from core.stages.term_decisions import Decision
from core.stages.term_neighbours import is_sanskrit
from core.stages.term_tokens import TokenInfo

__all__ = ["deity_opening_a_compound", "in_a_list_of_names", "title_after_a_name"]

_MEMBER_KINDS = frozenset({"term", "stem"})
"""What may follow a deity's name in a compound: a common noun (tattva, mūrti), not a verb
form ("Kṛṣṇa uvāca") or another name ("Rādhā Kṛṣṇa")."""
_TITLES = frozenset({"gosvami", "gosvamis", "muni", "munis", "svami", "rsi"})
"""A title after a name (Rūpa Gosvāmī, Durvāsā Muni) and a common noun elsewhere ("is called
gosvāmī", "every muni"): so the Gītā purports of chapters 1-9 write them, capitalised 28 of
29 times after a name and lower-case 11 of 11 times after another word."""
_LIST_GAP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def deity_opening_a_compound(
    found: Sequence[re.Match[str]],
    tokens: Sequence[TokenInfo],
    decisions: Sequence[Decision | None],
    i: int,
    english: Callable[[str], bool],
) -> bool:
    """True if the deity's name at token i and the common Sanskrit noun after it make one
    compound, which books print hyphenated with the name lower-case (viṣṇu-mūrti,
    kṛṣṇa-tattva, īśvara-mūrti: every such pair in the Gītā purports of chapters 1-9, none
    written apart). Heard apart, the pair must stand in English, not in a Sanskrit line
    ("īśvaraḥ paramaḥ kṛṣṇaḥ", "Hare Kṛṣṇa"), and the noun must be no English word
    ("Kṛṣṇa mantra")."""
    j = i + 1
    member = decisions[j] if j < len(tokens) and tokens[j].plain else None
    if member is None:
        return False
    entry = member.entry
    if (
        entry.kind not in _MEMBER_KINDS
        or not entry.iast[:1].islower()
        or " " in entry.iast
        or member.needs_context
        or member.among_english
    ):
        return False
    gap = found[i].string[found[i].end() : found[j].start()]
    if gap == "-":
        return True
    return (
        gap == " "
        and not english(tokens[j].text.lower())
        and not english(fold(entry.iast))
        and not (i > 0 and is_sanskrit(tokens[i - 1]))
        and not (j + 1 < len(tokens) and is_sanskrit(tokens[j + 1]))
    )


def in_a_list_of_names(
    found: Sequence[re.Match[str]],
    tokens: Sequence[TokenInfo],
    decisions: Sequence[Decision | None],
) -> set[int]:
    """The tokens of a list of capitalised words ("Satya, Treta, Dvapara and Kali",
    "Sama, Yajur and Rig") in which one is a name: there a capital means a name though the
    lexicon knows the word only as a common noun."""
    text = found[0].string if found else ""
    members: set[int] = set()
    run: list[int] = []
    named = False
    for i, match in enumerate(found):
        if not match.group()[:1].isupper():
            continue  # "and", "or" between two names; any other word ends the list below
        if run and not _LIST_GAP.fullmatch(text[found[run[-1]].end() : match.start()]):
            run, named = [], False
        run.append(i)
        decision = decisions[i]
        named = named or (decision is not None and decision.entry.is_proper)
        named = named or (tokens[i].marked and not tokens[i].common_term)
        if named and len(run) > 1:
            members.update(run)
    return members


def title_after_a_name(
    found: Sequence[re.Match[str]],
    tokens: Sequence[TokenInfo],
    decisions: Sequence[Decision | None],
    i: int,
    english: Callable[[str], bool],
    *,
    before: int | None = None,
    capitals_heard: bool = True,
) -> bool | None:
    """For a title word at token i (gosvāmī, muni): whether a name stands right before it,
    as the output will write it, so that it is written capitalised; None for any other word.
    `before` is where the word before it starts (a phrase: "durwa saa" Durvāsā; i - 1 when
    not given). A common noun before it is a name only by a capital heard and kept
    (`capitals_heard`)."""
    decision = decisions[i]
    if decision is None or fold(decision.entry.iast) not in _TITLES or i == 0:
        return None
    text = found[i].string
    if text[found[i - 1].end() : found[i].start()] != " ":
        return False
    head = i - 1 if before is None else before
    before_token, decided = tokens[head], decisions[head]
    heard = before_token.text
    capital = heard[:1].isupper()
    if before_token.marked:
        return capital
    if decided is None:
        return capital and not english(heard.lower())
    return decided.entry.is_proper or (capital and capitals_heard)
