"""预警清单, the warning list (issue 19): `rules` (the five rules, each reading the figures the pages show and
returning its alerts, with the numbers each sentence states) and `listing` (one list for a year or a period,
within a user's scope, ranked for a meeting, filtered, with what a viewer may not see left out;
docs/decisions.md#alerts)."""
