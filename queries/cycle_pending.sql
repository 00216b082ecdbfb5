-- One row per county submission awaiting review: its kind, county, when and by whom it was sent, and the periods
-- (race scores, welfare) or months (roster, training, movements) of its values, ';'-separated (NULL or '' when not
-- recorded: such a submission counts as pending for every period of its kind). Params: none.
SELECT c.id, c.kind, c.county, c.submitted_at, c.submitted_by, s.periods
FROM current_submissions c JOIN submissions s USING (id)
WHERE c.state = 'pending'
ORDER BY c.id
