package dev.bulwark.server.services.sts;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamRootAccessOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.RootAccessStore;
import dev.bulwark.server.services.iam.model.UserSession;
import dev.bulwark.server.services.organizations.OrganizationsStore;
import dev.bulwark.server.services.organizations.model.Organization;
import software.amazon.awssdk.services.sts.model.AssumeRootRequest;
import software.amazon.awssdk.services.sts.model.AssumeRootResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * STS {@code AssumeRoot}: the management account (or IAM's delegated administrator) of an organization that enabled
 * root sessions gets short-term credentials of a member account's root user, scoped by one of AWS's root task
 * policies ({@code arn:aws:iam::aws:policy/root-task/...}), which the authorizer applies as the session policy. The
 * permission is {@code sts:AssumeRoot} on {@code arn:aws:iam::<member>:root} with {@code sts:TaskPolicyArn}; root
 * user credentials can never call it. Sessions last at most (and by default) 900 seconds.
 */
public final class AssumeRootOperations implements ServiceOperations
{
    static final int MAX_DURATION_SECONDS = 900;
    static final String TASK_POLICY_PREFIX = "arn:aws:iam::aws:policy/root-task/";
    /** The root task policies AWS lets AssumeRoot use, seeded with the AWS managed policies. */
    static final Set<String> TASK_POLICIES = Set.of(
            TASK_POLICY_PREFIX + "IAMAuditRootUserCredentials",
            TASK_POLICY_PREFIX + "IAMCreateRootUserPassword",
            TASK_POLICY_PREFIX + "IAMDeleteRootUserCredentials",
            TASK_POLICY_PREFIX + "S3UnlockBucketPolicy",
            TASK_POLICY_PREFIX + "SQSUnlockQueuePolicy");
    private static final Pattern ROOT_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):root");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private final IamStore iam;
    private final OrganizationsStore organizations;
    private final RootAccessStore features;

    public AssumeRootOperations(IamStore iam, OrganizationsStore organizations, RootAccessStore features)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.organizations = requireNonNull(organizations, "organizations is null");
        this.features = requireNonNull(features, "features is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        // Recorded read-only by CloudTrail like AssumeRole, yet stores the session it issues.
        return List.of(new Operation<>(StsService.SERVICE, "AssumeRoot", AssumeRootRequest.class, AssumeRootOperations::access, true, this::assumeRoot,
                Operation.StoreUse.WRITE));
    }

    /** {@code sts:AssumeRoot} on the member's root user, with the task policy as {@code sts:TaskPolicyArn}. */
    private static List<Access> access(Invocation in, AssumeRootRequest request)
    {
        if (in.caller().kind() == Caller.PrincipalKind.ROOT) {
            // UNSURE of AWS's exact wording; the documentation says root user credentials cannot call AssumeRoot.
            throw StsErrors.accessDenied("User: " + in.caller().arn() + " is not authorized to perform: sts:AssumeRoot: root user credentials cannot call AssumeRoot");
        }
        String target = targetAccount(request.targetPrincipal());
        String taskPolicy = request.taskPolicyArn() == null ? "" : request.taskPolicyArn().arn();
        return List.of(new Access("sts:AssumeRoot", "arn:aws:iam::" + target + ":root", Map.of("sts:TaskPolicyArn", List.of(taskPolicy == null ? "" : taskPolicy))));
    }

    private AssumeRootResponse assumeRoot(Invocation in, AssumeRootRequest request)
    {
        String target = targetAccount(request.targetPrincipal());
        String taskPolicy = request.taskPolicyArn() == null ? null : request.taskPolicyArn().arn();
        if (taskPolicy == null || !TASK_POLICIES.contains(taskPolicy)) {
            // UNSURE of AWS's exact code and wording for a policy that is not a root task policy.
            throw AwsErrorException.sender("InvalidParameterValue", 400, "The TaskPolicyArn " + taskPolicy + " is not a valid root task policy.");
        }
        Organization org;
        try {
            org = IamRootAccessOperations.requireAdministrator(in, organizations, in.accountId());
        }
        catch (RuntimeException e) {
            // UNSURE: STS models no Organizations errors for AssumeRoot; the prerequisites answer AccessDenied.
            throw StsErrors.accessDenied("Cannot call AssumeRoot: " + e.getMessage());
        }
        if (!features.isEnabled(in.transaction(), org.id(), RootAccessStore.ROOT_SESSIONS)) {
            throw StsErrors.accessDenied("Cannot call AssumeRoot: root sessions are not enabled for organization " + org.id() + ".");
        }
        Optional<Organization> targetOrg = organizations.organizationOf(in.transaction(), target);
        if (targetOrg.isEmpty() || !targetOrg.get().id().equals(org.id()) || target.equals(org.managementAccountId())) {
            throw StsErrors.accessDenied("Cannot call AssumeRoot: " + target + " is not a member account of organization " + org.id() + ".");
        }
        int duration = request.durationSeconds() == null ? MAX_DURATION_SECONDS : request.durationSeconds();
        // The member's root user (no IAM user), scoped by the task policy as a managed session policy.
        UserSession session = iam.userSessions().create(in.transaction(), target, null, null, null, List.of(taskPolicy), null, in.now(),
                in.now().plusSeconds(duration));
        return AssumeRootResponse.builder()
                .credentials(Credentials.builder()
                        .accessKeyId(session.accessKeyId())
                        .secretAccessKey(session.secretAccessKey())
                        .sessionToken(session.sessionToken())
                        .expiration(session.expiration().truncatedTo(ChronoUnit.SECONDS))
                        .build())
                .build();
    }

    /** TargetPrincipal: the member's account ID or its root ARN. */
    static String targetAccount(String targetPrincipal)
    {
        if (targetPrincipal != null) {
            if (ACCOUNT_ID.matcher(targetPrincipal).matches()) {
                return targetPrincipal;
            }
            Matcher arn = ROOT_ARN.matcher(targetPrincipal);
            if (arn.matches()) {
                return arn.group(1);
            }
        }
        // UNSURE of AWS's exact wording.
        throw AwsErrorException.sender("ValidationError", 400, "The TargetPrincipal " + targetPrincipal + " is not a valid account ID or root user ARN.");
    }
}
