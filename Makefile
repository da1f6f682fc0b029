# graphkit — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test test-fast lint install install-dev clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "graphkit needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make demo: install into .venv and audit the bundled Sihui sample (no server needed)
demo: install
	$(BIN)/graphkit audit data/sihui

lint: install-dev
	$(BIN)/ruff check graphkit tests scripts bench

## make test: install dev dependencies and run the whole suite
test: install-dev lint
	$(BIN)/python -m pytest

test-fast: install-dev
	$(BIN)/python -m pytest -x -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
