-- One row per stored period of a domain ('race' | 'welfare') at county level within year $year, newest first.
-- Params: $domain, $year.
SELECT DISTINCT period
FROM current_values
WHERE domain = $domain AND township = '' AND CAST(period[1:4] AS INTEGER) = $year
ORDER BY period_start(period) DESC, period_end(period) DESC
