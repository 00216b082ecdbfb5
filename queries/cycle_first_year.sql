-- One row: the earliest calendar year of any county data the submission tracker counts in an active batch (race
-- and care values by their stored period, county or township rows; a roster by its as-of date; training records
-- and personnel decisions by their dates), NULL when there is none (docs/decisions.md#years-tracked).
-- Params: none.
WITH active AS (SELECT id FROM active_batch_ids)
SELECT least(
    (SELECT year(min(period_start(period))) FROM indicator_values
     WHERE batch_id IN (SELECT id FROM active) AND domain IN ('race', 'welfare')),
    (SELECT year(min(as_of)) FROM roster WHERE batch_id IN (SELECT id FROM active)),
    (SELECT year(min(date)) FROM training WHERE batch_id IN (SELECT id FROM active)),
    (SELECT year(min(date)) FROM movements WHERE batch_id IN (SELECT id FROM active))
) AS year
