-- The date of the newest personnel decision recorded (NULL when none): how far the newest year's counts reach.
-- Params: none.
SELECT max(date) AS last_date FROM current_movements
