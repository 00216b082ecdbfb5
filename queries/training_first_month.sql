-- One row: the first month with a training record (NULL when there is none), from the rollup: the earliest day
-- whose hours a window reaching back (a five-year target, the year before a promotion) can count. No params.
SELECT min(month) AS first_month FROM training_monthly
