-- One row per active batch, kind of county file, county and slot with data of that county dated from $start to
-- $end: the stored period of race scores and welfare values (county or township rows), the month of a roster's
-- as-of date, of a training record or of a personnel decision (whose county is the cadre's on that date, by the
-- rule 能上能下 counts with). With when the county sent it (an accepted submission's time, else the time recorded
-- for it in `receipts` (the sample's, never later than its batch), else the batch's) and who
-- (docs/decisions.md#assessment-cycle, #sample-receipt-times), and when the batch went live (its created_at: a
-- return of a correction made after it is still awaited). `homes`: queries/cycle_homes.sql's rows, registered by
-- the caller (the same for every year of a data version: tracker.Receipts reads them once). Params: $start, $end
-- (dates).
WITH active AS (SELECT id FROM active_batch_ids),
valued AS (
    SELECT DISTINCT batch_id, CASE domain WHEN 'race' THEN 'race_scores' ELSE 'welfare' END AS kind, county,
           period AS slot
    FROM indicator_values
    WHERE batch_id IN (SELECT id FROM active) AND domain IN ('race', 'welfare')
      AND period_start(period) BETWEEN $start AND $end
),
rostered AS (
    SELECT DISTINCT batch_id, 'roster' AS kind, county, strftime(as_of, '%Y-%m') AS slot
    FROM roster
    WHERE batch_id IN (SELECT id FROM active) AND as_of BETWEEN $start AND $end
),
-- training records by batch, cadre and year, their months as the bits of a mask (bit m-1: month m): two million
-- records of a province's year become one row per cadre before they are placed, the months set out again per
-- county; personnel decisions (a hundred thousand in all) are placed one by one
trained AS (
    SELECT batch_id, cadre_id, year(date) AS year, bit_or(CAST(1 AS INTEGER) << (month(date) - 1)) AS months
    FROM training
    WHERE batch_id IN (SELECT id FROM active) AND date BETWEEN $start AND $end
    GROUP BY batch_id, cadre_id, year(date)
),
decided AS (
    SELECT batch_id, 'movements' AS kind, cadre_id, date FROM movements
    WHERE batch_id IN (SELECT id FROM active) AND date BETWEEN $start AND $end
),
-- a cadre every one of whose roster rows names the same county (`homes`) is placed there whatever the date (the
-- join by date below gives that county, or none before his first snapshot, where his first county is that one
-- again): only the few who moved between counties, or are on no roster, take the join by date (it was 3/4 of the
-- query). A settled cadre's training: his county's months, the masks of all of them together
settled_training AS (
    SELECT t.batch_id, 'training' AS kind, h.settled_county AS county, t.year, bit_or(t.months) AS months
    FROM trained t JOIN homes h USING (cadre_id)
    WHERE h.settled_county IS NOT NULL
    GROUP BY t.batch_id, h.settled_county, t.year
),
-- the records of everyone else (movers and cadres on no roster: a few), and every decision, placed by date
dated AS (
    SELECT r.batch_id, 'training' AS kind, r.cadre_id, r.date
    FROM training r SEMI JOIN (
        SELECT t.batch_id, t.cadre_id FROM trained t LEFT JOIN homes h USING (cadre_id) WHERE h.settled_county IS NULL
    ) m ON m.batch_id = r.batch_id AND m.cadre_id = r.cadre_id
    WHERE r.date BETWEEN $start AND $end
    UNION ALL
    SELECT * FROM decided
),
housed AS (SELECT d.*, h.settled_county FROM dated d LEFT JOIN homes h USING (cadre_id)),
movers AS (SELECT DISTINCT cadre_id FROM housed WHERE settled_county IS NULL),
movers_roster AS (  -- of two counties' snapshots of one day, the later batch's row alone (the ASOF join's tie)
    SELECT r.* FROM current_roster r SEMI JOIN movers m USING (cadre_id)
    QUALIFY row_number() OVER (PARTITION BY r.cadre_id, r.as_of ORDER BY r.batch_id DESC) = 1
),
-- on two counties' snapshots of one day, the later batch's (as_of alone left the tie to DuckDB's order)
first_seen AS (SELECT cadre_id, arg_min(county, (as_of, -batch_id)) AS county FROM movers_roster GROUP BY cadre_id),
placed AS (
    SELECT batch_id, kind, date, settled_county AS county FROM housed WHERE settled_county IS NOT NULL
    UNION ALL
    SELECT d.batch_id, d.kind, d.date, coalesce(r.county, f.county) AS county
    FROM (SELECT * FROM housed WHERE settled_county IS NULL) d
    ASOF LEFT JOIN movers_roster r ON d.cadre_id = r.cadre_id AND d.date >= r.as_of
    LEFT JOIN first_seen f ON f.cadre_id = d.cadre_id
),
recorded AS (
    SELECT DISTINCT batch_id, kind, county, strftime(date, '%Y-%m') AS slot FROM placed
    UNION
    SELECT batch_id, kind, county, strftime(make_date(year, m + 1, 1), '%Y-%m') AS slot
    FROM settled_training CROSS JOIN range(12) AS months_of_year(m)
    WHERE months & (CAST(1 AS INTEGER) << m) <> 0
),
covered AS (
    SELECT * FROM valued UNION ALL SELECT * FROM rostered UNION ALL SELECT * FROM recorded
)
SELECT c.kind, c.county, c.slot, c.batch_id,
       coalesce(s.submitted_at, least(r.sent_at, b.created_at), b.created_at) AS received_at,
       coalesce(s.submitted_by, b.created_by) AS received_by,
       b.submission_id,
       b.created_at AS live_at
FROM covered c
JOIN batches b ON b.id = c.batch_id
LEFT JOIN submissions s ON s.id = b.submission_id
LEFT JOIN receipts r ON r.batch_id = c.batch_id AND r.kind = c.kind AND r.county = c.county AND r.slot = c.slot
WHERE c.county IS NOT NULL AND c.county <> ''
ORDER BY c.kind, c.county, c.slot, received_at, c.batch_id
