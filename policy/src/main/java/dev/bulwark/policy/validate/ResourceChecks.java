package dev.bulwark.policy.validate;

import dev.bulwark.policy.reference.ServiceReference.ArnFields;
import dev.bulwark.policy.validate.JsonValue.Member;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code Resource} and {@code NotResource}: presence, and the ARN grammar of every value. */
final class ResourceChecks
{
    private static final Set<String> PARTITIONS = Set.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc");
    private static final String PARTITION_LIST = "aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc";
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private ResourceChecks() {}

    static List<StringValues.Entry> check(StatementChecks.StatementNode statement, ValidationContext context)
    {
        Optional<Member> resource = statement.member("Resource").or(() -> statement.member("NotResource"));
        if (resource.isEmpty()) {
            if (!context.trustPolicy()) {
                context.add(IssueCode.MISSING_RESOURCE, statement.path(), statement.start());
            }
            return List.of();
        }
        List<PathElement> path = statement.pathTo(resource.get().key());
        if (StringValues.isEmptyArray(resource.get().value())) {
            context.add(IssueCode.EMPTY_ARRAY_RESOURCE, path, resource.get().value().span());
            return List.of();
        }
        List<StringValues.Entry> entries = StringValues.of(resource.get().value(), path, context);
        for (StringValues.Entry entry : entries) {
            PolicyVariables.check(entry, context);
            checkArn(entry, context);
        }
        return entries;
    }

    private static void checkArn(StringValues.Entry entry, ValidationContext context)
    {
        String value = entry.value();
        if (value.equals("*")) {
            return;
        }
        if (!value.startsWith("arn:")) {
            context.add(IssueCode.INVALID_ARN_PREFIX, entry.path(), entry.span());
            return;
        }
        String[] fields = value.split(":", 6);
        if (fields.length < 6) {
            context.add(IssueCode.MISSING_ARN_FIELD, entry.path(), entry.span());
            return;
        }
        String partition = fields[1];
        String service = fields[2];
        String region = fields[3];
        String account = fields[4];
        if (isLiteral(partition) && !PARTITIONS.contains(partition)) {
            context.add(IssueCode.INVALID_PARTITION, entry.path(), entry.span(), service, partition, PARTITION_LIST);
        }
        if (service.contains("*") || service.contains("?")) {
            context.add(IssueCode.WILDCARD_IN_SERVICE_NAME, entry.path(), entry.span());
            return;
        }
        if (!service.equals(service.toLowerCase(Locale.ROOT))) {
            context.add(IssueCode.INVALID_ARN_SERVICE_CASE, entry.path(), entry.span());
            return;
        }
        // "aws" is the account field of AWS managed policy ARNs
        if (isLiteral(account) && !account.isEmpty() && !account.equals("aws") && !ACCOUNT_ID.matcher(account).matches()) {
            context.add(IssueCode.INVALID_ARN_ACCOUNT, entry.path(), entry.span(), account);
        }
        Optional<ArnFields> used = context.reference().arnFields(service, fields[5]);
        if (used.isPresent()) {
            if (!used.get().region() && isLiteral(region) && !region.isEmpty()) {
                context.add(IssueCode.ARN_REGION_NOT_ALLOWED, entry.path(), entry.span(), service);
            }
            if (!used.get().account() && isLiteral(account) && !account.isEmpty()) {
                context.add(IssueCode.ARN_ACCOUNT_NOT_ALLOWED, entry.path(), entry.span(), service);
            }
            if (used.get().regionRequired() && region.isEmpty()) {
                context.add(IssueCode.MISSING_ARN_REGION, entry.path(), entry.span());
            }
        }
    }

    /** A field written out in full: no wildcard and no policy variable stands for it. */
    private static boolean isLiteral(String field)
    {
        return !field.contains("*") && !field.contains("?") && !field.contains("${");
    }
}
