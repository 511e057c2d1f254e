package dev.bulwark.server.services.iam;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDates;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.PrincipalKind;
import dev.bulwark.policy.eval.RequestContext;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetContextKeysForPrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.bulwark.server.services.iam.IamWire.read;
import static java.util.Objects.requireNonNull;

/**
 * IAM's policy simulator and context-key discovery (SimulatePrincipalPolicy, SimulateCustomPolicy,
 * GetContextKeysForPrincipalPolicy, GetContextKeysForCustomPolicy), decided by the same policy engine that
 * enforces live requests (see {@link PolicySimulator}).
 *
 * <p>A principal's policies are what AWS simulates for it: a user's inline and attached policies plus those of
 * its groups (IDs {@code user_<user>_<policy>}, {@code group_<group>_<policy>}, managed policy ARNs), a group's or
 * a role's own; its permissions boundary unless PermissionsBoundaryPolicyInputList replaces it; PolicyInputList
 * adds policies ({@code PolicyInputList.<n>}). Authorization: {@code iam:SimulatePrincipalPolicy} and
 * {@code iam:GetContextKeysForPrincipalPolicy} on the principal's ARN, the custom forms on {@code *}.
 */
public final class IamSimulationOperations implements ServiceOperations
{
    /** What one simulation page holds when MaxItems is not given (IAM's default page size). */
    static final int DEFAULT_MAX_ITEMS = 100;
    static final String POLICY_INPUT_LIST = "PolicyInputList.";
    static final String BOUNDARY_INPUT_LIST = "PermissionsBoundaryPolicyInputList.";
    static final String RESOURCE_POLICY_ID = "ResourcePolicy";

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(/(12[0-8]|1[01]\\d|[1-9]?\\d))?");

    private final IamStore iam;

    public IamSimulationOperations(IamStore iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                read("SimulatePrincipalPolicy", SimulatePrincipalPolicyRequest.class,
                        (in, r) -> List.of(Access.of("iam:SimulatePrincipalPolicy", r.policySourceArn())), this::simulatePrincipalPolicy),
                read("SimulateCustomPolicy", SimulateCustomPolicyRequest.class,
                        (in, r) -> List.of(Access.of("iam:SimulateCustomPolicy", "*")), this::simulateCustomPolicy),
                read("GetContextKeysForPrincipalPolicy", GetContextKeysForPrincipalPolicyRequest.class,
                        (in, r) -> List.of(Access.of("iam:GetContextKeysForPrincipalPolicy", r.policySourceArn())), this::getContextKeysForPrincipalPolicy),
                read("GetContextKeysForCustomPolicy", GetContextKeysForCustomPolicyRequest.class,
                        (in, r) -> List.of(Access.of("iam:GetContextKeysForCustomPolicy", "*")), this::getContextKeysForCustomPolicy));
    }

    // ---------------------------------------------------------------- simulation

    private SimulatePrincipalPolicyResponse simulatePrincipalPolicy(Invocation in, SimulatePrincipalPolicyRequest request)
    {
        Principal principal = principal(in, request.policySourceArn());
        List<PolicySimulator.Input> identity = new ArrayList<>(principal.policies());
        identity.addAll(inputs(request.policyInputList(), POLICY_INPUT_LIST, PolicyGrammar.IDENTITY));
        Optional<PolicySimulator.Input> boundary = boundary(request.permissionsBoundaryPolicyInputList()).or(principal::boundary);
        Optional<PolicySimulator.Input> resourcePolicy = resourcePolicy(request.resourcePolicy());
        RequestPrincipal caller = caller(request.callerArn(), principal.userArn(), resourcePolicy.isPresent(), principal.arn(), in.accountId(),
                principal.role());
        PolicySimulator.Scenario scenario = new PolicySimulator.Scenario(caller, identity, boundary, resourcePolicy,
                resourceOwner(request.resourceOwner()), context(request.contextEntries()));
        List<EvaluationResult> results = PolicySimulator.simulate(scenario, actions(request.actionNames()), request.resourceArns());
        Paged page = page(results, request.marker(), request.maxItems());
        return SimulatePrincipalPolicyResponse.builder().evaluationResults(page.items()).isTruncated(page.marker() != null).marker(page.marker()).build();
    }

    private SimulateCustomPolicyResponse simulateCustomPolicy(Invocation in, SimulateCustomPolicyRequest request)
    {
        List<PolicySimulator.Input> identity = inputs(request.policyInputList(), POLICY_INPUT_LIST, PolicyGrammar.IDENTITY);
        Optional<PolicySimulator.Input> boundary = boundary(request.permissionsBoundaryPolicyInputList());
        Optional<PolicySimulator.Input> resourcePolicy = resourcePolicy(request.resourcePolicy());
        RequestPrincipal caller = caller(request.callerArn(), Optional.empty(), resourcePolicy.isPresent(), null, in.accountId(), false);
        PolicySimulator.Scenario scenario = new PolicySimulator.Scenario(caller, identity, boundary, resourcePolicy,
                resourceOwner(request.resourceOwner()), context(request.contextEntries()));
        List<EvaluationResult> results = PolicySimulator.simulate(scenario, actions(request.actionNames()), request.resourceArns());
        Paged page = page(results, request.marker(), request.maxItems());
        return SimulateCustomPolicyResponse.builder().evaluationResults(page.items()).isTruncated(page.marker() != null).marker(page.marker()).build();
    }

    // ---------------------------------------------------------------- context keys

    private GetContextKeysForPrincipalPolicyResponse getContextKeysForPrincipalPolicy(Invocation in, GetContextKeysForPrincipalPolicyRequest request)
    {
        Principal principal = principal(in, request.policySourceArn());
        List<PolicyDocument> documents = new ArrayList<>();
        principal.policies().forEach(input -> documents.add(input.document()));
        inputs(request.policyInputList(), POLICY_INPUT_LIST, PolicyGrammar.IDENTITY).forEach(input -> documents.add(input.document()));
        return GetContextKeysForPrincipalPolicyResponse.builder().contextKeyNames(ContextKeys.of(documents)).build();
    }

    private GetContextKeysForCustomPolicyResponse getContextKeysForCustomPolicy(Invocation in, GetContextKeysForCustomPolicyRequest request)
    {
        List<PolicyDocument> documents = new ArrayList<>();
        inputs(request.policyInputList(), POLICY_INPUT_LIST, PolicyGrammar.ANY).forEach(input -> documents.add(input.document()));
        return GetContextKeysForCustomPolicyResponse.builder().contextKeyNames(ContextKeys.of(documents)).build();
    }

    // ---------------------------------------------------------------- the simulated principal

    /**
     * The user, group or role a PolicySourceArn names, with its policies as the simulator names them.
     *
     * @param userArn the ARN of a user source (the default caller), empty for groups and roles
     */
    private record Principal(String arn, Optional<String> userArn, boolean role, List<PolicySimulator.Input> policies,
            Optional<PolicySimulator.Input> boundary) {}

    private Principal principal(Invocation in, String arn)
    {
        Tx tx = in.transaction();
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || parts[4].isEmpty()) {
            throw invalidArn(arn);
        }
        String resource = parts[5];
        int slash = resource.indexOf('/');
        if (slash < 0) {
            throw invalidArn(arn);
        }
        String type = resource.substring(0, slash);
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        String account = parts[4];
        List<PolicySimulator.Input> policies = new ArrayList<>();
        switch (type) {
            case "user" -> {
                User user = (account.equals(in.accountId()) ? iam.findUser(tx, account, name) : Optional.<User>empty())
                        .filter(found -> found.arn().equals(arn))
                        .orElseThrow(() -> IamErrors.noSuchUser(name));
                addOwner(tx, user.asOwner(), "user", policies);
                for (Group group : iam.groupsForUser(tx, user)) {
                    addOwner(tx, group.asOwner(), "group", policies);
                }
                return new Principal(arn, Optional.of(arn), false, policies, managedBoundary(tx, account, user.permissionsBoundaryArn()));
            }
            case "group" -> {
                Group group = (account.equals(in.accountId()) ? iam.findGroup(tx, account, name) : Optional.<Group>empty())
                        .filter(found -> found.arn().equals(arn))
                        .orElseThrow(() -> IamErrors.noSuchGroup(name));
                addOwner(tx, group.asOwner(), "group", policies);
                return new Principal(arn, Optional.empty(), false, policies, Optional.empty());
            }
            case "role" -> {
                Role role = (account.equals(in.accountId()) ? iam.findRole(tx, account, name) : Optional.<Role>empty())
                        .filter(found -> found.arn().equals(arn))
                        .orElseThrow(() -> RoleErrors.noSuchRole(name));
                addOwner(tx, role.asOwner(), "role", policies);
                return new Principal(arn, Optional.empty(), true, policies, managedBoundary(tx, account, role.permissionsBoundaryArn()));
            }
            default -> throw invalidArn(arn);
        }
    }

    private void addOwner(Tx tx, PolicyOwner owner, String prefix, List<PolicySimulator.Input> policies)
    {
        PolicySourceType type = PolicySourceType.fromValue(prefix);
        for (InlinePolicy inline : iam.inlinePolicies(tx, owner)) {
            policies.add(new PolicySimulator.Input(prefix + "_" + owner.name() + "_" + inline.policyName(), type, inline.document(),
                    PolicyDocument.parse(inline.document())));
        }
        for (ManagedPolicy managed : iam.attachedPolicyDetails(tx, owner)) {
            policies.add(managedInput(managed));
        }
    }

    private Optional<PolicySimulator.Input> managedBoundary(Tx tx, String account, String boundaryArn)
    {
        return Optional.ofNullable(boundaryArn).flatMap(arn -> iam.findPolicy(tx, account, arn)).map(IamSimulationOperations::managedInput);
    }

    private static PolicySimulator.Input managedInput(ManagedPolicy managed)
    {
        return new PolicySimulator.Input(managed.arn(), managed.isAwsManaged() ? PolicySourceType.AWS_MANAGED : PolicySourceType.USER_MANAGED,
                managed.document(), PolicyDocument.parse(managed.document()));
    }

    // ---------------------------------------------------------------- request parameters

    private static List<PolicySimulator.Input> inputs(List<String> texts, String prefix, PolicyGrammar grammar)
    {
        List<PolicySimulator.Input> inputs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            inputs.add(new PolicySimulator.Input(prefix + (i + 1), null, texts.get(i), parse(texts.get(i), grammar)));
        }
        return inputs;
    }

    private static Optional<PolicySimulator.Input> boundary(List<String> texts)
    {
        if (texts.size() > 1) {
            throw invalidInput("Only one permissions boundary policy may be specified.");
        }
        return inputs(texts, BOUNDARY_INPUT_LIST, PolicyGrammar.IDENTITY).stream().findFirst();
    }

    private static Optional<PolicySimulator.Input> resourcePolicy(String text)
    {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(new PolicySimulator.Input(RESOURCE_POLICY_ID, PolicySourceType.RESOURCE, text, parse(text, PolicyGrammar.RESOURCE)));
    }

    private static PolicyDocument parse(String text, PolicyGrammar grammar)
    {
        try {
            return PolicyDocument.parse(text, grammar);
        }
        catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicy(e.getMessage());
        }
    }

    /**
     * Who the simulation acts as: CallerArn (an IAM user only), else the source user; a resource policy needs one of
     * them, because its Principal element must have someone to match.
     */
    private static RequestPrincipal caller(String callerArn, Optional<String> sourceUserArn, boolean hasResourcePolicy, String sourceArn,
            String accountId, boolean sourceIsRole)
    {
        if (callerArn != null) {
            RequestPrincipal parsed;
            try {
                parsed = RequestPrincipal.parse(callerArn);
            }
            catch (IllegalArgumentException e) {
                throw invalidInput("Invalid CallerArn: " + callerArn + ". CallerArn must be the ARN of an IAM user.");
            }
            if (parsed.kind() != PrincipalKind.USER) {
                throw invalidInput("Invalid CallerArn: " + callerArn + ". CallerArn must be the ARN of an IAM user.");
            }
            return parsed;
        }
        if (sourceUserArn.isPresent()) {
            return RequestPrincipal.parse(sourceUserArn.get());
        }
        if (hasResourcePolicy) {
            throw invalidInput("CallerArn must be specified if a ResourcePolicy is specified and the PolicySourceArn is not a user.");
        }
        if (sourceIsRole) {
            return RequestPrincipal.parse(sourceArn);
        }
        // A group, or custom policies with no caller: the simulated caller is nobody in particular of the account.
        String arn = sourceArn != null ? sourceArn : "arn:aws:iam::" + accountId + ":user/";
        return new RequestPrincipal(PrincipalKind.USER, arn, Optional.of(accountId), Optional.empty());
    }

    /** ResourceOwner is an account's ARN ({@code arn:aws:iam::123456789012:root}); its account owns ARN-less resources. */
    private static Optional<String> resourceOwner(String resourceOwner)
    {
        if (resourceOwner == null) {
            return Optional.empty();
        }
        return Optional.of(PolicySimulator.accountOf(resourceOwner)
                .filter(account -> account.matches("\\d{12}"))
                .orElseThrow(() -> invalidInput("Invalid ResourceOwner: " + resourceOwner + ". ResourceOwner must be an account ARN such as arn:aws:iam::123456789012:root.")));
    }

    private static List<String> actions(List<String> actionNames)
    {
        for (String action : actionNames) {
            int colon = action.indexOf(':');
            if (colon <= 0 || colon == action.length() - 1) {
                throw invalidInput("Invalid action name: " + action + ". Action names must be of the form service:action.");
            }
        }
        return actionNames;
    }

    /** ContextEntries as the engine's request context, each value checked against its declared type. */
    static RequestContext context(List<ContextEntry> entries)
    {
        Map<String, List<String>> values = new HashMap<>();
        for (ContextEntry entry : entries) {
            if (entry.contextKeyName() == null) {
                throw invalidInput("ContextKeyName is required in each context entry.");
            }
            ContextKeyTypeEnum type = entry.contextKeyType();
            if (type == null || type == ContextKeyTypeEnum.UNKNOWN_TO_SDK_VERSION) {
                throw invalidInput("Invalid ContextKeyType for context key " + entry.contextKeyName() + ".");
            }
            List<String> given = entry.contextKeyValues();
            if (!type.toString().endsWith("List") && given.size() > 1) {
                throw invalidInput("Context key " + entry.contextKeyName() + " of type " + type + " takes exactly one value.");
            }
            List<String> checked = new ArrayList<>();
            for (String value : given) {
                checked.add(checkValue(entry.contextKeyName(), type, value));
            }
            values.computeIfAbsent(entry.contextKeyName().toLowerCase(Locale.ROOT), ignored -> new ArrayList<>()).addAll(checked);
        }
        return RequestContext.of(values);
    }

    private static String checkValue(String key, ContextKeyTypeEnum type, String value)
    {
        String base = type.toString().replace("List", "");
        boolean valid = switch (base) {
            case "string" -> true;
            case "numeric" -> parses(() -> new BigDecimal(value.trim()));
            case "boolean" -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            case "date" -> parses(() -> PolicyDates.parse(value));
            case "ip" -> IPV4.matcher(value).matches() || IPV6.matcher(value).matches();
            case "binary" -> parses(() -> Base64.getDecoder().decode(value));
            default -> false;
        };
        if (!valid) {
            throw invalidInput("Invalid value " + value + " for context key " + key + " of type " + type + ".");
        }
        return base.equals("boolean") ? value.toLowerCase(Locale.ROOT) : value;
    }

    private static boolean parses(Runnable parse)
    {
        try {
            parse.run();
            return true;
        }
        catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }

    private record Paged(List<EvaluationResult> items, String marker) {}

    /** One page of results; the marker is the index of the next result. */
    private static Paged page(List<EvaluationResult> results, String marker, Integer maxItems)
    {
        int start = 0;
        if (marker != null) {
            try {
                start = Integer.parseInt(marker);
            }
            catch (NumberFormatException e) {
                start = -1;
            }
            if (start < 0 || start > results.size()) {
                throw invalidInput("Invalid Marker.");
            }
        }
        int size = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        int end = Math.min(results.size(), start + size);
        return new Paged(results.subList(start, end), end < results.size() ? Integer.toString(end) : null);
    }

    private static InvalidInputException invalidArn(String arn)
    {
        return invalidInput("ARN " + arn + " is not valid.");
    }

    static InvalidInputException invalidInput(String message)
    {
        return InvalidInputException.builder().message(message).build();
    }
}
