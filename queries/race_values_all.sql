-- One row per period, unit and race indicator: every period's values of a peer group at once (counties when
-- $county is '', else the townships of $county; value NULL = reported missing), for the rank history.
-- Params: $county.
SELECT period, CASE WHEN $county = '' THEN county ELSE township END AS unit, indicator, value
FROM current_values
WHERE domain = 'race'
  AND CASE WHEN $county = '' THEN township = '' ELSE county = $county AND township <> '' END
