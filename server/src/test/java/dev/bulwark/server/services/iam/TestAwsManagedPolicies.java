package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.policy.document.PolicyDocument;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped AWS managed policies are well-formed data our own parser accepts. */
final class TestAwsManagedPolicies
{
    @Test
    void everyShippedPolicyParsesAndHasAnAwsArnMatchingItsPathAndName()
    {
        List<String> names = new ArrayList<>();
        for (JsonNode policy : AwsManagedPolicies.load()) {
            String name = policy.get("PolicyName").asText();
            names.add(name);
            assertThat(policy.get("Arn").asText()).isEqualTo("arn:aws:iam::aws:policy" + policy.get("Path").asText() + name);
            PolicyDocument.parse(policy.get("Document").toString());
        }
        assertThat(names).contains("AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ViewOnlyAccess", "SecurityAudit",
                "IAMFullAccess", "IAMReadOnlyAccess", "IAMUserChangePassword", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess",
                "AWSKeyManagementServicePowerUser", "AWSCloudTrail_ReadOnlyAccess", "AWSOrganizationsFullAccess").doesNotHaveDuplicates();
    }
}
