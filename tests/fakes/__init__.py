"""Test doubles that are real servers (loopback only)."""
