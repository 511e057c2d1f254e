package dev.bulwark.policy.validate;

import dev.bulwark.policy.validate.JsonValue.JsonArray;
import dev.bulwark.policy.validate.JsonValue.JsonLiteral;
import dev.bulwark.policy.validate.JsonValue.JsonObject;
import dev.bulwark.policy.validate.JsonValue.JsonString;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Suggestions for parts that add nothing: an action or resource another value of the same element
 * already covers, and a statement that repeats another one.
 *
 * <p>"Covers" is judged on the patterns, not on today's list of actions: {@code iam:Get*} covers
 * {@code iam:GetUser} and {@code iam:GetRole*}, but {@code iam:*CredentialReport} is not covered by
 * {@code iam:Get*} even though the only action it matches today starts with Get. A pattern that
 * matches another pattern's text matches everything that pattern matches, for {@code *} patterns.
 */
final class RedundancyChecks
{
    /** Elements whose values form a set: order and duplicates carry no meaning. */
    private static final Set<String> SET_ELEMENTS = Set.of("Action", "NotAction", "Resource", "NotResource");

    private RedundancyChecks() {}

    static void checkActions(StatementChecks.StatementNode statement, List<StringValues.Entry> actions, ValidationContext context)
    {
        List<StringValues.Entry> known = actions.stream()
                .filter(action -> action.value().equals("*") || !context.reference().actionsMatching(action.value()).isEmpty())
                .toList();
        report(IssueCode.REDUNDANT_ACTION, redundant(known, value -> value.toLowerCase(Locale.ROOT)), context);
    }

    static void checkResources(StatementChecks.StatementNode statement, List<StringValues.Entry> resources, ValidationContext context)
    {
        List<StringValues.Entry> literal = resources.stream().filter(resource -> !PolicyVariables.hasVariable(resource.value())).toList();
        report(IssueCode.REDUNDANT_RESOURCE, redundant(literal, UnaryOperator.identity()), context);
    }

    /** A statement's canonical text without its Sid: equal texts grant identical permissions. */
    static String canonical(JsonObject statement)
    {
        StringBuilder out = new StringBuilder("{");
        statement.members().stream()
                .filter(member -> !member.key().equals("Sid"))
                .sorted(Comparator.comparing(Member::key))
                .forEach(member -> {
                    out.append(member.key()).append('=');
                    if (SET_ELEMENTS.contains(member.key())) {
                        boolean actions = member.key().endsWith("Action");
                        TreeSet<String> values = new TreeSet<>();
                        StringValues.quietly(member.value(), List.of()).forEach(entry -> values.add(actions ? entry.value().toLowerCase(Locale.ROOT) : entry.value()));
                        out.append(values);
                    }
                    else {
                        canonical(member.value(), out);
                    }
                    out.append(';');
                });
        return out.append('}').toString();
    }

    static void checkStatements(List<StatementChecks.StatementNode> statements, List<String> canonical, ValidationContext context)
    {
        for (int i = 1; i < statements.size(); i++) {
            int earlier = canonical.subList(0, i).indexOf(canonical.get(i));
            if (earlier >= 0) {
                StatementChecks.StatementNode duplicate = statements.get(i);
                StatementChecks.StatementNode original = statements.get(earlier);
                context.addAt(IssueCode.REDUNDANT_STATEMENT, List.of(
                        new Location(original.path(), original.object().span()),
                        new Location(duplicate.path(), duplicate.object().span())));
            }
        }
    }

    private static List<StringValues.Entry> redundant(List<StringValues.Entry> values, UnaryOperator<String> normalise)
    {
        List<StringValues.Entry> redundant = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = normalise.apply(values.get(i).value());
            for (int j = 0; j < values.size(); j++) {
                if (i == j) {
                    continue;
                }
                String other = normalise.apply(values.get(j).value());
                boolean covered = ActionPatterns.matches(other, value);
                // of two values that cover each other (duplicates), the later one is the redundant one
                boolean mutual = covered && ActionPatterns.matches(value, other);
                if (covered && (!mutual || j < i)) {
                    redundant.add(values.get(i));
                    break;
                }
            }
        }
        return redundant;
    }

    private static void report(IssueCode code, List<StringValues.Entry> redundant, ValidationContext context)
    {
        if (!redundant.isEmpty()) {
            context.addAt(code, redundant.stream().map(StringValues.Entry::location).toList(), redundant.size(), redundant.get(0).value());
        }
    }

    private static void canonical(JsonValue value, StringBuilder out)
    {
        if (value instanceof JsonObject object) {
            out.append('{');
            object.members().stream().sorted(Comparator.comparing(Member::key)).forEach(member -> {
                out.append(member.key()).append('=');
                canonical(member.value(), out);
                out.append(';');
            });
            out.append('}');
        }
        else if (value instanceof JsonArray array) {
            out.append('[');
            array.elements().forEach(element -> {
                canonical(element, out);
                out.append(',');
            });
            out.append(']');
        }
        else if (value instanceof JsonString string) {
            out.append('"').append(string.value().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        else if (value instanceof JsonLiteral literal) {
            out.append(literal.text());
        }
    }
}
