-- The rollup's contents as a table macro over any set of training rows: training_by_month applies it to current
-- training, and an import whose cadres have no other current training applies it to the new batch alone (no
-- newest-batch-per-key window over ten million rows; see rollup.add_batch). The rollup also keeps
-- each group's latest training date, so "data up to" and the running year's pace read the rollup too.
CREATE MACRO training_months(rows) AS TABLE
SELECT cadre_id, CAST(date_trunc('month', date) AS DATE) AS month, category, domain, mode, organized,
       coalesce(sum(hours), 0) AS hours, count(*) AS records, max(date) AS last_date
FROM query_table(rows)
GROUP BY ALL;

CREATE OR REPLACE VIEW training_by_month AS SELECT * FROM training_months('current_training');

DROP VIEW training_monthly;
DROP TABLE training_rollup;
CREATE TABLE training_rollup AS SELECT * FROM training_by_month;

CREATE VIEW training_monthly AS
SELECT * FROM training_rollup WHERE getvariable('as_of') IS NULL
UNION ALL
SELECT * FROM training_by_month WHERE getvariable('as_of') IS NOT NULL;
