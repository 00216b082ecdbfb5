-- cadre_training with the last day of records apart from the window's end: a year still running whose latest
-- quarter only some counties have sent counts records up to the day before that quarter, while the roster in force
-- and the age bands stay the window's end's, as for the year before that quarter's first record
-- (docs/decisions.md#unsent-training-files). One row per cadre on the roster in force at to_day, with their training
-- in the months from_day..records_to (whole months).
CREATE OR REPLACE MACRO cadre_training(from_day, to_day, records_to) AS TABLE
    WITH t AS (
        SELECT cadre_id,
               sum(hours) AS hours,
               sum(records) FILTER (WHERE category = 'political') AS records_political,
               sum(records) FILTER (WHERE category = 'professional') AS records_professional,
               sum(records) FILTER (WHERE category = 'innovation') AS records_innovation,
               sum(records) FILTER (WHERE category = 'practice') AS records_practice,
               min(month) AS first_month
        FROM training_monthly
        WHERE month BETWEEN CAST(date_trunc('month', CAST(from_day AS DATE)) AS DATE) AND CAST(records_to AS DATE)
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
