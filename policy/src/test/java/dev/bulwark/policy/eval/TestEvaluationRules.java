package dev.bulwark.policy.eval;

import static dev.bulwark.policy.eval.Fixtures.ALICE;
import static dev.bulwark.policy.eval.Fixtures.BOB;
import static dev.bulwark.policy.eval.Fixtures.CAROL;
import static dev.bulwark.policy.eval.Fixtures.OBJECT;
import static dev.bulwark.policy.eval.Fixtures.ROLE;
import static dev.bulwark.policy.eval.Fixtures.ROOT_A;
import static dev.bulwark.policy.eval.Fixtures.SESSION;
import static dev.bulwark.policy.eval.Fixtures.doc;
import static dev.bulwark.policy.eval.Fixtures.effect;
import static dev.bulwark.policy.eval.Fixtures.identity;
import static dev.bulwark.policy.eval.Fixtures.request;
import static dev.bulwark.policy.eval.Fixtures.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evaluation rules of AWS's "Policy evaluation logic", one test per rule. */
final class TestEvaluationRules
{
    private static final String ALLOW_GET = "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";
    private static final String DENY_GET = "{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}";
    private static final String ALLOW_ALL = "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}";

    private static String grant(String principalJson, String action)
    {
        return "{\"Effect\":\"Allow\",\"Principal\":" + principalJson + ",\"Action\":\"" + action + "\",\"Resource\":\"*\"}";
    }

    private static CompiledPolicies resource(String... statements)
    {
        return set(PolicyType.RESOURCE, doc(statements));
    }

    @Test
    void nothingAllowsMeansImplicitDenyByIdentityPolicies()
    {
        Decision decision = PolicyEvaluator.evaluate(request(ALICE, "s3:GetObject", OBJECT).build());

        assertThat(decision.effect()).isEqualTo(DecisionEffect.IMPLICIT_DENY);
        assertThat(decision.deniedBy()).contains(PolicyType.IDENTITY);
    }

    @Test
    void explicitDenyInAnyPolicyOverridesAllows()
    {
        Decision decision = PolicyEvaluator.evaluate(request(ALICE, "s3:GetObject", OBJECT)
                .identityPolicies(identity(doc(ALLOW_ALL), doc("{\"Sid\":\"NoGet\",\"Effect\":\"Deny\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}")))
                .resourcePolicy(resource(grant("\"*\"", "s3:*")))
                .build());

        assertThat(decision.effect()).isEqualTo(DecisionEffect.EXPLICIT_DENY);
        assertThat(decision.deniedBy()).contains(PolicyType.IDENTITY);
        assertThat(decision.statements()).containsExactly(new StatementRef(PolicyType.IDENTITY, "identity1", 0, Optional.of("NoGet")));
    }

    @Test
    void explicitDenyInResourcePolicyNamingTheAccountDeniesEveryoneInIt()
    {
        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET)))
                .resourcePolicy(resource("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}"))))
                .isEqualTo(DecisionEffect.EXPLICIT_DENY);
    }

    @Test
    void everyScpLevelMustAllow()
    {
        CompiledPolicies full = set(PolicyType.SCP, doc(ALLOW_ALL));
        CompiledPolicies ec2Only = set(PolicyType.SCP, doc("{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}"));
        AuthorizationRequest.Builder blocked = request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET))).scpLevels(List.of(full, ec2Only));
        AuthorizationRequest.Builder allowed = request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET))).scpLevels(List.of(full, full));

        Decision decision = PolicyEvaluator.evaluate(blocked.build());
        assertThat(decision.effect()).isEqualTo(DecisionEffect.IMPLICIT_DENY);
        assertThat(decision.deniedBy()).contains(PolicyType.SCP);
        assertThat(effect(allowed)).isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void scpsGrantNothingByThemselves()
    {
        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).scpLevels(List.of(set(PolicyType.SCP, doc(ALLOW_ALL))))))
                .isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void scpsDoNotLimitTheManagementAccountNorServiceLinkedRoles()
    {
        List<CompiledPolicies> denyAll = List.of(set(PolicyType.SCP, doc("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}")));

        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET))).scpLevels(denyAll)))
                .isEqualTo(DecisionEffect.EXPLICIT_DENY);
        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET))).scpLevels(denyAll).principalInManagementAccount(true)))
                .isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(SESSION, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET))).scpLevels(denyAll).serviceLinkedRole(true)))
                .isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void scpsLimitSameAccountResourcePolicyGrantsToo()
    {
        assertThat(effect(request(ALICE, "s3:GetObject", "arn:aws:s3:::bucket/x").resourceAccount("111111111111")
                .resourcePolicy(resource(grant("{\"AWS\":\"" + ALICE + "\"}", "s3:GetObject")))
                .scpLevels(List.of(set(PolicyType.SCP, doc("{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}"))))))
                .isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void rcpDenyAppliesToResourcesOfMemberAccountsOnly()
    {
        CompiledPolicies rcp = set(PolicyType.RCP,
                doc("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"BoolIfExists\":{\"aws:SecureTransport\":\"false\"}}}"),
                AuthorizationRequest.RCP_FULL_AWS_ACCESS_JSON);
        AuthorizationRequest.Builder plain = request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET)))
                .rcpLevels(List.of(rcp)).context(Fixtures.context("aws:SecureTransport", "false"));

        Decision decision = PolicyEvaluator.evaluate(plain.build());
        assertThat(decision.effect()).isEqualTo(DecisionEffect.EXPLICIT_DENY);
        assertThat(decision.deniedBy()).contains(PolicyType.RCP);
        assertThat(effect(plain.resourceInManagementAccount(true))).isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void rcpLevelWithoutAnAllowDenies()
    {
        Decision decision = PolicyEvaluator.evaluate(request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_GET)))
                .rcpLevels(List.of(set(PolicyType.RCP, doc("{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:*\",\"Resource\":\"*\"}")))).build());

        assertThat(decision.deniedBy()).contains(PolicyType.RCP);
    }

    @Test
    void sameAccountResourcePolicyAloneCanAllow()
    {
        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).resourceAccount("111111111111")
                .resourcePolicy(resource(grant("{\"AWS\":\"" + ALICE + "\"}", "s3:GetObject")))))
                .isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void resourcePolicyNamingOnlyTheAccountDelegatesToIdentityPolicies()
    {
        AuthorizationRequest.Builder withoutIdentity = request(ALICE, "s3:GetObject", OBJECT).resourceAccount("111111111111")
                .resourcePolicy(resource(grant("{\"AWS\":\"" + ROOT_A + "\"}", "s3:GetObject")));

        assertThat(effect(withoutIdentity)).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void crossAccountNeedsAnAllowOnBothSides()
    {
        CompiledPolicies bucketPolicy = resource(grant("{\"AWS\":\"" + CAROL + "\"}", "s3:GetObject"));
        CompiledPolicies carolCanGet = identity(doc(ALLOW_GET));

        Decision resourceOnly = PolicyEvaluator.evaluate(request(CAROL, "s3:GetObject", OBJECT).resourceAccount("111111111111").resourcePolicy(bucketPolicy).build());
        Decision identityOnly = PolicyEvaluator.evaluate(request(CAROL, "s3:GetObject", OBJECT).resourceAccount("111111111111").identityPolicies(carolCanGet).build());
        Decision both = PolicyEvaluator.evaluate(request(CAROL, "s3:GetObject", OBJECT).resourceAccount("111111111111").identityPolicies(carolCanGet).resourcePolicy(bucketPolicy).build());

        assertThat(resourceOnly.deniedBy()).contains(PolicyType.IDENTITY);
        assertThat(identityOnly.deniedBy()).contains(PolicyType.RESOURCE);
        assertThat(both.effect()).isEqualTo(DecisionEffect.ALLOW);
        assertThat(both.statements()).extracting(StatementRef::type).containsExactly(PolicyType.IDENTITY, PolicyType.RESOURCE);
    }

    @Test
    void crossAccountResourcePolicyMayTrustTheWholeAccount()
    {
        assertThat(effect(request(CAROL, "s3:GetObject", OBJECT).resourceAccount("111111111111").identityPolicies(identity(doc(ALLOW_GET)))
                .resourcePolicy(resource(grant("{\"AWS\":\"222222222222\"}", "s3:GetObject")))))
                .isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void permissionsBoundaryIntersectsWithIdentityPolicies()
    {
        CompiledPolicies boundary = set(PolicyType.PERMISSIONS_BOUNDARY, doc(ALLOW_GET));
        AuthorizationRequest.Builder get = request(ALICE, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_ALL))).permissionsBoundary(boundary);
        AuthorizationRequest.Builder put = request(ALICE, "s3:PutObject", OBJECT).identityPolicies(identity(doc(ALLOW_ALL))).permissionsBoundary(boundary);
        AuthorizationRequest.Builder boundaryOnly = request(ALICE, "s3:GetObject", OBJECT).permissionsBoundary(boundary);

        assertThat(effect(get)).isEqualTo(DecisionEffect.ALLOW);
        assertThat(PolicyEvaluator.evaluate(put.build()).deniedBy()).contains(PolicyType.PERMISSIONS_BOUNDARY);
        assertThat(effect(boundaryOnly)).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void sameAccountResourcePolicyNamingTheUserOrSessionPassesTheBoundaryButNamingTheRoleDoesNot()
    {
        CompiledPolicies boundary = set(PolicyType.PERMISSIONS_BOUNDARY, doc("{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}"));

        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).resourceAccount("111111111111").permissionsBoundary(boundary)
                .resourcePolicy(resource(grant("{\"AWS\":\"" + ALICE + "\"}", "s3:GetObject"))))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(SESSION, "s3:GetObject", OBJECT).resourceAccount("111111111111").permissionsBoundary(boundary)
                .resourcePolicy(resource(grant("{\"AWS\":\"" + SESSION + "\"}", "s3:GetObject"))))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(SESSION, "s3:GetObject", OBJECT).resourceAccount("111111111111").permissionsBoundary(boundary)
                .resourcePolicy(resource(grant("{\"AWS\":\"" + ROLE + "\"}", "s3:GetObject"))))).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void resourcePolicyNamingTheRoleAllowsTheRoleSessionWithinTheAccount()
    {
        assertThat(effect(request(SESSION, "s3:GetObject", OBJECT).resourceAccount("111111111111")
                .resourcePolicy(resource(grant("{\"AWS\":\"arn:aws:iam::111111111111:role/team/Dev\"}", "s3:GetObject")))))
                .isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void sessionPolicyIntersectsWithIdentityPolicies()
    {
        CompiledPolicies session = set(PolicyType.SESSION, doc(ALLOW_GET));

        assertThat(effect(request(SESSION, "s3:GetObject", OBJECT).identityPolicies(identity(doc(ALLOW_ALL))).sessionPolicy(session)))
                .isEqualTo(DecisionEffect.ALLOW);
        assertThat(PolicyEvaluator.evaluate(request(SESSION, "s3:PutObject", OBJECT).identityPolicies(identity(doc(ALLOW_ALL))).sessionPolicy(session).build()).deniedBy())
                .contains(PolicyType.SESSION);
    }

    @Test
    void resourcePolicyNamingTheSessionArnGrantsBeyondTheSessionPolicy()
    {
        CompiledPolicies session = set(PolicyType.SESSION, doc("{\"Effect\":\"Allow\",\"Action\":\"ec2:*\",\"Resource\":\"*\"}"));

        assertThat(effect(request(SESSION, "s3:GetObject", OBJECT).resourceAccount("111111111111").sessionPolicy(session)
                .resourcePolicy(resource(grant("{\"AWS\":\"" + SESSION + "\"}", "s3:GetObject"))))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(SESSION, "s3:GetObject", OBJECT).resourceAccount("111111111111").sessionPolicy(session)
                .resourcePolicy(resource(grant("{\"AWS\":\"" + ROLE + "\"}", "s3:GetObject"))))).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void denyWithNotPrincipalSparesOnlyPrincipalsListedWithTheirAccount()
    {
        CompiledPolicies policy = resource(grant("\"*\"", "s3:*"),
                "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"" + ALICE + "\",\"" + ROOT_A + "\"]},\"Action\":\"s3:*\",\"Resource\":\"*\"}");

        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).resourceAccount("111111111111").resourcePolicy(policy))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(BOB, "s3:GetObject", OBJECT).resourceAccount("111111111111").resourcePolicy(policy))).isEqualTo(DecisionEffect.EXPLICIT_DENY);
    }

    @Test
    void denyWithNotPrincipalAlwaysAppliesToAPrincipalWithABoundary()
    {
        CompiledPolicies policy = resource(grant("\"*\"", "s3:*"),
                "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\"" + ALICE + "\",\"" + ROOT_A + "\"]},\"Action\":\"s3:*\",\"Resource\":\"*\"}");

        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).resourceAccount("111111111111").resourcePolicy(policy)
                .permissionsBoundary(set(PolicyType.PERMISSIONS_BOUNDARY, doc(ALLOW_ALL))))).isEqualTo(DecisionEffect.EXPLICIT_DENY);
    }

    @Test
    void anonymousCallersNeedAPublicResourcePolicy()
    {
        assertThat(effect(request("anonymous", "s3:GetObject", OBJECT).resourcePolicy(resource(grant("\"*\"", "s3:GetObject")))))
                .isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request("anonymous", "s3:GetObject", OBJECT).resourcePolicy(resource(grant("{\"AWS\":\"111111111111\"}", "s3:GetObject")))))
                .isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void servicePrincipalsMatchTheServiceElement()
    {
        CompiledPolicies policy = resource(grant("{\"Service\":\"cloudtrail.amazonaws.com\"}", "s3:PutObject"));

        assertThat(effect(request("cloudtrail.amazonaws.com", "s3:PutObject", OBJECT).resourcePolicy(policy))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request("config.amazonaws.com", "s3:PutObject", OBJECT).resourcePolicy(policy))).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void externalIdentitiesMatchTheFederatedElement()
    {
        CompiledPolicies trust = resource(grant("{\"Federated\":\"cognito-identity.amazonaws.com\"}", "sts:AssumeRoleWithWebIdentity"));
        String role = "arn:aws:iam::111111111111:role/App";

        assertThat(PolicyEvaluator.evaluate(AuthorizationRequest.builder(RequestPrincipal.federatedIdentity("cognito-identity.amazonaws.com"),
                "sts:AssumeRoleWithWebIdentity", role).resourcePolicy(trust).build()).effect()).isEqualTo(DecisionEffect.ALLOW);
        assertThat(PolicyEvaluator.evaluate(AuthorizationRequest.builder(RequestPrincipal.federatedIdentity("accounts.google.com"),
                "sts:AssumeRoleWithWebIdentity", role).resourcePolicy(trust).build()).effect()).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void principalByBareAccountIdEqualsTheAccountRoot()
    {
        for (String account : List.of("\"222222222222\"", "\"arn:aws:iam::222222222222:root\"")) {
            assertThat(effect(request(CAROL, "s3:GetObject", OBJECT).resourceAccount("111111111111").identityPolicies(identity(doc(ALLOW_GET)))
                    .resourcePolicy(resource(grant("{\"AWS\":" + account + "}", "s3:GetObject"))))).as(account).isEqualTo(DecisionEffect.ALLOW);
        }
    }

    @Test
    void rootUserHasFullAccessInItsOwnAccountUnlessDenied()
    {
        assertThat(effect(request(ROOT_A, "s3:GetObject", OBJECT).resourceAccount("111111111111"))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ROOT_A, "s3:GetObject", OBJECT).resourceAccount("111111111111")
                .scpLevels(List.of(set(PolicyType.SCP, doc("{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), doc(ALLOW_ALL))))))
                .isEqualTo(DecisionEffect.EXPLICIT_DENY);
    }

    @Test
    void actionsMatchCaseInsensitivelyWithWildcards()
    {
        for (String action : List.of("S3:getobject", "s3:Get*", "s3:*Object", "s3:GetObjec?", "*")) {
            assertThat(effect(request(ALICE, "s3:GetObject", OBJECT)
                    .identityPolicies(identity(doc("{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}")))))
                    .as(action).isEqualTo(DecisionEffect.ALLOW);
        }
        for (String action : List.of("s3:Put*", "s3:GetObjec", "s3:GetObject?", "ec2:*")) {
            assertThat(effect(request(ALICE, "s3:GetObject", OBJECT)
                    .identityPolicies(identity(doc("{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"*\"}")))))
                    .as(action).isEqualTo(DecisionEffect.IMPLICIT_DENY);
        }
    }

    @Test
    void notActionAllowsEverythingElse()
    {
        CompiledPolicies policies = identity(doc("{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}"));

        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).identityPolicies(policies))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "iam:CreateUser", "*").identityPolicies(policies))).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void resourcesMatchCaseSensitivelyPartByPart()
    {
        String[][] table = {
            {"arn:aws:s3:::bucket/*", "ALLOW"},
            {"arn:aws:s3:::Bucket/*", "IMPLICIT_DENY"},
            {"arn:aws:s3:::bucke?/data/*", "ALLOW"},
            {"arn:aws:s3:::bucket/data/file.tx?", "ALLOW"},
            {"arn:aws:s3:::bucket/??/file.txt", "IMPLICIT_DENY"},
            {"arn:aws:s3:::*", "ALLOW"},
            {"arn:aws:*:::bucket/data/file.txt", "ALLOW"},
            {"arn:aws:s3:*:*:bucket/*", "ALLOW"},
            {"arn:aws:sqs:::bucket/*", "IMPLICIT_DENY"},
        };
        for (String[] row : table) {
            assertThat(effect(request(ALICE, "s3:GetObject", OBJECT)
                    .identityPolicies(identity(doc("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"" + row[0] + "\"}")))))
                    .as(row[0]).isEqualTo(DecisionEffect.valueOf(row[1]));
        }
    }

    @Test
    void wildcardInOneArnPartDoesNotSpanColons()
    {
        CompiledPolicies policies = identity(doc("{\"Effect\":\"Allow\",\"Action\":\"sqs:*\",\"Resource\":\"arn:aws:sqs:us-*:111111111111:q\"}"));

        assertThat(effect(request(ALICE, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:q").identityPolicies(policies))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "sqs:SendMessage", "arn:aws:sqs:us-east-1:222222222222:us-east-1:111111111111:q").identityPolicies(policies)))
                .isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void notResourceDeniesEverythingOutsideIt()
    {
        CompiledPolicies policies = identity(doc(ALLOW_ALL), doc("{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::safe/*\"}"));

        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).identityPolicies(policies))).isEqualTo(DecisionEffect.EXPLICIT_DENY);
        assertThat(effect(request(ALICE, "s3:GetObject", "arn:aws:s3:::safe/x").identityPolicies(policies))).isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void kmsIdentityPoliciesCountOnlyIfTheKeyPolicyTrustsTheAccount()
    {
        String key = "arn:aws:kms:us-east-1:111111111111:key/1111aaaa-11aa-11aa-11aa-111111111111";
        CompiledPolicies identity = identity(doc("{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}"));
        CompiledPolicies trusting = resource(grant("{\"AWS\":\"" + ROOT_A + "\"}", "kms:*"));
        CompiledPolicies bobOnly = resource(grant("{\"AWS\":\"" + BOB + "\"}", "kms:*"));

        assertThat(effect(request(ALICE, "kms:Decrypt", key).identityPolicies(identity).resourcePolicy(trusting)
                .accountTrust(AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "kms:Decrypt", key).identityPolicies(identity).resourcePolicy(bobOnly)
                .accountTrust(AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT))).isEqualTo(DecisionEffect.IMPLICIT_DENY);
        assertThat(effect(request(ALICE, "kms:Decrypt", key).identityPolicies(identity).resourcePolicy(bobOnly)))
                .as("the usual rule, for contrast").isEqualTo(DecisionEffect.ALLOW);
    }

    @Test
    void trustPolicyMustAllowAssumeRoleEvenWithinTheAccount()
    {
        String role = "arn:aws:iam::111111111111:role/Admin";
        CompiledPolicies identity = identity(doc("{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\"}"));
        CompiledPolicies trustsAccount = resource(grant("{\"AWS\":\"111111111111\"}", "sts:AssumeRole"));
        CompiledPolicies trustsService = resource(grant("{\"Service\":\"ec2.amazonaws.com\"}", "sts:AssumeRole"));
        AccountTrust trust = AccountTrust.RESOURCE_POLICY_MUST_TRUST_ACCOUNT_IF_PRESENT;

        assertThat(effect(request(ALICE, "sts:AssumeRole", role).identityPolicies(identity).resourcePolicy(trustsAccount).accountTrust(trust)))
                .isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "sts:AssumeRole", role).resourcePolicy(trustsAccount).accountTrust(trust)))
                .isEqualTo(DecisionEffect.IMPLICIT_DENY);
        assertThat(effect(request(ALICE, "sts:AssumeRole", role).identityPolicies(identity).resourcePolicy(trustsService).accountTrust(trust)))
                .isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void actionThatNeedsNoPermissionIsAllowedEvenAgainstExplicitDeny()
    {
        CompiledPolicies denyAll = identity(doc("{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}"));

        assertThat(effect(request(ALICE, "sts:GetCallerIdentity", "*").identityPolicies(denyAll).actionAlwaysAllowed(true))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request("anonymous", "sts:GetCallerIdentity", "*").actionAlwaysAllowed(true))).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }

    @Test
    void resourceAccountDefaultsToTheArnsAccountElseThePrincipals()
    {
        assertThat(request(ALICE, "sqs:SendMessage", "arn:aws:sqs:us-east-1:222222222222:q").build().resourceAccount()).isEqualTo("222222222222");
        assertThat(request(ALICE, "s3:GetObject", OBJECT).build().resourceAccount()).isEqualTo("111111111111");
    }

    @Test
    void compiledSetIndexesStatementsByServiceButStillSeesCrossServiceOnes()
    {
        CompiledPolicies policies = identity(doc(
                "{\"Effect\":\"Allow\",\"Action\":[\"ec2:RunInstances\",\"s3:GetObject\"],\"Resource\":\"*\"}",
                "{\"Effect\":\"Allow\",\"Action\":\"s?s:SendMessage\",\"Resource\":\"*\"}",
                "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\",\"Resource\":\"*\"}"));

        assertThat(effect(request(ALICE, "s3:GetObject", OBJECT).identityPolicies(policies))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "ec2:RunInstances", "*").identityPolicies(policies))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "sqs:SendMessage", "arn:aws:sqs:us-east-1:111111111111:q").identityPolicies(policies))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:111111111111:table/T").identityPolicies(policies))).isEqualTo(DecisionEffect.ALLOW);
        assertThat(effect(request(ALICE, "dynamodb:PutItem", "arn:aws:dynamodb:us-east-1:111111111111:table/T").identityPolicies(policies))).isEqualTo(DecisionEffect.IMPLICIT_DENY);
    }
}
