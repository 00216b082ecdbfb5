-- The counties with cadres on the roster in force on $as_of that a prefecture-wide roster file of that date (the
-- registered table `incoming`: county, as_of) lists nobody of: imported, it would leave them without cadres from
-- $as_of on, and every coverage figure of theirs empty (docs/decisions.md#a-prefecture-roster-that-leaves-counties-out).
-- One row per county, by name: county, cadres (on the roster in force now). Params: $as_of (date).
SELECT r.county, count(*) AS cadres
FROM roster_in_force($as_of) r
WHERE NOT EXISTS (
    SELECT 1 FROM incoming i WHERE i.county = r.county AND CAST(i.as_of AS DATE) = CAST($as_of AS DATE)
)
GROUP BY r.county
ORDER BY r.county
