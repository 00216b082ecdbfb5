-- Current training without a copy of it. The monthly rollup (002, 005) was nearly as large as the records (a cadre
-- trains about once a month: 9.96 million groups for 10 million rows), so it cost an import as much as storing the
-- records again and saved the queries nothing. Most training batches are wholly current (a first load, a new year,
-- a county's new quarter): their rows are read straight from `training`. Only a batch some of whose rows a newer
-- active batch supersedes (same cadre, course and date) is listed in `training_partial`, and its rows still current
-- are kept in `training_kept`; incentive/store/superseded_training.py maintains both inside the transaction of
-- every import and rollback. A pinned link (the `as_of` variable) still computes the newest-batch-per-key window
-- from the raw records, as before.
CREATE TABLE training_partial (batch_id BIGINT);

CREATE TABLE training_kept (
    batch_id BIGINT, cadre_id VARCHAR, course VARCHAR, category VARCHAR, domain VARCHAR, mode VARCHAR,
    organized VARCHAR, hours DOUBLE, date DATE
);

-- From the data as they are, by the window current_training still applies here.
INSERT INTO training_partial
SELECT DISTINCT batch_id FROM training
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY cadre_id, course, date ORDER BY batch_id DESC) > 1;

INSERT INTO training_kept
SELECT batch_id, cadre_id, course, category, domain, mode, organized, hours, date FROM current_training
WHERE batch_id IN (SELECT batch_id FROM training_partial);

DROP VIEW training_monthly;
DROP VIEW training_by_month;
DROP TABLE training_rollup;

CREATE OR REPLACE VIEW current_training AS
SELECT cadre_id, course, category, domain, mode, organized, hours, date, batch_id FROM training
WHERE getvariable('as_of') IS NULL
  AND batch_id IN (SELECT id FROM active_batch_ids) AND batch_id NOT IN (SELECT batch_id FROM training_partial)
UNION ALL
SELECT cadre_id, course, category, domain, mode, organized, hours, date, batch_id FROM training_kept
WHERE getvariable('as_of') IS NULL AND batch_id IN (SELECT id FROM active_batch_ids)
UNION ALL
SELECT cadre_id, course, category, domain, mode, organized, hours, date, batch_id FROM training
WHERE getvariable('as_of') IS NOT NULL AND batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY cadre_id, course, date ORDER BY batch_id DESC) = 1;

-- 017's macro, reading the records (a window of whole months: from from_day's month to records_to's).
CREATE OR REPLACE MACRO cadre_training(from_day, to_day, records_to) AS TABLE
    WITH t AS (
        SELECT cadre_id,
               sum(hours) AS hours,
               count(*) FILTER (WHERE category = 'political') AS records_political,
               count(*) FILTER (WHERE category = 'professional') AS records_professional,
               count(*) FILTER (WHERE category = 'innovation') AS records_innovation,
               count(*) FILTER (WHERE category = 'practice') AS records_practice,
               CAST(date_trunc('month', min(date)) AS DATE) AS first_month
        FROM current_training
        WHERE date BETWEEN CAST(date_trunc('month', CAST(from_day AS DATE)) AS DATE)
                       AND last_day(CAST(records_to AS DATE))
        GROUP BY cadre_id
    )
    SELECT r.cadre_id, r.county, r.unit, r.rank, r.gender, age_band(r.birth_year, to_day) AS age_band,
           r.as_of AS roster_as_of,
           t.cadre_id IS NOT NULL AS trained,
           coalesce(t.hours, 0) AS hours,
           coalesce(t.records_political, 0) > 0 AS trained_political,
           coalesce(t.records_professional, 0) > 0 AS trained_professional,
           coalesce(t.records_innovation, 0) > 0 AS trained_innovation,
           coalesce(t.records_practice, 0) > 0 AS trained_practice,
           t.first_month
    FROM roster_in_force(to_day) r LEFT JOIN t USING (cadre_id);
