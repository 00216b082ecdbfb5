-- One row every batch write updates (imports, rollbacks). On DuckLake, where several processes write one dataset
-- and appends never conflict, two such writes at once then conflict at commit: the later one is retried with a
-- fresh batch id (database.Database.serial_write), so batch ids stay unique without sequences or constraints.
CREATE TABLE write_serial (writes BIGINT);
INSERT INTO write_serial VALUES (0);
