package dev.bulwark.server.services.sts;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.MfaCodes;
import dev.bulwark.server.services.iam.model.MfaDevice;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.services.iam.model.UserSession;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.FederatedUser;
import software.amazon.awssdk.services.sts.model.GetFederationTokenRequest;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * STS {@code GetSessionToken} and {@code GetFederationToken}: temporary credentials for the IAM user (or root) whose
 * long-term keys sign the call. GetSessionToken needs no permission and, given {@code SerialNumber} and
 * {@code TokenCode} that verify against the caller's enabled MFA device, issues an MFA-authenticated session
 * ({@code aws:MultiFactorAuthPresent} true); GetFederationToken needs {@code sts:GetFederationToken} and issues a
 * federated user whose permissions are the caller's intersected with the session policies.
 */
public final class SessionTokenOperations implements ServiceOperations
{
    /** IAM users' sessions last 12 hours unless DurationSeconds says otherwise. */
    static final int DEFAULT_DURATION_SECONDS = 43_200;
    /** Sessions of the account's root user last at most (and by default) an hour. */
    static final int ROOT_MAX_DURATION_SECONDS = 3_600;

    private final IamStore iam;

    public SessionTokenOperations(IamStore iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        // Both are recorded read-only by CloudTrail, like AssumeRole, yet store the session they issue.
        return List.of(
                new Operation<>(StsService.SERVICE, "GetSessionToken", GetSessionTokenRequest.class, (in, r) -> List.of(), true, this::getSessionToken,
                        Operation.StoreUse.WRITE),
                new Operation<>(StsService.SERVICE, "GetFederationToken", GetFederationTokenRequest.class, SessionTokenOperations::federationAccess, true,
                        this::getFederationToken, Operation.StoreUse.WRITE));
    }

    /**
     * {@code sts:GetFederationToken} on the federated user, and {@code sts:TagSession} when session tags are passed,
     * both with the tags as {@code aws:RequestTag/<key>} and {@code aws:TagKeys}; session credentials are refused
     * before any policy is asked.
     */
    private static List<Access> federationAccess(Invocation in, GetFederationTokenRequest request)
    {
        if (in.caller().isTemporary()) {
            throw StsErrors.accessDenied("Cannot call GetFederationToken with session credentials");
        }
        String federatedUser = "arn:aws:sts::" + in.accountId() + ":federated-user/" + request.name();
        List<Tag> tags = SessionTags.fromSdk(request.hasTags() ? request.tags() : null);
        java.util.Map<String, List<String>> keys = SessionTags.conditionKeys(tags, List.of());
        if (tags.isEmpty()) {
            return List.of(new Access("sts:GetFederationToken", federatedUser, keys));
        }
        return List.of(new Access("sts:GetFederationToken", federatedUser, keys), new Access("sts:TagSession", federatedUser, keys));
    }

    private GetSessionTokenResponse getSessionToken(Invocation in, GetSessionTokenRequest request)
    {
        Caller caller = in.caller();
        if (caller.isTemporary()) {
            throw StsErrors.accessDenied("Cannot call GetSessionToken with session credentials");
        }
        User user = issuingUser(in);
        int duration = duration(request.durationSeconds(), user == null);
        Instant mfa = null;
        if (request.serialNumber() != null || request.tokenCode() != null) {
            verifyMfa(in, user, request.serialNumber(), request.tokenCode());
            mfa = in.now();
        }
        UserSession session = iam.userSessions().create(in.transaction(), in.accountId(), user, null, null, List.of(), mfa, in.now(),
                in.now().plusSeconds(duration));
        return GetSessionTokenResponse.builder().credentials(credentials(session)).build();
    }

    private GetFederationTokenResponse getFederationToken(Invocation in, GetFederationTokenRequest request)
    {
        Caller caller = in.caller();
        if (caller.isTemporary()) {
            throw StsErrors.accessDenied("Cannot call GetFederationToken with session credentials");
        }
        // Federated users cannot assume roles, so their tags are never transitive.
        List<Tag> tags = SessionTags.fromSdk(request.hasTags() ? request.tags() : null);
        SessionTags.check(tags, List.of(), List.of());
        User user = issuingUser(in);
        int duration = duration(request.durationSeconds(), user == null);
        List<String> policyArns = request.hasPolicyArns() ? request.policyArns().stream().map(PolicyDescriptorType::arn).toList() : List.of();
        int packedPolicySize = checkSessionPolicies(in, request.policy(), policyArns, tags);
        UserSession session = iam.userSessions().create(in.transaction(), in.accountId(), user, request.name(), request.policy(), policyArns, null, in.now(),
                in.now().plusSeconds(duration), tags);
        GetFederationTokenResponse.Builder response = GetFederationTokenResponse.builder()
                .credentials(credentials(session))
                .federatedUser(FederatedUser.builder().federatedUserId(session.federatedUserId()).arn(session.federatedUserArn()).build());
        if (session.hasSessionPolicies() || !session.tags().isEmpty()) {
            response.packedPolicySize(packedPolicySize);
        }
        return response.build();
    }

    /** The IAM user whose long-term key signed the call, or null for the account's root user. */
    private User issuingUser(Invocation in)
    {
        Caller caller = in.caller();
        return switch (caller.kind()) {
            case ROOT -> null;
            case IAM_USER -> iam.findUser(in.transaction(), in.accountId(), caller.userName().orElseThrow())
                    .orElseThrow(() -> StsErrors.accessDenied("User: " + caller.arn() + " is not authorized to perform this operation"));
            // Roles and anonymous callers never hold long-term keys.
            case ASSUMED_ROLE, FEDERATED_USER, WEB_IDENTITY_USER, SAML_USER, ANONYMOUS -> throw StsErrors.accessDenied("Cannot call this operation without long-term credentials");
        };
    }

    /** DurationSeconds (the model already bounds it to 900..129600); root's sessions are held to an hour. */
    private static int duration(Integer requested, boolean root)
    {
        if (root) {
            return requested == null ? ROOT_MAX_DURATION_SECONDS : Math.min(requested, ROOT_MAX_DURATION_SECONDS);
        }
        return requested == null ? DEFAULT_DURATION_SECONDS : requested;
    }

    /** The code must come from the device enabled for the caller (its own user, or root), and be fresh. */
    private void verifyMfa(Invocation in, User user, String serialNumber, String tokenCode)
    {
        if (serialNumber == null || tokenCode == null) {
            // UNSURE of AWS's exact wording when only one of the two is given
            throw StsErrors.accessDenied("MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.");
        }
        String assignee = user == null ? MfaDevice.ROOT : user.userId();
        switch (MfaCodes.verify(in.transaction(), iam.mfaDevices(), in.accountId(), assignee, serialNumber, tokenCode, in.now())) {
            case VERIFIED -> {
            }
            case NO_SUCH_DEVICE -> throw StsErrors.mfaUnknownDevice();
            case INVALID_CODE -> throw StsErrors.mfaInvalidCode();
        }
    }

    private int checkSessionPolicies(Invocation in, String policy, List<String> policyArns, List<Tag> tags)
    {
        return AssumeRoleOperations.checkSessionPolicies(iam, in, in.accountId(), policy, policyArns, tags);
    }

    private static Credentials credentials(UserSession session)
    {
        return Credentials.builder()
                .accessKeyId(session.accessKeyId())
                .secretAccessKey(session.secretAccessKey())
                .sessionToken(session.sessionToken())
                .expiration(session.expiration().truncatedTo(ChronoUnit.SECONDS))
                .build();
    }
}
