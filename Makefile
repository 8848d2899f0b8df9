# Two commands do all the set-up on a fresh machine (Python 3.11, Node 20, no database server):
#   make demo   installs, builds the fictional demo data and serves http://127.0.0.1:8000/
#   make test   installs and runs every check: lint, format, types, migrations, the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
PYTEST_ARGS ?= -n auto

.PHONY: install demo serve test lint imports format typecheck migrations-check pytest bench clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "casereview needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"
	$(BIN)/uv sync --frozen --inexact --quiet --python $(BIN)/python
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: install
	CASEREVIEW_DEMO_WAIVE_2FA=1 $(BIN)/casereview demo

serve: install
	$(BIN)/casereview serve

test: install lint imports typecheck migrations-check pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The layers (ADR 0001): the contracts are in pyproject.toml, [tool.importlinter].
imports:
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The pure libraries (no Django) are held to --strict; the Django apps to the default checks.
STRICT_TYPED := src/casereview/analysis src/casereview/democorpus src/casereview/cases/calendar.py

typecheck:
	$(BIN)/mypy
	$(BIN)/mypy --strict $(STRICT_TYPED)

migrations-check:
	$(BIN)/casereview manage makemigrations --check --dry-run

pytest:
	$(BIN)/pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
