-- One row per county and month in which the rows registered as `incoming` (a training or personnel-decisions file:
-- cadre_id, date) hold few records of that county's cadres, and the stored data ($kind's current rows) have nothing
-- of that county and month yet: a month the county would count as sent on a few records alone (store/effects.LoneMonth,
-- docs/decisions.md#a-month-sent-on-a-few-records). Few is either of:
-- - at most $most_records, while the county's other months in the file have a median of at least $typical_records;
-- - (training only) at most $thin_share of the county's usual stored volume: the median records per month of its
--   stored months with records in the 12 months before, when there are at least $usual_months of them.
-- No names. A record's county is its cadre's by the newest roster snapshot that lists him (queries/cadre_county.sql's
-- rule); records of cadres on no roster are not placed.
-- Columns: county, month ('YYYY-MM'), records, typical (the median compared with, records per month), basis ('file':
-- the county's other months in the file; 'stored': its stored months). Params: $kind ('training' or 'movements'),
-- $most_records, $typical_records, $thin_share, $usual_months.
WITH homes AS (
    SELECT cadre_id, arg_max(county, (as_of, batch_id)) AS county FROM current_roster GROUP BY cadre_id
),
-- months as dates while grouping, written as text once per group: ten million strftime() calls were most of the
-- query at a province's scale
placed AS (
    SELECT h.county, date_trunc('month', i.date) AS month, count(*) AS records
    FROM incoming i JOIN homes h USING (cadre_id)
    WHERE i.date IS NOT NULL
    GROUP BY h.county, date_trunc('month', i.date)
),
in_file AS (
    SELECT p.county, p.month, p.records,
           (SELECT median(o.records) FROM placed o WHERE o.county = p.county AND o.month <> p.month) AS typical
    FROM placed p
),
stored AS (
    SELECT cadre_id, date FROM current_training WHERE $kind = 'training'
    UNION ALL
    SELECT cadre_id, date FROM current_movements WHERE $kind = 'movements'
),
-- the stored records of the file's months and of the 12 months before them alone (none: nothing read)
months AS (
    SELECT CAST(min(month) - INTERVAL 12 MONTH AS DATE) AS first, last_day(max(month)) AS last FROM placed
),
stored_counts AS (
    SELECT h.county, date_trunc('month', s.date) AS month, count(*) AS records
    FROM stored s JOIN months m ON s.date BETWEEN m.first AND m.last
    JOIN homes h USING (cadre_id)
    GROUP BY h.county, date_trunc('month', s.date)
),
usual AS (
    SELECT f.county, f.month, median(c.records) AS usual, count(*) AS months
    FROM placed f JOIN stored_counts c
      ON c.county = f.county AND c.month < f.month AND c.month >= f.month - INTERVAL 12 MONTH
    WHERE $kind = 'training'
    GROUP BY f.county, f.month
)
SELECT county, month, records, CAST(round(typical) AS BIGINT) AS typical, basis
FROM (
SELECT f.county, strftime(f.month, '%Y-%m') AS month, f.records,
       CASE WHEN f.records <= $most_records AND f.typical >= $typical_records THEN f.typical ELSE u.usual END
           AS typical,
       CASE WHEN f.records <= $most_records AND f.typical >= $typical_records THEN 'file' ELSE 'stored' END AS basis
FROM in_file f LEFT JOIN usual u ON u.county = f.county AND u.month = f.month
WHERE ((f.records <= $most_records AND f.typical >= $typical_records)
       OR (u.months >= $usual_months AND f.records <= u.usual * $thin_share))
  AND NOT EXISTS (SELECT 1 FROM stored_counts s WHERE s.county = f.county AND s.month = f.month)
)
ORDER BY county, month
