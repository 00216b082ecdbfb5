-- The data as of a moment, for pinned links: a connection that sets `SET VARIABLE as_of = TIMESTAMP '…'` sees the
-- batches created by then and not yet rolled back then (docs/decisions.md#batch-ids-and-time); without the variable
-- it sees the active batches. Every current_* view reads active_batch_ids, so all of them follow.
CREATE OR REPLACE VIEW active_batch_ids AS
SELECT id FROM batches
WHERE CASE WHEN getvariable('as_of') IS NULL THEN status = 'active'
           ELSE created_at <= getvariable('as_of')
                AND (rolled_back_at IS NULL OR rolled_back_at > getvariable('as_of')) END;

-- Current training summed per cadre, month and kind of training: the one definition of the rollup's contents.
CREATE VIEW training_by_month AS
SELECT cadre_id, CAST(date_trunc('month', date) AS DATE) AS month, category, domain, mode, organized,
       coalesce(sum(hours), 0) AS hours, count(*) AS records
FROM current_training
GROUP BY ALL;

-- The rollup: training_by_month stored, so coverage queries never scan the raw rows or redo current_training's
-- newest-batch-per-key window. Maintained by incentive/store/rollup.py inside the transaction of every import or rollback that
-- touches training (for the cadres of that batch), so it always equals training_by_month.
CREATE TABLE training_rollup AS SELECT * FROM training_by_month;

-- What the queries read: the maintained rollup for current data, a fresh aggregate for a pinned moment.
CREATE VIEW training_monthly AS
SELECT * FROM training_rollup WHERE getvariable('as_of') IS NULL
UNION ALL
SELECT * FROM training_by_month WHERE getvariable('as_of') IS NOT NULL;

-- App settings (hours target, suppression threshold, …): append-only, the newest row per key wins.
CREATE TABLE settings (key VARCHAR, value VARCHAR, changed_at TIMESTAMP, changed_by VARCHAR);

-- The roster snapshot in force on a day: the latest as_of on or before it, else the earliest
-- (docs/decisions.md#roster-snapshots).
CREATE MACRO roster_in_force(on_day) AS TABLE
    SELECT * FROM current_roster
    WHERE as_of = coalesce((SELECT max(as_of) FROM current_roster WHERE as_of <= CAST(on_day AS DATE)),
                           (SELECT min(as_of) FROM current_roster));

-- Age band of a cadre born in `born` at the end of a period: ≤35, 36-45, 46-55, ≥56
-- (docs/decisions.md#order-and-age-bands).
CREATE MACRO age_band(born, on_day) AS
    CASE WHEN born IS NULL THEN ''
         WHEN year(CAST(on_day AS DATE)) - born <= 35 THEN '≤35'
         WHEN year(CAST(on_day AS DATE)) - born <= 45 THEN '36-45'
         WHEN year(CAST(on_day AS DATE)) - born <= 55 THEN '46-55'
         ELSE '≥56' END;

-- One row per cadre on the roster in force at the window's end: who they are (no name) and their training in
-- the months from_day..to_day (whole months).
CREATE MACRO cadre_training(from_day, to_day) AS TABLE
    WITH t AS (
        SELECT cadre_id,
               sum(hours) AS hours,
               sum(records) FILTER (WHERE category = 'political') AS records_political,
               sum(records) FILTER (WHERE category = 'professional') AS records_professional,
               sum(records) FILTER (WHERE category = 'innovation') AS records_innovation,
               sum(records) FILTER (WHERE category = 'practice') AS records_practice,
               min(month) AS first_month
        FROM training_monthly
        WHERE month BETWEEN CAST(date_trunc('month', CAST(from_day AS DATE)) AS DATE) AND CAST(to_day AS DATE)
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
