package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import dev.bulwark.policy.reference.ServiceReference;
import java.util.ArrayList;
import java.util.List;

/** The state of one validation: the inputs every check reads and the findings they add. */
final class ValidationContext
{
    private final PolicyType policyType;
    private final ServiceReference reference;
    private final boolean trustPolicy;
    private final List<Finding> findings = new ArrayList<>();
    private boolean variablesSupported;

    ValidationContext(PolicyType policyType, ServiceReference reference, boolean trustPolicy)
    {
        this.policyType = requireNonNull(policyType, "policyType is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.trustPolicy = trustPolicy;
    }

    PolicyType policyType()
    {
        return policyType;
    }

    ServiceReference reference()
    {
        return reference;
    }

    /** True for a role trust policy: it names principals and has no Resource. */
    boolean trustPolicy()
    {
        return trustPolicy;
    }

    /** Policy variables are substituted only under {@code "Version": "2012-10-17"}. */
    boolean variablesSupported()
    {
        return variablesSupported;
    }

    void variablesSupported(boolean supported)
    {
        this.variablesSupported = supported;
    }

    void add(IssueCode code, List<PathElement> path, Span span, Object... arguments)
    {
        findings.add(Finding.of(code, List.of(new Location(path, span)), arguments));
    }

    void addAt(IssueCode code, List<Location> locations, Object... arguments)
    {
        findings.add(Finding.of(code, locations, arguments));
    }

    List<Finding> findings()
    {
        return List.copyOf(findings);
    }

    static List<PathElement> path(List<PathElement> parent, PathElement... more)
    {
        List<PathElement> path = new ArrayList<>(parent);
        path.addAll(List.of(more));
        return List.copyOf(path);
    }
}
