-- IAM's reports: each account's latest credential report (GenerateCredentialReport replaces it; GetCredentialReport
-- reads it while it is under four hours old) and the jobs of GenerateServiceLastAccessedDetails, whose results are
-- computed from the CloudTrail events and policies of the job's entity as of the job's creation.

CREATE TABLE iam_credential_reports (
    account_id TEXT PRIMARY KEY REFERENCES accounts (account_id),
    generated BIGINT NOT NULL,
    content TEXT NOT NULL
);

CREATE TABLE iam_access_advisor_jobs (
    job_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (account_id),
    entity_arn TEXT NOT NULL,
    granularity TEXT NOT NULL,
    created BIGINT NOT NULL
);
