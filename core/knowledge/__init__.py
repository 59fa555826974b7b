"""What the engine knows: lexicon, phonetic keys, English frequencies, verse index.

Data structures and lookups over loaded data; may import core.errors only.
"""
