package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.services.organizations.model.OrgPolicy;
import dev.bulwark.server.services.organizations.model.Organization;
import dev.bulwark.server.services.organizations.model.OrganizationalUnit;
import dev.bulwark.server.services.organizations.model.Root;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.Policy;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyTypeStatus;
import software.amazon.awssdk.services.organizations.model.PolicyTypeSummary;
import software.amazon.awssdk.services.organizations.model.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * What the Organizations operation groups share: the caller's organization and the management-account check,
 * resource ARNs for authorization, paging with {@code NextToken}, the SDK shapes of stored records, and how
 * operations are declared.
 */
final class OrgWire
{
    static final String SERVICE = "organizations";
    /** Organizations answers at most 20 items a page. */
    static final int MAX_RESULTS = 20;

    private final Store store;
    private final OrganizationsStore orgs;

    OrgWire(Store store, OrganizationsStore orgs)
    {
        this.store = requireNonNull(store, "store is null");
        this.orgs = requireNonNull(orgs, "orgs is null");
    }

    OrganizationsStore orgs()
    {
        return orgs;
    }

    Store store()
    {
        return store;
    }

    // ---------------------------------------------------------------- who may do what

    /** The caller's organization, or AWS's "not a member" error. */
    Organization organization(Invocation in)
    {
        return orgs.organizationOf(in.transaction(), in.accountId()).orElseThrow(OrganizationsErrors::notInUse);
    }

    /** The caller's organization when the caller is its management account; else AccessDenied as AWS words it. */
    Organization managed(Invocation in)
    {
        Organization organization = organization(in);
        if (!organization.managementAccountId().equals(in.accountId())) {
            throw OrganizationsErrors.accessDenied();
        }
        return organization;
    }

    /** Read operations AWS opens to delegated administrators as well as to the management account. */
    Organization readable(Invocation in)
    {
        Organization organization = organization(in);
        if (!organization.managementAccountId().equals(in.accountId())
                && orgs.delegations(in.transaction(), organization.id(), null).stream().noneMatch(d -> d.accountId().equals(in.accountId()))) {
            throw OrganizationsErrors.accessDenied();
        }
        return organization;
    }

    /** Announces a change of the organization's tree or policies (authorization's caches listen). */
    static void changed(Invocation in)
    {
        in.transaction().publish(OrganizationsOperations.CHANGE_TOPIC);
    }

    // ---------------------------------------------------------------- authorization

    /** One access on a resource of the caller's organization; {@code *} when the caller is in none (the handler then refuses). */
    List<Access> access(Invocation in, String action, Function<Organization, String> resource)
    {
        return List.of(Access.of(action, arnIn(in, resource)));
    }

    /** The ARN of a resource of the caller's organization, or {@code *} when the caller is in none. */
    String arnIn(Invocation in, Function<Organization, String> resource)
    {
        return store.readOnly(tx -> orgs.organizationOf(tx, in.accountId())).map(resource).orElse("*");
    }

    /**
     * One access on a root, OU, account or policy of the caller's organization, named by id: its ARN, the
     * operation's condition keys and the {@code aws:ResourceTag/<key>} of the tags the resource carries.
     */
    Access on(Invocation in, String action, String id, Map<String, List<String>> keys)
    {
        return store.readOnly(tx -> orgs.organizationOf(tx, in.accountId()).map(organization -> {
            Map<String, List<String>> all = new java.util.HashMap<>(keys);
            if (id != null) {
                orgs.tags(tx, id).forEach((key, value) -> all.putIfAbsent("aws:ResourceTag/" + key, List.of(value)));
            }
            return new Access(action, targetArn(tx, organization, id), all);
        }).orElse(new Access(action, "*", keys)));
    }

    Access on(Invocation in, String action, String id)
    {
        return on(in, action, id, Map.of());
    }

    /** The ARN of a root, OU, account or policy by its id. */
    String targetArn(Invocation in, String id)
    {
        return store.readOnly(tx -> orgs.organizationOf(tx, in.accountId()).map(organization -> targetArn(tx, organization, id)).orElse("*"));
    }

    String targetArn(Tx tx, Organization organization, String id)
    {
        if (id == null) {
            return "*";
        }
        if (id.startsWith("r-")) {
            return organization.rootArn(id);
        }
        if (id.startsWith("ou-")) {
            return organization.unitArn(id);
        }
        if (id.startsWith("rp-")) {
            return ResourcePolicyOperations.arn(organization, id);
        }
        if (id.startsWith("p-")) {
            return orgs.findPolicy(tx, organization.id(), id).map(policy -> policy.arn(organization))
                    .orElse(organization.policyArn("service_control_policy", id));
        }
        return organization.accountArn(id);
    }

    static Map<String, List<String>> policyTypeKey(String type)
    {
        return type == null ? Map.of() : Map.of("organizations:PolicyType", List.of(type));
    }

    static Map<String, List<String>> servicePrincipalKey(String servicePrincipal)
    {
        return servicePrincipal == null ? Map.of() : Map.of("organizations:ServicePrincipal", List.of(servicePrincipal));
    }

    // ---------------------------------------------------------------- lookups

    Root root(Invocation in, Organization organization)
    {
        return orgs.root(in.transaction(), organization.id());
    }

    /** A root or OU of the organization, by id; empty when it does not exist. */
    Optional<String> parent(Invocation in, Organization organization, String parentId)
    {
        if (parentId == null) {
            return Optional.empty();
        }
        if (parentId.equals(root(in, organization).id())) {
            return Optional.of(parentId);
        }
        return orgs.findUnit(in.transaction(), organization.id(), parentId).map(OrganizationalUnit::id);
    }

    MemberAccount member(Invocation in, Organization organization, String accountId)
    {
        return orgs.findMember(in.transaction(), organization.id(), accountId).orElseThrow(OrganizationsErrors::accountNotFound);
    }

    /** Whether a root, OU or account id names something in the organization. */
    boolean targetExists(Invocation in, Organization organization, String targetId)
    {
        if (targetId.startsWith("r-") || targetId.startsWith("ou-")) {
            return parent(in, organization, targetId).isPresent();
        }
        return orgs.findMember(in.transaction(), organization.id(), targetId).isPresent();
    }

    // ---------------------------------------------------------------- paging

    /** A page of {@code all} from the position {@code nextToken} names. */
    static <T> Page<T> page(List<T> all, String nextToken, Integer maxResults)
    {
        int start = 0;
        if (nextToken != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8));
            }
            catch (IllegalArgumentException e) {
                start = -1;
            }
            if (start < 0 || start > all.size()) {
                throw OrganizationsErrors.invalidInput("INVALID_NEXT_TOKEN", "The specified token is invalid.");
            }
        }
        int size = maxResults == null ? MAX_RESULTS : maxResults;
        int end = Math.min(all.size(), start + size);
        String next = end < all.size() ? Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(all.subList(start, end), next);
    }

    record Page<T>(List<T> items, String nextToken) {}

    // ---------------------------------------------------------------- SDK shapes

    static Instant seconds(Instant instant)
    {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    static Account toSdk(Organization organization, MemberAccount member)
    {
        return Account.builder()
                .id(member.accountId())
                .arn(organization.accountArn(member.accountId()))
                .email(member.email())
                .name(member.name())
                .status(member.status())
                .state(member.status().equals("ACTIVE") ? "ACTIVE" : member.status().equals("SUSPENDED") ? "SUSPENDED" : "PENDING_CLOSURE")
                .joinedMethod(member.joinedMethod())
                .joinedTimestamp(seconds(member.joined()))
                .build();
    }

    static PolicySummary summary(Organization organization, OrgPolicy policy)
    {
        return PolicySummary.builder()
                .id(policy.id())
                .arn(policy.arn(organization))
                .name(policy.name())
                .description(policy.description())
                .type(policy.type())
                .awsManaged(policy.awsManaged())
                .build();
    }

    static Policy toSdk(Organization organization, OrgPolicy policy)
    {
        return Policy.builder().policySummary(summary(organization, policy)).content(policy.content()).build();
    }

    static List<PolicyTypeSummary> policyTypes(List<String> enabled)
    {
        return enabled.stream().map(type -> PolicyTypeSummary.builder().type(type).status(PolicyTypeStatus.ENABLED).build()).toList();
    }

    static Map<String, String> tags(List<Tag> tags)
    {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(tag -> result.put(tag.key(), tag.value()));
        }
        return result;
    }

    static Map<String, List<String>> requestTagKeys(List<Tag> tags)
    {
        if (tags == null || tags.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> keys = new java.util.HashMap<>();
        tags.forEach(tag -> keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value())));
        keys.put("aws:TagKeys", tags.stream().map(Tag::key).toList());
        return keys;
    }

    // ---------------------------------------------------------------- declarations

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> read(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, true, handler);
    }

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> write(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, false, handler);
    }
}
