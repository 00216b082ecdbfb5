-- One row per county or township of the current region list. Params: none.
SELECT county, township, county_code, peer_class
FROM current_regions
ORDER BY county_code NULLS LAST, county, township
