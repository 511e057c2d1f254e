package dev.bulwark.server.services.iam;

import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.store.Store;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * IAM's least-privilege and reporting tools, registered together: the policy simulator and context keys
 * ({@link IamSimulationOperations}), the account authorization details and credential report
 * ({@link IamReportOperations}) and service last accessed data ({@link IamAccessAdvisorOperations}).
 */
public final class IamInsightOperations implements ServiceOperations
{
    private final List<ServiceOperations> groups;

    public IamInsightOperations(Store store, IamStore iam)
    {
        requireNonNull(store, "store is null");
        requireNonNull(iam, "iam is null");
        ReportStore reports = new ReportStore();
        this.groups = List.of(new IamSimulationOperations(iam), new IamReportOperations(iam, reports),
                new IamAccessAdvisorOperations(iam, reports, new AuditStore()));
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> operations = new ArrayList<>();
        groups.forEach(group -> operations.addAll(group.operations()));
        return List.copyOf(operations);
    }
}
