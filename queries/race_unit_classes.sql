-- The peer class (分类考核's 类别) of each unit being compared, in race_units' order: a county's is on its own row of
-- the region list (township blank), a township's on its row; '' when none. Params: $county ('' for the counties).
SELECT unit, coalesce(peer_class, '') AS peer_class FROM (
    SELECT county AS unit, min(county_code) AS code, max(CASE WHEN township = '' THEN peer_class END) AS peer_class
    FROM current_regions WHERE $county = '' GROUP BY county
    UNION ALL
    SELECT township AS unit, NULL AS code, peer_class FROM current_regions
    WHERE $county <> '' AND county = $county AND township <> ''
)
ORDER BY code NULLS LAST, unit
