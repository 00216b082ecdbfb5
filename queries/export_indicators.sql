-- One row per indicator version of the current catalog. Params: none.
SELECT code, name, domain, track, unit, direction, weight, target, effective_from
FROM current_indicators
ORDER BY domain, code, effective_from
