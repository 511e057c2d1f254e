package dev.bulwark.server.services.iam;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS services whose service-linked roles Bulwark can create: the services Bulwark has or will have, each with
 * AWS's role name, the AWS managed service-role policy AWS attaches, and whether the service accepts a
 * {@code CustomSuffix} (EC2 Auto Scaling does; for the others AWS answers "Custom suffix is not allowed for ...").
 */
final class ServiceLinkedRoleCatalog
{
    /** Service-linked roles live under {@code /aws-service-role/<service principal>/}. */
    static final String PATH_PREFIX = "/aws-service-role/";

    /** One service: its principal, AWS's role name, and the ARN of the AWS managed policy the role carries. */
    record LinkedService(String servicePrincipal, String roleName, String policyArn, boolean allowsCustomSuffix)
    {
        String path()
        {
            return PATH_PREFIX + servicePrincipal + "/";
        }

        String roleName(String customSuffix)
        {
            return customSuffix == null ? roleName : roleName + "_" + customSuffix;
        }

        /** The trust policy AWS gives a service-linked role: the service principal may assume it. */
        String trustPolicy()
        {
            // AWS writes the principal and the action as one-element lists.
            return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":[\"" + servicePrincipal
                    + "\"]},\"Action\":[\"sts:AssumeRole\"]}]}";
        }
    }

    private static final String POLICY = "arn:aws:iam::aws:policy/aws-service-role/";

    private static final Map<String, LinkedService> SERVICES = List.of(
                    new LinkedService("organizations.amazonaws.com", "AWSServiceRoleForOrganizations", POLICY + "AWSOrganizationsServiceTrustPolicy", false),
                    new LinkedService("cloudtrail.amazonaws.com", "AWSServiceRoleForCloudTrail", POLICY + "CloudTrailServiceRolePolicy", false),
                    new LinkedService("config.amazonaws.com", "AWSServiceRoleForConfig", POLICY + "AWSConfigServiceRolePolicy", false),
                    new LinkedService("guardduty.amazonaws.com", "AWSServiceRoleForAmazonGuardDuty", POLICY + "AmazonGuardDutyServiceRolePolicy", false),
                    new LinkedService("inspector2.amazonaws.com", "AWSServiceRoleForAmazonInspector2", POLICY + "AmazonInspector2ServiceRolePolicy", false),
                    new LinkedService("trustedadvisor.amazonaws.com", "AWSServiceRoleForTrustedAdvisor", POLICY + "AWSTrustedAdvisorServiceRolePolicy", false),
                    new LinkedService("shield.amazonaws.com", "AWSServiceRoleForAWSShield", POLICY + "AWSShieldServiceRolePolicy", false),
                    new LinkedService("wafv2.amazonaws.com", "AWSServiceRoleForWAFV2Logging", POLICY + "WAFV2LoggingServiceRolePolicy", false),
                    new LinkedService("access-analyzer.amazonaws.com", "AWSServiceRoleForAccessAnalyzer", POLICY + "AccessAnalyzerServiceRolePolicy", false),
                    // Services users of Bulwark commonly provision with infrastructure code (Terraform, CDK) before they
                    // exist here: their roles can be created, listed and deleted like any other.
                    new LinkedService("autoscaling.amazonaws.com", "AWSServiceRoleForAutoScaling", POLICY + "AutoScalingServiceRolePolicy", true),
                    new LinkedService("custom-resource.application-autoscaling.amazonaws.com", "AWSServiceRoleForApplicationAutoScaling_CustomResource",
                            POLICY + "AWSApplicationAutoscalingCustomResourcePolicy", false),
                    new LinkedService("elasticbeanstalk.amazonaws.com", "AWSServiceRoleForElasticBeanstalk", POLICY + "AWSElasticBeanstalkServiceRolePolicy", false),
                    new LinkedService("ecs.amazonaws.com", "AWSServiceRoleForECS", POLICY + "AmazonECSServiceRolePolicy", false),
                    new LinkedService("elasticloadbalancing.amazonaws.com", "AWSServiceRoleForElasticLoadBalancing",
                            POLICY + "AWSElasticLoadBalancingServiceRolePolicy", false))
            .stream()
            .collect(Collectors.toUnmodifiableMap(LinkedService::servicePrincipal, Function.identity()));

    private ServiceLinkedRoleCatalog() {}

    /** Service principals are case-sensitive, as in AWS. */
    static Optional<LinkedService> find(String servicePrincipal)
    {
        return Optional.ofNullable(servicePrincipal).map(SERVICES::get);
    }

    static List<String> servicePrincipals()
    {
        return SERVICES.keySet().stream().sorted().toList();
    }
}
