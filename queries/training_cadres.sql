-- One row per cadre on the roster in force at $end with their training in the months $start..$end (the macro
-- cadre_training; no names), and their own training target (docs/decisions.md#training-targets-by-rank). The
-- expensive step of every coverage figure: the app computes it once per window and data version, and the slicing
-- queries (training_coverage, _domains, _mix, _months, _disclosure) read it as `cadres`.
-- Target columns: rank_group ('section' 乡科级及以下, 'division' 县处级及以上, NULL for a rank no group knows:
-- then the target columns are NULL), window_start and window_months of his own window (the $months of the page's
-- window for a one-year target; the target's years × 12 ending at $end for a multi-year one), counted_hours (学时 not
-- marked online in his own window), target (学时 owed over it: each month at the yearly rate of the group he was in
-- by the roster snapshot in force at that month's end; a month where he is on no snapshot, or with a rank no group
-- knows, at his group at $end), annual_hours (his group's yearly rate at $end, for the pace), met_target,
-- months_other_group (months of his window counted at another group's rate: a promotion inside the window),
-- online_hours (学时 marked online in $start..$end), online_target (his group's yearly online minimum × $months / 12),
-- online_met. Params: $start, $end (dates: first and last day of whole months), $months (their number),
-- $records_end (the last day whose records count: $end, or the day before a quarter only some counties have sent:
-- coverage.Window.data_end; the target stays that of the whole window).
WITH roster AS (SELECT * FROM roster_in_force($end)),
targets AS (SELECT * FROM training_targets_in_force),
-- each rank's group once (a pattern match), not once per roster row: a few dozen ranks, a million rows
rank_groups AS (SELECT rank, rank_group(rank) AS rank_group FROM (SELECT DISTINCT rank FROM current_roster)),
-- a cadre on two counties' snapshots in force (one that moved) counts in the first of his groups ('division' before
-- 'section'; a rank no group knows last): his group's min(), then its target, rather than a row_number() over his
-- rows, which DuckDB ran as an arg_min carrying every column of the row (0.1 s of a province window's 1.2 s)
own AS (
    SELECT o.cadre_id, o.rank_group, t.hours / t.years AS annual_hours,
           t.online_hours AS online_per_year,
           CASE WHEN t.years > 1 THEN greatest(t.years * 12, $months) ELSE $months END AS window_months
    FROM (
        SELECT b.cadre_id, min(g.rank_group) AS rank_group
        FROM roster b JOIN rank_groups g ON g.rank IS NOT DISTINCT FROM b.rank
        GROUP BY b.cadre_id
    ) o
    LEFT JOIN targets t ON t.rank_group = o.rank_group
),
own_windows AS (
    SELECT *, CAST(date_trunc('month', CAST($end AS DATE)) - to_months(CAST(window_months AS INTEGER) - 1) AS DATE)
              AS window_start
    FROM own
),
months AS (
    SELECT CAST(m AS DATE) AS month, CAST(last_day(m) AS DATE) AS month_end
    FROM range(CAST((SELECT min(window_start) FROM own_windows) AS TIMESTAMP),
               CAST(date_trunc('month', CAST($end AS DATE)) AS TIMESTAMP) + INTERVAL 1 MONTH,
               INTERVAL 1 MONTH) r(m)
),
-- the roster in force at each month's end, county by county (the rule of the macro roster_in_force)
counties AS (SELECT DISTINCT county FROM current_roster),
dates AS (
    SELECT DISTINCT c.county, s.as_of
    FROM counties c JOIN roster_snapshots s ON s.county IS NULL OR s.county = c.county
),
chosen AS (
    SELECT d.county, m.month, coalesce(max(d.as_of) FILTER (WHERE d.as_of <= m.month_end), min(d.as_of)) AS as_of
    FROM dates d CROSS JOIN months m GROUP BY d.county, m.month
),
-- months with the same roster in force in every county share their groups: a cadre's group is found once per
-- such span (a handful over five years), not once per month (60 of them for each of 200,000 cadres)
in_force AS (SELECT month, list(as_of ORDER BY county) AS snapshots FROM chosen GROUP BY month),
signature AS (  -- the span of each month, numbered
    SELECT i.month, s.span
    FROM in_force i JOIN (SELECT snapshots, row_number() OVER () AS span FROM (SELECT DISTINCT snapshots FROM in_force)) s
        USING (snapshots)
),
span_snapshots AS (SELECT DISTINCT s.span, c.county, c.as_of FROM chosen c JOIN signature s USING (month)),
-- each snapshot row's group once (a pattern match per row)
grouped AS (
    SELECT r.cadre_id, r.county, r.as_of, g.rank_group
    FROM current_roster r SEMI JOIN (SELECT DISTINCT county, as_of FROM chosen) c ON r.county = c.county AND r.as_of = c.as_of
    JOIN rank_groups g ON g.rank IS NOT DISTINCT FROM r.rank
),
-- the group of his latest snapshot in force; on two counties' snapshots of one day (one that moved), the first of
-- his groups, as `own` takes it: without the second key a tie fell to whichever row DuckDB met last, and the same
-- window could owe another target from one run to the next. The two keys as one number (days × 4 + the group's
-- order, which is under 4), which orders as the pair does: a (date, order) pair compared as a struct took twice
-- the time over the 400,000 rows of a province's year
group_by_span AS (
    SELECT p.span, r.cadre_id,
           arg_max(r.rank_group, date_diff('day', DATE '2000-01-01', r.as_of) * 4
                                 + CASE r.rank_group WHEN 'division' THEN 2 WHEN 'section' THEN 1 ELSE 0 END)
               AS rank_group
    FROM span_snapshots p JOIN grouped r ON r.county = p.county AND r.as_of = p.as_of
    GROUP BY p.span, r.cadre_id
),
-- how many months of each span lie in a window starting at window_start
span_months AS (
    SELECT w.window_start, s.span, count(*) AS months
    FROM (SELECT DISTINCT window_start FROM own_windows) w JOIN signature s ON s.month >= w.window_start
    GROUP BY w.window_start, s.span
),
owed AS (
    SELECT o.cadre_id,
           -- rounded to a millionth of an hour, so that 60 months of 550 / 5 / 12 owe 550, not 550.0000000000002
           round(sum(k.months * t.hours / t.years) / 12, 6) AS target,
           CAST(coalesce(sum(k.months) FILTER (WHERE coalesce(g.rank_group, o.rank_group) <> o.rank_group), 0)
                AS BIGINT) AS months_other_group
    FROM own_windows o
    JOIN span_months k ON k.window_start = o.window_start
    LEFT JOIN group_by_span g ON g.cadre_id = o.cadre_id AND g.span = k.span
    JOIN targets t ON t.rank_group = coalesce(g.rank_group, o.rank_group)
    WHERE o.rank_group IS NOT NULL
    GROUP BY o.cadre_id
),
-- every training figure of a cadre from the months he needs, reading the current records in two passes: the page's
-- window for everyone, between bounds fixed by the parameters alone (a bound taken from a join is tested on every
-- record, ten million at a province's scale: a seventh of this query; dates, not months, so that DuckDB skips the
-- stored blocks outside them), and the months before it for the few whose target's window is longer (five years
-- for 县处级), their 学时 not marked online only. The four kinds of training are the bits of one `bit_or`.
window_first AS (SELECT CAST(date_trunc('month', CAST($start AS DATE)) AS DATE) AS first),
long_windows AS (
    SELECT cadre_id, window_start FROM own_windows WHERE window_start <> (SELECT first FROM window_first)
),
in_window AS (
    SELECT t.cadre_id,
           sum(t.hours) AS hours,
           bit_or(CASE t.category WHEN 'political' THEN 1 WHEN 'professional' THEN 2 WHEN 'innovation' THEN 4
                                  WHEN 'practice' THEN 8 ELSE 0 END) AS kinds,
           CAST(date_trunc('month', min(t.date)) AS DATE) AS first_month,
           sum(t.hours) FILTER (WHERE t.mode IS DISTINCT FROM 'online') AS counted,
           sum(t.hours) FILTER (WHERE t.mode = 'online') AS online
    FROM current_training t
    WHERE t.date BETWEEN CAST(date_trunc('month', CAST($start AS DATE)) AS DATE) AND last_day(CAST($records_end AS DATE))
    GROUP BY t.cadre_id
),
-- a long window starts before the page's (its months are at least the page's, and it ends where the page's does);
-- the earliest of them bounds the records read, so that with none (a roster of 乡科级 alone) no earlier record is
-- read at all. The bound is a join with a row that is absent without long windows, not a scalar subquery: a join
-- with nothing on one side stops the scan, where a bound of NULL was still tested on every record before the page's
-- window (3.8 million of a province's, a sixth of this query's work)
earliest AS (SELECT min(window_start) AS first FROM long_windows HAVING count(*) > 0),
before_window AS (
    SELECT t.cadre_id, sum(t.hours) AS counted
    FROM current_training t
    JOIN earliest b ON t.date >= b.first
    JOIN long_windows l ON l.cadre_id = t.cadre_id
    WHERE t.date >= l.window_start
      AND t.date < CAST(date_trunc('month', CAST($start AS DATE)) AS DATE)
      AND t.date <= last_day(CAST($records_end AS DATE)) AND t.mode IS DISTINCT FROM 'online'
    GROUP BY t.cadre_id
),
trained AS (
    SELECT cadre_id, i.hours, i.kinds, i.first_month,
           CASE WHEN i.counted IS NOT NULL OR e.counted IS NOT NULL
                THEN coalesce(i.counted, 0) + coalesce(e.counted, 0) END AS counted,
           i.online
    FROM in_window i FULL JOIN before_window e USING (cadre_id)
),
-- the macro cadre_training($start, $end, $records_end), from the pass above
base AS (
    SELECT r.cadre_id, r.county, r.unit, r.rank, r.gender, age_band(r.birth_year, $end) AS age_band,
           r.as_of AS roster_as_of,
           t.first_month IS NOT NULL AS trained,
           coalesce(t.hours, 0) AS hours,
           coalesce(t.kinds & 1, 0) > 0 AS trained_political,
           coalesce(t.kinds & 2, 0) > 0 AS trained_professional,
           coalesce(t.kinds & 4, 0) > 0 AS trained_innovation,
           coalesce(t.kinds & 8, 0) > 0 AS trained_practice,
           t.first_month,
           coalesce(t.counted, 0) AS counted_hours,
           coalesce(t.online, 0) AS online_hours
    FROM roster r LEFT JOIN trained t USING (cadre_id)
)
SELECT b.* EXCLUDE (counted_hours, online_hours),
       o.rank_group, o.window_start, o.window_months,
       b.counted_hours,
       w.target,
       o.annual_hours,
       b.counted_hours >= w.target AS met_target,
       coalesce(w.months_other_group, 0) AS months_other_group,
       b.online_hours,
       o.online_per_year * $months / 12 AS online_target,
       b.online_hours >= o.online_per_year * $months / 12 AS online_met
FROM base b
JOIN own_windows o USING (cadre_id)
LEFT JOIN owed w USING (cadre_id)
