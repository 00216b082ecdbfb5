-- Plausible bounds per catalog version (合理下限 `min`, 合理上限 `max`, both optional): a value outside them is
-- refused at import like any other located problem (incentive/intake/plausibility.py, docs/data-format.md). Rows loaded
-- before this migration have none, and the defaults by unit apply to them.
ALTER TABLE indicators ADD COLUMN min DOUBLE;
ALTER TABLE indicators ADD COLUMN max DOUBLE;

CREATE OR REPLACE VIEW current_indicators AS
SELECT code, name, domain, track, unit, direction, weight, target, min, max, effective_from, batch_id FROM indicators
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY code, effective_from ORDER BY batch_id DESC) = 1;
