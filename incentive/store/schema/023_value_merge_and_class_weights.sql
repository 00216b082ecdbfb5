-- Two pieces of SQL that several queries wrote out each, defined once.

-- A file's value rows (`rows`: the name of a table or registered frame with period, county, township, indicator,
-- value) in the types of current_values, township '' for a county's row: what the plausibility checks compare
-- (queries/scale_references.sql, queries/value_changes.sql).
CREATE MACRO file_values(rows) AS TABLE
    SELECT CAST(period AS VARCHAR) AS period, CAST(county AS VARCHAR) AS county,
           coalesce(CAST(township AS VARCHAR), '') AS township, CAST(indicator AS VARCHAR) AS indicator,
           CAST(value AS DOUBLE) AS value
    FROM query_table(rows);

-- The current values of `in_domain` ('race' | 'welfare') as they would be after importing `rows` (file_values):
-- the file's rows in place of the stored ones of the same keys, every other stored value kept. `in_periods`: a list
-- of periods to keep the stored values of (NULL: every period), so that a caller reading a few periods does not
-- merge the whole domain.
CREATE MACRO values_after_file(in_domain, rows, in_periods) AS TABLE
    SELECT period, county, township, indicator, value
    FROM current_values c
    WHERE domain = in_domain AND (in_periods IS NULL OR list_contains(in_periods, period))
      AND NOT EXISTS (SELECT 1 FROM file_values(rows) i
                      WHERE i.period = c.period AND i.county = c.county AND i.township = c.township
                        AND i.indicator = c.indicator)
    UNION ALL
    SELECT period, county, township, indicator, value FROM file_values(rows);

-- A catalog row's class weights (分类考核, schema 019) as one text, `城区=0;农业大县=6` (classes in order), one row per
-- batch, code and effective_from that has any: what a row's class weights are compared by when a catalog file or a
-- rollback changes them (queries/catalog_*.sql, store/effects.py). A row without any is left out: a caller's LEFT
-- JOIN reads it as ''.
CREATE VIEW class_weights_texts AS
SELECT batch_id, code, effective_from,
       string_agg(peer_class || '=' || CAST(weight AS VARCHAR), ';' ORDER BY peer_class) AS class_weights
FROM indicator_class_weights
GROUP BY batch_id, code, effective_from;
