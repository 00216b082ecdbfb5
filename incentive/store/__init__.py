"""The database: connection, migrations (`schema/`), batches and history, audit log, backups (`storage`);
the DuckLake backend (`lake`); named SQL queries from `queries/` (`queries`); stored settings."""
