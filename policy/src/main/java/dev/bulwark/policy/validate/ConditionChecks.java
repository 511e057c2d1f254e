package dev.bulwark.policy.validate;

import dev.bulwark.policy.reference.ConditionKeyInfo;
import dev.bulwark.policy.reference.ConditionKeyType;
import dev.bulwark.policy.reference.ServiceReference;
import dev.bulwark.policy.validate.ConditionOperatorName.Family;
import dev.bulwark.policy.validate.JsonValue.JsonArray;
import dev.bulwark.policy.validate.JsonValue.JsonLiteral;
import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import dev.bulwark.policy.validate.JsonValue.LiteralKind;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The {@code Condition} block: operators, keys against the reference, and values against the operator's type. */
final class ConditionChecks
{
    /** Tag keys written without their tag name, for {@code MISSING_TAG_KEY_IN_CONDITION}. */
    private static final Set<String> TAG_KEY_STEMS = Set.of("aws:requesttag", "aws:resourcetag", "aws:principaltag");
    private static final String DEPRECATED_ARN_KEY = "aws:arn";
    private static final String SOURCE_IP = "aws:sourceip";
    /** The one Date key whose values are epoch seconds by design. */
    private static final String EPOCH_TIME = "aws:EpochTime";

    private ConditionChecks() {}

    static void check(StatementChecks.StatementNode statement, Optional<String> effect, ValidationContext context)
    {
        Optional<Member> condition = statement.member("Condition");
        if (condition.isEmpty()) {
            return;
        }
        List<PathElement> path = statement.pathTo("Condition");
        if (!(condition.get().value() instanceof JsonObject block)) {
            context.add(IssueCode.DATA_TYPE_MISMATCH, path, condition.get().value().span(), "Object");
            return;
        }
        if (block.members().isEmpty()) {
            context.add(IssueCode.EMPTY_OBJECT_CONDITION, path, block.span());
            return;
        }
        boolean allow = effect.filter("Allow"::equals).isPresent();
        for (Member operatorMember : block.members()) {
            checkOperator(operatorMember, path, allow, context);
        }
    }

    private static void checkOperator(Member operatorMember, List<PathElement> conditionPath, boolean allow, ValidationContext context)
    {
        List<PathElement> keyPath = ValidationContext.path(conditionPath, PathElement.key(operatorMember.key()));
        Optional<ConditionOperatorName> parsed = ConditionOperatorName.parse(operatorMember.key());
        if (parsed.isEmpty()) {
            context.add(IssueCode.INVALID_CONDITION_OPERATOR, keyPath, operatorMember.keySpan(), operatorMember.key());
            return;
        }
        ConditionOperatorName operator = parsed.get();
        if (operator.family() == Family.NULL && operator.ifExists()) {
            context.add(IssueCode.NULL_WITH_IF_EXISTS, keyPath, operatorMember.keySpan());
        }
        if (operator.family() == Family.NULL && operator.qualifier().isPresent()) {
            context.add(IssueCode.NULL_WITH_QUALIFIER, keyPath, operatorMember.keySpan());
        }
        List<PathElement> operatorPath = ValidationContext.path(conditionPath, PathElement.value(operatorMember.key()));
        if (!(operatorMember.value() instanceof JsonObject keys)) {
            context.add(IssueCode.DATA_TYPE_MISMATCH, operatorPath, operatorMember.value().span(), "Object");
            return;
        }
        Map<String, String> seenKeys = new HashMap<>();
        for (Member keyMember : keys.members()) {
            String previous = seenKeys.putIfAbsent(keyMember.key().toLowerCase(Locale.ROOT), keyMember.key());
            if (previous != null && !previous.equals(keyMember.key())) {
                context.add(IssueCode.DUPLICATE_KEYS_WITH_DIFFERENT_CASE, ValidationContext.path(operatorPath, PathElement.key(keyMember.key())), keyMember.keySpan(), keyMember.key());
            }
            checkKey(operator, keyMember, operatorPath, allow, context);
        }
    }

    private static void checkKey(ConditionOperatorName operator, Member keyMember, List<PathElement> operatorPath, boolean allow, ValidationContext context)
    {
        String key = keyMember.key();
        List<PathElement> keyPath = ValidationContext.path(operatorPath, PathElement.key(key));
        List<PathElement> valuePath = ValidationContext.path(operatorPath, PathElement.value(key));
        Optional<ConditionKeyInfo> info = checkKeyName(key, keyPath, keyMember.keySpan(), context);

        if (keyMember.value() instanceof JsonArray array && array.elements().isEmpty()) {
            IssueCode empty = operator.qualifier().map(q -> q.equals("ForAllValues") ? IssueCode.EMPTY_ARRAY_CONDITION_FORALLVALUES : IssueCode.EMPTY_ARRAY_CONDITION_FORANYVALUE)
                    .orElse(operator.ifExists() ? IssueCode.EMPTY_ARRAY_CONDITION_IFEXISTS : IssueCode.EMPTY_ARRAY_CONDITION);
            context.add(empty, valuePath, array.span(), key);
            return;
        }
        List<StringValues.Entry> values = conditionValues(keyMember.value(), valuePath, context);
        info.ifPresent(known -> checkKeyAgainstOperator(operator, known, key, keyPath, keyMember.keySpan(), allow, context));
        checkValues(operator, key, values, context);
    }

    /** Reports an unknown or malformed key name; returns the reference's entry when the key is known. */
    private static Optional<ConditionKeyInfo> checkKeyName(String key, List<PathElement> path, Span span, ValidationContext context)
    {
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            context.add(IssueCode.INVALID_CONDITION_KEY_FORMAT, path, span);
            return Optional.empty();
        }
        String lowerKey = key.toLowerCase(Locale.ROOT);
        String prefix = lowerKey.substring(0, colon);
        ServiceReference reference = context.reference();
        Optional<ConditionKeyInfo> info = reference.conditionKey(key);
        if (info.isPresent()) {
            return info;
        }
        String stem = lowerKey.endsWith("/") ? lowerKey.substring(0, lowerKey.length() - 1) : lowerKey;
        if (TAG_KEY_STEMS.contains(stem) || reference.conditionKey(stem + "/tag").isPresent()) {
            context.add(IssueCode.MISSING_TAG_KEY_IN_CONDITION, path, span, key, key.endsWith("/") ? key.substring(0, key.length() - 1) : key);
        }
        else if (prefix.equals("aws")) {
            context.add(lowerKey.equals(DEPRECATED_ARN_KEY) ? IssueCode.UNSUPPORTED_GLOBAL_CONDITION_KEY : IssueCode.INVALID_GLOBAL_CONDITION_KEY, path, span, key);
        }
        else if (reference.service(prefix).isPresent()) {
            context.add(IssueCode.INVALID_SERVICE_CONDITION_KEY, path, span, key, key.substring(0, colon));
        }
        else if (!reference.isKnownConditionKeyPrefix(prefix) && !prefix.contains(".") && !prefix.contains("/")) {
            // keys of identity providers (saml:, accounts.google.com:, token.actions.githubusercontent.com:) are
            // not all in the reference, and OIDC providers can be any host name: only plain unknown prefixes are wrong
            context.add(IssueCode.INVALID_SERVICE, path, span, key.substring(0, colon));
        }
        return Optional.empty();
    }

    private static void checkKeyAgainstOperator(
            ConditionOperatorName operator, ConditionKeyInfo info, String key, List<PathElement> keyPath, Span keySpan, boolean allow, ValidationContext context)
    {
        if (operator.family() == Family.NULL) {
            return;
        }
        Set<Family> accepted = acceptedFamilies(info.type());
        if (!accepted.contains(operator.family())) {
            context.add(IssueCode.TYPE_MISMATCH, keyPath, keySpan, preferredFamily(info.type()).typeName(), operator.written(), key);
        }
        boolean multivalued = info.type().isMultivalued();
        if (operator.qualifier().isEmpty() && multivalued) {
            context.add(IssueCode.MISSING_QUALIFIER, keyPath, keySpan, key);
        }
        if (allow && !multivalued && operator.qualifier().filter("ForAllValues"::equals).isPresent()) {
            context.add(IssueCode.FORALLVALUES_WITH_SINGLE_VALUED_KEY, keyPath, keySpan, key);
        }
    }

    private static void checkValues(ConditionOperatorName operator, String key, List<StringValues.Entry> values, ValidationContext context)
    {
        boolean variablesAllowed = operator.family() == Family.STRING || operator.family() == Family.ARN;
        for (StringValues.Entry value : values) {
            if (PolicyVariables.hasVariable(value.value())) {
                if (variablesAllowed) {
                    PolicyVariables.check(value, context);
                }
                else {
                    context.add(IssueCode.INVALID_VARIABLE_FOR_OPERATOR, value.path(), value.span());
                }
                continue;
            }
            checkValueType(operator, key, value, context);
        }
        if (operator.family() == Family.BOOL) {
            long distinct = values.stream().map(value -> value.value().toLowerCase(Locale.ROOT)).distinct().count();
            if (distinct > 1) {
                context.addAt(IssueCode.INVALID_CONDITION_MULTIPLE_BOOLEAN, values.stream().map(StringValues.Entry::location).toList(), key);
            }
        }
        if (operator.family() == Family.IP_ADDRESS && key.equalsIgnoreCase(SOURCE_IP)) {
            checkPrivateRanges(operator, values, context);
        }
    }

    private static void checkValueType(ConditionOperatorName operator, String key, StringValues.Entry value, ValidationContext context)
    {
        String text = value.value();
        switch (operator.family()) {
            case STRING -> {
                boolean exact = operator.base().startsWith("StringEquals") || operator.base().startsWith("StringNotEquals");
                if (exact && (text.contains("*") || text.contains("?"))) {
                    context.add(IssueCode.WILDCARD_WITHOUT_LIKE_OPERATOR, value.path(), value.span());
                }
            }
            case NUMERIC -> {
                if (!isNumber(text)) {
                    context.add(IssueCode.TYPE_MISMATCH_NUMBER, value.path(), value.span(), operator.written());
                }
            }
            case DATE -> {
                if (!isDate(text)) {
                    context.add(IssueCode.TYPE_MISMATCH_DATE, value.path(), value.span());
                }
                else if (isEpoch(text) && !key.equalsIgnoreCase(EPOCH_TIME)) {
                    context.add(IssueCode.INVALID_DATE_VALUE, value.path(), value.span(), text);
                }
            }
            case BOOL, NULL -> {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    context.add(IssueCode.TYPE_MISMATCH_BOOLEAN, value.path(), value.span(), operator.written());
                }
            }
            case IP_ADDRESS -> {
                Optional<IpRange> range = IpRange.parse(text);
                if (range.isEmpty()) {
                    context.add(IssueCode.TYPE_MISMATCH_IP_RANGE, value.path(), value.span(), operator.written());
                }
                else if (range.get().hostBitsSet()) {
                    context.add(IssueCode.IMPROVE_IP_RANGE, value.path(), value.span(), text, range.get().canonical());
                }
            }
            case BINARY, ARN -> {
                // base64 and ARN patterns have no shape worth a finding here
            }
        }
    }

    private static void checkPrivateRanges(ConditionOperatorName operator, List<StringValues.Entry> values, ValidationContext context)
    {
        List<IpRange> ranges = values.stream().map(value -> IpRange.parse(value.value())).flatMap(Optional::stream).toList();
        if (ranges.isEmpty()) {
            return;
        }
        long privateCount = ranges.stream().filter(IpRange::isPrivate).count();
        if (privateCount == 0) {
            return;
        }
        List<Location> locations = values.stream().map(StringValues.Entry::location).toList();
        boolean negated = operator.base().equals("NotIpAddress");
        if (privateCount == ranges.size()) {
            context.addAt(negated ? IssueCode.PRIVATE_NOT_IP_ADDRESS : IssueCode.PRIVATE_IP_ADDRESS, locations);
        }
        else {
            context.addAt(negated ? IssueCode.PRIVATE_NOT_IP_ADDRESS_SUBSET : IssueCode.PRIVATE_IP_ADDRESS_SUBSET, locations);
        }
    }

    /** Condition values: a string, number or boolean, or an array of them; IAM compares them as text. */
    private static List<StringValues.Entry> conditionValues(JsonValue value, List<PathElement> path, ValidationContext context)
    {
        List<StringValues.Entry> entries = new ArrayList<>();
        if (value instanceof JsonArray array) {
            for (int i = 0; i < array.elements().size(); i++) {
                scalar(array.elements().get(i), ValidationContext.path(path, PathElement.index(i)), context).ifPresent(entries::add);
            }
        }
        else {
            scalar(value, path, context).ifPresent(entries::add);
        }
        return entries;
    }

    private static Optional<StringValues.Entry> scalar(JsonValue value, List<PathElement> path, ValidationContext context)
    {
        if (value instanceof JsonString string) {
            return Optional.of(new StringValues.Entry(string.value(), path, string.span()));
        }
        if (value instanceof JsonLiteral literal && literal.kind() != LiteralKind.NULL) {
            return Optional.of(new StringValues.Entry(literal.text(), path, literal.span()));
        }
        context.add(IssueCode.DATA_TYPE_MISMATCH, path, value.span(), "String");
        return Optional.empty();
    }

    private static Set<Family> acceptedFamilies(ConditionKeyType type)
    {
        return switch (type) {
            case STRING, ARRAY_OF_STRING -> EnumSet.of(Family.STRING);
            // ARN keys are often compared with string operators, which IAM accepts
            case ARN, ARRAY_OF_ARN -> EnumSet.of(Family.ARN, Family.STRING);
            case NUMERIC, ARRAY_OF_NUMERIC -> EnumSet.of(Family.NUMERIC);
            // aws:EpochTime is a Date key that is compared with numeric operators too
            case DATE, ARRAY_OF_DATE -> EnumSet.of(Family.DATE, Family.NUMERIC);
            case BOOL, ARRAY_OF_BOOL -> EnumSet.of(Family.BOOL);
            case IP_ADDRESS, ARRAY_OF_IP_ADDRESS -> EnumSet.of(Family.IP_ADDRESS);
            case BINARY, ARRAY_OF_BINARY -> EnumSet.of(Family.BINARY);
        };
    }

    private static Family preferredFamily(ConditionKeyType type)
    {
        return switch (type) {
            case STRING, ARRAY_OF_STRING -> Family.STRING;
            case ARN, ARRAY_OF_ARN -> Family.ARN;
            case NUMERIC, ARRAY_OF_NUMERIC -> Family.NUMERIC;
            case DATE, ARRAY_OF_DATE -> Family.DATE;
            case BOOL, ARRAY_OF_BOOL -> Family.BOOL;
            case IP_ADDRESS, ARRAY_OF_IP_ADDRESS -> Family.IP_ADDRESS;
            case BINARY, ARRAY_OF_BINARY -> Family.BINARY;
        };
    }

    private static boolean isNumber(String text)
    {
        try {
            new BigDecimal(text);
            return true;
        }
        catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isEpoch(String text)
    {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    /** W3C/ISO 8601 dates and date-times, or epoch seconds, which IAM also accepts. */
    private static boolean isDate(String text)
    {
        if (isEpoch(text)) {
            return true;
        }
        try {
            OffsetDateTime.parse(text);
            return true;
        }
        catch (DateTimeParseException notOffset) {
            try {
                LocalDateTime.parse(text);
                return true;
            }
            catch (DateTimeParseException notLocal) {
                try {
                    LocalDate.parse(text);
                    return true;
                }
                catch (DateTimeParseException notDate) {
                    return false;
                }
            }
        }
    }
}
