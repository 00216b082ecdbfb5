-- One row per race indicator of the catalog in force for $period (latest effective_from), by code.
-- Params: $period.
SELECT code, name, track, unit, direction, weight, target
FROM catalog_in_force('race', $period)
ORDER BY code
