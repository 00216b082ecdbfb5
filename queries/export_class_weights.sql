-- One row per class weight (分类考核) of the current catalog: indicator version and class. Params: none.
SELECT code, effective_from, peer_class, weight
FROM current_class_weights
ORDER BY code, effective_from, peer_class
