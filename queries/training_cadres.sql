-- One row per cadre on the roster in force at $end with their training in the months $start..$end (the macro
-- cadre_training; no names). The expensive step of every coverage figure: the app computes it once per window and
-- data version, and the slicing queries (training_coverage, _domains, _mix, _months) read it as `cadres`.
-- Params: $start, $end (dates).
SELECT * FROM cadre_training($start, $end)
