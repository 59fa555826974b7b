"""Packaged defaults and data: settings YAML, lexicon, verse index, English frequencies."""
