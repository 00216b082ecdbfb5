-- One row per unit and race indicator stored for $period: counties when $county is '', else the townships of
-- $county; value NULL = reported missing. Params: $period (canonical), $county.
SELECT CASE WHEN $county = '' THEN county ELSE township END AS unit, indicator, value
FROM current_values
WHERE domain = 'race' AND period = $period
  AND CASE WHEN $county = '' THEN township = '' ELSE county = $county AND township <> '' END
