-- 分类考核 (issue 21): a county or township may belong to a peer class (类别: 城区 / 工业强县 / 农业大县 / ...),
-- compared within it, and the catalog may give an indicator a weight per class (0: the class leaves it out).
-- A class weight belongs to the indicator row it came with (same batch, code and effective_from): a newer catalog
-- version without it gives the class the common weight again (docs/methodology.md#peer-classes).
ALTER TABLE regions ADD COLUMN peer_class VARCHAR;

CREATE OR REPLACE VIEW current_regions AS
SELECT county, township, county_code, peer_class, batch_id FROM regions
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY county, township ORDER BY batch_id DESC) = 1;

CREATE TABLE indicator_class_weights (
    batch_id BIGINT, code VARCHAR, effective_from VARCHAR, peer_class VARCHAR, weight DOUBLE
);

CREATE VIEW current_class_weights AS
SELECT w.code, w.effective_from, w.peer_class, w.weight
FROM indicator_class_weights w
JOIN current_indicators i ON i.code = w.code AND i.effective_from = w.effective_from AND i.batch_id = w.batch_id;
