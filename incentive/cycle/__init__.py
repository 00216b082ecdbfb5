"""The assessment cycle: which files each county owes for which periods and by when (`schedule`, pure, from the
settings), and how far each county has delivered them (`tracker`: received, late, pending review, missing; and
whether the data of a period are complete; docs/decisions.md#assessment-cycle)."""
