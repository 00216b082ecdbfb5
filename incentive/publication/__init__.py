"""审定发布 official publication: a period's ranking and care statuses frozen by the prefecture administrator
(`freeze`), read back, compared with current data and with earlier versions (`official`)."""
