-- One row per promotion (调整类型 提拔) dated $start..$end: the cadre's rank group on the roster snapshot before
-- the promotion day (the latest as_of before it, else his earliest snapshot) and his county on the snapshot in force
-- on it (as_of on or before it, else his earliest: the rule of movements_by_county, so that both pages count the
-- same promotions per county), his hours not marked online in the year before the promotion (dates after the day one
-- year earlier, up to the day) and in the year after it (dates after the day, up to the day one year later: the
-- 条例's make-up year), and the yearly rate of his group's target (hours / years); counties in the regions' order
-- (county_code), cadres on no roster (county '') last. No names.
-- Params: $start, $end (dates).
WITH promoted AS (
    SELECT cadre_id, date FROM current_movements
    WHERE action = 'promotion' AND date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
),
-- the roster rows of those cadres only: the join by date sorts its right side, all 1.2 million rows otherwise; of
-- two counties' snapshots of one day, the later batch's row alone (the ASOF joins below would leave the tie to
-- DuckDB's order, and could take the county of one row and the rank of the other)
their_roster AS (
    SELECT * FROM current_roster WHERE cadre_id IN (SELECT cadre_id FROM promoted)
    QUALIFY row_number() OVER (PARTITION BY cadre_id, as_of ORDER BY batch_id DESC) = 1
),
placed AS (  -- the rank before the day; the county in force on it, as 能上能下 counts the same promotion
    SELECT p.cadre_id, p.date, c.county, r.rank, r.cadre_id IS NULL AS before_first
    FROM promoted p
    ASOF LEFT JOIN their_roster r ON p.cadre_id = r.cadre_id AND p.date > r.as_of
    ASOF LEFT JOIN their_roster c ON p.cadre_id = c.cadre_id AND p.date >= c.as_of
),
first_seen AS (
    -- county and rank of one row: on two counties' snapshots of one day, the later batch's (as_of alone left the
    -- tie to DuckDB's order, and could take the county of one row and the rank of the other)
    SELECT cadre_id, arg_min(county, (as_of, -batch_id)) AS county, arg_min(rank, (as_of, -batch_id)) AS rank FROM their_roster GROUP BY cadre_id
),
who AS (
    SELECT p.cadre_id, p.date,
           coalesce(p.county, f.county, '') AS county,
           rank_group(CASE WHEN p.before_first THEN f.rank ELSE p.rank END) AS rank_group
    FROM placed p LEFT JOIN first_seen f USING (cadre_id)
),
trained AS (
    -- current_training's rule (the newest active batch's row of each cadre, course and date), applied to the rows
    -- of the promoted cadres in the promotions' two years only: both are keys of the rule, so the rows kept are the
    -- view's, and the 10 million rows are not all ranked (DuckDB pushes the dates through the view's window, not
    -- the cadres); the bounds cast back to dates, since a date minus an interval is a timestamp, and the stored
    -- dates were cast to one on every row read to compare with it
    SELECT cadre_id, date, hours FROM (
        SELECT cadre_id, date, hours, mode FROM training
        WHERE batch_id IN (SELECT id FROM active_batch_ids)
          AND date > CAST(CAST($start AS DATE) - INTERVAL 1 YEAR AS DATE)
          AND date <= CAST(CAST($end AS DATE) + INTERVAL 1 YEAR AS DATE)
          AND cadre_id IN (SELECT cadre_id FROM promoted)
        QUALIFY row_number() OVER (PARTITION BY cadre_id, course, date ORDER BY batch_id DESC) = 1
    )
    WHERE mode IS DISTINCT FROM 'online'
),
hours AS (
    SELECT w.cadre_id, w.date,
           sum(t.hours) FILTER (WHERE t.date <= w.date) AS hours,
           sum(t.hours) FILTER (WHERE t.date > w.date) AS hours_after
    FROM who w JOIN trained t ON t.cadre_id = w.cadre_id
    WHERE t.date > w.date - INTERVAL 1 YEAR AND t.date <= w.date + INTERVAL 1 YEAR
    GROUP BY w.cadre_id, w.date
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county)
SELECT w.cadre_id, w.date, w.county, w.rank_group,
       coalesce(h.hours, 0) AS hours,
       coalesce(h.hours_after, 0) AS hours_after,
       g.hours / g.years AS annual_target
FROM who w
LEFT JOIN hours h ON h.cadre_id = w.cadre_id AND h.date = w.date
LEFT JOIN training_targets_in_force g ON g.rank_group = w.rank_group
LEFT JOIN county_order o ON o.county = w.county
ORDER BY o.county_code NULLS LAST, w.county, w.date, w.cadre_id
