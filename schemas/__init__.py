"""The versioned Arrow schemas of every table newsevents writes.

This module is the single definition of each table's columns: the writer casts to these schemas, the
catalog's views read what they describe, and the Dagster asset checks compare against them. Bump a table's
version whenever a column is added, removed or changes type; the version travels in each Parquet file's
schema metadata (``newsevents.schema``), so readers can tell which layout a partition was written with.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class TableSchema:
    name: str
    version: int
    schema: pa.Schema
    key: tuple[str, ...]
    """Columns that must never be null (the asset checks and the writer enforce it)."""

    @property
    def columns(self) -> list[str]:
        return self.schema.names

    def with_metadata(self) -> pa.Schema:
        return self.schema.with_metadata({b"newsevents.schema": f"{self.name}/v{self.version}".encode()})

    def empty(self) -> pa.Table:
        return self.with_metadata().empty_table()

    def from_records(self, records: list[dict]) -> pa.Table:
        """Build a table from plain dicts; missing keys become nulls, extra keys are an error."""
        unknown = {k for r in records for k in r} - set(self.columns)
        if unknown:
            raise ValueError(f"{self.name}: unknown columns {sorted(unknown)}")
        # Built nullable first, so that a null key is reported by name rather than by a cast error.
        loose = pa.schema([f.with_nullable(True) for f in self.schema])
        return pa.Table.from_pylist(records, schema=loose)


def _actor_fields(prefix: str) -> list[pa.Field]:
    """An actor's six columns. An event with no target has NULL in all six target columns (v2; v1 had "")."""
    return [
        pa.field(f"{prefix}_code", pa.string()),  # CAMEO actor code, e.g. RUSGOV, IGOUNO
        pa.field(f"{prefix}_name", pa.string()),  # canonical name from the dictionary, e.g. "Russia"
        pa.field(f"{prefix}_text", pa.string()),  # the words of the sentence the actor was read from
        pa.field(f"{prefix}_country", pa.string()),  # ISO alpha-3 country, "" for IGOs and unknown
        pa.field(f"{prefix}_role", pa.string()),  # CAMEO role (GOV, MIL, COP, REB, ...), "" when none
        pa.field(f"{prefix}_kind", pa.string()),  # state, person, igo, ngo, group, role
    ]


ARTICLES = TableSchema(
    name="articles",
    version=1,
    key=("article_id", "text", "ingest_date"),
    schema=pa.schema(
        [
            pa.field("article_id", pa.string(), nullable=False),  # sha1 of canonical URL, else of the text
            pa.field("source_id", pa.string()),  # the input's own id
            pa.field("url", pa.string()),
            pa.field("canonical_url", pa.string()),  # tracking parameters, fragment and www. removed
            pa.field("title", pa.string()),
            pa.field("published_at", pa.timestamp("us", tz="UTC")),
            pa.field("published_at_source", pa.string()),  # input, page, feed, warc, ingest_date
            pa.field("publisher", pa.string()),
            pa.field("author", pa.string()),
            pa.field("language", pa.string()),  # ISO 639-1
            pa.field("text", pa.string(), nullable=False),
            pa.field("word_count", pa.int32()),
            pa.field("text_hash", pa.string()),  # sha1 of the whitespace-normalised text
            pa.field("simhash", pa.int64()),  # 64-bit SimHash of word shingles, for near-duplicates
            pa.field("duplicate_of", pa.string()),  # article_id of the first near-identical copy
            pa.field("origin", pa.string()),  # source name and reference: file:line, feed URL, WARC offset
            pa.field("ingest_date", pa.date32(), nullable=False),
        ]
    ),
)

# events v2: goldstein and confidence DOUBLE (float in v1: 0.7 read back as 0.699999988), and no target as
# NULL (v1: ""). v3: date_precision. warehouse/catalog.py reads v1 and v2 files as v3.
EVENTS = TableSchema(
    name="events",
    version=3,
    key=("event_id", "article_id", "cameo_code", "coder_version", "ingest_date"),
    schema=pa.schema(
        [
            pa.field("event_id", pa.string(), nullable=False),  # sha1 of article, sentence, actors, code
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("sentence_index", pa.int32()),
            pa.field("sentence", pa.string()),  # the evidence
            pa.field("event_date", pa.date32()),
            pa.field("date_source", pa.string()),  # sentence or article
            # how exact event_date is: day, week, month, year, or article (only the article's date); v3
            pa.field("date_precision", pa.string()),
            *_actor_fields("source"),
            *_actor_fields("target"),
            pa.field("cameo_code", pa.string(), nullable=False),
            pa.field("cameo_base", pa.string()),  # first three digits
            pa.field("cameo_root", pa.string()),  # first two digits
            pa.field("cameo_label", pa.string()),
            pa.field(
                "quad_class", pa.int8()
            ),  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material
            pa.field("goldstein", pa.float64()),
            pa.field("trigger", pa.string()),  # the words of the action, e.g. "fired tear gas at"
            pa.field("is_negated", pa.bool_()),
            pa.field("confidence", pa.float64()),
            pa.field("num_mentions", pa.int32()),  # sentences of the article reporting this same event
            pa.field("action_geo_name", pa.string()),
            pa.field("action_geo_country", pa.string()),
            pa.field("action_geo_lat", pa.float64()),
            pa.field("action_geo_lon", pa.float64()),
            pa.field("coder_version", pa.string(), nullable=False),
            pa.field("ingest_date", pa.date32(), nullable=False),
        ]
    ),
)

REJECTS = TableSchema(
    name="rejects",
    version=1,
    key=("stage", "reason", "ingest_date"),
    schema=pa.schema(
        [
            pa.field("input_ref", pa.string()),  # file:line, URL, WARC file#offset
            pa.field("source", pa.string()),  # configured source name or input path
            pa.field("article_id", pa.string()),  # when the article got that far
            pa.field("stage", pa.string(), nullable=False),  # read, fetch, parse, ingest, language, extract
            pa.field("reason", pa.string(), nullable=False),  # short machine-readable code
            pa.field("detail", pa.string()),  # human-readable explanation
            pa.field("ingest_date", pa.date32(), nullable=False),
        ]
    ),
)

UNRESOLVED = TableSchema(
    name="unresolved",
    version=1,
    key=("article_id", "phrase", "ingest_date"),
    schema=pa.schema(
        [
            pa.field("article_id", pa.string(), nullable=False),
            pa.field("sentence_index", pa.int32()),
            pa.field("sentence", pa.string()),
            pa.field("role", pa.string()),  # source or target: where the coder wanted an actor
            pa.field("phrase", pa.string(), nullable=False),  # the noun phrase it could not resolve
            pa.field("head", pa.string()),  # lemma of the phrase's head noun
            pa.field("ingest_date", pa.date32(), nullable=False),
        ]
    ),
)

TABLES: dict[str, TableSchema] = {t.name: t for t in (ARTICLES, EVENTS, REJECTS, UNRESOLVED)}
