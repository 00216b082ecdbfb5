-- One row: the data-coverage share (0-1) a unit needs to be ranked, the setting rank_min_coverage (percent) in
-- force: for a pinned link the one in force at its moment (schema 002's `as_of` variable), as its data are; NULL
-- when never set (then scoring.MIN_COVERAGE). docs/methodology.md#data-coverage.
SELECT CAST(arg_max(value, changed_at) AS DOUBLE) / 100 AS min_coverage
FROM settings
WHERE key = 'rank_min_coverage' AND (getvariable('as_of') IS NULL OR changed_at <= getvariable('as_of'))
