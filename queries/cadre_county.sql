-- The county of one cadre by the newest roster snapshot that lists him ('' when none does): what decides who may
-- open his page (incentive/cadre_profile.py). No name, no figure. Params: $cadre_id.
SELECT coalesce((SELECT arg_max(county, as_of) FROM current_roster WHERE cadre_id = $cadre_id), '') AS county,
       EXISTS (SELECT 1 FROM current_roster WHERE cadre_id = $cadre_id) AS on_roster
