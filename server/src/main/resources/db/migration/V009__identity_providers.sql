-- IAM identity providers: OpenID Connect providers (keyed by their ARN, which carries the issuer's host and path)
-- and SAML providers (keyed by their ARN, which carries the name). Client IDs and thumbprints are JSON arrays in
-- the order they were given. Their tags live in iam_tags with owner_kind OIDC_PROVIDER / SAML_PROVIDER and the
-- provider ARN as owner_id.

CREATE TABLE iam_oidc_providers (
    arn TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    url TEXT NOT NULL,
    client_ids TEXT NOT NULL,
    thumbprints TEXT NOT NULL,
    created BIGINT NOT NULL
);

CREATE TABLE iam_saml_providers (
    arn TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    name TEXT NOT NULL,
    metadata TEXT NOT NULL,
    provider_uuid TEXT NOT NULL,
    valid_until BIGINT,
    created BIGINT NOT NULL
);
