package dev.bulwark.server.services.sts;

import dev.bulwark.server.auth.FederatedIdentity;
import dev.bulwark.server.auth.RoleArn;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.RoleSession;
import dev.bulwark.server.services.iam.model.Tag;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlResponse;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * STS {@code AssumeRoleWithWebIdentity} and {@code AssumeRoleWithSAML}: unsigned calls whose token authenticates
 * the caller. By the time a handler runs, {@link FederatedAuthenticator} has verified the token and made it the
 * caller, and the authorizer has evaluated the role's trust policy for {@code {"Federated": provider}} with the
 * provider's condition keys; the handler checks the request against the role and issues the session.
 */
public final class FederationOperations implements ServiceOperations
{
    private final IamStore iam;

    public FederationOperations(IamStore iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        // Recorded read-only like AssumeRole, yet the session is written to the store.
        return List.of(
                new Operation<>(StsService.SERVICE, "AssumeRoleWithWebIdentity", AssumeRoleWithWebIdentityRequest.class,
                        (in, r) -> federatedAccesses(in, "sts:AssumeRoleWithWebIdentity", r.roleArn()), true, this::assumeRoleWithWebIdentity,
                        Operation.StoreUse.WRITE),
                new Operation<>(StsService.SERVICE, "AssumeRoleWithSAML", AssumeRoleWithSamlRequest.class,
                        (in, r) -> federatedAccesses(in, "sts:AssumeRoleWithSAML", r.roleArn()), true, this::assumeRoleWithSaml,
                        Operation.StoreUse.WRITE));
    }

    /**
     * The action on the role. The provider's condition keys come with the federated caller (the authorizer adds
     * them); only the token authenticator makes federated callers.
     */
    static Access federatedAccess(Invocation in, String action, String roleArn)
    {
        return Access.of(action, roleArn);
    }

    /**
     * The action on the role and, when the token passes session tags, {@code sts:TagSession} too, which the role's
     * trust policy must allow; both carry the tags as {@code aws:RequestTag/<key>}, {@code aws:TagKeys} and
     * {@code sts:TransitiveTagKeys}.
     */
    static List<Access> federatedAccesses(Invocation in, String action, String roleArn)
    {
        List<Tag> tags = in.caller().federation().map(FederatedIdentity::sessionTags).orElse(List.of());
        java.util.Optional<String> sourceIdentity = in.caller().federation().flatMap(FederatedIdentity::sourceIdentity);
        if (tags.isEmpty() && sourceIdentity.isEmpty()) {
            return List.of(federatedAccess(in, action, roleArn));
        }
        java.util.Map<String, List<String>> keys = new java.util.HashMap<>(SessionTags.conditionKeys(tags,
                in.caller().federation().get().transitiveTagKeys()));
        sourceIdentity.ifPresent(value -> keys.put("sts:SourceIdentity", List.of(value)));
        List<Access> accesses = new java.util.ArrayList<>();
        accesses.add(new Access(action, roleArn, keys));
        if (!tags.isEmpty()) {
            accesses.add(new Access("sts:TagSession", roleArn, keys));
        }
        // The trust policy of a role an identity provider passes a source identity to must allow sts:SetSourceIdentity.
        sourceIdentity.ifPresent(value -> accesses.add(new Access("sts:SetSourceIdentity", roleArn, keys)));
        return accesses;
    }

    private AssumeRoleWithWebIdentityResponse assumeRoleWithWebIdentity(Invocation in, AssumeRoleWithWebIdentityRequest request)
    {
        FederatedIdentity identity = federated(in, "sts:AssumeRoleWithWebIdentity");
        Issued issued = issue(in, "sts:AssumeRoleWithWebIdentity", request.roleArn(), request.roleSessionName(), request.durationSeconds(),
                request.policy(), request.hasPolicyArns() ? request.policyArns() : List.of(), identity);
        AssumeRoleWithWebIdentityResponse.Builder response = AssumeRoleWithWebIdentityResponse.builder()
                .credentials(issued.credentials())
                .assumedRoleUser(issued.user())
                .subjectFromWebIdentityToken(identity.subject())
                .audience(identity.audience())
                .provider(identity.provider());
        if (issued.session().hasSessionPolicies() || !issued.session().tags().isEmpty()) {
            response.packedPolicySize(issued.packedPolicySize());
        }
        return response.build();
    }

    private AssumeRoleWithSamlResponse assumeRoleWithSaml(Invocation in, AssumeRoleWithSamlRequest request)
    {
        FederatedIdentity identity = federated(in, "sts:AssumeRoleWithSAML");
        Integer duration = request.durationSeconds();
        if (duration == null && identity.sessionDuration().isPresent()) {
            // The IdP's SessionDuration applies when the request names none.
            duration = identity.sessionDuration().get();
        }
        Issued issued = issue(in, "sts:AssumeRoleWithSAML", request.roleArn(), identity.roleSessionName().orElseThrow(), duration,
                request.policy(), request.hasPolicyArns() ? request.policyArns() : List.of(), identity);
        AssumeRoleWithSamlResponse.Builder response = AssumeRoleWithSamlResponse.builder()
                .credentials(issued.credentials())
                .assumedRoleUser(issued.user())
                .subject(identity.subject())
                .subjectType(identity.subjectType().orElseThrow())
                .issuer(identity.issuer())
                .audience(identity.audience())
                .nameQualifier(identity.nameQualifier().orElseThrow())
                .sourceIdentity(issued.session().sourceIdentity());
        if (issued.session().hasSessionPolicies() || !issued.session().tags().isEmpty()) {
            response.packedPolicySize(issued.packedPolicySize());
        }
        return response.build();
    }

    private static FederatedIdentity federated(Invocation in, String action)
    {
        return in.caller().federation()
                .orElseThrow(() -> StsErrors.accessDenied("Not authorized to perform " + action));
    }

    private Issued issue(Invocation in, String action, String roleArn, String sessionName, Integer durationSeconds, String policy,
            List<PolicyDescriptorType> policyDescriptors, FederatedIdentity identity)
    {
        Role role = RoleArn.parse(roleArn)
                .flatMap(arn -> iam.findRole(in.transaction(), arn.accountId(), arn.name()))
                .filter(found -> found.arn().equals(roleArn))
                // The authorizer let the call through because no trust policy exists; AWS answers as for a refusal.
                .orElseThrow(() -> StsErrors.accessDenied("Not authorized to perform " + action));
        int duration = durationSeconds == null ? AssumeRoleOperations.DEFAULT_DURATION_SECONDS : durationSeconds;
        if (duration > role.maxSessionDuration()) {
            throw StsErrors.durationExceedsMaxSessionDuration();
        }
        List<String> policyArns = policyDescriptors.stream().map(PolicyDescriptorType::arn).toList();
        SessionTags.check(identity.sessionTags(), identity.transitiveTagKeys(), List.of());
        int packedPolicySize = AssumeRoleOperations.checkSessionPolicies(iam, in, role.accountId(), policy, policyArns, identity.sessionTags());
        Instant now = in.now();
        RoleSession session = iam.sessions().create(in.transaction(), role, sessionName, policy, policyArns, identity.sourceIdentity().orElse(null),
                now, now.plusSeconds(duration), null, identity.sessionTags(), SessionTags.transitiveKeys(List.of(), identity.transitiveTagKeys()));
        Credentials credentials = Credentials.builder()
                .accessKeyId(session.accessKeyId())
                .secretAccessKey(session.secretAccessKey())
                .sessionToken(session.sessionToken())
                .expiration(session.expiration().truncatedTo(ChronoUnit.SECONDS))
                .build();
        AssumedRoleUser user = AssumedRoleUser.builder().arn(session.assumedRoleArn()).assumedRoleId(session.assumedRoleId()).build();
        return new Issued(session, credentials, user, packedPolicySize);
    }

    private record Issued(RoleSession session, Credentials credentials, AssumedRoleUser user, int packedPolicySize) {}
}
