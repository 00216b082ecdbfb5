-- One row per unit being compared, in display order: the counties (by county code, then name) when $county is
-- '', else the townships of $county (by name). Params: $county.
SELECT unit FROM (
    SELECT county AS unit, min(county_code) AS code FROM current_regions WHERE $county = '' GROUP BY county
    UNION ALL
    SELECT township AS unit, NULL AS code FROM current_regions
    WHERE $county <> '' AND county = $county AND township <> ''
)
ORDER BY code NULLS LAST, unit
