-- The data-coverage share a published ranking was computed with (scoring.MIN_COVERAGE, the setting
-- rank_min_coverage in force): its recomputed details then rank the same units as its frozen ranks. NULL for a
-- publication made before the setting, whose rule was half the indicators (docs/methodology.md#data-coverage).
ALTER TABLE publications ADD COLUMN min_coverage DOUBLE;
