package dev.bulwark.server.services.iam;

import dev.bulwark.server.store.Tx;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Persistence of IAM's reports: the latest credential report per account and service-last-accessed jobs. */
final class ReportStore
{
    /** A generated credential report: the CSV text and when it was generated. */
    record CredentialReport(Instant generated, String content)
    {
        CredentialReport
        {
            requireNonNull(generated, "generated is null");
            requireNonNull(content, "content is null");
        }
    }

    /** One GenerateServiceLastAccessedDetails job: the entity (or policy) it reports on, at which granularity, since when. */
    record AccessAdvisorJob(String jobId, String accountId, String entityArn, String granularity, Instant created)
    {
        AccessAdvisorJob
        {
            requireNonNull(jobId, "jobId is null");
            requireNonNull(accountId, "accountId is null");
            requireNonNull(entityArn, "entityArn is null");
            requireNonNull(granularity, "granularity is null");
            requireNonNull(created, "created is null");
        }
    }

    Optional<CredentialReport> credentialReport(Tx tx, String accountId)
    {
        return tx.queryOne("SELECT generated, content FROM iam_credential_reports WHERE account_id = ?",
                row -> new CredentialReport(Tx.instant(row, "generated"), row.getString("content")), accountId);
    }

    void putCredentialReport(Tx tx, String accountId, CredentialReport report)
    {
        tx.update("DELETE FROM iam_credential_reports WHERE account_id = ?", accountId);
        tx.update("INSERT INTO iam_credential_reports (account_id, generated, content) VALUES (?, ?, ?)", accountId, report.generated(), report.content());
    }

    void addJob(Tx tx, AccessAdvisorJob job)
    {
        tx.update("INSERT INTO iam_access_advisor_jobs (job_id, account_id, entity_arn, granularity, created) VALUES (?, ?, ?, ?, ?)",
                job.jobId(), job.accountId(), job.entityArn(), job.granularity(), job.created());
    }

    Optional<AccessAdvisorJob> job(Tx tx, String accountId, String jobId)
    {
        return tx.queryOne("SELECT job_id, account_id, entity_arn, granularity, created FROM iam_access_advisor_jobs WHERE job_id = ? AND account_id = ?",
                row -> new AccessAdvisorJob(row.getString("job_id"), row.getString("account_id"), row.getString("entity_arn"),
                        row.getString("granularity"), Tx.instant(row, "created")),
                jobId, accountId);
    }
}
