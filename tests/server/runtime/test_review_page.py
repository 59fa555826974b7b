"""The review page's data: word-level changes and JSON that cannot break out of <script>."""

from __future__ import annotations

import json
import re

from core.review import Candidate, Uncertain
from server.runtime.review_page import Change, PageCue, changes, render_review_page


def test_changes_are_spans_of_the_written_text_with_what_was_heard() -> None:
    heard = "um the practice of krishna bhakti"
    written = "the practice of Kṛṣṇa bhakti"
    assert changes(heard, written) == [Change(0, 0, "um"), Change(16, 21, "krishna")]


def test_the_page_embeds_the_transcript_and_inlines_everything() -> None:
    cue = PageCue(1, "00:00:01,000 --> 00:00:03,000", "the yog of krishna", "the yog of Kṛṣṇa")
    item = Uncertain(
        1, 4, 7, "yog", (Candidate("yoga", 0.92, "lexicon:yoga"), Candidate("yog", 0.3, "keep")),
        "left as heard",
    )  # fmt: skip
    page = render_review_page("talk </script><b>.srt", [cue], [item])
    assert "<script src" not in page and "<link" not in page and "http" not in page
    assert "</script><b>" not in page  # the hostile file name is inert
    raw = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert raw is not None
    data = json.loads(raw.group(1))
    assert data["source"] == "talk </script><b>.srt"
    assert data["uncertainTotal"] == 1
    (only,) = data["cues"]
    assert only["changes"] == [{"span": [11, 16], "before": "krishna"}]
    assert only["uncertain"][0]["span"] == [4, 7]
    assert only["uncertain"][0]["candidates"][0]["text"] == "yoga"
