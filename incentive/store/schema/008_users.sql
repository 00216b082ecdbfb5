-- Users managed on the Data page (docs/security.md, "Roles"). Append-only like settings: the newest row per name
-- is the account as it stands; nobody is deleted (the audit log keeps their name), an account is deactivated.
-- `identity` is the e-mail or subject a single sign-on provider vouches for (optional).
CREATE TABLE users (
    name VARCHAR,
    role VARCHAR,            -- prefecture_admin | county_clerk | county_leader
    county VARCHAR,          -- NULL for the prefecture
    password_hash VARCHAR,   -- argon2id; NULL for an account that signs in only through single sign-on
    active BOOLEAN,
    identity VARCHAR,
    changed_at TIMESTAMP,
    changed_by VARCHAR
);

CREATE VIEW current_users AS
SELECT name, role, county, password_hash, active, identity, changed_at, changed_by FROM users
QUALIFY row_number() OVER (PARTITION BY name ORDER BY changed_at DESC) = 1;
