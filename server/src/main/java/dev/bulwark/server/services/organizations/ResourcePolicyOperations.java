package dev.bulwark.server.services.organizations;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.organizations.model.OrgArns;
import dev.bulwark.server.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.*;

import java.util.List;
import java.util.Map;

import static dev.bulwark.server.services.organizations.OrgWire.read;
import static dev.bulwark.server.services.organizations.OrgWire.write;
import static java.util.Objects.requireNonNull;

/**
 * The organization's resource-based policy (which accounts may call which Organizations read operations, for
 * delegation), stored and validated as a resource policy; and EnableAllFeatures, which an organization with all
 * features — the only kind here — answers as AWS does.
 */
final class ResourcePolicyOperations implements ServiceOperations
{
    /** AWS's quota for the organization's resource policy, in characters. */
    static final int MAX_CHARACTERS = 40_000;

    private final OrgWire wire;
    private final OrganizationsStore orgs;

    ResourcePolicyOperations(OrgWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.orgs = wire.orgs();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("PutResourcePolicy", PutResourcePolicyRequest.class, (in, r) -> List.of(new Access("organizations:PutResourcePolicy",
                        wire.store().readOnly(tx -> orgs.organizationOf(tx, in.accountId()).map(o -> arn(o,
                                orgs.resourcePolicy(tx, o.id()).map(Map.Entry::getKey).orElse("*"))).orElse("*")),
                        OrgWire.requestTagKeys(r.tags()))), this::put),
                read("DescribeResourcePolicy", DescribeResourcePolicyRequest.class, (in, r) -> List.of(Access.of("organizations:DescribeResourcePolicy", "*")),
                        this::describe),
                write("DeleteResourcePolicy", DeleteResourcePolicyRequest.class, (in, r) -> List.of(Access.of("organizations:DeleteResourcePolicy", "*")),
                        this::delete),
                write("EnableAllFeatures", EnableAllFeaturesRequest.class, (in, r) -> List.of(Access.of("organizations:EnableAllFeatures", "*")),
                        this::enableAllFeatures));
    }

    private PutResourcePolicyResponse put(Invocation in, PutResourcePolicyRequest request)
    {
        Organization organization = wire.managed(in);
        if (request.content().length() > MAX_CHARACTERS) {
            throw OrganizationsErrors.constraint("POLICY_CONTENT_LIMIT_EXCEEDED", "You attempted to create a policy that is larger than the maximum size.");
        }
        try {
            PolicyDocument.parse(request.content(), PolicyGrammar.RESOURCE);
        }
        catch (MalformedPolicyException e) {
            throw OrganizationsErrors.invalidInput("INVALID_RESOURCE_POLICY_JSON", "The resource policy is not valid JSON or does not follow the policy grammar: "
                    + e.getMessage());
        }
        String id = orgs.putResourcePolicy(in.transaction(), organization.id(), request.content());
        orgs.tag(in.transaction(), id, OrgWire.tags(request.tags()));
        return PutResourcePolicyResponse.builder().resourcePolicy(toSdk(organization, id, request.content())).build();
    }

    private DescribeResourcePolicyResponse describe(Invocation in, DescribeResourcePolicyRequest request)
    {
        Organization organization = wire.readable(in);
        Map.Entry<String, String> policy = orgs.resourcePolicy(in.transaction(), organization.id()).orElseThrow(OrganizationsErrors::resourcePolicyNotFound);
        return DescribeResourcePolicyResponse.builder().resourcePolicy(toSdk(organization, policy.getKey(), policy.getValue())).build();
    }

    private DeleteResourcePolicyResponse delete(Invocation in, DeleteResourcePolicyRequest request)
    {
        Organization organization = wire.managed(in);
        if (!orgs.deleteResourcePolicy(in.transaction(), organization.id())) {
            throw OrganizationsErrors.resourcePolicyNotFound();
        }
        return DeleteResourcePolicyResponse.builder().build();
    }

    private EnableAllFeaturesResponse enableAllFeatures(Invocation in, EnableAllFeaturesRequest request)
    {
        wire.managed(in);
        throw OrganizationsErrors.alreadyAllFeatures();
    }

    static String arn(Organization organization, String policyId)
    {
        return OrgArns.prefix(organization.managementAccountId()) + "resourcepolicy/" + organization.id() + "/" + policyId;
    }

    private static ResourcePolicy toSdk(Organization organization, String id, String content)
    {
        return ResourcePolicy.builder()
                .resourcePolicySummary(ResourcePolicySummary.builder().id(id).arn(arn(organization, id)).build())
                .content(content)
                .build();
    }
}
