-- Publication safety (issue 18's review): what a publication knew was missing, and rollbacks of accepted county
-- data as requests the prefecture reviews.

-- The counties whose data of what a publication froze were not all in when it was published
-- (docs/decisions.md#incomplete-periods-need-confirmation): a JSON list of {kind, county, expected, missing,
-- pending}; '[]' when none were; NULL for versions published before this check.
ALTER TABLE publications ADD COLUMN incomplete VARCHAR;

-- A county clerk's request to roll back an accepted batch of his county: the batch was reviewed before it went
-- live, so taking it back is reviewed too (docs/decisions.md#rollbacks-of-accepted-data-are-reviewed). Ids are
-- assigned by incentive/review/rollbacks.py under the write lock (no sequences: DuckLake, see 001). A request's row
-- never changes; what happens to it is appended to rollback_request_events, whose newest event is its state.
CREATE TABLE rollback_requests (
    id BIGINT,
    batch_id BIGINT,
    county VARCHAR,          -- the batch's county, the clerk's
    reason VARCHAR,          -- why the clerk asks (required)
    requested_by VARCHAR,
    requested_at TIMESTAMP
);

-- pending (on request), then one of accepted (the batch rolled back in the same transaction), returned (note for
-- the clerk) or withdrawn (by the clerk, while pending).
CREATE TABLE rollback_request_events (
    request_id BIGINT,
    state VARCHAR,
    happened_at TIMESTAMP,
    who VARCHAR,
    note VARCHAR
);

CREATE VIEW current_rollback_requests AS
SELECT r.id, r.batch_id, r.county, r.reason, r.requested_by, r.requested_at,
       e.state, e.happened_at AS state_at, e.who AS state_by, e.note
FROM rollback_requests r
JOIN (SELECT * FROM rollback_request_events
      QUALIFY row_number() OVER (PARTITION BY request_id ORDER BY happened_at DESC) = 1) e
  ON e.request_id = r.id;
