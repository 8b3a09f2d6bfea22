# Two commands on a fresh machine: `make run` and `make test`. Both build .venv from the pinned lock
# (constraints.txt) first; the stamp file makes later calls skip the install until a pin changes.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
# ray: the tests of `engine: ray` start a local two-node Ray cluster
EXTRAS := airflow,dagster,ray,dev
# DuckDB 1.x clients, each in its own small venv: tests/test_catalog_compat.py opens the catalog with them.
DUCKDB1_VERSIONS := 1.0.0 1.5.6
DUCKDB1_CLIENTS := $(foreach v,$(DUCKDB1_VERSIONS),.venv-duckdb-$(v)/.installed)

.PHONY: run test lint lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv==$(UV_VERSION)"
	# --compile-bytecode: without it, and with PYTHONDONTWRITEBYTECODE set, every process compiles what it
	# imports anew; a Ray node's agents then start about three times slower, too slow for the raylet's fixed
	# 15 s wait on a busy machine (see pipelines/ray_local.py)
	$(BIN)/uv pip install --python $(BIN)/python --compile-bytecode --constraint constraints.txt \
		--editable ".[$(EXTRAS)]"
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
