-- Training targets by rank group (docs/training-targets.md, docs/decisions.md#training-targets-by-rank): the
-- 干部教育培训工作条例 (2023) and the 全国干部教育培训规划（2023－2027年）. Append-only like `settings`: the newest row
-- per rank_group is in force, every earlier row stays as the history of changes. No constraints (DuckLake, see 001).
CREATE TABLE training_targets (
    rank_group VARCHAR,     -- 'section' 乡科级及以下 | 'division' 县处级及以上 (macro rank_group below)
    hours DOUBLE,           -- 学时 owed over one period of `years`
    years INTEGER,          -- the period's length in years: 1, or 5 for 县处级 (measured over a rolling window)
    online_hours DOUBLE,    -- online self-study (mode 线上) owed each year, on top of `hours`
    changed_at TIMESTAMP,
    changed_by VARCHAR
);

-- The defaults, dated before any change a user can make; changed_by is a code the history table puts into words
-- (labels.target_history), as is the migration's below.
INSERT INTO training_targets VALUES
    ('section', 90, 1, 50, TIMESTAMP '2023-01-01 00:00:00', 'regulations-2023'),
    ('division', 550, 5, 50, TIMESTAMP '2023-01-01 00:00:00', 'regulations-2023');

-- The single `hours_target` setting it replaces: a value an administrator chose (any stored value other than the
-- old default 110) was the annual target of every cadre, and the database's cadres were mostly 乡科级 and below;
-- it becomes the section group's annual hours, recorded as a change by the migration (docs/decisions.md#training-targets-by-rank).
INSERT INTO training_targets
SELECT 'section', CAST(value AS DOUBLE), 1, 50, now()::TIMESTAMP, 'migration-014'
FROM (SELECT arg_max(value, changed_at) AS value FROM settings WHERE key = 'hours_target')
WHERE value IS NOT NULL AND TRY_CAST(value AS DOUBLE) IS NOT NULL AND CAST(value AS DOUBLE) <> 110;

-- The targets in force: the newest row per rank group.
CREATE VIEW training_targets_in_force AS
SELECT rank_group, arg_max(hours, changed_at) AS hours, arg_max(years, changed_at) AS years,
       arg_max(online_hours, changed_at) AS online_hours
FROM training_targets GROUP BY rank_group;

-- A roster's 职级 text as a rank group: 'division' for 县处级 and above (县处级正职/副职, 副县级, 一至四级调研员,
-- 巡视员, 厅局级, 省部级), 'section' for 乡科级 and below (乡科级正职/副职, 主任科员, 科员, 办事员, 股级), NULL
-- for anything else, which the training page counts and names rather than guesses.
CREATE MACRO rank_group(rank) AS
    CASE WHEN regexp_matches(coalesce(rank, ''), '县处级|处级|县级|调研员|巡视员|厅局级|厅级|局级|省部级|部级') THEN 'division'
         WHEN regexp_matches(coalesce(rank, ''), '乡科级|科级|科员|办事员|股级') THEN 'section'
         ELSE NULL END;
