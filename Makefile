# mfg-canonical: every target does its own set-up on a fresh clone (Python 3.11, make, package index).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_DEV  := $(VENV)/.installed-dev
STAMP_DEMO := $(VENV)/.installed-demo

.PHONY: demo test lint typecheck generate check-generated check-release release-snapshot docs bench clean help

help:
	@echo "make demo       set up .venv and run 'canon demo' on the shipped example plants"
	@echo "                (then: canon serve, the contract over HTTP; pip install '.[service]')"
	@echo "make test       set up .venv with .[dev] and run the whole test suite (what CI runs)"
	@echo "make generate   regenerate JSON Schema, pydantic models and batch suites from the schema"
	@echo "make docs       build the documentation site into site/"
	@echo "make bench      run every benchmark (prints ratios against same-run baselines)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_DEMO): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(STAMP_DEMO)

demo: $(STAMP_DEMO)
	$(BIN)/canon demo
	@echo "make demo: the integration service is 'canon serve' (pip install -e '.[service]'; see the README)"

lint: $(STAMP_DEV)
	$(BIN)/ruff check canonical tests benchmarks

typecheck: $(STAMP_DEV)
	$(BIN)/mypy canonical

generate: $(STAMP_DEV)
	$(BIN)/canon schema build

check-generated: $(STAMP_DEV)
	$(BIN)/canon schema build --check

check-release: $(STAMP_DEV)
	$(BIN)/canon schema check-release --waivers schemas/waivers.yaml
	$(BIN)/canon mappings check-release DE01
	$(BIN)/canon mappings check-release US02
	$(BIN)/canon mappings check-release PL03

release-snapshot: $(STAMP_DEV)
	$(BIN)/canon schema release

test: $(STAMP_DEV) lint typecheck check-release
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-postgres.sh
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

docs: $(STAMP_DEV)
	$(BIN)/canon docs build

bench: $(STAMP_DEV)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) site dist build .pytest_cache .mypy_cache .ruff_cache
