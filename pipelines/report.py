"""`newsevents report`: one self-contained HTML file an analyst opens in a browser.

Every figure is a SQL query on the read-only catalog (``events.duckdb``), so the report shows exactly what
SQL gives. The charts are Vega-Lite specifications built with Altair and drawn in the browser by
Vega-Embed; the JavaScript of Vega, Vega-Lite and Vega-Embed (from vl-convert's bundle) and the world's
boundaries (``report_assets/countries-110m.json``) are inlined, so the page needs no network when viewed:
no CDN, no map tiles.

Scope: events of ``event_date`` in [start, end] (default: all), optionally those whose source or target
country is ``country``; negated events ("will not impose sanctions") are left out, as in ``events_daily``.
Rejects are those of the ingest days in [start, end] (default: all); they have no event date or country.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb

from warehouse.catalog import connect_read_only

QUAD_LABELS = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}
QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a050", 4: "#c8372d"}
TOP_DYADS_IN_TREND = 5
TOP_ROWS = 15
VEGA_LITE_VERSION = "6.4"
TOPOJSON = files("pipelines").joinpath("report_assets", "countries-110m.json")


@dataclass(frozen=True)
class Scope:
    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None


@dataclass
class ReportData:
    """Everything the page shows, as fetched from the catalog (also embedded in the page as JSON)."""

    scope: dict[str, Any]
    summary: dict[str, Any]
    daily: list[dict[str, Any]]
    dyad_trend: list[dict[str, Any]]
    top_actors: list[dict[str, Any]]
    top_dyads: list[dict[str, Any]]
    places: list[dict[str, Any]]
    most_reported: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    charts: dict[str, dict[str, Any]] = field(default_factory=dict)


def _rows(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    relation = con.sql(query)
    names = relation.columns
    return [
        {
            name: (value.isoformat() if isinstance(value, dt.date) else value)
            for name, value in zip(names, row, strict=True)
        }
        for row in relation.fetchall()
    ]


def _scope_views(con: duckdb.DuckDBPyConnection, scope: Scope) -> None:
    """Temporary views (allowed on a read-only connection) that every figure reads."""
    conditions = ["NOT coalesce(is_negated, false)"]
    if scope.start:
        conditions.append(f"event_date >= DATE '{scope.start.isoformat()}'")
    if scope.end:
        conditions.append(f"event_date <= DATE '{scope.end.isoformat()}'")
    if scope.country:  # validated as three letters by the caller
        conditions.append(f"(source_country = '{scope.country}' OR target_country = '{scope.country}')")
    con.execute(f"CREATE TEMP VIEW report_events AS SELECT * FROM events WHERE {' AND '.join(conditions)}")
    negated = [c for c in conditions if not c.startswith("NOT coalesce")] or ["true"]
    con.execute(
        f"CREATE TEMP VIEW report_negated AS SELECT * FROM events WHERE coalesce(is_negated, false) AND {' AND '.join(negated)}"
    )
    days = ["true"]
    if scope.start:
        days.append(f"ingest_date >= DATE '{scope.start.isoformat()}'")
    if scope.end:
        days.append(f"ingest_date <= DATE '{scope.end.isoformat()}'")
    con.execute(f"CREATE TEMP VIEW report_rejects AS SELECT * FROM rejects WHERE {' AND '.join(days)}")


# The figures. Each is one query on the catalog; tests/test_report.py recomputes them with its own SQL.
SUMMARY_SQL = """
SELECT count(*) AS events,
       count(DISTINCT article_id) AS articles,
       count(DISTINCT event_date) AS days_with_events,
       min(event_date) AS first_event_date,
       max(event_date) AS last_event_date,
       count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
       count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
       count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
       count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
       round(avg(goldstein), 2) AS mean_goldstein,
       (SELECT count(*) FROM report_negated) AS negated_events_left_out,
       (SELECT count(*) FROM report_rejects) AS rejects
FROM report_events
"""

DAILY_SQL = """
SELECT event_date, quad_class, count(*) AS events
FROM report_events GROUP BY event_date, quad_class ORDER BY event_date, quad_class
"""

# Directed pairs of actor codes (both known), most events first.
TOP_DYADS_SQL = f"""
SELECT source_code, target_code, source_code || ' → ' || target_code AS dyad,
       count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein,
       count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict_events
FROM report_events
WHERE coalesce(source_code, '') <> '' AND coalesce(target_code, '') <> ''
GROUP BY source_code, target_code
ORDER BY events DESC, dyad
LIMIT {TOP_ROWS}
"""

DYAD_TREND_SQL = f"""
WITH top AS (
    SELECT source_code, target_code FROM report_events
    WHERE coalesce(source_code, '') <> '' AND coalesce(target_code, '') <> ''
    GROUP BY source_code, target_code
    ORDER BY count(*) DESC, source_code || ' → ' || target_code
    LIMIT {TOP_DYADS_IN_TREND}
)
SELECT e.event_date, e.source_code || ' → ' || e.target_code AS dyad, count(*) AS events,
       round(avg(e.goldstein), 2) AS mean_goldstein
FROM report_events e JOIN top USING (source_code, target_code)
GROUP BY e.event_date, dyad ORDER BY dyad, e.event_date
"""

# Actors counted once per event they take part in, as source or target.
TOP_ACTORS_SQL = f"""
WITH roles AS (
    SELECT event_id, source_code AS code, source_name AS name, 'source' AS role FROM report_events
    WHERE coalesce(source_code, '') <> ''
    UNION ALL
    SELECT event_id, target_code, target_name, 'target' FROM report_events WHERE coalesce(target_code, '') <> ''
)
SELECT code, min(name) AS name, count(DISTINCT event_id) AS events,
       count(*) FILTER (WHERE role = 'source') AS as_source,
       count(*) FILTER (WHERE role = 'target') AS as_target
FROM roles GROUP BY code ORDER BY events DESC, code LIMIT {TOP_ROWS}
"""

PLACES_SQL = """
SELECT action_geo_name AS place, action_geo_country AS country,
       round(action_geo_lat, 4) AS lat, round(action_geo_lon, 4) AS lon, count(*) AS events
FROM report_events
WHERE action_geo_lat IS NOT NULL AND action_geo_lon IS NOT NULL
GROUP BY ALL ORDER BY events DESC, place
"""

# GDELT-style counts come from events_daily; its rows are kept when one of their events is in scope.
MOST_REPORTED_SQL = f"""
WITH evidence AS (
    SELECT event_date, source_code, target_code, cameo_code,
           arg_min(sentence, event_id) AS sentence, arg_min(article_id, event_id) AS article_id
    FROM report_events GROUP BY ALL
)
SELECT d.event_date, d.source_code, d.target_code, d.cameo_code, d.cameo_label, d.quad_class, d.goldstein,
       d.num_mentions, d.num_articles, d.num_sources, ev.sentence,
       coalesce(a.url, a.canonical_url) AS url, a.title
FROM events_daily d
JOIN evidence ev ON ev.event_date = d.event_date AND ev.source_code IS NOT DISTINCT FROM d.source_code
     AND ev.target_code IS NOT DISTINCT FROM d.target_code AND ev.cameo_code = d.cameo_code
LEFT JOIN articles a ON a.article_id = ev.article_id
ORDER BY d.num_articles DESC, d.num_sources DESC, d.num_mentions DESC, d.event_date DESC, d.cameo_code,
         d.source_code, d.target_code
LIMIT {TOP_ROWS}
"""

REJECTS_SQL = """
SELECT stage, reason, count(*) AS rejects, min(detail) AS example
FROM report_rejects GROUP BY stage, reason ORDER BY rejects DESC, stage, reason
"""


def fetch(warehouse: Path, scope: Scope) -> ReportData:
    con = connect_read_only(warehouse)
    try:
        _scope_views(con, scope)
        summary = _rows(con, SUMMARY_SQL)[0]
        data = ReportData(
            scope={
                "from": scope.start.isoformat() if scope.start else None,
                "to": scope.end.isoformat() if scope.end else None,
                "country": scope.country,
                "warehouse": str(warehouse),
            },
            summary=summary,
            daily=_rows(con, DAILY_SQL),
            dyad_trend=_rows(con, DYAD_TREND_SQL),
            top_actors=_rows(con, TOP_ACTORS_SQL),
            top_dyads=_rows(con, TOP_DYADS_SQL),
            places=_rows(con, PLACES_SQL),
            most_reported=_rows(con, MOST_REPORTED_SQL),
            rejects=_rows(con, REJECTS_SQL),
        )
    finally:
        con.close()
    for row in data.daily:
        row["quad"] = QUAD_LABELS.get(row["quad_class"], f"QuadClass {row['quad_class']}")
    for row in data.rejects:
        row["what"] = f"{row['stage']}: {row['reason']}"
    return data


def _charts(data: ReportData) -> dict[str, dict[str, Any]]:
    import altair as alt

    quad_scale = alt.Scale(domain=list(QUAD_LABELS.values()), range=list(QUAD_COLOURS.values()))
    date_axis = alt.X(
        "event_date:T", timeUnit="utcyearmonthdate", title="event date", axis=alt.Axis(format="%Y-%m-%d")
    )
    span = 1
    if data.summary["first_event_date"]:
        first = dt.date.fromisoformat(data.summary["first_event_date"])
        last = dt.date.fromisoformat(data.summary["last_event_date"])
        span = (last - first).days + 1
    # A day is a band of the time axis; over a long span a day is under a pixel wide, so bars get 3 px.
    daily = (
        alt.Chart(alt.InlineData(values=data.daily, name="daily"), width="container", height=220)
        .mark_bar(**({"width": 3} if span > 120 else {}))
        .encode(
            x=date_axis,
            y=alt.Y("events:Q", stack=True, title="events"),
            color=alt.Color("quad:N", scale=quad_scale, title="QuadClass", legend=alt.Legend(orient="top")),
            order=alt.Order("quad_class:Q"),
            tooltip=[alt.Tooltip("event_date:T", format="%Y-%m-%d", title="date"), "quad:N", "events:Q"],
        )
    )
    trend = (
        alt.Chart(alt.InlineData(values=data.dyad_trend, name="dyad_trend"), width="container", height=220)
        .mark_line(point=True)
        .encode(
            x=date_axis,
            y=alt.Y("mean_goldstein:Q", scale=alt.Scale(domain=[-10, 10]), title="mean Goldstein"),
            color=alt.Color("dyad:N", title="dyad", legend=alt.Legend(orient="top")),
            tooltip=[
                alt.Tooltip("event_date:T", format="%Y-%m-%d", title="date"),
                "dyad:N",
                "events:Q",
                "mean_goldstein:Q",
            ],
        )
    )
    actors = (
        alt.Chart(alt.InlineData(values=data.top_actors, name="top_actors"), width="container")
        .mark_bar(color="#4a5a70")
        .encode(
            y=alt.Y("code:N", sort="-x", title=None),
            x=alt.X("events:Q", title="events"),
            tooltip=["code:N", "name:N", "events:Q", "as_source:Q", "as_target:Q"],
        )
    )
    topo = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    world = alt.Chart(
        alt.InlineData(values=topo, format=alt.DataFormat(type="topojson", feature="countries"))
    ).mark_geoshape(fill="#e4e7eb", stroke="#ffffff", strokeWidth=0.5)
    points = (
        alt.Chart(alt.InlineData(values=data.places, name="places"))
        .mark_circle(color="#c8372d", opacity=0.7, stroke="#7a1d16", strokeWidth=0.5)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size("events:Q", scale=alt.Scale(range=[30, 600]), title="events"),
            tooltip=["place:N", "country:N", "events:Q"],
        )
    )
    geo = alt.layer(world, points).project(type="equalEarth").properties(width="container", height=380)
    rejects = (
        alt.Chart(alt.InlineData(values=data.rejects, name="rejects"), width="container")
        .mark_bar(color="#8a6d3b")
        .encode(
            y=alt.Y("what:N", sort="-x", title=None),
            x=alt.X("rejects:Q", title="reject rows"),
            tooltip=["stage:N", "reason:N", "rejects:Q", "example:N"],
        )
    )
    charts = {"daily": daily, "dyad_trend": trend, "top_actors": actors, "map": geo, "rejects": rejects}
    if not data.rejects:  # the table says "None in this scope"; an empty chart would only show axes
        del charts["rejects"]
    # Bar charts with one row per actor or reason: only the width follows the page.
    fit_width = alt.AutoSizeParams(type="fit-x", contains="padding")
    return {
        name: chart.properties(autosize=fit_width).configure_view(stroke=None).to_dict()
        if name in ("top_actors", "rejects")
        else chart.configure_view(stroke=None).to_dict()
        for name, chart in charts.items()
    }


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], figure: str) -> str:
    if not rows:
        return f'<p class="empty" data-figure="{figure}">None in this scope.</p>'
    head = "".join(f"<th>{html.escape(title)}</th>" for _, title in columns)
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            if key == "url" and value:
                link = html.escape(str(value), quote=True)
                text = html.escape(str(row.get("title") or value))
                cells.append(f'<td data-col="url"><a href="{link}" rel="noreferrer noopener">{text}</a></td>')
            else:
                cells.append(f'<td data-col="{key}">{"" if value is None else html.escape(str(value))}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table data-figure="{figure}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    )


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, default=str).replace("</", "<\\/")


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }}
header {{ background: #1d2330; color: #fff; padding: 18px 32px; }}
header h1 {{ margin: 0 0 4px; font-size: 22px; }}
header p {{ margin: 0; color: #c5cbd6; font-size: 14px; }}
main {{ padding: 16px 32px 40px; max-width: 1280px; margin: 0 auto; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 16px; }}
.card {{ background: #fff; border-radius: 6px; padding: 10px 16px; min-width: 120px; box-shadow: 0 1px 2px #0002; }}
.card b {{ display: block; font-size: 22px; }}
.card span {{ font-size: 12px; color: #5b6475; }}
section {{ background: #fff; border-radius: 6px; padding: 12px 18px 16px; margin: 14px 0; box-shadow: 0 1px 2px #0002; }}
section h2 {{ font-size: 16px; margin: 4px 0 8px; }}
section p.note {{ font-size: 12px; color: #5b6475; margin: 0 0 8px; }}
.grid {{ display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }}
.grid section {{ margin: 0; }}
.chart {{ width: 100%; }}
table {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
th, td {{ text-align: left; padding: 4px 8px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }}
th {{ background: #f0f2f5; font-weight: 600; }}
td[data-col="sentence"] {{ max-width: 520px; }}
td[data-col="event_date"] {{ white-space: nowrap; }}
.empty {{ color: #5b6475; font-style: italic; }}
footer {{ font-size: 12px; color: #5b6475; padding: 0 32px 24px; max-width: 1280px; margin: 0 auto; }}
</style>
</head>
<body data-rendered="pending">
<header><h1>{title}</h1><p>{subtitle}</p></header>
<main>
<div class="cards">{cards}</div>
<section><h2>Events per day by QuadClass</h2>
<p class="note">Events by the day they happened (event_date), stacked by QuadClass.</p>
<div id="chart-daily" class="chart"></div></section>
<section><h2>Goldstein trend of the top dyads</h2>
<p class="note">Mean Goldstein score per day of the {top_dyads} actor pairs (source → target) with the most events.</p>
<div id="chart-dyad_trend" class="chart"></div></section>
<section><h2>Where events happened</h2>
<p class="note">The action's place (action_geo_*); circle area by number of events. {unplaced} events name no place.</p>
<div id="chart-map" class="chart"></div></section>
<div class="grid">
<section><h2>Top actors</h2><p class="note">Events an actor takes part in, as source or target.</p>
<div id="chart-top_actors" class="chart"></div>{actors_table}</section>
<section><h2>Top dyads</h2><p class="note">Directed pairs of actor codes; conflict = QuadClass 3 and 4.</p>{dyads_table}</section>
</div>
<section><h2>Most reported events</h2>
<p class="note">From events_daily (one row per day, source, target and code): mentions, articles and distinct outlets, with one evidence sentence and its article.</p>
{reported_table}</section>
<section><h2>Rejects by reason</h2><p class="note">{rejects_note}</p>
<div id="chart-rejects" class="chart"></div>{rejects_table}</section>
</main>
<footer>Generated {generated} by newsevents from {warehouse}. Every figure is a SQL query on its events.duckdb; negated events are left out ({negated} in this scope). Charts: Vega-Lite {vl_version} (Vega {vega_version}), drawn offline.</footer>
<script type="application/json" id="newsevents-report-data">{data_json}</script>
<script>{bundle}</script>
<script>
(function () {{
  const data = JSON.parse(document.getElementById("newsevents-report-data").textContent);
  window.newseventsReport = {{ data: data, views: {{}} }};
  const names = Object.keys(data.charts);
  Promise.all(names.map(function (name) {{
    return vegaEmbed("#chart-" + name, data.charts[name], {{ renderer: "svg", actions: false }})
      .then(function (result) {{ window.newseventsReport.views[name] = result.view; }});
  }})).then(function () {{ document.body.dataset.rendered = "done"; }},
           function (error) {{ document.body.dataset.rendered = "error: " + error; console.error(error); }});
}})();
</script>
</body>
</html>
"""


def render(data: ReportData) -> str:
    import vl_convert

    data.charts = _charts(data)
    summary = data.summary
    scope = data.scope
    where = f" involving {scope['country']}" if scope["country"] else ""
    first, last = scope["from"] or summary["first_event_date"], scope["to"] or summary["last_event_date"]
    span = f"{first} to {last}" if first else "no events"
    cards = "".join(
        f'<div class="card" data-figure="summary.{key}"><b>{html.escape(str(summary[key] if summary[key] is not None else "–"))}</b>'
        f"<span>{html.escape(label)}</span></div>"
        for key, label in (
            ("events", "events"), ("articles", "articles"), ("days_with_events", "days with events"),
            ("verbal_cooperation", "verbal cooperation"), ("material_cooperation", "material cooperation"),
            ("verbal_conflict", "verbal conflict"), ("material_conflict", "material conflict"),
            ("mean_goldstein", "mean Goldstein"), ("rejects", "reject rows"),
        )
    )  # fmt: skip
    rejects_note = "Everything that did not become a (fully good) article or event, by stage and reason" + (
        f", on ingest days {scope['from'] or 'any'} to {scope['to'] or 'any'}."
        if scope["from"] or scope["to"]
        else "."
    )
    unplaced = summary["events"] - sum(p["events"] for p in data.places)
    payload = {key: value for key, value in data.__dict__.items()}
    return PAGE.format(
        title=html.escape(f"newsevents report{where}: {span}"),
        subtitle=html.escape(f"{summary['events']} events from {summary['articles']} articles; warehouse {scope['warehouse']}"),
        cards=cards,
        top_dyads=TOP_DYADS_IN_TREND,
        unplaced=unplaced,
        actors_table=_table(data.top_actors, [("code", "code"), ("name", "name"), ("events", "events"), ("as_source", "as source"), ("as_target", "as target")], "top_actors"),
        dyads_table=_table(data.top_dyads, [("dyad", "dyad"), ("events", "events"), ("mean_goldstein", "mean Goldstein"), ("conflict_events", "conflict")], "top_dyads"),
        reported_table=_table(
            data.most_reported,
            [("event_date", "date"), ("source_code", "source"), ("cameo_label", "event"), ("target_code", "target"),
             ("num_mentions", "mentions"), ("num_articles", "articles"), ("num_sources", "sources"),
             ("sentence", "evidence"), ("url", "article")],
            "most_reported",
        ),
        rejects_table=_table(data.rejects, [("stage", "stage"), ("reason", "reason"), ("rejects", "rows"), ("example", "example")], "rejects"),
        rejects_note=html.escape(rejects_note),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        warehouse=html.escape(scope["warehouse"]),
        negated=summary["negated_events_left_out"],
        vl_version=VEGA_LITE_VERSION,
        vega_version=vl_convert.get_vega_version(),
        data_json=_script_json(payload),
        bundle=vl_convert.javascript_bundle(vl_version=VEGA_LITE_VERSION).replace("</script", "<\\/script"),
    )  # fmt: skip


def write_report(warehouse: Path, out: Path, scope: Scope) -> Path:
    """Write the report of ``scope`` to ``out`` (replaced whole) and return its path."""
    page = render(fetch(warehouse, scope))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return out
