"""The pipeline's steps: normalize, numbers, verses and terms, each a pure stage.

May import core.transcript, core.knowledge, core.settings and core.errors.
"""
