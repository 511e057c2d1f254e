package dev.bulwark.server.services.organizations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.document.PrincipalClause;
import dev.bulwark.policy.document.PrincipalType;
import dev.bulwark.policy.document.Statement;
import dev.bulwark.policy.document.StatementEffect;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.services.organizations.model.OrgPolicy;
import dev.bulwark.server.services.organizations.model.Organization;
import dev.bulwark.server.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.bulwark.server.services.organizations.OrgWire.read;
import static dev.bulwark.server.services.organizations.OrgWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Organization policies: authoring (with AWS's SCP and RCP grammar and size limits), attaching to the root, OUs
 * and accounts (AWS's full-access policies stay attached by default and the last SCP of a target cannot go), and
 * the effective policy of the inheritable types.
 */
final class PolicyOperations implements ServiceOperations
{
    /** Maximum policy document size in characters, per type (AWS Organizations quotas). */
    static final Map<String, Integer> MAX_CHARACTERS = Map.of(OrganizationsStore.SCP, 5120, OrganizationsStore.RCP, 5120, "TAG_POLICY", 10000,
            "BACKUP_POLICY", 10000, "AISERVICES_OPT_OUT_POLICY", 2500, "CHATBOT_POLICY", 10000);
    /** AWS lets at most five SCPs (and five RCPs) attach to one root, OU or account. */
    static final int MAX_ATTACHED_PER_TYPE = 5;
    /** Types with an effective policy (inherited and merged down the tree). */
    static final Set<String> EFFECTIVE_TYPES = Set.of("TAG_POLICY", "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OrgWire wire;
    private final OrganizationsStore orgs;

    PolicyOperations(OrgWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.orgs = wire.orgs();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreatePolicy", CreatePolicyRequest.class, (in, r) -> List.of(new Access("organizations:CreatePolicy",
                        wire.arnIn(in, o -> o.policyArn(r.typeAsString() == null ? "*" : r.typeAsString(), "*")), withTags(OrgWire.policyTypeKey(r.typeAsString()),
                        r.tags()))), this::create),
                read("DescribePolicy", DescribePolicyRequest.class, (in, r) -> policyAccess(in, "organizations:DescribePolicy", r.policyId()), this::describe),
                write("UpdatePolicy", UpdatePolicyRequest.class, (in, r) -> policyAccess(in, "organizations:UpdatePolicy", r.policyId()), this::update),
                write("DeletePolicy", DeletePolicyRequest.class, (in, r) -> policyAccess(in, "organizations:DeletePolicy", r.policyId()), this::delete),
                write("AttachPolicy", AttachPolicyRequest.class, (in, r) -> attachAccess(in, "organizations:AttachPolicy", r.policyId(), r.targetId()),
                        this::attach),
                write("DetachPolicy", DetachPolicyRequest.class, (in, r) -> attachAccess(in, "organizations:DetachPolicy", r.policyId(), r.targetId()),
                        this::detach),
                read("ListPolicies", ListPoliciesRequest.class, (in, r) -> List.of(new Access("organizations:ListPolicies", "*",
                        OrgWire.policyTypeKey(r.filterAsString()))), this::list),
                read("ListPoliciesForTarget", ListPoliciesForTargetRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:ListPoliciesForTarget", r.targetId(), OrgWire.policyTypeKey(r.filterAsString()))), this::listForTarget),
                read("ListTargetsForPolicy", ListTargetsForPolicyRequest.class, (in, r) -> policyAccess(in, "organizations:ListTargetsForPolicy", r.policyId()),
                        this::listTargets),
                read("DescribeEffectivePolicy", DescribeEffectivePolicyRequest.class, (in, r) -> List.of(wire.on(in, "organizations:DescribeEffectivePolicy",
                        r.targetId() == null ? in.accountId() : r.targetId(), OrgWire.policyTypeKey(r.policyTypeAsString()))),
                        this::describeEffective));
    }

    // ---------------------------------------------------------------- authoring

    private CreatePolicyResponse create(Invocation in, CreatePolicyRequest request)
    {
        Organization organization = wire.managed(in);
        String type = OrganizationOperations.policyType(request.typeAsString());
        validate(type, request.content());
        if (orgs.findPolicyByName(in.transaction(), organization.id(), type, request.name()).isPresent()) {
            throw OrganizationsErrors.duplicatePolicy();
        }
        OrgPolicy policy = orgs.createPolicy(in.transaction(), organization.id(), request.name(), request.description() == null ? "" : request.description(),
                type, request.content());
        orgs.tag(in.transaction(), policy.id(), OrgWire.tags(request.tags()));
        return CreatePolicyResponse.builder().policy(OrgWire.toSdk(organization, policy)).build();
    }

    private DescribePolicyResponse describe(Invocation in, DescribePolicyRequest request)
    {
        Organization organization = wire.readable(in);
        return DescribePolicyResponse.builder().policy(OrgWire.toSdk(organization, policy(in, organization, request.policyId()))).build();
    }

    private UpdatePolicyResponse update(Invocation in, UpdatePolicyRequest request)
    {
        Organization organization = wire.managed(in);
        OrgPolicy policy = customerPolicy(in, organization, request.policyId());
        String name = request.name() == null ? policy.name() : request.name();
        if (!name.equals(policy.name()) && orgs.findPolicyByName(in.transaction(), organization.id(), policy.type(), name).isPresent()) {
            throw OrganizationsErrors.duplicatePolicy();
        }
        String content = request.content() == null ? policy.content() : request.content();
        validate(policy.type(), content);
        OrgPolicy updated = new OrgPolicy(policy.id(), policy.organizationId(), name, request.description() == null ? policy.description() : request.description(),
                policy.type(), content, false);
        orgs.updatePolicy(in.transaction(), updated);
        OrgWire.changed(in);
        return UpdatePolicyResponse.builder().policy(OrgWire.toSdk(organization, updated)).build();
    }

    private DeletePolicyResponse delete(Invocation in, DeletePolicyRequest request)
    {
        Organization organization = wire.managed(in);
        OrgPolicy policy = customerPolicy(in, organization, request.policyId());
        if (!orgs.targetsOf(in.transaction(), organization.id(), policy.id()).isEmpty()) {
            throw OrganizationsErrors.policyInUse();
        }
        orgs.deletePolicy(in.transaction(), policy.id());
        return DeletePolicyResponse.builder().build();
    }

    // ---------------------------------------------------------------- attachments

    private AttachPolicyResponse attach(Invocation in, AttachPolicyRequest request)
    {
        Organization organization = wire.managed(in);
        OrgPolicy policy = policy(in, organization, request.policyId());
        String rootId = orgs.root(in.transaction(), organization.id()).id();
        if (!orgs.enabledPolicyTypes(in.transaction(), rootId).contains(policy.type())) {
            throw OrganizationsErrors.policyTypeNotEnabled();
        }
        if (!wire.targetExists(in, organization, request.targetId())) {
            throw OrganizationsErrors.targetNotFound();
        }
        List<OrgPolicy> attached = orgs.policiesFor(in.transaction(), organization.id(), request.targetId(), policy.type());
        if (attached.stream().anyMatch(p -> p.id().equals(policy.id()))) {
            throw OrganizationsErrors.duplicateAttachment();
        }
        if (attached.size() >= MAX_ATTACHED_PER_TYPE) {
            throw OrganizationsErrors.constraint("MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
                    "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.");
        }
        orgs.attach(in.transaction(), organization.id(), policy, request.targetId());
        OrgWire.changed(in);
        return AttachPolicyResponse.builder().build();
    }

    private DetachPolicyResponse detach(Invocation in, DetachPolicyRequest request)
    {
        Organization organization = wire.managed(in);
        OrgPolicy policy = policy(in, organization, request.policyId());
        if (!wire.targetExists(in, organization, request.targetId())) {
            throw OrganizationsErrors.targetNotFound();
        }
        List<OrgPolicy> attached = orgs.policiesFor(in.transaction(), organization.id(), request.targetId(), policy.type());
        if (attached.stream().noneMatch(p -> p.id().equals(policy.id()))) {
            throw OrganizationsErrors.policyNotAttached();
        }
        if (policy.id().equals(OrganizationsStore.RCP_FULL_AWS_ACCESS_ID)) {
            throw OrganizationsErrors.invalidInput("NON_DETACHABLE_POLICY", "You can't detach this AWS Managed Policy.");
        }
        if (policy.type().equals(OrganizationsStore.SCP) && attached.size() == 1) {
            // Every root, OU and account must keep at least one SCP.
            throw OrganizationsErrors.lastPolicyOfType();
        }
        orgs.detach(in.transaction(), organization.id(), policy.id(), request.targetId());
        OrgWire.changed(in);
        return DetachPolicyResponse.builder().build();
    }

    // ---------------------------------------------------------------- listing

    private ListPoliciesResponse list(Invocation in, ListPoliciesRequest request)
    {
        Organization organization = wire.readable(in);
        String type = OrganizationOperations.policyType(request.filterAsString());
        OrgWire.Page<OrgPolicy> page = OrgWire.page(orgs.policies(in.transaction(), organization.id(), type), request.nextToken(), request.maxResults());
        return ListPoliciesResponse.builder()
                .policies(page.items().stream().map(policy -> OrgWire.summary(organization, policy)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private ListPoliciesForTargetResponse listForTarget(Invocation in, ListPoliciesForTargetRequest request)
    {
        Organization organization = wire.readable(in);
        String type = OrganizationOperations.policyType(request.filterAsString());
        if (!wire.targetExists(in, organization, request.targetId())) {
            throw OrganizationsErrors.targetNotFound();
        }
        OrgWire.Page<OrgPolicy> page = OrgWire.page(orgs.policiesFor(in.transaction(), organization.id(), request.targetId(), type), request.nextToken(),
                request.maxResults());
        return ListPoliciesForTargetResponse.builder()
                .policies(page.items().stream().map(policy -> OrgWire.summary(organization, policy)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private ListTargetsForPolicyResponse listTargets(Invocation in, ListTargetsForPolicyRequest request)
    {
        Organization organization = wire.readable(in);
        OrgPolicy policy = policy(in, organization, request.policyId());
        List<PolicyTargetSummary> all = new ArrayList<>();
        for (String target : orgs.targetsOf(in.transaction(), organization.id(), policy.id())) {
            all.add(targetSummary(in, organization, target));
        }
        OrgWire.Page<PolicyTargetSummary> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListTargetsForPolicyResponse.builder().targets(page.items()).nextToken(page.nextToken()).build();
    }

    private PolicyTargetSummary targetSummary(Invocation in, Organization organization, String target)
    {
        PolicyTargetSummary.Builder summary = PolicyTargetSummary.builder().targetId(target).arn(wire.targetArn(in.transaction(), organization, target));
        if (target.startsWith("r-")) {
            return summary.type(TargetType.ROOT).name(orgs.root(in.transaction(), organization.id()).name()).build();
        }
        if (target.startsWith("ou-")) {
            return summary.type(TargetType.ORGANIZATIONAL_UNIT)
                    .name(orgs.findUnit(in.transaction(), organization.id(), target).map(OrganizationalUnit::name).orElse(null)).build();
        }
        return summary.type(TargetType.ACCOUNT).name(orgs.findMember(in.transaction(), organization.id(), target).map(MemberAccount::name).orElse(null)).build();
    }

    // ---------------------------------------------------------------- effective policies

    private DescribeEffectivePolicyResponse describeEffective(Invocation in, DescribeEffectivePolicyRequest request)
    {
        Organization organization = wire.organization(in);
        String type = request.policyTypeAsString();
        if (type == null || !EFFECTIVE_TYPES.contains(type)) {
            throw OrganizationsErrors.invalidInput("INVALID_ENUM_POLICY_TYPE", "You specified an invalid value for the policy type.");
        }
        String target = request.targetId() == null ? in.accountId() : request.targetId();
        boolean own = target.equals(in.accountId());
        if (!own) {
            wire.readable(in);
        }
        List<String> levels = new ArrayList<>();
        if (target.startsWith("ou-") || target.startsWith("r-")) {
            if (!wire.targetExists(in, organization, target)) {
                throw OrganizationsErrors.targetNotFound();
            }
            levels.addAll(orgs.pathTo(in.transaction(), organization.id(), target));
        }
        else {
            MemberAccount member = orgs.findMember(in.transaction(), organization.id(), target).orElseThrow(OrganizationsErrors::targetNotFound);
            levels.addAll(orgs.pathTo(in.transaction(), organization.id(), member.parentId()));
            levels.add(target);
        }
        String rootId = orgs.root(in.transaction(), organization.id()).id();
        if (!orgs.enabledPolicyTypes(in.transaction(), rootId).contains(type)) {
            throw OrganizationsErrors.effectivePolicyNotFound();
        }
        ObjectNode effective = JSON.createObjectNode();
        boolean any = false;
        for (String level : levels) {
            for (OrgPolicy policy : orgs.policiesFor(in.transaction(), organization.id(), level, type)) {
                merge(effective, readJson(policy.content()));
                any = true;
            }
        }
        if (!any) {
            throw OrganizationsErrors.effectivePolicyNotFound();
        }
        return DescribeEffectivePolicyResponse.builder()
                .effectivePolicy(EffectivePolicy.builder()
                        .policyContent(resolveOperators(effective).toString())
                        .lastUpdatedTimestamp(OrgWire.seconds(in.now()))
                        .targetId(target)
                        .policyType(type)
                        .build())
                .build();
    }

    /** Child levels override their parents key by key; objects merge recursively. */
    static void merge(ObjectNode into, JsonNode from)
    {
        if (!from.isObject()) {
            return;
        }
        from.fields().forEachRemaining(entry -> {
            JsonNode existing = into.get(entry.getKey());
            if (existing != null && existing.isObject() && entry.getValue().isObject() && !entry.getValue().has("@@assign")) {
                merge((ObjectNode) existing, entry.getValue());
            }
            else {
                into.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
    }

    /** The effective policy shows values, not the inheritance operators: {@code {"@@assign": v}} becomes {@code v}. */
    static JsonNode resolveOperators(JsonNode node)
    {
        if (!node.isObject()) {
            return node;
        }
        if (node.has("@@assign")) {
            return resolveOperators(node.get("@@assign"));
        }
        ObjectNode result = JSON.createObjectNode();
        node.fields().forEachRemaining(entry -> {
            if (!entry.getKey().startsWith("@@")) {
                result.set(entry.getKey(), resolveOperators(entry.getValue()));
            }
        });
        return result;
    }

    // ---------------------------------------------------------------- validation

    /** AWS's checks of a policy document for its type: size first, then grammar. */
    static void validate(String type, String content)
    {
        if (content.length() > MAX_CHARACTERS.getOrDefault(type, 10000)) {
            throw OrganizationsErrors.policyTooLarge();
        }
        switch (type) {
            case OrganizationsStore.SCP -> scp(content);
            case OrganizationsStore.RCP -> rcp(content);
            default -> {
                if (!readJson(content).isObject()) {
                    throw OrganizationsErrors.malformedPolicy();
                }
            }
        }
    }

    /** SCPs: the identity-policy grammar, so no Principal or NotPrincipal. */
    private static void scp(String content)
    {
        try {
            PolicyDocument.parse(content, PolicyGrammar.IDENTITY);
        }
        catch (MalformedPolicyException e) {
            throw OrganizationsErrors.malformedPolicy();
        }
    }

    /**
     * RCPs (AWS "RCP syntax"): Deny statements only (Allow is reserved to {@code RCPFullAWSAccess}), a Principal of
     * {@code "*"} and nothing else (no NotPrincipal), Action rather than NotAction, and a Resource or NotResource.
     */
    private static void rcp(String content)
    {
        PolicyDocument document;
        try {
            document = PolicyDocument.parse(content, PolicyGrammar.ANY);
        }
        catch (MalformedPolicyException e) {
            throw OrganizationsErrors.malformedPolicy();
        }
        for (Statement statement : document.statements()) {
            if (statement.effect() != StatementEffect.DENY || statement.actions().negated() || statement.resources().isEmpty()
                    || statement.principal().isEmpty() || !anyone(statement.principal().get())) {
                throw OrganizationsErrors.malformedPolicy();
            }
        }
    }

    private static boolean anyone(PrincipalClause principal)
    {
        if (principal.negated()) {
            return false;
        }
        if (principal.anyone()) {
            return true;
        }
        return principal.values().size() == 1 && principal.valuesOf(PrincipalType.AWS).equals(List.of("*"));
    }

    private static JsonNode readJson(String content)
    {
        try {
            return JSON.readTree(content);
        }
        catch (JsonProcessingException e) {
            throw OrganizationsErrors.malformedPolicy();
        }
    }

    // ---------------------------------------------------------------- helpers

    private OrgPolicy policy(Invocation in, Organization organization, String policyId)
    {
        return orgs.findPolicy(in.transaction(), organization.id(), policyId).orElseThrow(OrganizationsErrors::policyNotFound);
    }

    private OrgPolicy customerPolicy(Invocation in, Organization organization, String policyId)
    {
        OrgPolicy policy = policy(in, organization, policyId);
        if (policy.awsManaged()) {
            throw OrganizationsErrors.invalidInput("IMMUTABLE_POLICY", "You specified a policy that is managed by AWS and can't be modified.");
        }
        return policy;
    }

    private List<Access> policyAccess(Invocation in, String action, String policyId)
    {
        return List.of(wire.on(in, action, policyId, OrgWire.policyTypeKey(policyType(in, policyId))));
    }

    private String policyType(Invocation in, String policyId)
    {
        return wire.store().readOnly(tx -> orgs.organizationOf(tx, in.accountId()).flatMap(o -> orgs.findPolicy(tx, o.id(), policyId)).map(OrgPolicy::type)
                .orElse(null));
    }

    /** The policy and the target it is attached to or detached from are both resources of the action. */
    private List<Access> attachAccess(Invocation in, String action, String policyId, String targetId)
    {
        Map<String, List<String>> keys = OrgWire.policyTypeKey(policyType(in, policyId));
        return List.of(wire.on(in, action, policyId, keys), wire.on(in, action, targetId, keys));
    }

    private static Map<String, List<String>> withTags(Map<String, List<String>> keys, List<Tag> tags)
    {
        Map<String, List<String>> all = new HashMap<>(keys);
        all.putAll(OrgWire.requestTagKeys(tags));
        return all;
    }
}
