-- The periods a submission's values belong to (race scores and welfare; ';'-separated, as stored), so that
-- publishing a period is refused while a submission of that period awaits review (docs/decisions.md#publication).
-- NULL for submissions made before this column, which then count as pending for every period.
ALTER TABLE submissions ADD COLUMN periods VARCHAR;
