package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.PolicySourceType;
import software.amazon.awssdk.services.iam.model.Position;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Statement;

import java.util.List;
import java.util.function.Consumer;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The policy simulator through the SDK on both stores, checked against enforcement: every simulated decision for
 * a principal is then tried for real with that principal's keys, and the call must succeed exactly when the
 * simulator said {@code allowed}.
 */
final class TestIamPolicySimulator
{
    private static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    /** AWS's own example (AWS CLI reference, simulate-custom-policy): the statement spans columns 38 to 167 of line 1. */
    private static final String AWS_EXAMPLE = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
            + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
    private static final String DENY_CREATE_USER = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "NoCreate", "Effect": "Deny", "Action": "iam:CreateUser", "Resource": "*"}
              ]
            }""";

    @StoreTest
    void principalSimulationAgreesWithEnforcement(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider bob = userWithKey(admin, "bob");
            String bobArn = "arn:aws:iam::" + account + ":user/bob";
            admin.putUserPolicy(b -> b.userName("bob").policyName("get-users").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"arn:aws:iam::" + account + ":user/*\"}]}"));
            admin.putUserPolicy(b -> b.userName("bob").policyName("no-create").policyDocument(DENY_CREATE_USER));
            admin.createGroup(b -> b.groupName("readers"));
            admin.addUserToGroup(b -> b.groupName("readers").userName("bob"));
            String listUsers = admin.createPolicy(b -> b.policyName("list-users").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:ListUsers\",\"iam:CreateUser\"],\"Resource\":\"*\"}]}")).policy().arn();
            admin.attachGroupPolicy(b -> b.groupName("readers").policyArn(listUsers));

            SimulatePrincipalPolicyResponse simulated = admin.simulatePrincipalPolicy(b -> b.policySourceArn(bobArn)
                    .actionNames("iam:GetUser", "iam:ListUsers", "iam:CreateUser", "iam:ListRoles"));
            assertThat(simulated.isTruncated()).isFalse();
            assertThat(simulated.evaluationResults()).extracting(EvaluationResult::evalActionName)
                    .containsExactly("iam:GetUser", "iam:ListUsers", "iam:CreateUser", "iam:ListRoles");
            assertThat(simulated.evaluationResults()).extracting(EvaluationResult::evalDecision).as("a statement on users/* does not match the resource *")
                    .containsExactly(PolicyEvaluationDecisionType.IMPLICIT_DENY, PolicyEvaluationDecisionType.ALLOWED,
                            PolicyEvaluationDecisionType.EXPLICIT_DENY, PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(simulated.evaluationResults().get(1).evalResourceName()).isEqualTo("*");
            EvaluationResult getUser = admin.simulatePrincipalPolicy(b -> b.policySourceArn(bobArn).actionNames("iam:GetUser").resourceArns(bobArn))
                    .evaluationResults().get(0);
            assertThat(getUser.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(getUser.evalResourceName()).isEqualTo(bobArn);
            assertThat(getUser.matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("user_bob_get-users", PolicySourceType.USER));
            assertThat(getUser.resourceSpecificResults()).singleElement()
                    .satisfies(specific -> assertThat(specific.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED));
            assertThat(simulated.evaluationResults().get(1).matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(listUsers, PolicySourceType.USER_MANAGED));
            Statement deny = simulated.evaluationResults().get(2).matchedStatements().get(0);
            assertThat(simulated.evaluationResults().get(2).matchedStatements()).as("a deny is the only statement reported").hasSize(1);
            assertThat(deny.sourcePolicyId()).isEqualTo("user_bob_no-create");
            // line 4 of DENY_CREATE_USER: the statement's braces at columns 5 and 4 + its length (1-based), reported just past them
            assertThat(deny.startPosition()).isEqualTo(Position.builder().line(4).column(6).build());
            assertThat(deny.endPosition()).isEqualTo(Position.builder().line(4).column(4 + DENY_CREATE_USER.lines().toList().get(3).trim().length() + 1).build());
            assertThat(simulated.evaluationResults().get(3).matchedStatements()).isEmpty();

            try (IamClient asBob = server.iam(bob)) {
                assertAgrees(getUser, () -> asBob.getUser(b -> b.userName("bob")));
                assertAgrees(simulated.evaluationResults().get(1), asBob::listUsers);
                assertAgrees(simulated.evaluationResults().get(2), () -> asBob.createUser(b -> b.userName("carol")));
                assertAgrees(simulated.evaluationResults().get(3), asBob::listRoles);

                // A boundary caps even the allowed actions; the simulator reports which side the boundary was on.
                String boundary = admin.createPolicy(b -> b.policyName("only-get-user").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:GetUser\",\"Resource\":\"*\"}]}")).policy().arn();
                admin.putUserPermissionsBoundary(b -> b.userName("bob").permissionsBoundary(boundary));
                List<EvaluationResult> bounded = List.of(
                        admin.simulatePrincipalPolicy(b -> b.policySourceArn(bobArn).actionNames("iam:GetUser").resourceArns(bobArn)).evaluationResults().get(0),
                        admin.simulatePrincipalPolicy(b -> b.policySourceArn(bobArn).actionNames("iam:ListUsers")).evaluationResults().get(0));
                assertThat(bounded).extracting(EvaluationResult::evalDecision)
                        .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
                assertThat(bounded).extracting(result -> result.permissionsBoundaryDecisionDetail().allowedByPermissionsBoundary())
                        .containsExactly(true, false);
                assertAgrees(bounded.get(0), () -> asBob.getUser(b -> b.userName("bob")));
                assertAgrees(bounded.get(1), asBob::listUsers);

                // PermissionsBoundaryPolicyInputList replaces the attached boundary for the simulation only.
                List<EvaluationResult> replaced = admin.simulatePrincipalPolicy(b -> b.policySourceArn(bobArn).actionNames("iam:ListUsers")
                        .permissionsBoundaryPolicyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iam:List*\",\"Resource\":\"*\"}]}"))
                        .evaluationResults();
                assertThat(replaced.get(0).evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
                assertAgrees(bounded.get(1), asBob::listUsers);
            }

            // PolicyInputList adds policies to the principal's own.
            EvaluationResult extra = admin.simulatePrincipalPolicy(b -> b.policySourceArn(bobArn).actionNames("iam:GetUser").resourceArns(bobArn)
                    .policyInputList("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"iam:Get*\",\"Resource\":\"*\"}]}"))
                    .evaluationResults().get(0);
            assertThat(extra.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.EXPLICIT_DENY);
            assertThat(extra.matchedStatements()).extracting(Statement::sourcePolicyId).containsExactly("PolicyInputList.1");

            // A role and a group are simulated with their own policies.
            admin.createRole(b -> b.roleName("reader").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.attachRolePolicy(b -> b.roleName("reader").policyArn(ADMINISTRATOR_ACCESS));
            EvaluationResult role = admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":role/reader")
                    .actionNames("s3:GetObject")).evaluationResults().get(0);
            assertThat(role.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(role.matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ADMINISTRATOR_ACCESS, PolicySourceType.AWS_MANAGED));
            EvaluationResult group = admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":group/readers")
                    .actionNames("iam:GetUser").resourceArns(bobArn)).evaluationResults().get(0);
            assertThat(group.evalDecision()).as("the user's own policies are not the group's").isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
        }
    }

    @StoreTest
    void roleSimulationAgreesWithItsSessions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials());
                software.amazon.awssdk.services.sts.StsClient sts = server.sts(server.adminCredentials())) {
            String account = server.admin().accountId();
            String roleArn = "arn:aws:iam::" + account + ":role/deployer";
            admin.createRole(b -> b.roleName("deployer").assumeRolePolicyDocument(TestIamRoles.trustAccount(account)));
            admin.putRolePolicy(b -> b.roleName("deployer").policyName("roles").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"iam:ListRoles\",\"iam:ListGroups\"],\"Resource\":\"*\"},"
                            + "{\"Effect\":\"Deny\",\"Action\":\"iam:ListGroups\",\"Resource\":\"*\"}]}"));
            List<EvaluationResult> simulated = admin.simulatePrincipalPolicy(b -> b.policySourceArn(roleArn)
                    .actionNames("iam:ListRoles", "iam:ListGroups", "iam:ListUsers")).evaluationResults();
            assertThat(simulated).extracting(EvaluationResult::evalDecision).containsExactly(PolicyEvaluationDecisionType.ALLOWED,
                    PolicyEvaluationDecisionType.EXPLICIT_DENY, PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(simulated.get(0).matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("role_deployer_roles", PolicySourceType.ROLE));
            software.amazon.awssdk.services.sts.model.Credentials credentials = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("deploy")).credentials();
            try (IamClient session = server.iam(TestRoleSessions.session(credentials))) {
                assertAgrees(simulated.get(0), session::listRoles);
                assertAgrees(simulated.get(1), session::listGroups);
                assertAgrees(simulated.get(2), session::listUsers);
            }
        }
    }

    @StoreTest
    void customSimulationReportsPositionsContextAndResources(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            SimulateCustomPolicyResponse allowed = admin.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("dynamodb:CreateBackup")
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:CurrentTime").contextKeyValues("2019-04-25T11:00:00Z")
                            .contextKeyType(ContextKeyTypeEnum.DATE).build()));
            EvaluationResult result = allowed.evaluationResults().get(0);
            assertThat(result.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(result.evalResourceName()).isEqualTo("*");
            assertThat(result.missingContextValues()).isEmpty();
            assertThat(result.matchedStatements()).singleElement().satisfies(statement -> {
                assertThat(statement.sourcePolicyId()).isEqualTo("PolicyInputList.1");
                assertThat(statement.startPosition()).isEqualTo(Position.builder().line(1).column(38).build());
                assertThat(statement.endPosition()).isEqualTo(Position.builder().line(1).column(167).build());
            });

            EvaluationResult tooEarly = admin.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("dynamodb:CreateBackup")
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:CurrentTime").contextKeyValues("2014-04-25T11:00:00Z")
                            .contextKeyType(ContextKeyTypeEnum.DATE).build())).evaluationResults().get(0);
            assertThat(tooEarly.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(tooEarly.matchedStatements()).isEmpty();

            EvaluationResult missing = admin.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("dynamodb:CreateBackup"))
                    .evaluationResults().get(0);
            assertThat(missing.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(missing.missingContextValues()).containsExactly("aws:CurrentTime");

            // With a resource ARN the per-resource results carry the details; same account, EvalDecisionDetails is empty.
            String table = "arn:aws:dynamodb:us-east-1:" + account + ":table/books";
            EvaluationResult onTable = admin.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("dynamodb:GetItem").resourceArns(table))
                    .evaluationResults().get(0);
            assertThat(onTable.evalResourceName()).isEqualTo(table);
            assertThat(onTable.missingContextValues()).isEmpty();
            assertThat(onTable.resourceSpecificResults()).singleElement().satisfies(specific -> {
                assertThat(specific.evalResourceName()).isEqualTo(table);
                assertThat(specific.evalResourceDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
                assertThat(specific.missingContextValues()).containsExactly("aws:CurrentTime");
            });
            assertThat(onTable.evalDecisionDetails()).isEmpty();

            // A resource policy naming the caller allows on its own within the account, and not across accounts.
            String bucketPolicy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + account
                    + ":user/dana\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::books/*\"}]}";
            String noop = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}";
            EvaluationResult viaResource = admin.simulateCustomPolicy(b -> b.policyInputList(noop).actionNames("s3:GetObject")
                    .resourceArns("arn:aws:s3:::books/a.txt").resourcePolicy(bucketPolicy).callerArn("arn:aws:iam::" + account + ":user/dana"))
                    .evaluationResults().get(0);
            assertThat(viaResource.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
            assertThat(viaResource.matchedStatements()).extracting(Statement::sourcePolicyId, Statement::sourcePolicyType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ResourcePolicy", PolicySourceType.RESOURCE));
            EvaluationResult crossAccount = admin.simulateCustomPolicy(b -> b.policyInputList(noop).actionNames("s3:GetObject")
                    .resourceArns("arn:aws:s3:::books/a.txt").resourcePolicy(bucketPolicy).callerArn("arn:aws:iam::" + account + ":user/dana")
                    .resourceOwner("arn:aws:iam::111122223333:root")).evaluationResults().get(0);
            assertThat(crossAccount.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(crossAccount.evalDecisionDetails()).containsEntry("IAM Policy", PolicyEvaluationDecisionType.IMPLICIT_DENY)
                    .containsEntry("Resource Policy", PolicyEvaluationDecisionType.ALLOWED);

            // Paging: actions × resources, MaxItems at a time.
            SimulateCustomPolicyResponse first = admin.simulateCustomPolicy(b -> b.policyInputList(noop).actionNames("sqs:SendMessage", "sqs:ReceiveMessage")
                    .resourceArns("arn:aws:sqs:us-east-1:" + account + ":a", "arn:aws:sqs:us-east-1:" + account + ":b").maxItems(3));
            assertThat(first.isTruncated()).isTrue();
            assertThat(first.evaluationResults()).hasSize(3);
            SimulateCustomPolicyResponse rest = admin.simulateCustomPolicy(b -> b.policyInputList(noop).actionNames("sqs:SendMessage", "sqs:ReceiveMessage")
                    .resourceArns("arn:aws:sqs:us-east-1:" + account + ":a", "arn:aws:sqs:us-east-1:" + account + ":b").maxItems(3).marker(first.marker()));
            assertThat(rest.isTruncated()).isFalse();
            assertThat(rest.evaluationResults()).singleElement().satisfies(last -> {
                assertThat(last.evalActionName()).isEqualTo("sqs:ReceiveMessage");
                assertThat(last.evalResourceName()).endsWith(":b");
                assertThat(last.evalDecision()).isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
            });
        }
    }

    @StoreTest
    void contextKeysAreThoseOfTheConditionsAndVariables(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            String awsExample = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                    + "\"Resource\":\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\","
                    + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}";
            assertThat(admin.getContextKeysForCustomPolicy(b -> b.policyInputList(awsExample)).contextKeyNames())
                    .containsExactly("aws:username", "aws:CurrentTime");

            admin.createUser(b -> b.userName("erin"));
            admin.putUserPolicy(b -> b.userName("erin").policyName("mfa").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"ec2:*\",\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}}]}"));
            admin.createGroup(b -> b.groupName("tagged"));
            admin.addUserToGroup(b -> b.groupName("tagged").userName("erin"));
            admin.putGroupPolicy(b -> b.groupName("tagged").policyName("team").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalTag/team\":\"blue\"}}}]}"));
            assertThat(admin.getContextKeysForPrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":user/erin")).contextKeyNames())
                    .containsExactlyInAnyOrder("aws:MultiFactorAuthPresent", "aws:PrincipalTag/team");
            assertThat(admin.getContextKeysForPrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":user/erin").policyInputList(awsExample))
                    .contextKeyNames()).contains("aws:username", "aws:CurrentTime", "aws:MultiFactorAuthPresent");

            // The simulation of the principal honours typed context entries.
            List<EvaluationResult> mfa = admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":user/erin")
                    .actionNames("ec2:RunInstances", "s3:GetObject")
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:MultiFactorAuthPresent").contextKeyValues("true")
                            .contextKeyType(ContextKeyTypeEnum.BOOLEAN).build())).evaluationResults();
            assertThat(mfa).extracting(EvaluationResult::evalDecision)
                    .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
            assertThat(mfa.get(1).missingContextValues()).containsExactly("aws:PrincipalTag/team");
            assertThatThrownBy(() -> admin.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("dynamodb:GetItem")
                    .contextEntries(ContextEntry.builder().contextKeyName("aws:CurrentTime").contextKeyValues("yesterday")
                            .contextKeyType(ContextKeyTypeEnum.DATE).build())))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @StoreTest
    void errorsAndAuthorization(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            assertThatThrownBy(() -> admin.simulateCustomPolicy(b -> b.policyInputList("{not json").actionNames("s3:GetObject")))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Syntax errors in policy."));
            assertThatThrownBy(() -> admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":user/nobody").actionNames("s3:GetObject")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The user with name nobody cannot be found."));
            assertThatThrownBy(() -> admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":role/nobody").actionNames("s3:GetObject")))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":policy/not-a-principal").actionNames("s3:GetObject")))
                    .isInstanceOf(InvalidInputException.class);
            admin.createGroup(b -> b.groupName("g"));
            assertThatThrownBy(() -> admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":group/g").actionNames("s3:GetObject")
                    .resourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}")))
                    .as("a resource policy needs a caller")
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> admin.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("s3:GetObject")
                    .callerArn("arn:aws:iam::" + account + ":role/r")))
                    .as("the caller must be a user")
                    .isInstanceOf(InvalidInputException.class);

            AwsCredentialsProvider frank = userWithKey(admin, "frank");
            admin.createUser(b -> b.userName("target"));
            String targetArn = "arn:aws:iam::" + account + ":user/target";
            try (IamClient asFrank = server.iam(frank)) {
                assertAccessDenied(() -> asFrank.simulatePrincipalPolicy(b -> b.policySourceArn(targetArn).actionNames("s3:GetObject")),
                        "User: arn:aws:iam::" + account + ":user/frank is not authorized to perform: iam:SimulatePrincipalPolicy on resource: " + targetArn
                                + " because no identity-based policy allows the iam:SimulatePrincipalPolicy action");
                assertAccessDenied(() -> asFrank.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("s3:GetObject")),
                        "User: arn:aws:iam::" + account + ":user/frank is not authorized to perform: iam:SimulateCustomPolicy on resource: *"
                                + " because no identity-based policy allows the iam:SimulateCustomPolicy action");
                assertAccessDenied(() -> asFrank.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(targetArn)), null);
                assertAccessDenied(() -> asFrank.getContextKeysForCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE)), null);

                admin.putUserPolicy(b -> b.userName("frank").policyName("simulate").policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":[\"iam:SimulatePrincipalPolicy\",\"iam:GetContextKeysForPrincipalPolicy\"],\"Resource\":\"" + targetArn + "\"},"
                        + "{\"Effect\":\"Allow\",\"Action\":[\"iam:SimulateCustomPolicy\",\"iam:GetContextKeysForCustomPolicy\"],\"Resource\":\"*\"}]}"));
                // The simulator predicts Frank's own permission to simulate, and the live calls agree.
                String adminArn = "arn:aws:iam::" + account + ":user/admin";
                List<EvaluationResult> predicted = admin.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":user/frank")
                        .actionNames("iam:SimulatePrincipalPolicy").resourceArns(targetArn, adminArn)).evaluationResults();
                assertThat(predicted).extracting(EvaluationResult::evalDecision)
                        .containsExactly(PolicyEvaluationDecisionType.ALLOWED, PolicyEvaluationDecisionType.IMPLICIT_DENY);
                assertAgrees(predicted.get(0), () -> asFrank.simulatePrincipalPolicy(b -> b.policySourceArn(targetArn).actionNames("s3:GetObject")));
                assertAgrees(predicted.get(1), () -> asFrank.simulatePrincipalPolicy(b -> b.policySourceArn(adminArn).actionNames("s3:GetObject")));
                assertThat(asFrank.simulatePrincipalPolicy(b -> b.policySourceArn(targetArn).actionNames("s3:GetObject")).evaluationResults()).hasSize(1);
                assertThat(asFrank.simulateCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE).actionNames("s3:GetObject")).evaluationResults()).hasSize(1);
                assertThat(asFrank.getContextKeysForPrincipalPolicy(b -> b.policySourceArn(targetArn)).contextKeyNames()).isEmpty();
                assertThat(asFrank.getContextKeysForCustomPolicy(b -> b.policyInputList(AWS_EXAMPLE)).contextKeyNames()).containsExactly("aws:CurrentTime");
                assertAccessDenied(() -> asFrank.simulatePrincipalPolicy(b -> b.policySourceArn("arn:aws:iam::" + account + ":user/admin")
                        .actionNames("s3:GetObject")), null);
            }
        }
    }

    /** The live call succeeds exactly when the simulator said allowed, and is AccessDenied otherwise. */
    private static void assertAgrees(EvaluationResult simulated, Runnable call)
    {
        if (simulated.evalDecision() == PolicyEvaluationDecisionType.ALLOWED) {
            call.run();
            return;
        }
        assertThatThrownBy(call::run).as(simulated.evalActionName() + " was simulated " + simulated.evalDecision())
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    String reason = simulated.evalDecision() == PolicyEvaluationDecisionType.EXPLICIT_DENY ? "with an explicit deny" : "because no";
                    assertThat(e.awsErrorDetails().errorMessage()).contains(reason);
                });
    }

    static void assertAccessDenied(Runnable call, String message)
    {
        Consumer<IamException> check = e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        };
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, check);
    }

}
