package dev.bulwark.policy.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Policy JSON to records, in IAM's order of checks: the JSON shape first ("Syntax errors in policy."), then the
 * legacy parser's value checks, then Sid uniqueness, principals, actions and resources. The order matters because
 * a document with several faults gets the message of the first check that fails (observed on IAM's CreatePolicy).
 */
final class PolicyParser
{
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of(
            "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition");

    private PolicyParser() {}

    static PolicyDocument parse(String json, PolicyGrammar grammar)
    {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        }
        catch (JsonProcessingException e) {
            throw MalformedPolicyException.syntaxErrors();
        }
        if (root == null || !root.isObject()) {
            throw MalformedPolicyException.syntaxErrors();
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            if (!TOP_LEVEL.contains(names.next())) {
                throw MalformedPolicyException.syntaxErrors();
            }
        }
        Optional<PolicyVersion> version = Optional.empty();
        if (root.has("Version")) {
            version = Optional.of(PolicyVersion.fromText(text(root.get("Version"))).orElseThrow(MalformedPolicyException::syntaxErrors));
        }
        if (grammar == PolicyGrammar.MANAGED && version.orElse(PolicyVersion.V2008_10_17) != PolicyVersion.V2012_10_17) {
            // IAM checks this first for managed policies: a document without a version is a 2008-10-17 one.
            throw MalformedPolicyException.versionTooOld();
        }
        Optional<String> id = root.has("Id") ? Optional.of(text(root.get("Id"))) : Optional.empty();
        JsonNode statementNode = root.get("Statement");
        List<JsonNode> statementNodes = new ArrayList<>();
        if (statementNode == null) {
            throw MalformedPolicyException.syntaxErrors();
        }
        if (statementNode.isArray()) {
            statementNode.forEach(statementNodes::add);
        }
        else {
            statementNodes.add(statementNode);
        }
        if (statementNodes.isEmpty()) {
            throw MalformedPolicyException.syntaxErrors();
        }
        List<RawStatement> raw = new ArrayList<>();
        for (JsonNode node : statementNodes) {
            raw.add(shape(node));
        }
        for (RawStatement statement : raw) {
            checkLegacy(statement);
        }
        // IAM accepts several statements with an empty Sid ("Sid": ""), as in AWS's own example policies.
        Set<String> sids = new HashSet<>();
        for (RawStatement statement : raw) {
            if (statement.sid.isPresent() && !statement.sid.get().isEmpty() && !sids.add(statement.sid.get())) {
                throw MalformedPolicyException.duplicateSid();
            }
        }
        List<Statement> statements = new ArrayList<>();
        for (RawStatement statement : raw) {
            statements.add(finish(statement, grammar));
        }
        return new PolicyDocument(version, id, statements);
    }

    /** A statement whose JSON shape is right but whose values are not yet checked. */
    private record RawStatement(
            Optional<String> sid,
            String effect,
            Optional<PrincipalClause> principal,
            Optional<ElementList> actions,
            Optional<ElementList> resources,
            List<ConditionClause> conditions) {}

    private static RawStatement shape(JsonNode node)
    {
        if (!node.isObject()) {
            throw MalformedPolicyException.syntaxErrors();
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!STATEMENT_ELEMENTS.contains(names.next())) {
                throw MalformedPolicyException.syntaxErrors();
            }
        }
        Optional<String> sid = node.has("Sid") ? Optional.of(text(node.get("Sid"))) : Optional.empty();
        JsonNode effectNode = node.get("Effect");
        if (effectNode == null) {
            throw MalformedPolicyException.syntaxErrors();
        }
        String effect = text(effectNode);
        if (!effect.equalsIgnoreCase("Allow") && !effect.equalsIgnoreCase("Deny")) {
            throw MalformedPolicyException.syntaxErrors();
        }
        Optional<PrincipalClause> principal = principal(node);
        Optional<ElementList> actions = exclusiveList(node, "Action", "NotAction");
        Optional<ElementList> resources = exclusiveList(node, "Resource", "NotResource");
        List<ConditionClause> conditions = node.has("Condition") ? conditions(node.get("Condition")) : List.of();
        return new RawStatement(sid, effect, principal, actions, resources, conditions);
    }

    private static Optional<PrincipalClause> principal(JsonNode statement)
    {
        JsonNode principal = statement.get("Principal");
        JsonNode notPrincipal = statement.get("NotPrincipal");
        if (principal != null && notPrincipal != null) {
            throw MalformedPolicyException.syntaxErrors();
        }
        boolean negated = notPrincipal != null;
        JsonNode node = negated ? notPrincipal : principal;
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            if (!node.textValue().equals("*")) {
                throw MalformedPolicyException.syntaxErrors();
            }
            return Optional.of(new PrincipalClause(negated, true, Map.of()));
        }
        if (!node.isObject() || node.isEmpty()) {
            throw MalformedPolicyException.syntaxErrors();
        }
        Map<PrincipalType, List<String>> values = new EnumMap<>(PrincipalType.class);
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            PrincipalType type = PrincipalType.fromKey(field.getKey()).orElseThrow(MalformedPolicyException::syntaxErrors);
            values.put(type, stringList(field.getValue()));
        }
        return Optional.of(new PrincipalClause(negated, false, values));
    }

    private static Optional<ElementList> exclusiveList(JsonNode statement, String positive, String negative)
    {
        JsonNode plain = statement.get(positive);
        JsonNode negated = statement.get(negative);
        if (plain != null && negated != null) {
            throw MalformedPolicyException.syntaxErrors();
        }
        if (plain != null) {
            return Optional.of(new ElementList(false, stringList(plain)));
        }
        if (negated != null) {
            return Optional.of(new ElementList(true, stringList(negated)));
        }
        return Optional.empty();
    }

    private static List<ConditionClause> conditions(JsonNode node)
    {
        if (!node.isObject()) {
            throw MalformedPolicyException.syntaxErrors();
        }
        List<ConditionClause> clauses = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> operators = node.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = operators.next();
            JsonNode keys = entry.getValue();
            if (!keys.isObject()) {
                throw MalformedPolicyException.syntaxErrors();
            }
            if (keys.isEmpty()) {
                // IAM accepts an operator with no keys, even an unknown one; it constrains nothing.
                continue;
            }
            ConditionOperator operator = ConditionOperator.parse(entry.getKey()).orElseThrow(MalformedPolicyException::syntaxErrors);
            for (Iterator<Map.Entry<String, JsonNode>> fields = keys.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> key = fields.next();
                clauses.add(new ConditionClause(operator, key.getKey(), scalarList(key.getValue())));
            }
        }
        return clauses;
    }

    /**
     * The date shapes IAM's legacy parser lets through besides the W3C forms: signed epoch numbers and loose ISO 8601
     * (short fields, a lower-case "t", an hour-only offset), e.g. {@code -292275054}, {@code 01T},
     * {@code 2016-12-13t2:00:00.593194+23}. They are stored as written; a request date never matches them.
     */
    private static final java.util.regex.Pattern LEGACY_DATE = java.util.regex.Pattern.compile(
            "\\d{1,4}(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12]\\d|3[01]))?)?([Tt](\\d{1,2}(:\\d{1,2}(:\\d{1,2}(\\.\\d{1,9})?)?)?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)?)?");

    private static boolean isLegacyDate(String value)
    {
        if (value.matches("[+-]?\\d+")) {
            try {
                Long.parseLong(value);
                return true;
            }
            catch (NumberFormatException e) {
                return false;
            }
        }
        return LEGACY_DATE.matcher(value).matches();
    }

    private static void checkLegacy(RawStatement statement)
    {
        if (!statement.effect.equals("Allow") && !statement.effect.equals("Deny")) {
            throw MalformedPolicyException.failedLegacyParsing();
        }
        for (ConditionClause clause : statement.conditions) {
            if (clause.operator().base().family() == ConditionOperator.Family.DATE) {
                for (String value : clause.values()) {
                    if (!value.contains("${") && !isDate(value) && !isLegacyDate(value)) {
                        throw MalformedPolicyException.failedLegacyParsing();
                    }
                }
            }
        }
        if (statement.resources.isPresent()) {
            // An unknown partition anywhere in the list is reported before a short ARN.
            statement.resources.get().values().forEach(PolicyParser::checkPartition);
            for (String resource : statement.resources.get().values()) {
                String[] fields = resource.startsWith("arn:") ? resource.split(":", 6) : new String[0];
                if (fields.length == 4 || fields.length == 5 || (fields.length == 6 && fields[2].isEmpty())) {
                    throw MalformedPolicyException.failedLegacyParsing();
                }
            }
        }
    }

    private static boolean isDate(String value)
    {
        try {
            PolicyDates.parse(value);
            return true;
        }
        catch (java.time.DateTimeException | NumberFormatException e) {
            return false;
        }
    }

    private static Statement finish(RawStatement raw, PolicyGrammar grammar)
    {
        if (grammar.identityBased() && raw.principal.isPresent()) {
            throw MalformedPolicyException.prohibitedPrincipal();
        }
        if (grammar.resourceBased() && raw.principal.isEmpty()) {
            throw MalformedPolicyException.missingPrincipal();
        }
        if (grammar == PolicyGrammar.TRUST && raw.resources.isPresent()) {
            throw MalformedPolicyException.prohibitedResource();
        }
        if (raw.actions.isEmpty() || raw.actions.get().values().isEmpty()) {
            throw MalformedPolicyException.missingActions();
        }
        boolean resourcesEmpty = raw.resources.isEmpty() || raw.resources.get().values().isEmpty();
        if (resourcesEmpty && (grammar.identityBased() || raw.resources.isPresent())) {
            throw MalformedPolicyException.missingResources();
        }
        // IAM reports a malformed resource before a malformed action.
        raw.resources.ifPresent(list -> list.values().forEach(PolicyParser::checkResource));
        raw.actions.get().values().forEach(PolicyParser::checkAction);
        if (grammar == PolicyGrammar.TRUST && !raw.actions.get().negated()) {
            raw.actions.get().values().forEach(PolicyParser::checkTrustAction);
        }
        raw.principal.ifPresent(PolicyParser::checkPrincipal);
        StatementEffect effect = raw.effect.equals("Allow") ? StatementEffect.ALLOW : StatementEffect.DENY;
        return new Statement(raw.sid, effect, raw.principal, raw.actions.get(), raw.resources, raw.conditions);
    }

    private static void checkAction(String action)
    {
        if (action.equals("*")) {
            return;
        }
        int colon = action.indexOf(':');
        if (colon < 0) {
            throw MalformedPolicyException.actionWithoutVendor();
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            throw MalformedPolicyException.actionWithManyColons();
        }
        String vendor = action.substring(0, colon);
        if (vendor.isEmpty() || !vendor.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '*' || c == '?' || c == '_' || c == '.')) {
            throw MalformedPolicyException.invalidVendor(vendor);
        }
    }

    /** What a trust policy may allow or deny: assuming the role, and tagging, naming or setting context on the session. */
    private static final List<String> TRUST_ACTIONS = List.of("sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity",
            "sts:tagsession", "sts:setsourceidentity", "sts:setcontext");

    private static void checkTrustAction(String action)
    {
        String lower = action.toLowerCase(java.util.Locale.ROOT);
        // A wildcard passes when it covers at least one of them ("sts:*", "sts:AssumeRole*", "*").
        if (TRUST_ACTIONS.stream().noneMatch(allowed -> wildcardMatches(lower, allowed))) {
            throw MalformedPolicyException.invalidTrustAction();
        }
    }

    private static boolean wildcardMatches(String pattern, String text)
    {
        return text.matches(java.util.regex.Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"));
    }

    /** The resource types an IAM ARN may name (IAM's own check on resource paths). */
    private static final List<String> IAM_RESOURCE_TYPES = List.of("user/", "federated-user/", "role/", "group/", "instance-profile/", "mfa/",
            "server-certificate/", "policy/", "sms-mfa/", "saml-provider/", "oidc-provider/", "report/", "access-report/");

    private static void checkPartition(String resource)
    {
        if (resource.startsWith("arn:")) {
            String[] parts = resource.split(":", 6);
            if (parts.length >= 3 && !parts[1].startsWith("aws") && !parts[1].contains("*") && !parts[1].contains("${")) {
                throw MalformedPolicyException.invalidPartition(parts[1], resource);
            }
        }
    }

    private static void checkResource(String resource)
    {
        if (resource.equals("*") || resource.startsWith("${")) {
            return;
        }
        int colon = resource.indexOf(':');
        if (colon < 0) {
            throw MalformedPolicyException.resourceNotArn(resource);
        }
        // IAM reads anything with a colon as an ARN: the first field stands for "arn", missing fields are "*".
        String normalized = resource.startsWith("arn:") ? resource : "arn" + resource.substring(colon);
        String[] parts = normalized.split(":", 6);
        boolean vendorMissing = parts.length == 2;
        if (parts.length < 6) {
            StringBuilder padded = new StringBuilder(normalized);
            for (int i = parts.length; i < 6; i++) {
                padded.append(":*");
            }
            normalized = padded.toString();
            parts = normalized.split(":", 6);
        }
        String partition = parts[1];
        if (!partition.startsWith("aws") && !partition.contains("*") && !partition.contains("${")) {
            throw MalformedPolicyException.invalidPartition(partition, normalized);
        }
        if (vendorMissing) {
            throw MalformedPolicyException.unqualifiedVendor();
        }
        String vendor = parts[2];
        String region = parts[3];
        if (vendor.equals("iam")) {
            if (!region.isEmpty() && !region.equals("*")) {
                throw MalformedPolicyException.iamResourceWithRegion(resource);
            }
            String path = parts[5];
            // The account's root user (sts:AssumeRoot's resource) and trusted context providers are IAM resources too,
            // though IAM's message does not list them.
            if (!path.startsWith("*") && !path.startsWith("${") && !path.equals("root") && !path.startsWith("contextProvider/")
                    && IAM_RESOURCE_TYPES.stream().noneMatch(path::startsWith)) {
                throw MalformedPolicyException.invalidIamResourcePath();
            }
        }
        if (vendor.equals("s3") && !region.isEmpty() && !region.equals("*") && !region.contains("${") && parts[4].isEmpty()) {
            // A bucket or object names no region; access points and jobs name one along with their account.
            throw MalformedPolicyException.resourceWithRegion(resource);
        }
    }

    private static void checkPrincipal(PrincipalClause clause)
    {
        for (String value : clause.valuesOf(PrincipalType.AWS)) {
            boolean accountId = value.length() == 12 && value.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!value.equals("*") && !accountId && !value.startsWith("arn:")) {
                throw MalformedPolicyException.invalidPrincipal(PrincipalType.AWS.key(), value);
            }
        }
    }

    private static String text(JsonNode node)
    {
        if (!node.isTextual()) {
            throw MalformedPolicyException.syntaxErrors();
        }
        return node.textValue();
    }

    /** A string or an array of strings. */
    private static List<String> stringList(JsonNode node)
    {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw MalformedPolicyException.syntaxErrors();
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            values.add(text(item));
        }
        return values;
    }

    /** Condition values: a scalar or an array of scalars; booleans and numbers count as their JSON text. */
    private static List<String> scalarList(JsonNode node)
    {
        if (node.isArray()) {
            List<String> values = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                values.add(scalar(item));
            }
            return values;
        }
        return List.of(scalar(node));
    }

    private static String scalar(JsonNode node)
    {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean() || node.isNumber()) {
            return node.asText();
        }
        throw MalformedPolicyException.syntaxErrors();
    }
}
