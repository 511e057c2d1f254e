package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import dev.bulwark.policy.reference.ServiceReference;
import dev.bulwark.policy.validate.JsonValue.JsonArray;
import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import dev.bulwark.policy.validate.JsonValue.Member;
import dev.bulwark.policy.validate.PositionedJsonReader.JsonSyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a policy document the way IAM Access Analyzer's {@code ValidatePolicy} does: grammar errors,
 * security warnings, general warnings and suggestions, each with Access Analyzer's issue code,
 * wording, documentation link and the path and span in the document it is about.
 *
 * <p>Unlike the parser, which stops at the first problem with IAM's {@code MalformedPolicyDocument}
 * message, the validator reads the JSON into a positioned tree and keeps going, so one run reports
 * every problem. Action names, condition keys and ARN formats are checked against
 * {@link ServiceReference}.
 *
 * <p>Checks run in this order, each over the whole document: document elements (Version,
 * Statement, size, Sid uniqueness); per statement its elements, principal, actions, resources and
 * conditions; then statement-level permission checks ({@code iam:PassRole} and
 * {@code iam:CreateServiceLinkedRole} with wildcards, Allow with NotPrincipal); then redundancy.
 * Findings keep that order.
 */
public final class PolicyValidator
{
    /** IAM's quota for a managed policy, and the size Access Analyzer warns about for identity policies. */
    static final int IDENTITY_POLICY_MAX_CHARACTERS = 6_144;
    /** AWS Organizations' quota for a service control policy document. */
    static final int SCP_MAX_CHARACTERS = 5_120;

    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    private final ServiceReference reference;

    public PolicyValidator(ServiceReference reference)
    {
        this.reference = requireNonNull(reference, "reference is null");
    }

    /** A validator over the service reference shipped with Bulwark. */
    public static PolicyValidator create()
    {
        return new PolicyValidator(ServiceReference.instance());
    }

    /** Validates a policy of the given type. */
    public List<Finding> validate(String policyDocument, PolicyType policyType)
    {
        return run(policyDocument, policyType, false);
    }

    /**
     * Validates a resource policy meant for a given kind of resource, like {@code ValidatePolicy}
     * with {@code validatePolicyResourceType}.
     */
    public List<Finding> validate(String policyDocument, PolicyType policyType, ValidatePolicyResourceType resourceType)
    {
        requireNonNull(resourceType, "resourceType is null");
        if (policyType != PolicyType.RESOURCE_POLICY) {
            throw new IllegalArgumentException("a resource type applies only to RESOURCE_POLICY, not " + policyType);
        }
        return run(policyDocument, policyType, resourceType == ValidatePolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT);
    }

    /**
     * Validates a role trust policy: a resource policy whose statements name principals and have no
     * {@code Resource} (Access Analyzer's {@code AWS::IAM::AssumeRolePolicyDocument} resource type).
     */
    public List<Finding> validateTrustPolicy(String policyDocument)
    {
        return validate(policyDocument, PolicyType.RESOURCE_POLICY, ValidatePolicyResourceType.IAM_ASSUME_ROLE_POLICY_DOCUMENT);
    }

    private List<Finding> run(String policyDocument, PolicyType policyType, boolean trustPolicy)
    {
        requireNonNull(policyDocument, "policyDocument is null");
        ValidationContext context = new ValidationContext(policyType, reference, trustPolicy);
        JsonValue root;
        try {
            root = PositionedJsonReader.read(policyDocument);
        }
        catch (JsonSyntaxException e) {
            Position at = e.position();
            context.add(IssueCode.JSON_SYNTAX_ERROR, List.of(), new Span(at, at), at.offset(), at.line(), at.column());
            return context.findings();
        }
        if (!(root instanceof JsonObject document)) {
            context.add(IssueCode.DATA_TYPE_MISMATCH, List.of(), root.span(), "Object");
            return context.findings();
        }
        checkDocument(document, policyDocument, context);
        return context.findings();
    }

    private static void checkDocument(JsonObject document, String text, ValidationContext context)
    {
        for (Member member : document.members()) {
            if (!DOCUMENT_ELEMENTS.contains(member.key())) {
                context.add(IssueCode.INVALID_POLICY_ELEMENT, List.of(PathElement.key(member.key())), member.keySpan(), member.key());
            }
        }
        checkVersion(document, context);
        document.member("Id").ifPresent(id -> {
            if (!(id.value() instanceof JsonString)) {
                context.add(IssueCode.DATA_TYPE_MISMATCH, List.of(PathElement.value("Id")), id.value().span(), "String");
            }
        });
        checkSize(document, text, context);

        List<StatementChecks.StatementNode> statements = statements(document, context);
        List<String> canonical = new ArrayList<>();
        Map<String, Integer> firstSid = new HashMap<>();
        for (StatementChecks.StatementNode statement : statements) {
            StatementChecks.check(statement, context);
            checkSidUnique(statement, firstSid, context);
            canonical.add(RedundancyChecks.canonical(statement.object()));
        }
        RedundancyChecks.checkStatements(statements, canonical, context);
    }

    private static void checkVersion(JsonObject document, ValidationContext context)
    {
        var version = document.member("Version");
        if (version.isEmpty()) {
            Position start = document.span().start();
            context.add(IssueCode.MISSING_VERSION, List.of(), new Span(start, start));
            context.variablesSupported(false);
            return;
        }
        List<PathElement> path = List.of(PathElement.value("Version"));
        JsonValue value = version.get().value();
        if (!(value instanceof JsonString string)) {
            context.add(IssueCode.DATA_TYPE_MISMATCH, path, value.span(), "String");
            return;
        }
        if (!VERSIONS.contains(string.value())) {
            context.add(IssueCode.INVALID_VERSION, path, value.span(), string.value());
            return;
        }
        context.variablesSupported(string.value().equals("2012-10-17"));
    }

    private static void checkSize(JsonObject document, String text, ValidationContext context)
    {
        int size = PolicySize.charactersWithoutWhitespace(text);
        switch (context.policyType()) {
            case IDENTITY_POLICY -> {
                if (size > IDENTITY_POLICY_MAX_CHARACTERS) {
                    context.add(IssueCode.POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA, List.of(), document.span(), size, IDENTITY_POLICY_MAX_CHARACTERS);
                }
            }
            case SERVICE_CONTROL_POLICY -> {
                if (size > SCP_MAX_CHARACTERS) {
                    context.add(IssueCode.POLICY_SIZE_EXCEEDS_SCP_QUOTA, List.of(), document.span(), size, SCP_MAX_CHARACTERS);
                }
            }
            case RESOURCE_POLICY, RESOURCE_CONTROL_POLICY -> {
                // their quotas belong to the service that stores them (bucket policy 20 KB, key policy 32 KB, ...)
            }
        }
    }

    private static List<StatementChecks.StatementNode> statements(JsonObject document, ValidationContext context)
    {
        var statement = document.member("Statement");
        if (statement.isEmpty()) {
            Position start = document.span().start();
            context.add(IssueCode.MISSING_STATEMENT, List.of(), new Span(start, start));
            return List.of();
        }
        List<PathElement> path = List.of(PathElement.value("Statement"));
        JsonValue value = statement.get().value();
        if (value instanceof JsonObject single) {
            return List.of(new StatementChecks.StatementNode(single, path));
        }
        if (!(value instanceof JsonArray array)) {
            context.add(IssueCode.DATA_TYPE_MISMATCH, path, value.span(), "Array");
            return List.of();
        }
        if (array.elements().isEmpty()) {
            context.add(IssueCode.MISSING_STATEMENT, path, array.span());
        }
        List<StatementChecks.StatementNode> statements = new ArrayList<>();
        for (int i = 0; i < array.elements().size(); i++) {
            JsonValue element = array.elements().get(i);
            List<PathElement> elementPath = ValidationContext.path(path, PathElement.index(i));
            if (element instanceof JsonObject object) {
                statements.add(new StatementChecks.StatementNode(object, elementPath));
            }
            else {
                context.add(IssueCode.DATA_TYPE_MISMATCH, elementPath, element.span(), "Object");
            }
        }
        return statements;
    }

    private static void checkSidUnique(StatementChecks.StatementNode statement, Map<String, Integer> firstSid, ValidationContext context)
    {
        statement.object().member("Sid").ifPresent(sid -> {
            if (sid.value() instanceof JsonString string && !string.value().isEmpty()
                    && firstSid.putIfAbsent(string.value(), firstSid.size()) != null) {
                // IAM rejects duplicate Sids in identity policies; services that store resource policies accept them
                IssueCode code = context.policyType() == PolicyType.RESOURCE_POLICY ? IssueCode.UNIQUE_SIDS_RECOMMENDED : IssueCode.UNIQUE_SIDS_REQUIRED;
                context.add(code, ValidationContext.path(statement.path(), PathElement.value("Sid")), string.span());
            }
        });
    }
}
