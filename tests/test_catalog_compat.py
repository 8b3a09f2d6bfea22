"""The catalog opens in DuckDB 1.x clients: each runs in its own venv (`make test` makes them)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from warehouse.catalog import connect_read_only

REPO = Path(__file__).resolve().parents[1]
CLIENTS = sorted(REPO.glob(".venv-duckdb-1.*/bin/python"))
# Every view, lookup table and macro of the catalog, as an analyst's first queries would touch them.
QUERIES = [
    "SELECT count(*) FROM events",
    "SELECT count(*) FROM articles",
    "SELECT count(*) FROM rejects",
    "SELECT count(*) FROM unresolved",
    "SELECT count(*), sum(num_articles), sum(num_sources) FROM events_daily",
    "SELECT count(*), count(plover_event) FROM events_plover",
    "SELECT count(*) FROM cameo_codes",
    "SELECT count(*) FROM plover_codes",
    "SELECT count(*) FROM countries",
    "SELECT count(*) FROM actor_roles",
    "SELECT count(*) FROM events_between('IND', 'PAK', DATE '2025-05-01', DATE '2025-05-31')",
    "SELECT count(*), sum(events) FROM daily_quad_counts('IND', DATE '2025-05-01', DATE '2025-06-30')",
    "SELECT count(*) FROM dyad_goldstein('CHN', 'TWN', DATE '2024-01-01', DATE '2025-12-31')",
]
CLIENT_SCRIPT = """
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
rows = [[str(v) for v in con.execute(q).fetchone()] for q in json.loads(sys.argv[2])]
print(json.dumps({"version": duckdb.__version__, "rows": rows}))
"""


def test_catalog_opens_in_duckdb_1x_clients_with_the_same_answers(demo_warehouse: Path) -> None:
    if not CLIENTS:
        if os.environ.get("CI"):
            pytest.fail("no .venv-duckdb-1.* client: run the tests with `make test`")
        pytest.skip("no DuckDB 1.x client venv: `make test` creates .venv-duckdb-<version>")
    con = connect_read_only(demo_warehouse)
    try:
        expected = [[str(v) for v in con.execute(q).fetchone()] for q in QUERIES]
    finally:
        con.close()
    assert int(expected[0][0]) > 0
    for client in CLIENTS:
        done = subprocess.run(
            [str(client), "-c", CLIENT_SCRIPT, str(demo_warehouse / "events.duckdb"), json.dumps(QUERIES)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{client}: {done.stderr.strip()[-500:]}"
        answer = json.loads(done.stdout)
        assert answer["version"].startswith("1.")
        assert answer["rows"] == expected, answer["version"]
