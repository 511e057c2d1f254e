package dev.bulwark.server.services.iam;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.LoginProfile;
import dev.bulwark.server.services.iam.model.PasswordPolicy;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Passwords;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.ChangePasswordRequest;
import software.amazon.awssdk.services.iam.model.ChangePasswordResponse;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.DeleteLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.GetAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.GetLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.GetLoginProfileResponse;
import software.amazon.awssdk.services.iam.model.InvalidUserTypeException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PasswordPolicyViolationException;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyRequest;
import software.amazon.awssdk.services.iam.model.UpdateAccountPasswordPolicyResponse;
import software.amazon.awssdk.services.iam.model.UpdateLoginProfileRequest;
import software.amazon.awssdk.services.iam.model.UpdateLoginProfileResponse;

import java.util.List;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Console passwords: the account's password policy, users' login profiles and ChangePassword. Every new password
 * is checked against the policy in force; passwords are kept only as {@link Passwords} hashes and never returned.
 */
public final class IamLoginOperations implements ServiceOperations
{
    /** AWS's message when a password breaks the account's password policy. */
    static final String POLICY_VIOLATION = "Password does not conform to the account password policy.";

    private final Store store;
    private final IamStore iam;
    private final Passwords passwords;

    public IamLoginOperations(Store store, IamStore iam, Passwords passwords)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.passwords = requireNonNull(passwords, "passwords is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("UpdateAccountPasswordPolicy", UpdateAccountPasswordPolicyRequest.class, (in, r) -> accountAccess("iam:UpdateAccountPasswordPolicy"),
                        this::updateAccountPasswordPolicy),
                read("GetAccountPasswordPolicy", GetAccountPasswordPolicyRequest.class, (in, r) -> accountAccess("iam:GetAccountPasswordPolicy"),
                        this::getAccountPasswordPolicy),
                write("DeleteAccountPasswordPolicy", DeleteAccountPasswordPolicyRequest.class, (in, r) -> accountAccess("iam:DeleteAccountPasswordPolicy"),
                        this::deleteAccountPasswordPolicy),
                write("CreateLoginProfile", CreateLoginProfileRequest.class, (in, r) -> userAccess(in, "iam:CreateLoginProfile", r.userName()),
                        this::createLoginProfile),
                read("GetLoginProfile", GetLoginProfileRequest.class, (in, r) -> userAccess(in, "iam:GetLoginProfile", r.userName()), this::getLoginProfile),
                write("UpdateLoginProfile", UpdateLoginProfileRequest.class, (in, r) -> userAccess(in, "iam:UpdateLoginProfile", r.userName()),
                        this::updateLoginProfile),
                write("DeleteLoginProfile", DeleteLoginProfileRequest.class, (in, r) -> userAccess(in, "iam:DeleteLoginProfile", r.userName()),
                        this::deleteLoginProfile),
                write("ChangePassword", ChangePasswordRequest.class, (in, r) -> userAccess(in, "iam:ChangePassword", null), this::changePassword));
    }

    // ---------------------------------------------------------------- account password policy

    private UpdateAccountPasswordPolicyResponse updateAccountPasswordPolicy(Invocation in, UpdateAccountPasswordPolicyRequest request)
    {
        checkRange("minimumPasswordLength", orDefault(request.minimumPasswordLength(), PasswordPolicy.DEFAULT_MINIMUM_LENGTH), 6, 128);
        if (request.maxPasswordAge() != null) {
            checkRange("maxPasswordAge", request.maxPasswordAge(), 1, 1095);
        }
        if (request.passwordReusePrevention() != null) {
            checkRange("passwordReusePrevention", request.passwordReusePrevention(), 1, 24);
        }
        PasswordPolicy policy = new PasswordPolicy(
                orDefault(request.minimumPasswordLength(), PasswordPolicy.DEFAULT_MINIMUM_LENGTH),
                Boolean.TRUE.equals(request.requireSymbols()),
                Boolean.TRUE.equals(request.requireNumbers()),
                Boolean.TRUE.equals(request.requireUppercaseCharacters()),
                Boolean.TRUE.equals(request.requireLowercaseCharacters()),
                Boolean.TRUE.equals(request.allowUsersToChangePassword()),
                orDefault(request.maxPasswordAge(), 0),
                orDefault(request.passwordReusePrevention(), 0),
                Boolean.TRUE.equals(request.hardExpiry()));
        iam.putPasswordPolicy(in.transaction(), in.accountId(), policy);
        return UpdateAccountPasswordPolicyResponse.builder().build();
    }

    private GetAccountPasswordPolicyResponse getAccountPasswordPolicy(Invocation in, GetAccountPasswordPolicyRequest request)
    {
        PasswordPolicy policy = iam.findPasswordPolicy(in.transaction(), in.accountId()).orElseThrow(() -> noPasswordPolicy(in.accountId()));
        return GetAccountPasswordPolicyResponse.builder().passwordPolicy(software.amazon.awssdk.services.iam.model.PasswordPolicy.builder()
                .minimumPasswordLength(policy.minimumLength())
                .requireSymbols(policy.requireSymbols())
                .requireNumbers(policy.requireNumbers())
                .requireUppercaseCharacters(policy.requireUppercase())
                .requireLowercaseCharacters(policy.requireLowercase())
                .allowUsersToChangePassword(policy.allowUsersToChangePassword())
                .expirePasswords(policy.expirePasswords())
                .maxPasswordAge(policy.expirePasswords() ? policy.maxAgeDays() : null)
                .passwordReusePrevention(policy.reusePrevention() > 0 ? policy.reusePrevention() : null)
                .hardExpiry(policy.expirePasswords() ? policy.hardExpiry() : null)
                .build()).build();
    }

    private DeleteAccountPasswordPolicyResponse deleteAccountPasswordPolicy(Invocation in, DeleteAccountPasswordPolicyRequest request)
    {
        if (!iam.deletePasswordPolicy(in.transaction(), in.accountId())) {
            // Delete names the policy, where Get names the account.
            throw NoSuchEntityException.builder().message("The account policy with name PasswordPolicy cannot be found.").build();
        }
        return DeleteAccountPasswordPolicyResponse.builder().build();
    }

    // ---------------------------------------------------------------- login profiles

    private CreateLoginProfileResponse createLoginProfile(Invocation in, CreateLoginProfileRequest request)
    {
        if (isRootTarget(in, request.userName())) {
            // The root user's password (an AssumeRoot session with IAMCreateRootUserPassword recovers it).
            String password = requireNonNull(request.password(), "password is null");
            if (ROOT_PASSWORDS.rootPasswordHash(in.transaction(), in.accountId()).isPresent()) {
                throw EntityAlreadyExistsException.builder().message("Login Profile for user root already exists.").build();
            }
            ROOT_PASSWORDS.setRootPasswordHash(in.transaction(), in.accountId(), passwords.hash(password));
            return CreateLoginProfileResponse.builder().loginProfile(rootProfile(in)).build();
        }
        User user = existingUser(in, request.userName());
        String password = requireNonNull(request.password(), "password is null");
        checkAgainstPolicy(in, password);
        boolean resetRequired = Boolean.TRUE.equals(request.passwordResetRequired());
        if (!iam.createLoginProfile(in.transaction(), user, passwords.hash(password), resetRequired)) {
            throw EntityAlreadyExistsException.builder().message("Login Profile for user " + user.name() + " already exists.").build();
        }
        LoginProfile profile = iam.findLoginProfile(in.transaction(), user).orElseThrow();
        return CreateLoginProfileResponse.builder().loginProfile(toSdk(user, profile)).build();
    }

    private GetLoginProfileResponse getLoginProfile(Invocation in, GetLoginProfileRequest request)
    {
        if (isRootTarget(in, request.userName())) {
            if (ROOT_PASSWORDS.rootPasswordHash(in.transaction(), in.accountId()).isEmpty()) {
                throw NoSuchEntityException.builder().message("Login Profile for User root cannot be found.").build();
            }
            return GetLoginProfileResponse.builder().loginProfile(rootProfile(in)).build();
        }
        User user = existingUser(in, request.userName());
        return GetLoginProfileResponse.builder().loginProfile(toSdk(user, existingProfile(in, user))).build();
    }

    private UpdateLoginProfileResponse updateLoginProfile(Invocation in, UpdateLoginProfileRequest request)
    {
        User user = existingUser(in, request.userName());
        existingProfile(in, user);
        String hash = null;
        if (request.password() != null) {
            checkAgainstPolicy(in, request.password());
            hash = passwords.hash(request.password());
        }
        iam.updateLoginProfile(in.transaction(), user, hash, request.passwordResetRequired());
        return UpdateLoginProfileResponse.builder().build();
    }

    private DeleteLoginProfileResponse deleteLoginProfile(Invocation in, DeleteLoginProfileRequest request)
    {
        if (isRootTarget(in, request.userName())) {
            if (!ROOT_PASSWORDS.setRootPasswordHash(in.transaction(), in.accountId(), null)) {
                throw NoSuchEntityException.builder().message("Login Profile for User root cannot be found.").build();
            }
            return DeleteLoginProfileResponse.builder().build();
        }
        User user = existingUser(in, request.userName());
        if (!iam.deleteLoginProfile(in.transaction(), user)) {
            throw noLoginProfile(user);
        }
        return DeleteLoginProfileResponse.builder().build();
    }

    /** The calling IAM user changes its own password, proving it knows the current one; this clears a required reset. */
    private ChangePasswordResponse changePassword(Invocation in, ChangePasswordRequest request)
    {
        if (in.caller().kind() != Caller.PrincipalKind.IAM_USER) {
            throw InvalidUserTypeException.builder().message("Only IAM users can change their own password with this operation.").build();
        }
        User user = existingUser(in, null);
        LoginProfile profile = existingProfile(in, user);
        if (request.oldPassword() == null || !passwords.verify(request.oldPassword(), profile.passwordHash())) {
            // UNSURE of AWS's exact wording here; the code and status are AWS's for a refused credential
            throw AwsErrorException.sender("AccessDenied", 403, "The old password is incorrect.");
        }
        checkAgainstPolicy(in, requireNonNull(request.newPassword(), "newPassword is null"));
        iam.updateLoginProfile(in.transaction(), user, passwords.hash(request.newPassword()), false);
        return ChangePasswordResponse.builder().build();
    }

    // ---------------------------------------------------------------- helpers

    private void checkAgainstPolicy(Invocation in, String password)
    {
        PasswordPolicy policy = iam.findPasswordPolicy(in.transaction(), in.accountId()).orElse(PasswordPolicy.NONE);
        if (policy.violation(password).isPresent()) {
            throw PasswordPolicyViolationException.builder().message(POLICY_VIOLATION).build();
        }
    }

    private LoginProfile existingProfile(Invocation in, User user)
    {
        return iam.findLoginProfile(in.transaction(), user).orElseThrow(() -> noLoginProfile(user));
    }

    /** The root user's password lives with its account ({@code accounts.root_password_hash}). */
    private static final RootAccessStore ROOT_PASSWORDS = new RootAccessStore();

    /** Without a user name the root user calling (with its own keys or an AssumeRoot session) means itself. */
    private static boolean isRootTarget(Invocation in, String name)
    {
        return name == null && in.caller().kind() == dev.bulwark.server.auth.Caller.PrincipalKind.ROOT;
    }

    /** UNSURE what AWS reports for root: no user name, the account's creation as CreateDate. */
    private software.amazon.awssdk.services.iam.model.LoginProfile rootProfile(Invocation in)
    {
        return software.amazon.awssdk.services.iam.model.LoginProfile.builder()
                .createDate(seconds(iam.findAccount(in.transaction(), in.accountId()).orElseThrow().created()))
                .passwordResetRequired(false)
                .build();
    }

    /** The named user, or the calling IAM user when none is named. */
    private User existingUser(Invocation in, String name)
    {
        String target = name != null ? name : in.caller().userName().orElseThrow(() -> IamErrors.noSuchUser(in.caller().arn()));
        return iam.findUser(in.transaction(), in.accountId(), target).orElseThrow(() -> IamErrors.noSuchUser(target));
    }

    private List<Access> userAccess(Invocation in, String action, String name)
    {
        if (name == null) {
            return List.of(Access.of(action, in.caller().arn()));
        }
        String arn = store.readOnly(tx -> iam.findUser(tx, in.accountId(), name)).map(User::arn)
                .orElse("arn:aws:iam::" + in.accountId() + ":user/" + name);
        return List.of(Access.of(action, arn));
    }

    private static List<Access> accountAccess(String action)
    {
        return List.of(Access.of(action, "*"));
    }

    private static software.amazon.awssdk.services.iam.model.LoginProfile toSdk(User user, LoginProfile profile)
    {
        return software.amazon.awssdk.services.iam.model.LoginProfile.builder()
                .userName(user.name())
                .createDate(seconds(profile.created()))
                .passwordResetRequired(profile.passwordResetRequired())
                .build();
    }

    private static NoSuchEntityException noLoginProfile(User user)
    {
        return NoSuchEntityException.builder().message("Login Profile for User " + user.name() + " cannot be found.").build();
    }

    /** AWS names the account (its "domain") by ID: "The Password Policy with domain name 123456789012 cannot be found." */
    private static NoSuchEntityException noPasswordPolicy(String accountId)
    {
        return NoSuchEntityException.builder().message("The Password Policy with domain name " + accountId + " cannot be found.").build();
    }

    /** IAM's constraint wording for an out-of-range number (a ValidationError, as for the other shapes' limits). */
    private static void checkRange(String member, int value, int min, int max)
    {
        if (value < min) {
            throw AwsErrorException.sender("ValidationError", 400, "1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw AwsErrorException.sender("ValidationError", 400, "1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
        }
    }

    private static int orDefault(Integer value, int fallback)
    {
        return value == null ? fallback : value;
    }
}
