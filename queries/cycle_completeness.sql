-- One row per county of the regions: how many values of $domain ('race' | 'welfare') the catalog in force for
-- $period expects of it and how many are stored with a value (NULL = reported missing does not count). Race
-- indicators are expected of the county and, when any township has race values in $period, of each of its
-- townships too; welfare of the county only (docs/decisions.md#assessment-cycle). township_expected and
-- township_present: those of the townships alone (the incomplete-data line says which level lacks values).
-- Params: $domain, $period.
WITH catalog AS (SELECT code FROM catalog_in_force($domain, $period)),
township_level AS (
    SELECT count(*) > 0 AS ranked FROM current_values
    WHERE $domain = 'race' AND domain = 'race' AND period = $period AND township <> ''
),
county_order AS (SELECT county, min(county_code) AS county_code FROM current_regions GROUP BY county),
units AS (
    SELECT county, '' AS township FROM county_order
    UNION ALL
    SELECT county, township FROM current_regions
    WHERE township <> '' AND (SELECT ranked FROM township_level)
),
present AS (
    SELECT county, township, indicator FROM current_values
    WHERE domain = $domain AND period = $period AND value IS NOT NULL
)
SELECT u.county, count(k.code) AS expected, count(p.indicator) AS present,
       count(k.code) FILTER (WHERE u.township <> '') AS township_expected,
       count(p.indicator) FILTER (WHERE u.township <> '') AS township_present
FROM units u
CROSS JOIN catalog k
LEFT JOIN present p ON p.county = u.county AND p.township = u.township AND p.indicator = k.code
LEFT JOIN county_order o ON o.county = u.county
GROUP BY u.county, o.county_code
ORDER BY o.county_code NULLS LAST, u.county
