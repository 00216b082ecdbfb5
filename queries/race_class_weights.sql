-- The class weights (分类考核) of the race catalog in force for $period: one row per indicator and class the catalog
-- gives a weight (0: the class leaves the indicator out). Params: $period.
SELECT w.code, w.peer_class, w.weight
FROM catalog_in_force('race', $period) c
JOIN current_class_weights w ON w.code = c.code AND w.effective_from = c.effective_from
ORDER BY w.code, w.peer_class
