-- One row per indicator version of the current catalog, with its plausible bounds (min, max). Params: none.
SELECT code, name, domain, track, unit, direction, weight, target, min, max, effective_from
FROM current_indicators
ORDER BY domain, code, effective_from
