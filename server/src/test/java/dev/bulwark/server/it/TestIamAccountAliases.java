package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.StsClient;

import java.time.Clock;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Account aliases through a real server and the AWS SDK, on both stores: one per account, unique across accounts, AWS's pattern. */
final class TestIamAccountAliases
{
    @StoreTest
    void anAccountHasOneAliasWhichANewOneReplaces(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
            iam.createAccountAlias(b -> b.accountAlias("acme-prod"));
            assertThat(iam.listAccountAliases().accountAliases()).containsExactly("acme-prod");
            assertThatThrownBy(() -> iam.createAccountAlias(b -> b.accountAlias("acme-prod")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The account alias acme-prod already exists.");
                    });
            iam.createAccountAlias(b -> b.accountAlias("acme-production"));
            assertThat(iam.listAccountAliases().accountAliases()).containsExactly("acme-production");

            assertThatThrownBy(() -> iam.deleteAccountAlias(b -> b.accountAlias("acme-prod"))).isInstanceOf(NoSuchEntityException.class);
            iam.deleteAccountAlias(b -> b.accountAlias("acme-production"));
            assertThat(iam.listAccountAliases().accountAliases()).isEmpty();
        }
    }

    @StoreTest
    void aliasesMustMatchAwsPattern(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            for (String bad : new String[] {"Acme", "acme--prod", "-acme", "acme-", "ab", "a".repeat(64), "acme_prod"}) {
                assertThatThrownBy(() -> iam.createAccountAlias(b -> b.accountAlias(bad)))
                        .as(bad)
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        });
            }
            iam.createAccountAlias(b -> b.accountAlias("a-1-b"));
            assertThat(iam.listAccountAliases().accountAliases()).containsExactly("a-1-b");
        }
    }

    @StoreTest
    void aliasesAreUniqueAcrossAccountsAndRefusalKeepsTheOldAlias(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target, Clock.systemUTC(), true, OptionalInt.empty());
                IamClient first = server.iam(server.adminCredentials());
                IamClient other = server.iam(RunningServer.credentials("test", "test"));
                StsClient otherSts = server.sts(RunningServer.credentials("test", "test"))) {
            assertThat(otherSts.getCallerIdentity().account()).isNotEqualTo(server.admin().accountId());
            first.createAccountAlias(b -> b.accountAlias("shared-name"));
            other.createAccountAlias(b -> b.accountAlias("other-name"));
            assertThatThrownBy(() -> other.createAccountAlias(b -> b.accountAlias("shared-name")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The account alias shared-name already exists."));
            assertThat(other.listAccountAliases().accountAliases()).containsExactly("other-name");
            assertThat(first.listAccountAliases().accountAliases()).containsExactly("shared-name");
            assertThatThrownBy(() -> other.deleteAccountAlias(b -> b.accountAlias("shared-name"))).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void usersNeedTheAliasActions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider erin = TestIamManagedPolicies.userWithKey(admin, "erin");
            try (IamClient iam = server.iam(erin)) {
                assertThatThrownBy(() -> iam.createAccountAlias(b -> b.accountAlias("erins-alias")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(403);
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::" + account + ":user/erin is not authorized to perform: "
                                    + "iam:CreateAccountAlias on resource: * because no identity-based policy allows the iam:CreateAccountAlias action");
                        });
                assertThatThrownBy(() -> iam.listAccountAliases())
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                admin.putUserPolicy(b -> b.userName("erin").policyName("aliases").policyDocument("""
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateAccountAlias","iam:ListAccountAliases"],"Resource":"*"}]}"""));
                iam.createAccountAlias(b -> b.accountAlias("erins-alias"));
                assertThat(iam.listAccountAliases().accountAliases()).containsExactly("erins-alias");
                assertThatThrownBy(() -> iam.deleteAccountAlias(b -> b.accountAlias("erins-alias")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
        }
    }
}
