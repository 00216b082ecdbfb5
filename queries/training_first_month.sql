-- One row: the first month with a training record (NULL when there is none): the earliest day whose hours a
-- window reaching back (a five-year target, the year before a promotion) can count. No params.
SELECT CAST(date_trunc('month', min(date)) AS DATE) AS first_month FROM current_training
