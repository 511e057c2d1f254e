package dev.bulwark.policy.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.eval.AccountTrust;
import dev.bulwark.policy.eval.AuthorizationRequest;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One case of the IAM oracle's JSON Lines format (tools/iam-oracle README: identityPolicies, resourcePolicy, scps,
 * rcps, permissionBoundary, sessionPolicy, request) turned into an {@link AuthorizationRequest}.
 *
 * <p>This is also where the service rules live that the engine takes as flags: KMS key policies must trust the
 * account ({@link AccountTrust#RESOURCE_POLICY_MUST_TRUST_ACCOUNT}), role trust policies for STS likewise when
 * present, and {@code sts:GetCallerIdentity} needs no permission. Like the oracle, every RCP level gets AWS's
 * RCPFullAWSAccess.
 */
public record OracleCase(String id, AuthorizationRequest request)
{
    private static final String GET_CALLER_IDENTITY = "sts:getcalleridentity";

    public OracleCase
    {
        requireNonNull(id, "id is null");
        requireNonNull(request, "request is null");
    }

    /**
     * Reads a case.
     *
     * @param ignoredContextKeys context keys to drop, as the oracle drops keys that do not apply to the action
     * @throws dev.bulwark.policy.document.MalformedPolicyException when a policy does not parse
     * @throws IllegalArgumentException when the case is not well-formed
     */
    public static OracleCase from(JsonNode node, Collection<String> ignoredContextKeys)
    {
        String id = node.path("id").asText();
        JsonNode request = node.get("request");
        if (request == null || !request.isObject()) {
            throw new IllegalArgumentException("case " + id + " has no request");
        }
        RequestPrincipal principal = RequestPrincipal.parse(text(request, "principal"));
        String action = text(request, "action");
        String resource = text(request, "resource");
        AuthorizationRequest.Builder builder = AuthorizationRequest.builder(principal, action, resource)
                .context(context(request.path("context"), ignoredContextKeys))
                .identityPolicies(compile(PolicyType.IDENTITY, "identity", node.path("identityPolicies")));
        if (request.hasNonNull("resourceAccount")) {
            builder.resourceAccount(request.get("resourceAccount").asText());
        }
        if (node.hasNonNull("resourcePolicy")) {
            builder.resourcePolicy(CompiledPolicies.compile(source(PolicyType.RESOURCE, "resource", node.get("resourcePolicy"))));
        }
        if (node.hasNonNull("permissionBoundary")) {
            builder.permissionsBoundary(CompiledPolicies.compile(source(PolicyType.PERMISSIONS_BOUNDARY, "boundary", node.get("permissionBoundary"))));
        }
        if (node.hasNonNull("sessionPolicy")) {
            builder.sessionPolicy(CompiledPolicies.compile(source(PolicyType.SESSION, "session", node.get("sessionPolicy"))));
        }
        builder.scpLevels(levels(PolicyType.SCP, node.path("scps"), false));
        builder.rcpLevels(levels(PolicyType.RCP, node.path("rcps"), true));
        String lowerAction = action.toLowerCase(Locale.ROOT);
        builder.actionAlwaysAllowed(lowerAction.equals(GET_CALLER_IDENTITY));
        builder.accountTrust(accountTrust(lowerAction, resource));
        return new OracleCase(id, builder.build());
    }

    private static AccountTrust accountTrust(String lowerAction, String resource)
    {
        if (lowerAction.startsWith("kms:")) {
            String[] parts = resource.split(":", 6);
            boolean keyResource = resource.equals("*") || (parts.length == 6 && parts[5].startsWith("key/"));
            return keyResource ? AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT : AccountTrust.IMPLICIT;
        }
        if (lowerAction.startsWith("sts:")) {
            return AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT_IF_PRESENT;
        }
        return AccountTrust.IMPLICIT;
    }

    private static List<CompiledPolicies> levels(PolicyType type, JsonNode levels, boolean addFullAccess)
    {
        List<CompiledPolicies> result = new ArrayList<>();
        if (!levels.isArray()) {
            return result;
        }
        int level = 0;
        for (JsonNode docs : levels) {
            List<PolicySource> sources = new ArrayList<>();
            int index = 0;
            for (JsonNode doc : docs) {
                sources.add(source(type, type.name().toLowerCase(Locale.ROOT) + level + "_" + index++, doc));
            }
            if (addFullAccess) {
                sources.add(new PolicySource(type, "RCPFullAWSAccess", PolicyDocument.parse(AuthorizationRequest.RCP_FULL_AWS_ACCESS_JSON)));
            }
            result.add(CompiledPolicies.compile(sources));
            level++;
        }
        return result;
    }

    private static CompiledPolicies compile(PolicyType type, String prefix, JsonNode docs)
    {
        List<PolicySource> sources = new ArrayList<>();
        int index = 0;
        for (JsonNode doc : docs) {
            sources.add(source(type, prefix + index++, doc));
        }
        return CompiledPolicies.compile(sources);
    }

    private static PolicySource source(PolicyType type, String name, JsonNode doc)
    {
        return new PolicySource(type, name, PolicyDocument.parse(doc.toString()));
    }

    private static RequestContext context(JsonNode context, Collection<String> ignored)
    {
        Set<String> drop = new java.util.HashSet<>();
        ignored.forEach(key -> drop.add(key.toLowerCase(Locale.ROOT)));
        Map<String, List<String>> values = new HashMap<>();
        for (Map.Entry<String, JsonNode> field : context.properties()) {
            if (drop.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            JsonNode value = field.getValue();
            List<String> list = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(item -> list.add(item.asText()));
            }
            else {
                list.add(value.asText());
            }
            values.put(field.getKey(), list);
        }
        return RequestContext.of(values);
    }

    private static String text(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("request." + field + " must be a string");
        }
        return value.textValue();
    }
}
