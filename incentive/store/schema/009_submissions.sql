-- County submissions and their review (docs/decisions.md#submissions-and-review), county batches
-- (#county-batches) and county roster snapshots (#county-roster-snapshots). No constraints or sequences (DuckLake):
-- ids are assigned by incentive/review/submissions.py under the write lock.

-- The county a batch belongs to: NULL for the prefecture's own imports (prefecture-wide), the county of the clerk
-- for an accepted submission; and the submission it came from (NULL for a direct import).
ALTER TABLE batches ADD COLUMN county VARCHAR;
ALTER TABLE batches ADD COLUMN submission_id BIGINT;

-- A county clerk's file waiting for (or past) review: the uploaded bytes and the options the preview was made
-- with, so acceptance re-reads exactly what was submitted. A submission's row never changes.
CREATE TABLE submissions (
    id BIGINT,
    file_name VARCHAR,
    data BLOB,
    sha256 VARCHAR,
    size BIGINT,
    kind_option VARCHAR,     -- the kind the clerk named ('' = detected)
    period VARCHAR,          -- the period the clerk gave for a file without one ('' = none)
    as_of VARCHAR,           -- the roster date the clerk gave ('' = none)
    skip_invalid BOOLEAN,
    kind VARCHAR,            -- the kind detected when it was submitted
    row_count BIGINT,        -- rows (values) it would store, when submitted
    county VARCHAR,
    submitted_by VARCHAR,
    submitted_at TIMESTAMP
);

-- What happened to a submission, append-only: pending (on submission), then one of accepted (batch_id set),
-- returned (note for the clerk) or withdrawn. The newest event is its state.
CREATE TABLE submission_events (
    submission_id BIGINT,
    state VARCHAR,           -- pending | accepted | returned | withdrawn
    happened_at TIMESTAMP,
    who VARCHAR,
    note VARCHAR,
    batch_id BIGINT
);

CREATE VIEW current_submissions AS
SELECT s.id, s.file_name, s.sha256, s.size, s.kind_option, s.period, s.as_of, s.skip_invalid, s.kind, s.row_count,
       s.county, s.submitted_by, s.submitted_at,
       e.state, e.happened_at AS state_at, e.who AS state_by, e.note, e.batch_id
FROM submissions s
JOIN (SELECT * FROM submission_events
      QUALIFY row_number() OVER (PARTITION BY submission_id ORDER BY happened_at DESC) = 1) e
  ON e.submission_id = s.id;

-- The live roster batches per snapshot date: for each as_of, the newest prefecture-wide batch (county NULL) and
-- each county's newest county batch.
CREATE VIEW roster_snapshots AS
SELECT r.as_of, b.county, max(r.batch_id) AS batch_id
FROM (SELECT DISTINCT as_of, batch_id FROM roster WHERE batch_id IN (SELECT id FROM active_batch_ids)) r
JOIN batches b ON b.id = r.batch_id
GROUP BY r.as_of, b.county;

-- A roster file is a full snapshot as of its date. A prefecture-wide file replaces the whole prefecture's
-- snapshot of that date; a county's file replaces only that county's cadres of that date. So per as_of, each
-- county's rows come from the newer of the newest prefecture-wide batch and that county's newest county batch
-- (greatest() skips the one that does not exist). A prefecture-wide file newer than a county's replaces it too.
CREATE OR REPLACE VIEW current_roster AS
SELECT r.* FROM roster r
LEFT JOIN (SELECT as_of, batch_id FROM roster_snapshots WHERE county IS NULL) wide ON wide.as_of = r.as_of
LEFT JOIN (SELECT as_of, county, batch_id FROM roster_snapshots WHERE county IS NOT NULL) own
  ON own.as_of = r.as_of AND own.county = r.county
WHERE r.batch_id = greatest(wide.batch_id, own.batch_id);

-- The roster in force on a day, county by county: a county's snapshot dates are those of the prefecture-wide
-- files and its own county files; the latest on or before the day is in force for it, else its earliest. With
-- prefecture-wide files only, every county has the same dates and this is schema 002's rule unchanged.
CREATE OR REPLACE MACRO roster_in_force(on_day) AS TABLE
    WITH counties AS (SELECT DISTINCT county FROM current_roster),
    dates AS (
        SELECT DISTINCT c.county, s.as_of
        FROM counties c JOIN roster_snapshots s ON s.county IS NULL OR s.county = c.county
    ),
    chosen AS (
        SELECT county, coalesce(max(as_of) FILTER (WHERE as_of <= CAST(on_day AS DATE)), min(as_of)) AS as_of
        FROM dates GROUP BY county
    )
    SELECT r.* FROM current_roster r JOIN chosen ON chosen.county = r.county AND chosen.as_of = r.as_of;
