-- Official publication (审定发布, docs/decisions.md#publication): a period's results frozen by the prefecture
-- administrator. Append-only: a correction is published again as a new version; nothing here is ever updated or
-- deleted, and no rollback touches it. Versions are numbered per period by the code under the write lock (no
-- constraints or sequences: DuckLake has none, see 001).

-- One row per published version of a period.
CREATE TABLE publications (
    period VARCHAR,
    version INTEGER,              -- 1, 2, ... per period
    published_at TIMESTAMP,
    published_by VARCHAR,
    document_no VARCHAR,          -- 文号, '' when none
    note VARCHAR,
    reason VARCHAR,               -- why this version replaces the previous one; '' for version 1
    data_version VARCHAR,         -- batches.version_info().version the results came from
    latest_batch BIGINT,
    method VARCHAR,               -- the official normalization (z)
    track_weights VARCHAR,        -- JSON {track: share}: the catalog's weights in force for the period
    tier_first DOUBLE,            -- share of units in the first tier
    tier_third DOUBLE,
    draws INTEGER,                -- weight draws behind the rank intervals
    pending_submissions INTEGER,  -- submissions of the period awaiting review when it was published
    override_reason VARCHAR       -- why it was published with submissions pending; '' when none were
);

-- The frozen ranking rows: every unit of every peer group ranked in the period (level county with peer '',
-- level township with the county as peer). `position` is the unit's place in the order the ranking was given
-- (the region order), so the ranking recomputed from published_race_values lists units as it did.
CREATE TABLE published_ranks (
    period VARCHAR, version INTEGER, level VARCHAR, peer VARCHAR, position INTEGER, unit VARCHAR,
    rank INTEGER, rank_low INTEGER, rank_high INTEGER, composite DOUBLE, tier INTEGER, ranked BOOLEAN, flags VARCHAR
);

-- What the ranks were computed from: the stored values of each peer group and the catalog in force, so that the
-- page explains a published rank (indicators, tracks, why it moved) from the same numbers.
CREATE TABLE published_race_values (
    period VARCHAR, version INTEGER, level VARCHAR, peer VARCHAR, unit VARCHAR, indicator VARCHAR, value DOUBLE
);

CREATE TABLE published_race_catalog (
    period VARCHAR, version INTEGER, code VARCHAR, name VARCHAR, track VARCHAR, unit VARCHAR, direction VARCHAR,
    weight DOUBLE, target DOUBLE
);

-- The frozen care statuses: welfare.period_view's table, row for row.
CREATE TABLE published_statuses (
    period VARCHAR, version INTEGER, position INTEGER, county VARCHAR, indicator VARCHAR, name VARCHAR,
    unit VARCHAR, direction VARCHAR, value DOUBLE, target DOUBLE, status VARCHAR, median DOUBLE, previous DOUBLE,
    change DOUBLE, previous_period VARCHAR
);
