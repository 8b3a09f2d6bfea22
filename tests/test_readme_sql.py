"""Every SQL example of the README returns rows on the warehouse `newsevents demo` makes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warehouse.catalog import connect_read_only

README = Path(__file__).resolve().parents[1] / "README.md"


def _statements() -> list[tuple[str, str]]:
    """(first comment or first line, statement) for each statement of each ```sql block."""
    blocks = re.findall(r"^```sql\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    statements = []
    for block in blocks:
        for statement in block.split(";"):
            lines = [line for line in statement.strip().splitlines() if line.strip()]
            if any(not line.lstrip().startswith("--") for line in lines):
                statements.append((lines[0].strip(), statement.strip()))
    return statements


STATEMENTS = _statements()


def test_the_readme_has_sql_examples_including_one_with_labels() -> None:
    assert len(STATEMENTS) >= 10
    assert any("with labels" in title for title, _ in STATEMENTS)


@pytest.mark.parametrize(("title", "statement"), STATEMENTS, ids=[t for t, _ in STATEMENTS])
def test_readme_sql_example_returns_rows_on_the_demo(title: str, statement: str, demo_warehouse: Path) -> None:
    con = connect_read_only(demo_warehouse)
    try:
        relation = con.sql(statement)
        rows = relation.limit(3).fetchall()
        columns = relation.columns
    finally:
        con.close()
    assert rows, f"{title}: no rows on the demo warehouse"
    if "with labels" in title:  # the labels are filled in, not only codes
        named = dict(zip(columns, rows[0], strict=True))
        assert named["event"] and named["plover_event"] and named["source"] and not named["source"].isupper()
