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
.PHONY: check-project check-newest typecheck

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
	$(MAKE) typecheck
	$(MAKE) check-project
	$(MAKE) check-sqlite
	$(MAKE) check-postgres
	$(MAKE) check-newest

# With coverage of luoshi/ (the floor is fail_under in pyproject.toml).
check-sqlite: $(VENV)/.installed-test
	$(BIN)/pytest -q -p no:cacheprovider --cov --cov-report=

# The wheel install test needs no second run on another database; a throwaway Redis for
# the shared click counter's tests.
check-postgres: $(VENV)/.installed-test
	scripts/with-postgres scripts/with-redis --as LUOSHI_TEST_REDIS_URL \
	  $(BIN)/pytest -q -p no:cacheprovider -m "not install"

# Every model change has its migration; the pre-commit hooks' file is valid.
check-project: $(VENV)/.installed-test
	$(LUOSHI) makemigrations --check --dry-run
	$(BIN)/pre-commit validate-config .pre-commit-config.yaml

# The SQLite suite once more on the newest Python here (scripts/newest-python), in its own
# virtualenv .venv-3.N; nothing when the machine has none newer than 3.11.
check-newest:
	@py="$$(scripts/newest-python)"; \
	if [ -z "$$py" ]; then echo "no Python newer than 3.11 here: the suite ran on 3.11 only"; exit 0; fi; \
	v="$$($$py -c 'import sys; print("%d.%d" % sys.version_info[:2])')"; venv=".venv-$$v"; \
	echo "SQLite suite on Python $$v ($$py)"; \
	[ -x "$$venv/bin/python" ] || $$py -m venv "$$venv"; \
	[ "$$venv/.installed-test" -nt pyproject.toml ] || { \
	  $$venv/bin/pip install -q --upgrade pip && $$venv/bin/pip install -q -e '.[test]' && \
	  touch "$$venv/.installed-test"; } || exit 1; \
	$$venv/bin/pytest -q -p no:cacheprovider

# Strict typing of the pure-Python packages ([tool.mypy] in pyproject.toml); part of
# `make test`.
typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

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
	rm -rf $(VENV) .venv-* var .pytest_cache .ruff_cache .mypy_cache .coverage
