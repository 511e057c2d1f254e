package dev.bulwark.server.services.sts;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.auth.RoleArn;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.MfaCodes;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * STS {@code AssumeRole}: issues a role session. The pipeline has already checked, with the policy engine, that the
 * caller's identity policies allow {@code sts:AssumeRole} on the role and that the role's trust policy trusts the
 * caller (see {@code Authorizer}); here the request itself is checked against the role and the session stored.
 */
public final class AssumeRoleOperations implements ServiceOperations
{
    /** Role sessions last an hour unless DurationSeconds says otherwise. */
    static final int DEFAULT_DURATION_SECONDS = 3600;
    /** A session assuming a role (role chaining) gets at most an hour, whatever the role allows. */
    static final int ROLE_CHAINING_MAX_SECONDS = 3600;

    private final IamStore iam;

    public AssumeRoleOperations(IamStore iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        // Not readOnly: the session is written to the store.
        return List.of(new Operation<>(StsService.SERVICE, "AssumeRole", AssumeRoleRequest.class, AssumeRoleOperations::accesses,
                true, this::assumeRole, Operation.StoreUse.WRITE));
    }

    /**
     * {@code sts:AssumeRole} on the role, with STS's own condition keys; {@code sts:TagSession} too when tags are
     * passed or, in a role chain, inherited as transitive from the calling session; {@code sts:SetSourceIdentity} when
     * a source identity is passed or inherited from the calling session. All carry the request's tags as
     * {@code aws:RequestTag/<key>}, {@code aws:TagKeys} and {@code sts:TransitiveTagKeys}.
     */
    static List<Access> accesses(Invocation in, AssumeRoleRequest request)
    {
        Map<String, List<String>> keys = new HashMap<>();
        keys.put("sts:RoleSessionName", List.of(request.roleSessionName()));
        if (request.externalId() != null) {
            keys.put("sts:ExternalId", List.of(request.externalId()));
        }
        // A source identity set earlier in a role chain persists, and setting it (again) needs sts:SetSourceIdentity.
        String sourceIdentity = request.sourceIdentity() != null
                ? request.sourceIdentity()
                : in.caller().roleSession().map(RoleSession::sourceIdentity).orElse(null);
        if (sourceIdentity != null) {
            keys.put("sts:SourceIdentity", List.of(sourceIdentity));
        }
        if (request.serialNumber() != null && request.tokenCode() != null) {
            // The trust policy sees the MFA the request proves; the handler refuses the call if the code is wrong.
            keys.put("aws:MultiFactorAuthPresent", List.of("true"));
            keys.put("aws:MultiFactorAuthAge", List.of("0"));
        }
        List<Tag> tags = SessionTags.fromSdk(request.hasTags() ? request.tags() : null);
        keys.putAll(SessionTags.conditionKeys(tags, request.hasTransitiveTagKeys() ? request.transitiveTagKeys() : List.of()));
        List<Access> accesses = new ArrayList<>();
        accesses.add(new Access("sts:AssumeRole", request.roleArn(), keys));
        boolean inheritsTags = in.caller().roleSession().map(session -> !session.transitiveTags().isEmpty()).orElse(false);
        if (!tags.isEmpty() || inheritsTags) {
            accesses.add(new Access("sts:TagSession", request.roleArn(), keys));
        }
        if (sourceIdentity != null) {
            accesses.add(new Access("sts:SetSourceIdentity", request.roleArn(), keys));
        }
        return accesses;
    }

    private AssumeRoleResponse assumeRole(Invocation in, AssumeRoleRequest request)
    {
        if (in.caller().kind() == Caller.PrincipalKind.ROOT) {
            throw StsErrors.accessDenied("Roles may not be assumed by root accounts.");
        }
        Role role = RoleArn.parse(request.roleArn())
                .flatMap(arn -> iam.findRole(in.transaction(), arn.accountId(), arn.name()))
                .filter(found -> found.arn().equals(request.roleArn()))
                // The authorizer let the call through because no trust policy exists; AWS answers as for a refusal.
                .orElseThrow(() -> StsErrors.accessDenied("User: " + in.caller().arn() + " is not authorized to perform: sts:AssumeRole on resource: "
                        + request.roleArn()));
        int duration = request.durationSeconds() == null ? DEFAULT_DURATION_SECONDS : request.durationSeconds();
        if (in.caller().kind() == Caller.PrincipalKind.ASSUMED_ROLE && duration > ROLE_CHAINING_MAX_SECONDS) {
            throw StsErrors.durationExceedsRoleChainingLimit();
        }
        if (duration > role.maxSessionDuration()) {
            throw StsErrors.durationExceedsMaxSessionDuration();
        }
        // Role chaining: the calling session's transitive tags pass on (and stay transitive); none may be overridden.
        List<Tag> inherited = in.caller().roleSession().map(RoleSession::transitiveTags).orElse(List.of());
        List<Tag> passed = SessionTags.fromSdk(request.hasTags() ? request.tags() : null);
        List<String> transitivePassed = request.hasTransitiveTagKeys() ? request.transitiveTagKeys() : List.of();
        SessionTags.check(passed, transitivePassed, inherited);
        List<Tag> sessionTags = SessionTags.sessionTags(inherited, passed);
        String sourceIdentity = sourceIdentity(in, request.sourceIdentity());
        List<String> policyArns = request.hasPolicyArns() ? request.policyArns().stream().map(PolicyDescriptorType::arn).toList() : List.of();
        int packedPolicySize = checkSessionPolicies(iam, in, role.accountId(), request.policy(), policyArns, sessionTags);

        Instant issued = in.now();
        Instant mfa = null;
        if (request.serialNumber() != null || request.tokenCode() != null) {
            verifyMfa(in, request.serialNumber(), request.tokenCode());
            mfa = issued;
        }
        RoleSession session = iam.sessions().create(in.transaction(), role, request.roleSessionName(), request.policy(), policyArns,
                sourceIdentity, issued, issued.plusSeconds(duration), mfa, sessionTags, SessionTags.transitiveKeys(inherited, transitivePassed));
        AssumeRoleResponse.Builder response = AssumeRoleResponse.builder()
                .credentials(Credentials.builder()
                        .accessKeyId(session.accessKeyId())
                        .secretAccessKey(session.secretAccessKey())
                        .sessionToken(session.sessionToken())
                        .expiration(session.expiration().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                        .build())
                .assumedRoleUser(AssumedRoleUser.builder().arn(session.assumedRoleArn()).assumedRoleId(session.assumedRoleId()).build())
                .sourceIdentity(session.sourceIdentity());
        if (session.hasSessionPolicies() || !session.tags().isEmpty()) {
            response.packedPolicySize(packedPolicySize);
        }
        return response.build();
    }

    /**
     * The new session's source identity: once a session has one, it persists through role chaining and cannot be
     * changed; a chained request may repeat it.
     */
    private static String sourceIdentity(Invocation in, String requested)
    {
        String current = in.caller().roleSession().map(RoleSession::sourceIdentity).orElse(null);
        if (current == null) {
            return requested;
        }
        if (requested != null && !requested.equals(current)) {
            throw StsErrors.sourceIdentityCannotChange();
        }
        return current;
    }

    /** SerialNumber and TokenCode must name the calling IAM user's enabled device and its current, unused code. */
    private void verifyMfa(Invocation in, String serialNumber, String tokenCode)
    {
        if (serialNumber == null || tokenCode == null) {
            // UNSURE of AWS's exact wording when only one of the two is given
            throw StsErrors.accessDenied("MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.");
        }
        // Only IAM users have MFA devices an API call can name; a role session's code can never verify.
        String assignee = in.caller().kind() == Caller.PrincipalKind.IAM_USER ? in.caller().principalId() : null;
        if (assignee == null) {
            throw StsErrors.mfaUnknownDevice();
        }
        switch (MfaCodes.verify(in.transaction(), iam.mfaDevices(), in.accountId(), assignee, serialNumber, tokenCode, in.now())) {
            case VERIFIED -> {
            }
            case NO_SUCH_DEVICE -> throw StsErrors.mfaUnknownDevice();
            case INVALID_CODE -> throw StsErrors.mfaInvalidCode();
        }
    }

    static int checkSessionPolicies(IamStore iam, Invocation in, Role role, String policy, List<String> policyArns)
    {
        return checkSessionPolicies(iam, in, role.accountId(), policy, policyArns, List.of());
    }

    /**
     * Session policies must parse as identity policies, name existing managed policies, and fit the packed-size
     * budget together with the session tags.
     */
    static int checkSessionPolicies(IamStore iam, Invocation in, String accountId, String policy, List<String> policyArns, List<Tag> sessionTags)
    {
        if (policy != null) {
            try {
                PolicyDocument.parse(policy, PolicyGrammar.IDENTITY);
            }
            catch (MalformedPolicyException e) {
                throw MalformedPolicyDocumentException.builder().message(e.getMessage()).build();
            }
        }
        for (String arn : policyArns) {
            iam.findPolicy(in.transaction(), accountId, arn)
                    .filter(ManagedPolicy::isAttachable)
                    .orElseThrow(() -> StsErrors.invalidPolicyArn(arn));
        }
        int percent = PackedPolicySize.percentOf(policy, policyArns, sessionTags);
        if (percent > 100) {
            throw StsErrors.packedPolicyTooLarge(percent);
        }
        return percent;
    }
}
