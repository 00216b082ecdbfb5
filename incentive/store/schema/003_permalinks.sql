-- Short permalinks: a key standing for a page and its full view state (the query parameters). Creating one stores
-- view state, never data, so viewers may do it (docs/decisions.md#permalinks). `pinned_at` set = show the data
-- as of that time.
CREATE TABLE permalinks (
    key VARCHAR, path VARCHAR, params VARCHAR, created_at TIMESTAMP, created_by VARCHAR, pinned_at TIMESTAMP
);
