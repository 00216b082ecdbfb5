-- The data as of a moment, for pinned links: a connection that sets `SET VARIABLE as_of = TIMESTAMP '…'` sees the
-- batches created by then and not yet rolled back then (decisions.md, "Versions and storage"); without the variable
-- it sees the active batches, as before. Every current_* view reads active_batch_ids, so all of them follow.
CREATE OR REPLACE VIEW active_batch_ids AS
SELECT id FROM batches
WHERE CASE WHEN getvariable('as_of') IS NULL THEN status = 'active'
           ELSE created_at <= getvariable('as_of')
                AND (rolled_back_at IS NULL OR rolled_back_at > getvariable('as_of')) END;

-- Training per cadre and month: the maintained rollup for current data, a fresh aggregate for a pinned moment.
CREATE VIEW training_monthly AS
SELECT cadre_id, month, category, domain, mode, organized, hours, records
FROM training_rollup WHERE getvariable('as_of') IS NULL
UNION ALL
SELECT cadre_id, CAST(date_trunc('month', date) AS DATE), category, domain, mode, organized,
       coalesce(sum(hours), 0), count(*)
FROM current_training WHERE getvariable('as_of') IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE MACRO cadre_training(from_day, to_day) AS TABLE
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
