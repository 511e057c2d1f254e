-- AWS Organizations: one organization per management account, its root, OUs, member accounts (real rows of
-- `accounts`), policies and their attachments, handshakes, CreateAccount requests, trusted services, delegated
-- administrators and tags. Parents (`parent_id`) are root (r-...) or OU (ou-...) ids; targets of policy
-- attachments and tags are root, OU, account or policy ids.

CREATE TABLE org_organizations (
    org_id TEXT PRIMARY KEY,
    management_account_id TEXT NOT NULL UNIQUE REFERENCES accounts (account_id),
    feature_set TEXT NOT NULL,
    created BIGINT NOT NULL
);

CREATE TABLE org_roots (
    root_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL UNIQUE REFERENCES org_organizations (org_id),
    name TEXT NOT NULL
);

CREATE TABLE org_policy_types (
    root_id TEXT NOT NULL REFERENCES org_roots (root_id),
    policy_type TEXT NOT NULL,
    PRIMARY KEY (root_id, policy_type)
);

CREATE TABLE org_units (
    ou_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES org_organizations (org_id),
    parent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created BIGINT NOT NULL,
    UNIQUE (parent_id, name)
);

CREATE TABLE org_accounts (
    account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
    org_id TEXT NOT NULL REFERENCES org_organizations (org_id),
    parent_id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL,
    joined_method TEXT NOT NULL,
    joined BIGINT NOT NULL
);

CREATE INDEX org_accounts_parent ON org_accounts (parent_id);

CREATE TABLE org_create_account_requests (
    request_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    account_name TEXT NOT NULL,
    state TEXT NOT NULL,
    requested BIGINT NOT NULL,
    completed BIGINT,
    account_id TEXT,
    failure_reason TEXT
);

CREATE TABLE org_policies (
    policy_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES org_organizations (org_id),
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    policy_type TEXT NOT NULL,
    content TEXT NOT NULL,
    UNIQUE (org_id, policy_type, name)
);

CREATE TABLE org_policy_attachments (
    org_id TEXT NOT NULL REFERENCES org_organizations (org_id),
    policy_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    policy_type TEXT NOT NULL,
    PRIMARY KEY (org_id, policy_id, target_id)
);

CREATE INDEX org_policy_attachments_target ON org_policy_attachments (target_id);

CREATE TABLE org_handshakes (
    handshake_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    management_account_id TEXT NOT NULL,
    target_type TEXT NOT NULL,
    target_id TEXT NOT NULL,
    target_account_id TEXT,
    action TEXT NOT NULL,
    state TEXT NOT NULL,
    notes TEXT,
    requested BIGINT NOT NULL,
    expires BIGINT NOT NULL
);

CREATE TABLE org_service_access (
    org_id TEXT NOT NULL REFERENCES org_organizations (org_id),
    service_principal TEXT NOT NULL,
    enabled BIGINT NOT NULL,
    PRIMARY KEY (org_id, service_principal)
);

CREATE TABLE org_delegated_admins (
    org_id TEXT NOT NULL REFERENCES org_organizations (org_id),
    account_id TEXT NOT NULL,
    service_principal TEXT NOT NULL,
    registered BIGINT NOT NULL,
    PRIMARY KEY (org_id, account_id, service_principal)
);

CREATE TABLE org_tags (
    resource_id TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (resource_id, tag_key)
);

CREATE TABLE org_resource_policies (
    org_id TEXT PRIMARY KEY REFERENCES org_organizations (org_id),
    policy_id TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL
);
