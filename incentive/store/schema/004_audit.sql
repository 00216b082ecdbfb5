-- The audit log: every import, rollback, sample removal, settings change, sign-in and failed sign-in, by whom and
-- with what outcome. Append-only: the code only ever inserts into it.
CREATE TABLE audit (
    happened_at TIMESTAMP, who VARCHAR, action VARCHAR, target VARCHAR, file_name VARCHAR, sha256 VARCHAR, row_count BIGINT,
    outcome VARCHAR, detail VARCHAR
);
