"""The review loop's core: what the rules were unsure of, with ranked candidates, for an
agent or an editor to decide (`find_uncertain`), and their decisions applied
(core.apply)."""

from core.review.finder import IAST, find_uncertain
from core.review.items import Candidate, Uncertain
from core.review.suspects import Reviewer

__all__ = ["IAST", "Candidate", "Reviewer", "Uncertain", "find_uncertain"]
