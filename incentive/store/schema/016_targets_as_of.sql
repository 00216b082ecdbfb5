-- The training targets as of a pinned link's moment (schema 002's `as_of` variable): a link pinned before a target
-- was changed keeps measuring against the targets in force when it was pinned, as it keeps that moment's data
-- (docs/decisions.md#pinned-links-keep-their-targets). Without the variable: the newest row per rank group, as before.
CREATE OR REPLACE VIEW training_targets_in_force AS
SELECT rank_group, arg_max(hours, changed_at) AS hours, arg_max(years, changed_at) AS years,
       arg_max(online_hours, changed_at) AS online_hours
FROM training_targets
WHERE getvariable('as_of') IS NULL OR changed_at <= getvariable('as_of')
GROUP BY rank_group;
