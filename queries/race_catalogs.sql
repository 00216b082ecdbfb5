-- One row per period of $periods and race indicator of the catalog in force for it (race_catalog's rows, each
-- period's by code): the catalogs of a rank history in one query rather than one a period. Params: $periods (a list
-- of canonical periods).
SELECT p.period, c.code, c.name, c.track, c.unit, c.direction, c.weight, c.target
FROM (SELECT unnest($periods::VARCHAR[]) AS period) AS p, catalog_in_force('race', p.period) AS c
ORDER BY p.period, c.code
