"""Counts written for people: "1 verse", "2 verses"."""

from __future__ import annotations


def counted(number: int, noun: str) -> str:
    """`number` and `noun`, the noun given an "s" unless there is exactly one (every noun the
    CLI counts forms its plural so)."""
    return f"{number:,} {noun}" if number == 1 else f"{number:,} {noun}s"
