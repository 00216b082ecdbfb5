-- One row per period with current values of one domain (any level), oldest first: what "the previous stored
-- period" is looked up in (docs/decisions.md#previous-period). Params: $domain ('race' | 'welfare').
SELECT DISTINCT period
FROM current_values
WHERE domain = $domain
ORDER BY period_start(period), period_end(period) DESC
