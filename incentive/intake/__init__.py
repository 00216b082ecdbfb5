"""Reading what offices send: bytes → sheets → header and layout → file kind → cell values → a preview
that says what will be written and what was changed; large record files through DuckDB (`bulk_csv`);
plausibility checks of values and the `check` report; blank templates."""
