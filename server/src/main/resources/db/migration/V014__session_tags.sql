-- Session tags of STS sessions (AssumeRole, AssumeRoleWithWebIdentity/SAML, GetFederationToken), passed or
-- inherited as transitive tags in a role chain, as JSON arrays ([{"Key":..,"Value":..}] and ["key", ...]).
-- NULL for sessions without tags (and those issued before this migration).

ALTER TABLE sts_role_sessions ADD COLUMN session_tags TEXT;
ALTER TABLE sts_role_sessions ADD COLUMN transitive_tag_keys TEXT;
ALTER TABLE sts_user_sessions ADD COLUMN session_tags TEXT;
