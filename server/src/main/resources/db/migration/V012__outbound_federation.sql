-- IAM outbound web identity federation (EnableOutboundWebIdentityFederation) and the account's STS preferences
-- (SetSecurityTokenServicePreferences). A federation row is created at the first enable and kept when the feature
-- is disabled, so a later enable reuses the issuer and keys and tokens issued earlier stay verifiable. The issuer
-- id is opaque (it does not reveal the account). Private signing keys are PKCS#8 sealed with the root key
-- (store/SecretBox); public keys are X.509 SubjectPublicKeyInfo, base64.

CREATE TABLE iam_outbound_federation (
    account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
    issuer_id TEXT NOT NULL UNIQUE,
    enabled INTEGER NOT NULL,
    rsa_key_id TEXT NOT NULL,
    rsa_private_sealed TEXT NOT NULL,
    rsa_public TEXT NOT NULL,
    ec_key_id TEXT NOT NULL,
    ec_private_sealed TEXT NOT NULL,
    ec_public TEXT NOT NULL,
    created BIGINT NOT NULL,
    updated BIGINT NOT NULL
);

CREATE TABLE iam_sts_preferences (
    account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
    global_endpoint_token_version TEXT NOT NULL
);
