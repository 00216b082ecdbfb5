-- One row: the latest training date from $start to $end (NULL when none), from the rollup (windows are whole
-- months, so a month's latest date lies in the window exactly when the month does). Params: $start, $end (dates).
SELECT max(last_date) AS last_date FROM training_monthly
WHERE month BETWEEN CAST(date_trunc('month', CAST($start AS DATE)) AS DATE) AND CAST($end AS DATE)
  AND last_date BETWEEN CAST($start AS DATE) AND CAST($end AS DATE)
