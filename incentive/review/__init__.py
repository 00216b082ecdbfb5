"""County submissions and their review: a county clerk's file waits as a submission until the prefecture
administrator accepts it (it goes live as a batch of that county) or returns it with a note (`submissions`;
docs/decisions.md#submissions-and-review)."""
