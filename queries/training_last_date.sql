-- One row: the latest training date from $start to $end (NULL when none). Params: $start, $end (dates).
SELECT max(date) AS last_date FROM current_training
WHERE date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
