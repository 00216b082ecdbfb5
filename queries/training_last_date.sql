-- One row: the latest training date within year $year (NULL when none). Params: $year.
SELECT max(date) AS last_date FROM current_training WHERE year(date) = $year
