/**
 * views.sql: the report's KPI definitions (README, "tandem report: definitions") as SQL views over
 * the Parquet export, so an analytics team computes the same numbers in its own warehouse.
 *
 * Written in the SQL all four targets share (DuckDB, BigQuery, Snowflake, Databricks SQL): CREATE
 * OR REPLACE VIEW, CASE, COALESCE, NULLIF, ROW_NUMBER() OVER, CORR, VAR_POP, ROUND; no casts to
 * dialect type names, no integer division (`1.0 * a / b`), no PERCENTILE_CONT (a median by row
 * numbers instead: BigQuery has no ordered-set aggregates), no column named after a reserved word
 * (`scope`, `position`, `value`, `at`, `current` are in one dialect's list or another; `channel`
 * and `views` are in none of the four). Ties of equal timestamps go to the earlier statement in
 * the stream (`seq`), as in the report.
 * test/report/parquetExport.test.ts runs this text unchanged in DuckDB and compares with report.json.
 */
export const VIEWS_SQL = `-- Tandem report: KPI definitions as SQL views.
-- Runs unchanged on DuckDB; portable to BigQuery, Snowflake and Databricks SQL (see the README,
-- "tandem report: warehouse", for each one's caveats). The views read five tables, which the
-- warehouse binds to the Parquet export first (load-duckdb.sql does it for DuckDB):
--   tandem_statements  statements/ (Hive-partitioned by objective_id, event_date): one row per
--                      counted statement of the period, after de-duplication and voiding
--   tandem_ops         ops/ (Hive-partitioned by objective_id, event_date): one row per ops observation
--   tandem_objectives  objectives.parquet: objective, unit, version, metric name, layer, baseline
--   tandem_questions   questions.parquet: each objective's questions, in lesson order
--   tandem_windows     windows.parquet: 'period' (the whole report), 'previous', 'current'
-- Each KPI view has one row per objective and window_label (kpi_job_aid_views_by_channel: per
-- channel too); the 'period' rows are report.json's objectives[], the others its windows[].

CREATE OR REPLACE VIEW tandem_windowed_statements AS
SELECT w.window_label, s.*
FROM tandem_statements s
JOIN tandem_windows w
  ON (w.since_date IS NULL OR s.event_date >= w.since_date) AND s.event_date <= w.until_date;

CREATE OR REPLACE VIEW tandem_learner_state AS
SELECT window_label, objective_id, learner,
  MAX(CASE WHEN verb = 'launched' THEN 1 ELSE 0 END) AS launched,
  MAX(CASE WHEN verb = 'completed' THEN 1 ELSE 0 END) AS completed,
  MAX(CASE WHEN verb = 'passed' THEN 1 ELSE 0 END) AS passed,
  MAX(CASE WHEN verb = 'failed' THEN 1 ELSE 0 END) AS failed,
  SUM(CASE WHEN verb IN ('passed', 'failed') THEN 1 ELSE 0 END) AS attempts
FROM tandem_windowed_statements
WHERE kind <> 'view'
GROUP BY window_label, objective_id, learner;

-- Each learner's earliest passed/failed statement (the first attempt).
CREATE OR REPLACE VIEW tandem_first_outcomes AS
SELECT window_label, objective_id, learner, verb, score
FROM (
  SELECT window_label, objective_id, learner, verb, score,
    ROW_NUMBER() OVER (PARTITION BY window_label, objective_id, learner ORDER BY occurred_at, seq) AS rn
  FROM tandem_windowed_statements
  WHERE kind = 'lesson' AND verb IN ('passed', 'failed')
) t
WHERE rn = 1;

-- Each learner's earliest completion, and its duration when it carries one.
CREATE OR REPLACE VIEW tandem_first_completions AS
SELECT window_label, objective_id, learner, duration_seconds
FROM (
  SELECT window_label, objective_id, learner, duration_seconds,
    ROW_NUMBER() OVER (PARTITION BY window_label, objective_id, learner ORDER BY occurred_at, seq) AS rn
  FROM tandem_windowed_statements
  WHERE kind = 'lesson' AND verb = 'completed'
) t
WHERE rn = 1;

-- The median by row numbers: rows k with cnt <= 2k <= cnt + 2 are the middle one or two.
CREATE OR REPLACE VIEW tandem_median_seconds AS
SELECT window_label, objective_id, AVG(duration_seconds) AS median_seconds
FROM (
  SELECT window_label, objective_id, duration_seconds,
    ROW_NUMBER() OVER (PARTITION BY window_label, objective_id ORDER BY duration_seconds) AS rn,
    COUNT(*) OVER (PARTITION BY window_label, objective_id) AS cnt
  FROM tandem_first_completions
  WHERE duration_seconds IS NOT NULL
) t
WHERE 2 * rn BETWEEN cnt AND cnt + 2
GROUP BY window_label, objective_id;

CREATE OR REPLACE VIEW kpi_learning AS
SELECT o.objective_id, o.unit_id, w.window_label,
  COALESCE(l.learners, 0) AS learners,
  COALESCE(l.launched, 0) AS launched,
  COALESCE(l.completed, 0) AS completed,
  COALESCE(l.passed, 0) AS passed,
  COALESCE(l.failed, 0) AS failed,
  ROUND(1.0 * l.completed / NULLIF(l.launched, 0), 6) AS completion_rate,
  ROUND(1.0 * f.first_passed / NULLIF(f.attempted, 0), 6) AS first_attempt_pass_rate,
  ROUND(f.mean_score, 6) AS mean_score,
  ROUND(1.0 * l.attempts / NULLIF(f.attempted, 0), 6) AS attempts_per_learner,
  ROUND(m.median_seconds, 6) AS median_seconds
FROM tandem_objectives o
CROSS JOIN tandem_windows w
LEFT JOIN (
  SELECT window_label, objective_id, COUNT(*) AS learners, SUM(launched) AS launched, SUM(completed) AS completed,
    SUM(passed) AS passed, SUM(failed) AS failed, SUM(attempts) AS attempts
  FROM tandem_learner_state
  GROUP BY window_label, objective_id
) l ON l.objective_id = o.objective_id AND l.window_label = w.window_label
LEFT JOIN (
  SELECT window_label, objective_id, COUNT(*) AS attempted,
    SUM(CASE WHEN verb = 'passed' THEN 1 ELSE 0 END) AS first_passed, AVG(score) AS mean_score
  FROM tandem_first_outcomes
  GROUP BY window_label, objective_id
) f ON f.objective_id = o.objective_id AND f.window_label = w.window_label
LEFT JOIN tandem_median_seconds m ON m.objective_id = o.objective_id AND m.window_label = w.window_label;

-- Each learner's first answer to each question, by timestamp.
CREATE OR REPLACE VIEW tandem_first_answers AS
SELECT window_label, objective_id, question_id, learner, CASE WHEN correct THEN 1 ELSE 0 END AS correct
FROM (
  SELECT window_label, objective_id, question_id, learner, correct,
    ROW_NUMBER() OVER (PARTITION BY window_label, objective_id, question_id, learner ORDER BY occurred_at, seq) AS rn
  FROM tandem_windowed_statements
  WHERE kind = 'answer'
) t
WHERE rn = 1;

-- Corrected item-total: this answer (x) against the learner's correct first answers to the others (y).
CREATE OR REPLACE VIEW tandem_item_scores AS
SELECT a.window_label, a.objective_id, a.question_id, a.learner, a.correct AS x, t.total - a.correct AS y
FROM tandem_first_answers a
JOIN (
  SELECT window_label, objective_id, learner, SUM(correct) AS total
  FROM tandem_first_answers
  GROUP BY window_label, objective_id, learner
) t ON t.window_label = a.window_label AND t.objective_id = a.objective_id AND t.learner = a.learner;

CREATE OR REPLACE VIEW kpi_items AS
SELECT q.objective_id, w.window_label, q.question_id, q.question_order,
  COALESCE(i.n, 0) AS n,
  ROUND(1.0 * i.correct / NULLIF(i.n, 0), 6) AS difficulty,
  CASE WHEN i.var_x > 0 AND i.var_y > 0 THEN ROUND(i.r, 6) END AS discrimination
FROM tandem_questions q
CROSS JOIN tandem_windows w
LEFT JOIN (
  SELECT window_label, objective_id, question_id, COUNT(*) AS n, SUM(x) AS correct,
    VAR_POP(x) AS var_x, VAR_POP(y) AS var_y, CORR(x, y) AS r
  FROM tandem_item_scores
  GROUP BY window_label, objective_id, question_id
) i ON i.objective_id = q.objective_id AND i.question_id = q.question_id AND i.window_label = w.window_label;

CREATE OR REPLACE VIEW kpi_execution AS
SELECT o.objective_id, w.window_label,
  COALESCE(v.views, 0) AS job_aid_views,
  COALESCE(v.devices, 0) AS job_aid_devices,
  ROUND(1.0 * COALESCE(v.views, 0) / NULLIF(l.completed, 0), 6) AS views_per_completer,
  COALESCE(v.scans, 0) AS printed_scans,
  ROUND(1.0 * v.stale / NULLIF(v.scans, 0), 6) AS stale_scan_share
FROM tandem_objectives o
CROSS JOIN tandem_windows w
LEFT JOIN (
  SELECT window_label, objective_id, COUNT(*) AS views, COUNT(DISTINCT learner) AS devices,
    SUM(CASE WHEN printed_version IS NOT NULL THEN 1 ELSE 0 END) AS scans,
    SUM(CASE WHEN printed_version IS NOT NULL AND revision IS NOT NULL AND printed_version <> revision THEN 1 ELSE 0 END) AS stale
  FROM tandem_windowed_statements
  WHERE kind = 'view'
  GROUP BY window_label, objective_id
) v ON v.objective_id = o.objective_id AND v.window_label = w.window_label
LEFT JOIN kpi_learning l ON l.objective_id = o.objective_id AND l.window_label = w.window_label;

-- Job-aid views per channel, as report.json's execution.jobAidViewsByChannel: one row per objective,
-- window and channel with at least one view. channel is the report's reading of the tag of the
-- address opened: qr, slack, teams or email, and unknown for no tag or any other one.
CREATE OR REPLACE VIEW kpi_job_aid_views_by_channel AS
SELECT objective_id, unit_id, window_label, channel, COUNT(*) AS views
FROM tandem_windowed_statements
WHERE kind = 'view'
GROUP BY objective_id, unit_id, window_label, channel;

-- The unit's ops metric: mean of the rows (current_value), its change from the baseline, n rows.
CREATE OR REPLACE VIEW kpi_metrics AS
SELECT o.objective_id, w.window_label, o.metric_name, o.metric_layer, o.baseline,
  ROUND(AVG(p.metric_value), 6) AS current_value,
  ROUND(AVG(p.metric_value) - o.baseline, 6) AS change_from_baseline,
  COUNT(p.metric_value) AS n
FROM tandem_objectives o
CROSS JOIN tandem_windows w
LEFT JOIN tandem_ops p
  ON p.objective_id = o.objective_id
  AND (w.since_date IS NULL OR p.event_date >= w.since_date) AND p.event_date <= w.until_date
GROUP BY o.objective_id, w.window_label, o.metric_name, o.metric_layer, o.baseline;
`;

/**
 * load-duckdb.sql: binds the views' tables to the export for DuckDB, run from the export folder
 * (`duckdb -c ".read load-duckdb.sql" -c ".read views.sql"`). The partition columns are typed
 * explicitly: DuckDB would otherwise read an objective id like `1042` as a number.
 */
export const LOAD_DUCKDB_SQL = `-- Tandem report: the Parquet export as the tables views.sql reads (DuckDB; run in this folder).
CREATE OR REPLACE VIEW tandem_statements AS
SELECT * FROM read_parquet('statements/*/*/*.parquet', hive_partitioning = true, hive_types = {'objective_id': VARCHAR, 'event_date': DATE});
CREATE OR REPLACE VIEW tandem_ops AS
SELECT * FROM read_parquet('ops/*/*/*.parquet', hive_partitioning = true, hive_types = {'objective_id': VARCHAR, 'event_date': DATE});
CREATE OR REPLACE VIEW tandem_objectives AS SELECT * FROM read_parquet('objectives.parquet');
CREATE OR REPLACE VIEW tandem_questions AS SELECT * FROM read_parquet('questions.parquet');
CREATE OR REPLACE VIEW tandem_windows AS SELECT * FROM read_parquet('windows.parquet');
`;
