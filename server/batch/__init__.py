"""Batches: the runner, its worker processes, the journal and background jobs.

May import server.runtime and core.
"""
