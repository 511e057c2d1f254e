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

    private static void checkLegacy(RawStatement statement)
    {
        if (!statement.effect.equals("Allow") && !statement.effect.equals("Deny")) {
            throw MalformedPolicyException.failedLegacyParsing();
        }
        for (ConditionClause clause : statement.conditions) {
            if (clause.operator().base().family() == ConditionOperator.Family.DATE) {
                for (String value : clause.values()) {
                    if (!value.contains("${") && !isDate(value)) {
                        throw MalformedPolicyException.failedLegacyParsing();
                    }
                }
            }
        }
        if (statement.resources.isPresent()) {
            for (String resource : statement.resources.get().values()) {
                int segments = resource.startsWith("arn:") ? resource.split(":", 6).length : 0;
                if (segments == 4 || segments == 5) {
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
        if (grammar == PolicyGrammar.IDENTITY && raw.principal.isPresent()) {
            throw MalformedPolicyException.prohibitedPrincipal();
        }
        if (grammar == PolicyGrammar.RESOURCE && raw.principal.isEmpty()) {
            throw MalformedPolicyException.missingPrincipal();
        }
        if (raw.actions.isEmpty() || raw.actions.get().values().isEmpty()) {
            throw MalformedPolicyException.missingActions();
        }
        boolean resourcesEmpty = raw.resources.isEmpty() || raw.resources.get().values().isEmpty();
        if (resourcesEmpty && (grammar == PolicyGrammar.IDENTITY || raw.resources.isPresent())) {
            throw MalformedPolicyException.missingResources();
        }
        raw.actions.get().values().forEach(PolicyParser::checkAction);
        raw.resources.ifPresent(list -> list.values().forEach(PolicyParser::checkResource));
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
        if (vendor.isEmpty() || !vendor.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '*' || c == '?' || c == '_')) {
            throw MalformedPolicyException.invalidVendor(vendor);
        }
    }

    private static void checkResource(String resource)
    {
        if (resource.equals("*") || resource.startsWith("${")) {
            return;
        }
        if (!resource.startsWith("arn:")) {
            throw MalformedPolicyException.resourceNotArn(resource);
        }
        String[] parts = resource.split(":", 6);
        if (parts.length < 3) {
            throw MalformedPolicyException.resourceNotArn(resource);
        }
        String partition = parts[1];
        if (!partition.startsWith("aws") && !partition.contains("*") && !partition.contains("${")) {
            throw MalformedPolicyException.invalidPartition(partition, resource);
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
