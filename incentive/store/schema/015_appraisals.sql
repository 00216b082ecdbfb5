-- Annual appraisal grades (年度考核等次, docs/data-format.md "appraisals"): one row per cadre and year, a grade code
-- ('excellent' 优秀 | 'competent' 称职 | 'basic' 基本称职 | 'incompetent' 不称职 | 'ungraded' 不定等次) and the unit
-- the office wrote. No constraints (DuckLake, see 001).
CREATE TABLE appraisals (batch_id BIGINT, cadre_id VARCHAR, year INTEGER, grade VARCHAR, unit VARCHAR);

-- The grade in force per cadre and year: the newest active batch's, as for every keyed kind.
CREATE VIEW current_appraisals AS
SELECT cadre_id, year, grade, unit, batch_id FROM appraisals
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY cadre_id, year ORDER BY batch_id DESC) = 1;
