"""Who is signed in and what they may see and do: roles, county scopes, the users kept in the database."""
