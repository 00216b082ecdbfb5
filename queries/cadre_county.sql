-- The county of one cadre by the newest roster snapshot that lists him ('' when none does): what decides who may
-- open his page (incentive/cadre_profile.py); on two counties' snapshots of one day (a cadre who moved), the later
-- batch's. No name, no figure. Params: $cadre_id.
SELECT coalesce((SELECT arg_max(county, (as_of, batch_id)) FROM current_roster WHERE cadre_id = $cadre_id), '') AS county,
       EXISTS (SELECT 1 FROM current_roster WHERE cadre_id = $cadre_id) AS on_roster
