"""Training (培训): coverage, 学时 against targets, pace and gaps with small-number suppression
(`coverage`); the page's tables (`coverage_tables`)."""
