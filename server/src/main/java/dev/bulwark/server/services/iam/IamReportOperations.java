package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.AccessKeyStatus;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.LoginProfile;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.MfaDevice;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.PasswordPolicy;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.PolicyScope;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.AttachedPermissionsBoundary;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CredentialReportExpiredException;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GenerateCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetCredentialReportRequest;
import software.amazon.awssdk.services.iam.model.GetCredentialReportResponse;
import software.amazon.awssdk.services.iam.model.GroupDetail;
import software.amazon.awssdk.services.iam.model.ManagedPolicyDetail;
import software.amazon.awssdk.services.iam.model.PermissionsBoundaryAttachmentType;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.ReportFormatType;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.UserDetail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.urlEncoded;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * The account-wide reports: GetAccountAuthorizationDetails (every user, group, role and policy with their
 * relationships, documents URL-encoded as IAM returns them) and the credential report (AWS's CSV, root row
 * first, with AWS's {@code N/A}, {@code not_supported} and {@code no_information} values). The report is built
 * from the store as it is at GenerateCredentialReport and kept for four hours, as AWS does.
 */
public final class IamReportOperations implements ServiceOperations
{
    /** AWS: "If the report is older than four hours, IAM generates a new one"; GetCredentialReport then answers ReportExpired. */
    static final Duration REPORT_LIFETIME = Duration.ofHours(4);
    static final String CSV_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
            + "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,"
            + "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
            + "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    static final String ROOT_ACCOUNT = "<root_account>";
    static final String NOT_APPLICABLE = "N/A";
    static final String NOT_SUPPORTED = "not_supported";
    static final String NO_INFORMATION = "no_information";
    /** The credential report's time format: ISO 8601 to the second with an explicit {@code +00:00}. */
    private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);
    private static final int PAGE = IamStore.MAX_ITEMS_LIMIT;

    private final IamStore iam;
    private final ReportStore reports;
    /** The instance profiles a role is in (RoleDetail's InstanceProfileList). */
    private final IamCredentialStore credentials;
    private final InstanceProfileStore profiles = new InstanceProfileStore(dev.bulwark.server.services.iam.model.IamIds.secure());

    IamReportOperations(IamStore iam, ReportStore reports)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.credentials = new IamCredentialStore(iam.secrets(), iam.clock());
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                read("GetAccountAuthorizationDetails", GetAccountAuthorizationDetailsRequest.class,
                        (in, r) -> List.of(Access.of("iam:GetAccountAuthorizationDetails", "*")), this::getAccountAuthorizationDetails),
                write("GenerateCredentialReport", GenerateCredentialReportRequest.class,
                        (in, r) -> List.of(Access.of("iam:GenerateCredentialReport", "*")), this::generateCredentialReport),
                read("GetCredentialReport", GetCredentialReportRequest.class,
                        (in, r) -> List.of(Access.of("iam:GetCredentialReport", "*")), this::getCredentialReport));
    }

    // ---------------------------------------------------------------- account authorization details

    private GetAccountAuthorizationDetailsResponse getAccountAuthorizationDetails(Invocation in, GetAccountAuthorizationDetailsRequest request)
    {
        Tx tx = in.transaction();
        String account = in.accountId();
        Set<EntityType> filter = request.filter().isEmpty() ? EnumSet.of(EntityType.USER, EntityType.GROUP, EntityType.ROLE,
                EntityType.LOCAL_MANAGED_POLICY, EntityType.AWS_MANAGED_POLICY) : EnumSet.copyOf(request.filter());
        // One sequence of entities in IAM's order (users, groups, roles, policies); the marker is a position in it.
        List<Object> entities = new ArrayList<>();
        if (filter.contains(EntityType.USER)) {
            entities.addAll(all(marker -> iam.listUsers(tx, account, null, marker, PAGE)));
        }
        if (filter.contains(EntityType.GROUP)) {
            entities.addAll(all(marker -> iam.listGroups(tx, account, null, marker, PAGE)));
        }
        if (filter.contains(EntityType.ROLE)) {
            entities.addAll(all(marker -> iam.listRoles(tx, account, null, marker, PAGE)));
        }
        List<ManagedPolicy> policies = new ArrayList<>();
        if (filter.contains(EntityType.LOCAL_MANAGED_POLICY)) {
            policies.addAll(all(marker -> iam.listPolicies(tx, account, PolicyScope.LOCAL, false, null, marker, PAGE)));
        }
        if (filter.contains(EntityType.AWS_MANAGED_POLICY)) {
            // AWS lists only the AWS managed policies the account uses, not the whole catalogue.
            all(marker -> iam.listPolicies(tx, account, PolicyScope.AWS, false, null, marker, PAGE)).stream()
                    .filter(policy -> policy.attachmentCount() > 0 || iam.countBoundaryUsage(tx, account, policy.arn()) > 0)
                    .forEach(policies::add);
        }
        entities.addAll(policies);

        int start = 0;
        if (request.marker() != null) {
            try {
                start = Integer.parseInt(request.marker());
            }
            catch (NumberFormatException e) {
                start = -1;
            }
            if (start < 0 || start > entities.size()) {
                throw IamSimulationOperations.invalidInput("Invalid Marker.");
            }
        }
        int end = Math.min(entities.size(), start + (request.maxItems() == null ? IamStore.DEFAULT_MAX_ITEMS : request.maxItems()));
        List<UserDetail> users = new ArrayList<>();
        List<GroupDetail> groups = new ArrayList<>();
        List<RoleDetail> roles = new ArrayList<>();
        List<ManagedPolicyDetail> policyDetails = new ArrayList<>();
        for (Object entity : entities.subList(start, end)) {
            if (entity instanceof User user) {
                users.add(userDetail(tx, user));
            }
            else if (entity instanceof Group group) {
                groups.add(groupDetail(tx, group));
            }
            else if (entity instanceof Role role) {
                roles.add(roleDetail(tx, role));
            }
            else if (entity instanceof ManagedPolicy policy) {
                policyDetails.add(policyDetail(tx, account, policy));
            }
        }
        boolean truncated = end < entities.size();
        return GetAccountAuthorizationDetailsResponse.builder()
                .userDetailList(users).groupDetailList(groups).roleDetailList(roles).policies(policyDetails)
                .isTruncated(truncated).marker(truncated ? Integer.toString(end) : null)
                .build();
    }

    private UserDetail userDetail(Tx tx, User user)
    {
        UserDetail.Builder detail = UserDetail.builder()
                .path(user.path()).userName(user.name()).userId(user.userId()).arn(user.arn()).createDate(seconds(user.created()))
                .userPolicyList(inline(tx, user.asOwner()))
                .groupList(iam.groupsForUser(tx, user).stream().map(Group::name).toList())
                .attachedManagedPolicies(attached(tx, user.asOwner()))
                .tags(tags(tx, user.asOwner()));
        if (user.permissionsBoundaryArn() != null) {
            detail.permissionsBoundary(boundary(user.permissionsBoundaryArn()));
        }
        return detail.build();
    }

    private GroupDetail groupDetail(Tx tx, Group group)
    {
        return GroupDetail.builder()
                .path(group.path()).groupName(group.name()).groupId(group.groupId()).arn(group.arn()).createDate(seconds(group.created()))
                .groupPolicyList(inline(tx, group.asOwner()))
                .attachedManagedPolicies(attached(tx, group.asOwner()))
                .build();
    }

    private RoleDetail roleDetail(Tx tx, Role role)
    {
        RoleDetail.Builder detail = RoleDetail.builder()
                .path(role.path()).roleName(role.name()).roleId(role.roleId()).arn(role.arn()).createDate(seconds(role.created()))
                .assumeRolePolicyDocument(urlEncoded(role.assumeRolePolicyDocument()))
                .instanceProfileList(profiles.listInstanceProfilesForRole(tx, role, null, IamStore.MAX_ITEMS_LIMIT).items().stream()
                        .map(profile -> IamInstanceProfileOperations.toSdk(tx, iam, profiles, profile, List.of(), false))
                        .toList())
                .rolePolicyList(inline(tx, role.asOwner()))
                .attachedManagedPolicies(attached(tx, role.asOwner()))
                .tags(tags(tx, role.asOwner()));
        if (role.permissionsBoundaryArn() != null) {
            detail.permissionsBoundary(boundary(role.permissionsBoundaryArn()));
        }
        return detail.build();
    }

    private ManagedPolicyDetail policyDetail(Tx tx, String account, ManagedPolicy policy)
    {
        List<PolicyVersion> versions = iam.listPolicyVersions(tx, policy.arn()).stream()
                .map(version -> PolicyVersion.builder().document(urlEncoded(version.document())).versionId(version.versionId())
                        .isDefaultVersion(version.isDefaultVersion()).createDate(seconds(version.created())).build())
                .toList();
        return ManagedPolicyDetail.builder()
                .policyName(policy.name()).policyId(policy.policyId()).arn(policy.arn()).path(policy.path())
                .defaultVersionId(policy.defaultVersionId()).attachmentCount((int) policy.attachmentCount())
                .permissionsBoundaryUsageCount((int) iam.countBoundaryUsage(tx, account, policy.arn()))
                .isAttachable(policy.isAttachable()).description(policy.description())
                .createDate(seconds(policy.created())).updateDate(seconds(policy.updated()))
                .policyVersionList(versions)
                .build();
    }

    private List<PolicyDetail> inline(Tx tx, PolicyOwner owner)
    {
        return iam.inlinePolicies(tx, owner).stream()
                .sorted(Comparator.comparing(InlinePolicy::policyName))
                .map(policy -> PolicyDetail.builder().policyName(policy.policyName()).policyDocument(urlEncoded(policy.document())).build())
                .toList();
    }

    private List<AttachedPolicy> attached(Tx tx, PolicyOwner owner)
    {
        return iam.attachedPolicies(tx, owner).stream()
                .map(policy -> AttachedPolicy.builder().policyName(policy.policyName()).policyArn(policy.policyArn()).build())
                .toList();
    }

    private List<Tag> tags(Tx tx, PolicyOwner owner)
    {
        return iam.tags(tx, owner).stream().map(tag -> Tag.builder().key(tag.key()).value(tag.value()).build()).toList();
    }

    private static AttachedPermissionsBoundary boundary(String arn)
    {
        return AttachedPermissionsBoundary.builder()
                .permissionsBoundaryType(PermissionsBoundaryAttachmentType.PERMISSIONS_BOUNDARY_POLICY)
                .permissionsBoundaryArn(arn)
                .build();
    }

    private static <T> List<T> all(Function<String, Page<T>> pages)
    {
        List<T> items = new ArrayList<>();
        String marker = null;
        do {
            Page<T> page = pages.apply(marker);
            items.addAll(page.items());
            marker = page.nextMarker();
        }
        while (marker != null);
        return items;
    }

    // ---------------------------------------------------------------- credential report

    private GenerateCredentialReportResponse generateCredentialReport(Invocation in, GenerateCredentialReportRequest request)
    {
        Optional<ReportStore.CredentialReport> existing = reports.credentialReport(in.transaction(), in.accountId());
        if (existing.isPresent() && !expired(existing.get(), in.now())) {
            return GenerateCredentialReportResponse.builder().state(ReportStateType.COMPLETE).build();
        }
        // Generation is quick here, so the report is ready at once; the answer is still AWS's for a new report.
        reports.putCredentialReport(in.transaction(), in.accountId(),
                new ReportStore.CredentialReport(seconds(in.now()), credentialReport(in.transaction(), in.accountId())));
        return GenerateCredentialReportResponse.builder()
                .state(ReportStateType.STARTED)
                .description("No report exists. Starting a new report generation task")
                .build();
    }

    private GetCredentialReportResponse getCredentialReport(Invocation in, GetCredentialReportRequest request)
    {
        ReportStore.CredentialReport report = reports.credentialReport(in.transaction(), in.accountId())
                .orElseThrow(() -> CredentialReportNotPresentException.builder()
                        .message("The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.").build());
        if (expired(report, in.now())) {
            throw CredentialReportExpiredException.builder()
                    .message("The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.").build();
        }
        return GetCredentialReportResponse.builder()
                .content(SdkBytes.fromString(report.content(), StandardCharsets.UTF_8))
                .reportFormat(ReportFormatType.TEXT_CSV)
                .generatedTime(report.generated())
                .build();
    }

    private static boolean expired(ReportStore.CredentialReport report, Instant now)
    {
        return !report.generated().plus(REPORT_LIFETIME).isAfter(now);
    }

    /** The CSV: header, the root user's row, then every user by name. */
    String credentialReport(Tx tx, String accountId)
    {
        Account account = iam.findAccount(tx, accountId).orElseThrow();
        Optional<PasswordPolicy> passwordPolicy = iam.findPasswordPolicy(tx, accountId);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        List<String> root = new ArrayList<>(List.of(ROOT_ACCOUNT, account.rootArn(), time(account.created()),
                NOT_SUPPORTED, account.rootPasswordHash() == null ? NOT_APPLICABLE : NO_INFORMATION, NOT_SUPPORTED, NOT_SUPPORTED,
                Boolean.toString(!iam.mfaDevices().assignedTo(tx, accountId, MfaDevice.ROOT).isEmpty())));
        addKeys(root, iam.listAccessKeys(tx, accountId, null));
        addCertificates(root, credentials.listSigningCertificates(tx, accountId, null));
        csv.append(String.join(",", root)).append('\n');
        for (User user : all(marker -> iam.listUsers(tx, accountId, null, marker, PAGE))) {
            Optional<LoginProfile> login = iam.findLoginProfile(tx, user);
            List<String> row = new ArrayList<>(List.of(user.name(), user.arn(), time(user.created())));
            if (login.isPresent()) {
                Instant changed = login.get().passwordChanged();
                row.add("true");
                // Bulwark has no console sign-in, so a password is never recorded as used.
                row.add(NO_INFORMATION);
                row.add(time(changed));
                row.add(passwordPolicy.filter(policy -> policy.maxAgeDays() > 0)
                        .map(policy -> time(changed.plus(policy.maxAgeDays(), ChronoUnit.DAYS)))
                        .orElse(NOT_APPLICABLE));
            }
            else {
                row.addAll(List.of("false", NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE));
            }
            // an assigned MFA device is an enabled one (EnableMFADevice assigns it)
            row.add(Boolean.toString(!iam.mfaDevices().assignedTo(tx, accountId, user.userId()).isEmpty()));
            addKeys(row, iam.listAccessKeys(tx, accountId, user));
            addCertificates(row, credentials.listSigningCertificates(tx, accountId, user));
            csv.append(String.join(",", row)).append('\n');
        }
        return csv.toString();
    }

    /** Two access-key column groups, oldest key first. */
    private static void addKeys(List<String> row, List<AccessKey> keys)
    {
        for (int i = 0; i < 2; i++) {
            if (i < keys.size()) {
                AccessKey key = keys.get(i);
                boolean used = key.lastUsedDate() != null;
                row.addAll(List.of(Boolean.toString(key.isActive()), time(key.created()),
                        used ? time(key.lastUsedDate()) : NOT_APPLICABLE,
                        used && key.lastUsedRegion() != null ? key.lastUsedRegion() : NOT_APPLICABLE,
                        used && key.lastUsedService() != null ? key.lastUsedService() : NOT_APPLICABLE));
            }
            else {
                row.addAll(List.of("false", NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE));
            }
        }
    }

    /** Two signing-certificate column groups (oldest first): active, and the upload time as last rotated. */
    private static void addCertificates(List<String> row, List<IamCredentialStore.SigningCertificate> certificates)
    {
        for (int i = 0; i < 2; i++) {
            if (i < certificates.size()) {
                IamCredentialStore.SigningCertificate certificate = certificates.get(i);
                row.addAll(List.of(Boolean.toString(certificate.status() == AccessKeyStatus.ACTIVE), time(certificate.uploaded())));
            }
            else {
                row.addAll(List.of("false", NOT_APPLICABLE));
            }
        }
    }

    private static String time(Instant instant)
    {
        return REPORT_TIME.format(instant);
    }
}
