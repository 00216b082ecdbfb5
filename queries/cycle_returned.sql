-- One row per county submission whose newest event is a return (退回): its kind, county, when it was returned,
-- and the periods (race scores, welfare) or months (roster, training, movements) of its values, ';'-separated
-- (NULL or '' when not recorded: such a submission cannot be placed and counts for no period). The tracker shows
-- the county's row as returned, awaiting correction, until something of that period comes in after the return
-- (docs/decisions.md#statuses). Params: none.
SELECT c.id, c.kind, c.county, c.state_at AS returned_at, s.periods
FROM current_submissions c JOIN submissions s USING (id)
WHERE c.state = 'returned'
ORDER BY c.id
