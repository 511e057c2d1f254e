package dev.bulwark.server.services.iam;

import dev.bulwark.policy.document.ConditionClause;
import dev.bulwark.policy.document.ElementList;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The context keys a policy refers to, as GetContextKeysFor*Policy report them: the keys of its {@code Condition}
 * blocks and the policy variables ({@code ${aws:username}}) in its resources and condition values, in the order
 * the statements use them, each once (key names are case-insensitive; the first spelling wins). The escapes
 * {@code ${*}} {@code ${?}} {@code ${$}} are not keys.
 */
final class ContextKeys
{
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private ContextKeys() {}

    static List<String> of(List<PolicyDocument> documents)
    {
        Map<String, String> keys = new LinkedHashMap<>();
        for (PolicyDocument document : documents) {
            for (Statement statement : document.statements()) {
                addAll(keys, statement);
            }
        }
        return new ArrayList<>(keys.values());
    }

    /** The keys one statement refers to, in order. */
    static List<String> of(Statement statement)
    {
        Map<String, String> keys = new LinkedHashMap<>();
        addAll(keys, statement);
        return new ArrayList<>(keys.values());
    }

    private static void addAll(Map<String, String> keys, Statement statement)
    {
        for (String resource : statement.resources().map(ElementList::values).orElse(List.of())) {
            addVariables(keys, resource);
        }
        for (ConditionClause clause : statement.conditions()) {
            add(keys, clause.key());
            for (String value : clause.values()) {
                addVariables(keys, value);
            }
        }
    }

    private static void addVariables(Map<String, String> keys, String value)
    {
        Matcher matcher = VARIABLE.matcher(value);
        while (matcher.find()) {
            String inner = matcher.group(1);
            int comma = inner.indexOf(',');
            String key = (comma >= 0 ? inner.substring(0, comma) : inner).trim();
            if (!key.isEmpty() && !key.equals("*") && !key.equals("?") && !key.equals("$")) {
                add(keys, key);
            }
        }
    }

    private static void add(Map<String, String> keys, String key)
    {
        keys.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
    }
}
