# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: run test lint format messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	touch $@ $(VENV)/.run-installed

## run: set up, create the database, load the sample organisation when empty, and start the bot
run: $(VENV)/.run-installed
	$(BIN)/dvk init --sample
	$(BIN)/dvk run

## test: set up and run the whole test suite, one worker per core (each with its own databases)
test: $(VENV)/.test-installed
	$(BIN)/python -m pytest -n auto

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: extract messages and merge them into the vi and en catalogs
messages: $(VENV)/.test-installed
	$(BIN)/python tools/i18n.py
