-- Initial schema. Every data row carries the batch that brought it; a rollback only marks its batch, and the
-- current value of a key is the row of the newest active batch. No constraints, sequences or indexes: DuckLake has
-- none, so the importer checks keys and ids come from code (docs/decisions.md#batch-ids-and-time).

CREATE TABLE meta (key VARCHAR, value VARCHAR);

CREATE TABLE batches (
    id BIGINT,
    kind VARCHAR,
    file_name VARCHAR,
    sha256 VARCHAR,
    row_count BIGINT,
    created_at TIMESTAMP,
    created_by VARCHAR,
    source VARCHAR,          -- sample | upload | cli
    status VARCHAR,          -- active | rolled_back
    rolled_back_at TIMESTAMP,
    sheet VARCHAR
);

CREATE TABLE regions (batch_id BIGINT, county VARCHAR, township VARCHAR, county_code VARCHAR);

CREATE TABLE indicators (
    batch_id BIGINT, code VARCHAR, name VARCHAR, domain VARCHAR, track VARCHAR, unit VARCHAR,
    direction VARCHAR, weight DOUBLE, target DOUBLE, effective_from VARCHAR
);

CREATE TABLE indicator_values (
    batch_id BIGINT, domain VARCHAR, period VARCHAR, county VARCHAR, township VARCHAR, indicator VARCHAR,
    value DOUBLE
);

CREATE TABLE roster (
    batch_id BIGINT, as_of DATE, cadre_id VARCHAR, name VARCHAR, county VARCHAR, unit VARCHAR, rank VARCHAR,
    gender VARCHAR, birth_year INTEGER, ethnicity VARCHAR, party VARCHAR, education VARCHAR
);

CREATE TABLE training (
    batch_id BIGINT, cadre_id VARCHAR, course VARCHAR, category VARCHAR, domain VARCHAR, mode VARCHAR,
    organized VARCHAR, hours DOUBLE, date DATE
);

CREATE TABLE movements (batch_id BIGINT, cadre_id VARCHAR, date DATE, action VARCHAR, reason VARCHAR);

CREATE VIEW active_batch_ids AS SELECT id FROM batches WHERE status = 'active';

CREATE VIEW current_regions AS
SELECT county, township, county_code, batch_id FROM regions
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY county, township ORDER BY batch_id DESC) = 1;

CREATE VIEW current_indicators AS
SELECT code, name, domain, track, unit, direction, weight, target, effective_from, batch_id FROM indicators
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY code, effective_from ORDER BY batch_id DESC) = 1;

CREATE VIEW current_values AS
SELECT domain, period, county, township, indicator, value, batch_id FROM indicator_values
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY period, county, township, indicator ORDER BY batch_id DESC) = 1;

-- A roster file is a full snapshot as of its date: the newest active batch for an as_of date replaces it whole.
CREATE VIEW current_roster AS
SELECT r.* FROM roster r
JOIN (SELECT as_of, max(batch_id) AS batch_id FROM roster
      WHERE batch_id IN (SELECT id FROM active_batch_ids) GROUP BY as_of) newest
  ON r.as_of = newest.as_of AND r.batch_id = newest.batch_id;

CREATE VIEW current_training AS
SELECT cadre_id, course, category, domain, mode, organized, hours, date, batch_id FROM training
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY cadre_id, course, date ORDER BY batch_id DESC) = 1;

CREATE VIEW current_movements AS
SELECT cadre_id, date, action, reason, batch_id FROM movements
WHERE batch_id IN (SELECT id FROM active_batch_ids)
QUALIFY row_number() OVER (PARTITION BY cadre_id, date, action ORDER BY batch_id DESC) = 1;

-- First and last day of a canonical period ('2025', '2025-H1', '2025-Q2', '2025-06'); mirrors incentive/periods.py.
CREATE MACRO period_start(p) AS
    make_date(CAST(p[1:4] AS INTEGER),
              CASE WHEN length(p) = 4 THEN 1
                   WHEN p[6] = 'H' THEN 6 * CAST(p[7] AS INTEGER) - 5
                   WHEN p[6] = 'Q' THEN 3 * CAST(p[7] AS INTEGER) - 2
                   ELSE CAST(p[6:7] AS INTEGER) END, 1);

CREATE MACRO period_end(p) AS
    last_day(make_date(CAST(p[1:4] AS INTEGER),
                       CASE WHEN length(p) = 4 THEN 12
                            WHEN p[6] = 'H' THEN 6 * CAST(p[7] AS INTEGER)
                            WHEN p[6] = 'Q' THEN 3 * CAST(p[7] AS INTEGER)
                            ELSE CAST(p[6:7] AS INTEGER) END, 1));

-- The catalog in force for a period: per indicator code, the row with the latest effective_from <= the period
-- (an empty effective_from means "from the beginning"); docs/decisions.md#catalog-versions.
CREATE MACRO catalog_in_force(in_domain, in_period) AS TABLE
    SELECT code, name, domain, track, unit, direction, weight, target, effective_from
    FROM current_indicators
    WHERE domain = in_domain
      AND (effective_from = '' OR period_start(effective_from) <= period_start(in_period))
    QUALIFY row_number() OVER (
        PARTITION BY code
        ORDER BY CASE WHEN effective_from = '' THEN DATE '1900-01-01' ELSE period_start(effective_from) END DESC) = 1;
