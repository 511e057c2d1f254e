package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicy;
import software.amazon.awssdk.services.iam.model.PasswordPolicyViolationException;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Console passwords through the SDK on both stores: the account password policy, login profiles, ChangePassword,
 * AWS's codes and wording, and that only hashes are stored.
 */
final class TestIamPasswords
{
    private static final String VIOLATION = "Password does not conform to the account password policy.";

    @StoreTest
    void accountPasswordPolicyIsSetReadAndDeletedWithAwsDefaultsAndErrors(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            assertThatThrownBy(iam::getAccountPasswordPolicy)
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The Password Policy with domain name " + server.admin().accountId() + " cannot be found.");
                    });
            assertThatThrownBy(iam::deleteAccountPasswordPolicy)
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The account policy with name PasswordPolicy cannot be found."));

            iam.updateAccountPasswordPolicy(b -> b.requireNumbers(true));
            PasswordPolicy defaults = iam.getAccountPasswordPolicy().passwordPolicy();
            assertThat(defaults.minimumPasswordLength()).isEqualTo(6);
            assertThat(defaults.requireNumbers()).isTrue();
            assertThat(defaults.requireSymbols()).isFalse();
            assertThat(defaults.expirePasswords()).isFalse();
            assertThat(defaults.maxPasswordAge()).isNull();

            iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(12).requireUppercaseCharacters(true).maxPasswordAge(90)
                    .passwordReusePrevention(5).allowUsersToChangePassword(true));
            PasswordPolicy strict = iam.getAccountPasswordPolicy().passwordPolicy();
            assertThat(strict.minimumPasswordLength()).isEqualTo(12);
            assertThat(strict.requireUppercaseCharacters()).isTrue();
            assertThat(strict.requireNumbers()).as("an update replaces the whole policy").isFalse();
            assertThat(strict.expirePasswords()).isTrue();
            assertThat(strict.maxPasswordAge()).isEqualTo(90);
            assertThat(strict.passwordReusePrevention()).isEqualTo(5);
            assertThat(strict.allowUsersToChangePassword()).isTrue();

            assertThatThrownBy(() -> iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(5)))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '5' at 'minimumPasswordLength' "
                                + "failed to satisfy constraint: Member must have value greater than or equal to 6");
                    });

            iam.deleteAccountPasswordPolicy();
            assertThatThrownBy(iam::getAccountPasswordPolicy).isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(iam::deleteAccountPasswordPolicy).isInstanceOfSatisfying(NoSuchEntityException.class,
                    e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The account policy with name PasswordPolicy cannot be found."));
        }
    }

    @StoreTest
    void loginProfilesFollowThePolicyBlockDeleteUserAndStoreOnlyHashes(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName("bob"));
            iam.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(10).requireUppercaseCharacters(true));
            assertThatThrownBy(() -> iam.createLoginProfile(b -> b.userName("bob").password("Short1")))
                    .isInstanceOfSatisfying(PasswordPolicyViolationException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(VIOLATION);
                    });
            assertThatThrownBy(() -> iam.createLoginProfile(b -> b.userName("bob").password("long-but-lowercase")))
                    .isInstanceOf(PasswordPolicyViolationException.class);

            LoginProfile created = iam.createLoginProfile(b -> b.userName("bob").password("Correct-Horse-9").passwordResetRequired(true)).loginProfile();
            assertThat(created.userName()).isEqualTo("bob");
            assertThat(created.passwordResetRequired()).isTrue();
            assertThat(created.createDate()).isNotNull();
            String stored = server.server().store().readOnly(tx -> tx.queryOne("SELECT password_hash FROM iam_login_profiles", row -> row.getString(1))).orElseThrow();
            assertThat(stored).startsWith("$pbkdf2-sha256$").doesNotContain("Correct-Horse-9");

            assertThatThrownBy(() -> iam.createLoginProfile(b -> b.userName("bob").password("Another-Password-1")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Login Profile for user bob already exists."));
            assertThatThrownBy(() -> iam.deleteUser(b -> b.userName("bob")))
                    .isInstanceOfSatisfying(DeleteConflictException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete entity, must delete login profile first."));

            iam.updateLoginProfile(b -> b.userName("bob").passwordResetRequired(false));
            assertThat(iam.getLoginProfile(b -> b.userName("bob")).loginProfile().passwordResetRequired()).isFalse();
            assertThatThrownBy(() -> iam.updateLoginProfile(b -> b.userName("bob").password("weak")))
                    .isInstanceOf(PasswordPolicyViolationException.class);

            iam.deleteLoginProfile(b -> b.userName("bob"));
            assertThatThrownBy(() -> iam.getLoginProfile(b -> b.userName("bob")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e ->
                            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Login Profile for User bob cannot be found."));
            iam.deleteUser(b -> b.userName("bob"));
        }
    }

    @StoreTest
    void changePasswordNeedsTheCurrentPasswordAndClearsARequiredReset(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider bob = userWithKey(admin, "bob");
            admin.putUserPolicy(b -> b.userName("bob").policyName("own-password").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ChangePassword","Resource":"arn:aws:iam::*:user/${aws:username}"}]}"""));
            admin.updateAccountPasswordPolicy(b -> b.minimumPasswordLength(8).requireNumbers(true));
            admin.createLoginProfile(b -> b.userName("bob").password("first-pass-1").passwordResetRequired(true));
            try (IamClient iam = server.iam(bob)) {
                assertThatThrownBy(() -> iam.changePassword(b -> b.oldPassword("not-my-password").newPassword("second-pass-2")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.changePassword(b -> b.oldPassword("first-pass-1").newPassword("no-digits-here")))
                        .isInstanceOfSatisfying(PasswordPolicyViolationException.class, e ->
                                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(VIOLATION));

                iam.changePassword(b -> b.oldPassword("first-pass-1").newPassword("second-pass-2"));
                assertThat(admin.getLoginProfile(b -> b.userName("bob")).loginProfile().passwordResetRequired()).isFalse();
                assertThatThrownBy(() -> iam.changePassword(b -> b.oldPassword("first-pass-1").newPassword("third-pass-3")))
                        .as("the old password no longer works").isInstanceOf(IamException.class);
                iam.changePassword(b -> b.oldPassword("second-pass-2").newPassword("third-pass-3"));
            }
        }
    }
}
