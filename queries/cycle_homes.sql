-- One row per cadre of the current roster, with the county every one of his roster rows names (settled_county), or
-- NULL when they name more than one or a row names none: a settled cadre's training records and decisions belong
-- to that county whatever their date (cycle_received places the others by date). It reads no date, so one result
-- serves every year of a data version. Params: none.
SELECT cadre_id,
       CASE WHEN count(*) = count(county) AND min(county) = max(county) THEN min(county) END AS settled_county
FROM current_roster
GROUP BY cadre_id
