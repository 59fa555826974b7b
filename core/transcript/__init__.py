"""Transcripts as data: segments, edits and the subtitle formats read and written.

Imports nothing of the engine but core.errors.
"""
