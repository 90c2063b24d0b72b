# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LUOSHI := $(BIN)/luoshi
SEED ?= data/gongshu-2021q4.txt
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check-sqlite check-postgres bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Reinstall when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

run: $(VENV)/.installed
	mkdir -p var
	$(LUOSHI) migrate --noinput
	$(LUOSHI) collectstatic --noinput -v0
	$(LUOSHI) import --if-empty $(SEED)
	$(LUOSHI) serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test
	scripts/system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) check-sqlite
	$(MAKE) check-postgres

check-sqlite:
	$(BIN)/pytest -q -p no:cacheprovider

check-postgres:
	scripts/with-postgres $(BIN)/pytest -q -p no:cacheprovider

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The scale benchmark loads the portal with wrk and serves its static twin with nginx.
bench: $(VENV)/.installed-test
	scripts/system-deps
	@command -v wrk >/dev/null && command -v nginx >/dev/null || { \
	  SUDO=; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; $$SUDO apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends wrk nginx-light >/dev/null; }
	$(BIN)/python -m bench

# PNGs of the portal (report page, 长辈版, task page, search, charts) into docs/screenshots/.
screenshots: $(VENV)/.installed-test
	scripts/system-deps
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
