package dev.bulwark.policy.reference;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One ARN format of a resource type, such as {@code arn:${Partition}:s3:::${BucketName}/${ObjectName}},
 * compiled for matching concrete ARNs.
 *
 * <p>The reference does not say which characters a variable may hold. Two readings are compiled:
 * the strict one lets no variable cross a {@code :} or {@code /}, the lenient one also lets the
 * last variable take slashes (IAM paths, S3 keys). A resource type that matches strictly is the
 * better answer: {@code arn:aws:s3:::b} is a bucket, {@code arn:aws:s3:::b/k} is an object, and
 * only the lenient reading would make the second a bucket too.
 */
final class ArnTemplate
{
    /** Variables that AWS leaves empty in some ARNs (global services, S3 buckets). */
    private static final String OPTIONAL_SEGMENT = "[^:]*";
    private static final String STRICT_VARIABLE = "[^:/]+";
    private static final String LENIENT_LAST_VARIABLE = ".+";

    private final String template;
    private final int literalLength;
    // compiled on first use: most of the reference's 2 400 resource types are never matched,
    // and compiling them all would dominate the reference's load time
    private volatile Pattern strict;
    private volatile Pattern lenient;

    ArnTemplate(String template)
    {
        this.template = requireNonNull(template, "template is null");
        this.literalLength = literalLength(template);
    }

    String template()
    {
        return template;
    }

    boolean matchesStrictly(String arn)
    {
        Pattern pattern = strict;
        if (pattern == null) {
            pattern = compile(template, false);
            strict = pattern;
        }
        return pattern.matcher(arn).matches();
    }

    boolean matchesLeniently(String arn)
    {
        Pattern pattern = lenient;
        if (pattern == null) {
            pattern = compile(template, true);
            lenient = pattern;
        }
        return pattern.matcher(arn).matches();
    }

    /** The number of fixed characters: among several matches, the most literal template is the most specific. */
    int literalLength()
    {
        return literalLength;
    }

    private static int literalLength(String template)
    {
        int length = 0;
        int position = 0;
        while (position < template.length()) {
            int start = template.indexOf("${", position);
            int end = start < 0 ? -1 : template.indexOf('}', start);
            if (start < 0 || end < 0) {
                return length + template.length() - position;
            }
            length += start - position;
            position = end + 1;
        }
        return length;
    }

    private static Pattern compile(String template, boolean lenientLastVariable)
    {
        StringBuilder regex = new StringBuilder();
        int lastVariable = template.lastIndexOf("${");
        int position = 0;
        while (position < template.length()) {
            int start = template.indexOf("${", position);
            int end = start < 0 ? -1 : template.indexOf('}', start);
            if (start < 0 || end < 0) {
                regex.append(Pattern.quote(template.substring(position)));
                break;
            }
            if (start > position) {
                regex.append(Pattern.quote(template.substring(position, start)));
            }
            String variable = template.substring(start + 2, end);
            if (variable.equals("Partition") || variable.equals("Region") || variable.equals("Account")) {
                regex.append(OPTIONAL_SEGMENT);
            }
            else if (lenientLastVariable && start == lastVariable) {
                regex.append(LENIENT_LAST_VARIABLE);
            }
            else {
                regex.append(STRICT_VARIABLE);
            }
            position = end + 1;
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
