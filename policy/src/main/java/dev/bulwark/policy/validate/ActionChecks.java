package dev.bulwark.policy.validate;

import dev.bulwark.policy.reference.ActionInfo;
import dev.bulwark.policy.reference.ServiceInfo;
import dev.bulwark.policy.reference.ServiceReference;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.util.List;
import java.util.Optional;

/** {@code Action} and {@code NotAction}: presence, shape, and that every action exists. */
final class ActionChecks
{
    private ActionChecks() {}

    /** The action strings of the statement (from Action or NotAction), for the later checks. */
    static List<StringValues.Entry> check(StatementChecks.StatementNode statement, ValidationContext context)
    {
        Optional<Member> action = statement.member("Action").or(() -> statement.member("NotAction"));
        if (action.isEmpty()) {
            context.add(IssueCode.MISSING_ACTION, statement.path(), statement.start());
            return List.of();
        }
        List<PathElement> path = statement.pathTo(action.get().key());
        if (StringValues.isEmptyArray(action.get().value())) {
            context.add(IssueCode.EMPTY_ARRAY_ACTION, path, action.get().value().span());
            return List.of();
        }
        List<StringValues.Entry> entries = StringValues.of(action.get().value(), path, context);
        for (StringValues.Entry entry : entries) {
            checkAction(entry, context);
        }
        return entries;
    }

    private static String didYouMean(Optional<String> suggestion)
    {
        return suggestion.map(name -> " Did you mean " + name + "?").orElse("");
    }

    private static void checkAction(StringValues.Entry entry, ValidationContext context)
    {
        String action = entry.value();
        if (action.equals("*")) {
            return;
        }
        if (PolicyVariables.hasVariable(action)) {
            context.add(IssueCode.VARIABLE_UNSUPPORTED_IN_ELEMENT, entry.path(), entry.span());
            return;
        }
        int colon = action.indexOf(':');
        if (colon <= 0 || colon == action.length() - 1 || action.indexOf(':', colon + 1) >= 0) {
            context.add(IssueCode.INVALID_ACTION, entry.path(), entry.span(), action, "");
            return;
        }
        String service = action.substring(0, colon);
        ServiceReference reference = context.reference();
        if (service.contains("*") || service.contains("?")) {
            context.add(IssueCode.WILDCARD_IN_SERVICE_NAME, entry.path(), entry.span());
            if (reference.actionsMatching(action).isEmpty()) {
                context.add(IssueCode.INVALID_ACTION, entry.path(), entry.span(), action, "");
            }
            return;
        }
        if (reference.service(service).isEmpty()) {
            Optional<String> closest = Suggestions.closest(service, reference.services().stream().map(ServiceInfo::prefix).toList());
            context.add(IssueCode.INVALID_SERVICE_IN_ACTION, entry.path(), entry.span(), service, didYouMean(closest));
            return;
        }
        if (reference.actionsMatching(action).isEmpty()) {
            Optional<String> closest = Optional.empty();
            if (!action.contains("*") && !action.contains("?")) {
                closest = Suggestions.closest(action, reference.service(service).orElseThrow().actions().stream().map(ActionInfo::fullName).toList());
            }
            context.add(IssueCode.INVALID_ACTION, entry.path(), entry.span(), action, didYouMean(closest));
            return;
        }
        // an RCP statement about a service that RCPs do not cover never takes effect
        if (context.policyType() == PolicyType.RESOURCE_CONTROL_POLICY && !reference.isRcpSupported(service)) {
            context.add(IssueCode.UNSUPPORTED_ACTION_IN_POLICY, entry.path(), entry.span(), action);
        }
    }
}
