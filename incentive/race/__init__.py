"""The horse race (赛马): normalization, weighting, ranks, tiers and intervals (`scoring`, pure); peer groups
and inputs from the database (`rankings`); the ranking tables in the user's language (`ranking_tables`)."""
