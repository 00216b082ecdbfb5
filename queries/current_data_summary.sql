-- One row per kind of data: how many current rows it has and the span they cover (periods or dates, as text).
-- Params: none.
SELECT 'regions' AS kind, count(*) AS rows, NULL AS first, NULL AS last FROM current_regions
UNION ALL
SELECT 'indicators', count(*), NULL, NULL FROM current_indicators
UNION ALL
SELECT 'race_scores', count(*), min(period), max(period) FROM current_values WHERE domain = 'race'
UNION ALL
SELECT 'welfare', count(*), min(period), max(period) FROM current_values WHERE domain = 'welfare'
UNION ALL
SELECT 'roster', count(*), CAST(min(as_of) AS VARCHAR), CAST(max(as_of) AS VARCHAR) FROM current_roster
UNION ALL
SELECT 'training', count(*), CAST(min(date) AS VARCHAR), CAST(max(date) AS VARCHAR) FROM current_training
UNION ALL
SELECT 'movements', count(*), CAST(min(date) AS VARCHAR), CAST(max(date) AS VARCHAR) FROM current_movements
UNION ALL
SELECT 'appraisals', count(*), CAST(min(year) AS VARCHAR), CAST(max(year) AS VARCHAR) FROM current_appraisals
