"""The Śruti engine: pure functions from subtitle text to corrected text and records."""
