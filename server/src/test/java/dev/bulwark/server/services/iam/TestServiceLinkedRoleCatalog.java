package dev.bulwark.server.services.iam;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TestServiceLinkedRoleCatalog
{
    @Test
    void everyServiceHasAwsNamingAndATrustPolicyForItsPrincipal()
    {
        assertThat(ServiceLinkedRoleCatalog.servicePrincipals()).containsExactly("access-analyzer.amazonaws.com", "autoscaling.amazonaws.com",
                "cloudtrail.amazonaws.com", "config.amazonaws.com", "custom-resource.application-autoscaling.amazonaws.com", "ecs.amazonaws.com",
                "elasticbeanstalk.amazonaws.com", "elasticloadbalancing.amazonaws.com", "guardduty.amazonaws.com", "inspector2.amazonaws.com",
                "organizations.amazonaws.com", "shield.amazonaws.com", "trustedadvisor.amazonaws.com", "wafv2.amazonaws.com");
        for (String principal : ServiceLinkedRoleCatalog.servicePrincipals()) {
            ServiceLinkedRoleCatalog.LinkedService service = ServiceLinkedRoleCatalog.find(principal).orElseThrow();
            assertThat(service.roleName()).as(principal).startsWith("AWSServiceRoleFor").matches("[\\w+=,.@-]{1,64}");
            assertThat(service.path()).isEqualTo("/aws-service-role/" + principal + "/");
            assertThat(service.policyArn()).startsWith("arn:aws:iam::aws:policy/aws-service-role/");
            PolicyDocument trust = PolicyDocument.parse(service.trustPolicy(), PolicyGrammar.TRUST);
            assertThat(trust.statements()).hasSize(1);
            assertThat(service.trustPolicy()).contains("\"Service\":[\"" + principal + "\"]");
        }
    }

    @Test
    void servicePrincipalsAreCaseSensitiveAndSuffixesJoinWithAnUnderscore()
    {
        assertThat(ServiceLinkedRoleCatalog.find("Organizations.amazonaws.com")).isEmpty();
        assertThat(ServiceLinkedRoleCatalog.find(null)).isEmpty();
        assertThat(ServiceLinkedRoleCatalog.find("config.amazonaws.com").orElseThrow().roleName("x")).isEqualTo("AWSServiceRoleForConfig_x");
        assertThat(ServiceLinkedRoleCatalog.find("autoscaling.amazonaws.com").orElseThrow().allowsCustomSuffix()).isTrue();
        assertThat(ServiceLinkedRoleCatalog.find("ecs.amazonaws.com").orElseThrow().allowsCustomSuffix()).isFalse();
    }
}
