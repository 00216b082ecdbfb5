-- One row per indicator of $domain ('race' | 'welfare') in the catalog in force for $period (the latest
-- effective_from not after it; docs/decisions.md#catalog-versions): its name, unit and direction ('higher' |
-- 'lower'), which say whether a change is a fall or a rise in performance. Params: $domain, $period.
SELECT code, name, unit, direction
FROM catalog_in_force($domain, $period)
ORDER BY code
