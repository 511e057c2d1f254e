package dev.bulwark.server.services.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.services.s3.model.Bucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Canned ACLs as the permissions they grant (S3 User Guide, "Canned ACL" and "Mapping of ACL permissions and access
 * policy permissions"), written as bucket-policy statements so the one policy engine decides: READ on a bucket is
 * listing it, WRITE on a bucket is writing and deleting its objects, READ on an object is reading it.
 * {@code AllUsers} is everyone including anonymous callers; {@code AuthenticatedUsers} any signed caller of any account.
 */
final class CannedAcls
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVERYONE = "\"*\"";
    private static final String SIGNED = "{\"AWS\":\"*\"}";
    /** Only signed callers have a principal account; anonymous ones do not. */
    private static final String SIGNED_ONLY = ",\"Condition\":{\"Null\":{\"aws:PrincipalAccount\":\"false\"}}";

    private CannedAcls() {}

    static List<String> statements(Bucket bucket, Optional<Map.Entry<String, String>> objectAcl)
    {
        List<String> statements = new ArrayList<>();
        String bucketArn = S3Access.bucketArn(bucket.name());
        switch (bucket.acl()) {
            case "public-read" -> statements.add(statement(EVERYONE, "[\"s3:ListBucket\",\"s3:ListBucketVersions\",\"s3:ListBucketMultipartUploads\"]", bucketArn, ""));
            case "public-read-write" -> {
                statements.add(statement(EVERYONE, "[\"s3:ListBucket\",\"s3:ListBucketVersions\",\"s3:ListBucketMultipartUploads\"]", bucketArn, ""));
                statements.add(statement(EVERYONE, "[\"s3:PutObject\",\"s3:DeleteObject\"]", bucketArn + "/*", ""));
            }
            case "authenticated-read" -> statements.add(statement(SIGNED, "[\"s3:ListBucket\",\"s3:ListBucketVersions\"]", bucketArn, SIGNED_ONLY));
            default -> { }
        }
        objectAcl.ifPresent(acl -> {
            String objectArn = S3Access.objectArn(bucket.name(), literal(acl.getKey()));
            switch (acl.getValue()) {
                case "public-read", "public-read-write" -> statements.add(statement(EVERYONE, "\"s3:GetObject\"", objectArn, ""));
                case "authenticated-read" -> statements.add(statement(SIGNED, "\"s3:GetObject\"", objectArn, SIGNED_ONLY));
                default -> { }
            }
        });
        return statements;
    }

    /** The bucket policy (if any) with the ACL statements appended. */
    static String combine(Optional<String> policy, List<String> aclStatements)
    {
        try {
            ObjectNode document;
            ArrayNode statements;
            if (policy.isPresent()) {
                document = (ObjectNode) JSON.readTree(policy.get());
                JsonNode existing = document.get("Statement");
                statements = JSON.createArrayNode();
                if (existing.isArray()) {
                    statements.addAll((ArrayNode) existing);
                }
                else {
                    statements.add(existing);
                }
            }
            else {
                document = JSON.createObjectNode();
                document.put("Version", "2012-10-17");
                statements = JSON.createArrayNode();
            }
            for (String statement : aclStatements) {
                statements.add(JSON.readTree(statement));
            }
            document.set("Statement", statements);
            return JSON.writeValueAsString(document);
        }
        catch (java.io.IOException e) {
            throw new IllegalStateException("stored bucket policy is not JSON", e);
        }
    }

    private static String statement(String principal, String actions, String resource, String condition)
    {
        return "{\"Sid\":\"CannedAcl\",\"Effect\":\"Allow\",\"Principal\":" + principal + ",\"Action\":" + actions
                + ",\"Resource\":" + quote(resource) + condition + "}";
    }

    /** An object key as a literal in a policy resource: wildcards and policy variables escaped. */
    private static String literal(String key)
    {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            switch (c) {
                case '*' -> out.append("${*}");
                case '?' -> out.append("${?}");
                case '$' -> out.append("${$}");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String quote(String text)
    {
        try {
            return JSON.writeValueAsString(text);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
