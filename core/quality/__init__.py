"""validate_quality's checks and metrics: style profiles, layout, timing, language, WER.

May import core.transcript, core.knowledge, core.settings and core.errors.
"""
