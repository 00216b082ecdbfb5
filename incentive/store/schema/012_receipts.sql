-- When a county sent the data a batch holds, where that is not the batch's own time
-- (docs/decisions.md#sample-receipt-times). The submission tracker judges a file on time or late by when the county
-- sent it: an accepted submission's time, else the row here, else the batch's created_at
-- (queries/cycle_received.sql). Only the bundled sample writes here: its batches are all made when it is loaded,
-- while the files it stands for were sent period by period over the years before. A row never changes, belongs to
-- its batch (a rolled-back batch's rows count for nothing) and is never taken as later than its batch (the tracker
-- reads the earlier of the two), so batches keep their own created_at: batch ids still increase with it and "the
-- data as of time T" of a pinned link is untouched. No constraints (DuckLake, see 001).
CREATE TABLE receipts (
    batch_id BIGINT,
    kind VARCHAR,       -- race_scores | welfare | roster | training | movements
    county VARCHAR,
    slot VARCHAR,       -- as cycle_received.sql names it: a stored period, or the month (YYYY-MM) of dated data
    sent_at TIMESTAMP
);
