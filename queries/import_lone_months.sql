-- One row per county and month in which the rows registered as `incoming` (a training or personnel-decisions file:
-- cadre_id, date) hold at most $most_records records of that county's cadres, while the county's other months in
-- them have a median of at least $typical_records, and the stored data ($kind's current rows) have nothing of that
-- county and month yet: a month the county would count as sent on a few records alone (store/effects.LoneMonth,
-- docs/decisions.md#a-month-sent-on-a-few-records). No names. A record's county is its cadre's by the newest roster
-- snapshot that lists him (queries/cadre_county.sql's rule); records of cadres on no roster are not placed.
-- Columns: county, month ('YYYY-MM'), records, typical (that median, records per month). Params: $kind ('training'
-- or 'movements'), $most_records, $typical_records.
WITH homes AS (
    SELECT cadre_id, arg_max(county, (as_of, batch_id)) AS county FROM current_roster GROUP BY cadre_id
),
-- months as dates while grouping, written as text once per group: ten million strftime() calls were most of the
-- query at a province's scale
placed AS (
    SELECT county, strftime(month, '%Y-%m') AS month, records
    FROM (
        SELECT h.county, date_trunc('month', i.date) AS month, count(*) AS records
        FROM incoming i JOIN homes h USING (cadre_id)
        WHERE i.date IS NOT NULL
        GROUP BY h.county, date_trunc('month', i.date)
    )
),
candidates AS (
    SELECT *
    FROM (
        SELECT p.county, p.month, p.records,
               (SELECT median(o.records) FROM placed o WHERE o.county = p.county AND o.month <> p.month) AS typical
        FROM placed p
        WHERE p.records <= $most_records
    )
    WHERE typical >= $typical_records
),
stored AS (
    SELECT cadre_id, date FROM current_training WHERE $kind = 'training'
    UNION ALL
    SELECT cadre_id, date FROM current_movements WHERE $kind = 'movements'
),
-- the stored records of the candidates' months alone: bounds from the candidates (none: nothing read beyond a test)
months AS (
    SELECT min(CAST(month || '-01' AS DATE)) AS first, last_day(max(CAST(month || '-01' AS DATE))) AS last
    FROM candidates
),
stored_months AS (
    SELECT DISTINCT h.county, strftime(s.date, '%Y-%m') AS month
    FROM stored s JOIN months m ON s.date BETWEEN m.first AND m.last
    JOIN homes h USING (cadre_id)
)
SELECT c.county, c.month, c.records, CAST(round(c.typical) AS BIGINT) AS typical
FROM candidates c
WHERE NOT EXISTS (SELECT 1 FROM stored_months s WHERE s.county = c.county AND s.month = c.month)
ORDER BY c.county, c.month
