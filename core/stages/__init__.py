"""The pipeline's steps: normalize, numbers, verses and terms, each a pure stage.

May import core.transcript, core.knowledge, core.settings and core.errors.
"""

STAGE_ORDER = ("normalize", "numbers", "verses", "terms", "settle")
"""The order the stages run in ("settle": the same stages once more where the first pass
worked, core.settle); a later optional "model" stage follows them."""
EMITTED_BY = {"uncertain": "terms", "verse": "verses"}
"""Which stage records each kind of finding (its span is in that stage's input text)."""
