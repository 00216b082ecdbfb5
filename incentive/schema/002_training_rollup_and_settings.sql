-- Training rollup: current training rows summed per cadre, month and kind of training, so coverage queries never
-- scan the raw rows or redo current_training's newest-batch-per-key window. Maintained by storage.py inside the
-- transaction of every import or rollback that touches training (for the cadres of that batch), so it always
-- equals this aggregate of current_training.
CREATE TABLE training_rollup (
    cadre_id VARCHAR, month DATE, category VARCHAR, domain VARCHAR, mode VARCHAR, organized VARCHAR,
    hours DOUBLE, records BIGINT
);

INSERT INTO training_rollup
SELECT cadre_id, CAST(date_trunc('month', date) AS DATE), category, domain, mode, organized,
       coalesce(sum(hours), 0), count(*)
FROM current_training
GROUP BY ALL;

-- App settings (hours target, suppression threshold, …): append-only, the newest row per key wins.
CREATE TABLE settings (key VARCHAR, value VARCHAR, changed_at TIMESTAMP, changed_by VARCHAR);

-- The roster snapshot in force on a day: the latest as_of on or before it, else the earliest (decisions.md).
CREATE MACRO roster_in_force(on_day) AS TABLE
    SELECT * FROM current_roster
    WHERE as_of = coalesce((SELECT max(as_of) FROM current_roster WHERE as_of <= CAST(on_day AS DATE)),
                           (SELECT min(as_of) FROM current_roster));

-- Age band of a cadre born in `born` at the end of a period (decisions.md: ≤35, 36-45, 46-55, ≥56).
CREATE MACRO age_band(born, on_day) AS
    CASE WHEN born IS NULL THEN ''
         WHEN year(CAST(on_day AS DATE)) - born <= 35 THEN '≤35'
         WHEN year(CAST(on_day AS DATE)) - born <= 45 THEN '36-45'
         WHEN year(CAST(on_day AS DATE)) - born <= 55 THEN '46-55'
         ELSE '≥56' END;

-- One row per cadre on the roster in force at the window's end: who they are (no name) and their training in
-- the months from_day..to_day (whole months), from the rollup.
CREATE MACRO cadre_training(from_day, to_day) AS TABLE
    WITH t AS (
        SELECT cadre_id,
               sum(hours) AS hours,
               sum(hours) FILTER (WHERE category = 'political') AS hours_political,
               sum(records) FILTER (WHERE category = 'political') AS records_political,
               sum(records) FILTER (WHERE category = 'professional') AS records_professional,
               sum(records) FILTER (WHERE category = 'innovation') AS records_innovation,
               sum(records) FILTER (WHERE category = 'practice') AS records_practice,
               min(month) AS first_month
        FROM training_rollup
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
