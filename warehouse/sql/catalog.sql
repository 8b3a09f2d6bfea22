-- The analysts' catalog, run against a fresh events.duckdb each time the pipeline publishes.
-- The table views ({table}) are created by warehouse/catalog.py over the Parquet files; everything
-- below is defined on top of them and of the lookup tables.

-- One row per (day, source, target, code): the same event reported by many articles and outlets, counted
-- like GDELT's NumMentions / NumArticles / NumSources. Near-duplicate copies of an article are not coded
-- themselves; they count as further articles and their outlets as further sources of its events.
-- Negated events ("will not impose sanctions") did not happen: they stay in `events` (is_negated) but are
-- left out here and in every macro below.
CREATE VIEW events_daily AS
WITH copies AS (
    SELECT coalesce(duplicate_of, article_id) AS coded_article_id,
           article_id,
           coalesce(publisher, regexp_extract(canonical_url, '^https?://([^/]+)', 1), article_id) AS outlet
    FROM articles
),
grouped AS (
    SELECT event_date, source_code, target_code, cameo_code,
           any_value(cameo_label) AS cameo_label,
           any_value(quad_class) AS quad_class,
           any_value(goldstein) AS goldstein,
           sum(num_mentions)::INTEGER AS num_mentions,
           min(ingest_date) AS first_ingest_date
    FROM events
    WHERE NOT coalesce(is_negated, false)
    GROUP BY event_date, source_code, target_code, cameo_code
),
reach AS (
    SELECT e.event_date, e.source_code, e.target_code, e.cameo_code,
           count(DISTINCT c.article_id)::INTEGER AS num_articles,
           count(DISTINCT c.outlet)::INTEGER AS num_sources
    FROM events e JOIN copies c ON c.coded_article_id = e.article_id
    WHERE NOT coalesce(e.is_negated, false)
    GROUP BY e.event_date, e.source_code, e.target_code, e.cameo_code
)
SELECT g.event_date, g.source_code, g.target_code, g.cameo_code, g.cameo_label, g.quad_class, g.goldstein,
       g.num_mentions, coalesce(r.num_articles, 0) AS num_articles, coalesce(r.num_sources, 0) AS num_sources,
       g.first_ingest_date
FROM grouped g
LEFT JOIN reach r  -- IS NOT DISTINCT FROM: an event with no target has a NULL target_code
    ON r.event_date IS NOT DISTINCT FROM g.event_date AND r.source_code = g.source_code
   AND r.target_code IS NOT DISTINCT FROM g.target_code AND r.cameo_code = g.cameo_code;

-- The events with their PLOVER event type, mode and context (lookup table plover_codes, from
-- transforms/data/cameo_plover.tsv); NULL for CAMEO 01 and 02, which PLOVER has no type for.
CREATE VIEW events_plover AS
SELECT e.*, p.plover_event, p.plover_mode, p.plover_context
FROM events e LEFT JOIN plover_codes p ON p.cameo_code = e.cameo_code;

-- Events between two actors (prefixes of actor codes, either direction) over a date range:
--   SELECT * FROM events_between('RUS', 'UKR', DATE '2022-02-01', DATE '2022-03-01');
CREATE MACRO events_between(actor_a, actor_b, start_date, end_date) AS TABLE
SELECT
    CASE WHEN starts_with(source_code, actor_a) THEN actor_a || ' -> ' || actor_b
         ELSE actor_b || ' -> ' || actor_a END AS direction,
    event_date, source_code, target_code, cameo_code, cameo_label, quad_class, goldstein, sentence, article_id, event_id
FROM events
WHERE event_date BETWEEN start_date AND end_date AND NOT coalesce(is_negated, false)
  AND ((starts_with(source_code, actor_a) AND starts_with(target_code, actor_b))
    OR (starts_with(source_code, actor_b) AND starts_with(target_code, actor_a)))
ORDER BY event_date, event_id;

-- Daily series are zero-filled: every day from start_date to end_date is a row, a day without events
-- included (counts 0, mean NULL), so a plot shows quiet days as quiet instead of skipping them.

-- Daily event counts by QuadClass for one country (as source or target), or for all events when country
-- is NULL:
--   SELECT * FROM daily_quad_counts('UKR', DATE '2022-02-01', DATE '2022-03-01');
CREATE MACRO daily_quad_counts(country, start_date, end_date) AS TABLE
WITH days AS (
    SELECT day::DATE AS event_date
    FROM generate_series(start_date::TIMESTAMP, end_date::TIMESTAMP, INTERVAL 1 DAY) AS t(day)
),
counts AS (
    SELECT
        event_date,
        count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
        count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
        count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
        count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
        count(*) AS events,
        round(avg(goldstein), 2) AS mean_goldstein
    FROM events
    WHERE event_date BETWEEN start_date AND end_date AND NOT coalesce(is_negated, false)
      AND (country IS NULL OR source_country = country OR target_country = country)
    GROUP BY event_date
)
SELECT
    days.event_date,
    coalesce(verbal_cooperation, 0) AS verbal_cooperation,
    coalesce(material_cooperation, 0) AS material_cooperation,
    coalesce(verbal_conflict, 0) AS verbal_conflict,
    coalesce(material_conflict, 0) AS material_conflict,
    coalesce(events, 0) AS events,
    mean_goldstein
FROM days LEFT JOIN counts USING (event_date)
ORDER BY days.event_date;

-- Mean Goldstein score per day from one actor towards another (code prefixes), a classic dyadic series:
--   SELECT * FROM dyad_goldstein('USA', 'IRN', DATE '2020-01-01', DATE '2020-12-31');
CREATE MACRO dyad_goldstein(source_prefix, target_prefix, start_date, end_date) AS TABLE
WITH days AS (
    SELECT day::DATE AS event_date
    FROM generate_series(start_date::TIMESTAMP, end_date::TIMESTAMP, INTERVAL 1 DAY) AS t(day)
),
dyad AS (
    SELECT event_date, count(*) AS events, round(avg(goldstein), 2) AS mean_goldstein,
           round(sum(goldstein), 2) AS total_goldstein
    FROM events
    WHERE event_date BETWEEN start_date AND end_date AND NOT coalesce(is_negated, false)
      AND starts_with(source_code, source_prefix) AND starts_with(target_code, target_prefix)
    GROUP BY event_date
)
SELECT days.event_date, coalesce(events, 0) AS events, mean_goldstein, coalesce(total_goldstein, 0) AS total_goldstein
FROM days LEFT JOIN dyad USING (event_date)
ORDER BY days.event_date;
