# Two commands on a fresh machine: `make run` and `make test`. Both build .venv from the pinned lock
# (constraints.txt) first; the stamp file makes later calls skip the install until a pin changes.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
EXTRAS := airflow,dagster,dev
# DuckDB 1.x clients, each in its own small venv: tests/test_catalog_compat.py opens the catalog with them.
DUCKDB1_VERSIONS := 1.0.0 1.5.6
DUCKDB1_CLIENTS := $(foreach v,$(DUCKDB1_VERSIONS),.venv-duckdb-$(v)/.installed)

.PHONY: run test lint lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip install --python $(BIN)/python --constraint constraints.txt --editable ".[$(EXTRAS)]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/newsevents demo
	$(BIN)/newsevents report

.venv-duckdb-%/.installed: | $(VENV)/.installed
	$(BIN)/uv venv --quiet --python $(BIN)/python .venv-duckdb-$*
	$(BIN)/uv pip install --quiet --python .venv-duckdb-$*/bin/python "duckdb==$*"
	touch $@

test: $(VENV)/.installed $(DUCKDB1_CLIENTS)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# Re-pin every dependency (run after editing pyproject.toml; commit constraints.txt).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(BIN)/uv pip compile pyproject.toml --all-extras --python-version 3.11 --quiet -o constraints.txt

bench: $(VENV)/.installed
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) .venv-duckdb-* data
