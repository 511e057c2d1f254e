package dev.bulwark.server.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One resource a CloudTrail event names ({@code resources[]} of the record; {@code Resources} of LookupEvents).
 *
 * @param type      CloudFormation-style type, e.g. {@code AWS::IAM::User}
 * @param arn       the resource's ARN
 * @param accountId the account that owns it (empty for AWS-owned resources such as AWS managed policies)
 */
public record EventResource(String type, String arn, String accountId)
{
    /** ARN service names whose CloudFormation spelling is not the capitalised service name. */
    private static final Map<String, String> SERVICE_SPELLING = Map.of(
            "iam", "IAM", "sts", "STS", "kms", "KMS", "s3", "S3", "organizations", "Organizations", "cloudtrail", "CloudTrail",
            "sns", "SNS", "sqs", "SQS", "ec2", "EC2", "guardduty", "GuardDuty");

    public EventResource
    {
        requireNonNull(type, "type is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(accountId, "accountId is null");
    }

    /**
     * The resource an authorization ARN names, or empty for wildcards and ARNs without a resource type.
     * {@code arn:aws:iam::111122223333:user/dev/alice} becomes {@code AWS::IAM::User}.
     */
    public static Optional<EventResource> fromArn(String arn)
    {
        if (arn == null || arn.contains("*") || !arn.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || parts[2].isEmpty() || parts[5].isEmpty()) {
            return Optional.empty();
        }
        String service = parts[2];
        String resource = parts[5];
        String kind;
        if (service.equals("s3")) {
            kind = resource.contains("/") ? "object" : "bucket";
        }
        else {
            int end = indexOfAny(resource, '/', ':');
            kind = end < 0 ? resource : resource.substring(0, end);
        }
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String spelled = SERVICE_SPELLING.getOrDefault(service, capitalise(service));
        String account = parts[4].equals("aws") ? "" : parts[4];
        return Optional.of(new EventResource("AWS::" + spelled + "::" + typeName(kind), arn, account));
    }

    /** What LookupEvents shows as {@code ResourceName}: IAM's names (the last path segment), other services' ARNs. */
    public String name()
    {
        if (arn.startsWith("arn:aws:iam:")) {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
        return arn;
    }

    private static String typeName(String kind)
    {
        StringBuilder name = new StringBuilder();
        for (String word : kind.split("[-_]")) {
            name.append(capitalise(word));
        }
        return name.toString();
    }

    private static String capitalise(String word)
    {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static int indexOfAny(String text, char a, char b)
    {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
