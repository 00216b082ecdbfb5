"""The database: the open connection and its transactions (`database`), the schema's migrations (`migrations`,
from `schema/`), batches with their history and rollback (`batches`), what an import would change (`effects`),
what a file is checked against (`reference`), which training rows newer batches supersede
(`superseded_training`), the audit log (`audit`), backups (`backup`), stored settings (`settings`), the DuckLake
backend (`lake`) and named SQL from `queries/` (`queries`).

Every module but `database`, `migrations`, `lake` and `queries` takes an open `Database` as its first argument."""
