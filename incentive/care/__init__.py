"""Care (关心关爱) and 能上能下: welfare statuses and grid (`welfare`), target status (`targets`), personnel
decisions up and down with rates and `<5` suppression (`movements`)."""
