-- IAM never reuses a policy version id: after v1..v5 and deleting v5, the next version is v6. The counter lives
-- with the policy; version ids are "v" followed by this number.

ALTER TABLE iam_managed_policies ADD COLUMN next_version BIGINT NOT NULL DEFAULT 2;
