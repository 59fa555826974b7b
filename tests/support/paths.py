"""Where the repository and its example files are, for tests at any depth."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LECTURE = REPO / "examples" / "lecture.srt"
"""The example lecture every `make demo` corrects."""
VTT_LECTURE = REPO / "examples" / "lecture.vtt"
"""The same lecture as WebVTT, with a header, NOTE and STYLE blocks, cue ids and settings."""
REVIEW_LECTURE = REPO / "examples" / "review-lecture.srt"
"""A lecture the rules leave some doubts in (a word heard as two, a name misheard, a quoted
line's endings): what the review loop's tests decide and `make demo` writes a review
page for."""
