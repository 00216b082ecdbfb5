-- Every stored change of the settings named in $keys, oldest first: changed_at, key, value (as stored: text).
-- The whole history whatever a pinned link's moment (schema 002's `as_of` variable is not read): the settings
-- stay the current ones on a pinned view (docs/decisions.md#pinned-links-keep-their-targets), and the schedule's
-- history says which of them each period is judged by (docs/decisions.md#a-change-of-schedule-is-not-retroactive).
SELECT changed_at, key, value
FROM settings
WHERE list_contains($keys, key)
ORDER BY changed_at, key
