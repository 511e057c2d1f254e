-- Tags of IAM users and roles. IAM treats their tag keys case-insensitively but keeps the case given
-- (tagging "department" after "Department" replaces it), hence key_lc under the primary key.

CREATE TABLE iam_tags (
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    key_lc TEXT NOT NULL,
    tag_value TEXT NOT NULL,
    PRIMARY KEY (owner_kind, owner_id, key_lc)
);
