-- 分类考核 in publications (issue 21): a published period freezes each peer class's ranking beside the one of all
-- counties (and of each county's townships), with the catalog each class was ranked by. NULL (publications made
-- before classes, and every group that is not a class) reads as '': no class.
ALTER TABLE published_ranks ADD COLUMN peer_class VARCHAR;
ALTER TABLE published_race_values ADD COLUMN peer_class VARCHAR;
ALTER TABLE published_race_catalog ADD COLUMN peer_class VARCHAR;
