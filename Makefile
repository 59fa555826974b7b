# Every target sets itself up: a fresh machine needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint eval eval-acceptance bench inspect soak clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/shruti process examples/lecture.srt --dry-run
	$(BIN)/shruti process examples/lecture.srt -o examples/lecture.fixed.srt --report examples/changes.json --overwrite
	@echo "wrote examples/lecture.fixed.srt and examples/changes.json"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

eval: $(STAMP)
	$(BIN)/python -m bench.eval

eval-acceptance: $(STAMP)
	$(BIN)/python -m bench.eval --acceptance

bench: $(STAMP)
	$(BIN)/python -m bench.throughput

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache
