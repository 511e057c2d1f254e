package dev.bulwark.server.services.iam;

import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.validate.IamPolicySizeLimit;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.OwnerKind;
import dev.bulwark.server.services.iam.model.PolicyEntity;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.PolicyVersion;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.iam.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.CreatePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeletePolicyRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyResponse;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.DeletePolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.GetPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsResponse;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsRequest;
import software.amazon.awssdk.services.iam.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyGroup;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;
import software.amazon.awssdk.services.iam.model.PolicyUser;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionRequest;
import software.amazon.awssdk.services.iam.model.SetDefaultPolicyVersionResponse;
import software.amazon.awssdk.services.iam.model.TagPolicyRequest;
import software.amazon.awssdk.services.iam.model.TagPolicyResponse;
import software.amazon.awssdk.services.iam.model.UnmodifiableEntityException;
import software.amazon.awssdk.services.iam.model.UntagPolicyRequest;
import software.amazon.awssdk.services.iam.model.UntagPolicyResponse;

import java.util.List;

import static dev.bulwark.server.services.iam.IamWire.changed;
import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Customer managed policies and their versions: CreatePolicy, DeletePolicy, the version operations and
 * ListEntitiesForPolicy, and customer managed policies' tags. AWS managed policies are read-only here, as in AWS. Principals' effective policies use
 * each attached policy's default version, so making another version the default (or creating one as default)
 * announces a change in the policy's account: the only account a customer managed policy can be attached in.
 */
public final class IamPolicyOperations implements ServiceOperations
{
    /** A managed policy keeps at most this many versions. */
    static final int MAX_VERSIONS = 5;

    private final IamStore iam;

    public IamPolicyOperations(IamStore iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreatePolicy", CreatePolicyRequest.class,
                        (in, r) -> List.of(Access.of("iam:CreatePolicy", ManagedPolicy.arnOf(in.accountId(), IamWire.pathOrRoot(r.path()), r.policyName()))),
                        this::createPolicy),
                write("DeletePolicy", DeletePolicyRequest.class, (in, r) -> onPolicy("iam:DeletePolicy", r.policyArn()), this::deletePolicy),
                write("CreatePolicyVersion", CreatePolicyVersionRequest.class, (in, r) -> onPolicy("iam:CreatePolicyVersion", r.policyArn()), this::createPolicyVersion),
                read("GetPolicyVersion", GetPolicyVersionRequest.class, (in, r) -> onPolicy("iam:GetPolicyVersion", r.policyArn()), this::getPolicyVersion),
                read("ListPolicyVersions", ListPolicyVersionsRequest.class, (in, r) -> onPolicy("iam:ListPolicyVersions", r.policyArn()), this::listPolicyVersions),
                write("SetDefaultPolicyVersion", SetDefaultPolicyVersionRequest.class, (in, r) -> onPolicy("iam:SetDefaultPolicyVersion", r.policyArn()),
                        this::setDefaultPolicyVersion),
                write("DeletePolicyVersion", DeletePolicyVersionRequest.class, (in, r) -> onPolicy("iam:DeletePolicyVersion", r.policyArn()), this::deletePolicyVersion),
                read("ListEntitiesForPolicy", ListEntitiesForPolicyRequest.class, (in, r) -> onPolicy("iam:ListEntitiesForPolicy", r.policyArn()),
                        this::listEntitiesForPolicy),
                read("ListPolicyTags", ListPolicyTagsRequest.class, (in, r) -> onPolicy("iam:ListPolicyTags", r.policyArn()), this::listPolicyTags),
                write("TagPolicy", TagPolicyRequest.class, (in, r) -> onPolicy("iam:TagPolicy", r.policyArn()), this::tagPolicy),
                write("UntagPolicy", UntagPolicyRequest.class, (in, r) -> onPolicy("iam:UntagPolicy", r.policyArn()), this::untagPolicy));
    }

    private CreatePolicyResponse createPolicy(Invocation in, CreatePolicyRequest request)
    {
        checkDocument(request.policyDocument());
        List<dev.bulwark.server.services.iam.model.Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(List.of(), tags);
        try {
            ManagedPolicy policy = iam.createPolicy(in.transaction(), in.accountId(), request.policyName(), IamWire.pathOrRoot(request.path()),
                    request.policyDocument(), request.description());
            iam.tag(in.transaction(), owner(policy), tags);
            return CreatePolicyResponse.builder().policy(IamService.toSdk(policy).toBuilder().tags(IamTags.toSdk(tags)).build()).build();
        }
        catch (DuplicateKeyException e) {
            throw EntityAlreadyExistsException.builder()
                    .message("A policy called " + request.policyName() + " already exists. Duplicate names are not allowed.").build();
        }
    }

    private DeletePolicyResponse deletePolicy(Invocation in, DeletePolicyRequest request)
    {
        ManagedPolicy policy = customerPolicy(in, request.policyArn());
        Tx tx = in.transaction();
        if (iam.countAttachments(tx, in.accountId(), policy.arn()) > 0 || iam.countBoundaryUsage(tx, in.accountId(), policy.arn()) > 0) {
            throw DeleteConflictException.builder().message("Cannot delete a policy attached to entities.").build();
        }
        if (iam.countPolicyVersions(tx, policy.arn()) > 1) {
            throw DeleteConflictException.builder().message("This policy has more than one version. Before you delete a policy, you must delete "
                    + "the policy's versions. The default version is deleted with the policy.").build();
        }
        iam.deletePolicy(tx, in.accountId(), policy.arn());
        return DeletePolicyResponse.builder().build();
    }

    private CreatePolicyVersionResponse createPolicyVersion(Invocation in, CreatePolicyVersionRequest request)
    {
        ManagedPolicy policy = customerPolicy(in, request.policyArn());
        checkDocument(request.policyDocument());
        if (iam.countPolicyVersions(in.transaction(), policy.arn()) >= MAX_VERSIONS) {
            throw LimitExceededException.builder()
                    .message("A managed policy can have up to " + MAX_VERSIONS + " versions. Before you create a new version, you must delete an existing version.")
                    .build();
        }
        boolean setAsDefault = Boolean.TRUE.equals(request.setAsDefault());
        PolicyVersion version = iam.createPolicyVersion(in.transaction(), policy.arn(), request.policyDocument(), setAsDefault);
        if (setAsDefault) {
            changed(in);
        }
        return CreatePolicyVersionResponse.builder().policyVersion(toSdk(version, false)).build();
    }

    private GetPolicyVersionResponse getPolicyVersion(Invocation in, GetPolicyVersionRequest request)
    {
        ManagedPolicy policy = visiblePolicy(in, request.policyArn());
        PolicyVersion version = iam.getPolicyVersion(in.transaction(), policy.arn(), request.versionId())
                .orElseThrow(() -> noSuchVersion(policy.arn(), request.versionId()));
        return GetPolicyVersionResponse.builder().policyVersion(toSdk(version, true)).build();
    }

    private ListPolicyVersionsResponse listPolicyVersions(Invocation in, ListPolicyVersionsRequest request)
    {
        ManagedPolicy policy = visiblePolicy(in, request.policyArn());
        IamListPaging.Slice<software.amazon.awssdk.services.iam.model.PolicyVersion> page = IamListPaging.page(
                iam.listPolicyVersions(in.transaction(), policy.arn()).stream().map(version -> toSdk(version, false)).toList(),
                request.marker(), request.maxItems());
        return ListPolicyVersionsResponse.builder()
                .versions(page.items())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private SetDefaultPolicyVersionResponse setDefaultPolicyVersion(Invocation in, SetDefaultPolicyVersionRequest request)
    {
        ManagedPolicy policy = customerPolicy(in, request.policyArn());
        if (!iam.setDefaultPolicyVersion(in.transaction(), policy.arn(), request.versionId())) {
            throw noSuchVersion(policy.arn(), request.versionId());
        }
        changed(in);
        return SetDefaultPolicyVersionResponse.builder().build();
    }

    private DeletePolicyVersionResponse deletePolicyVersion(Invocation in, DeletePolicyVersionRequest request)
    {
        ManagedPolicy policy = customerPolicy(in, request.policyArn());
        PolicyVersion version = iam.getPolicyVersion(in.transaction(), policy.arn(), request.versionId())
                .orElseThrow(() -> noSuchVersion(policy.arn(), request.versionId()));
        if (version.isDefaultVersion()) {
            throw DeleteConflictException.builder().message("Cannot delete the default version of a policy.").build();
        }
        iam.deletePolicyVersion(in.transaction(), policy.arn(), version.versionId());
        return DeletePolicyVersionResponse.builder().build();
    }

    private ListEntitiesForPolicyResponse listEntitiesForPolicy(Invocation in, ListEntitiesForPolicyRequest request)
    {
        ManagedPolicy policy = visiblePolicy(in, request.policyArn());
        EntityType filter = request.entityFilter();
        List<PolicyEntity> entities = new java.util.ArrayList<>();
        PolicyUsageType usage = request.policyUsageFilter();
        if (usage == null || usage == PolicyUsageType.PERMISSIONS_POLICY) {
            entities.addAll(iam.entitiesForPolicy(in.transaction(), in.accountId(), policy.arn()));
        }
        if (usage == null || usage == PolicyUsageType.PERMISSIONS_BOUNDARY) {
            entities.addAll(iam.entitiesBoundedBy(in.transaction(), in.accountId(), policy.arn()));
        }
        // one page over the filtered entities (users, then groups, then roles), as AWS pages them together
        List<PolicyEntity> selected = new java.util.ArrayList<>();
        if (filter == null || filter == EntityType.USER) {
            entities.stream().filter(e -> e.kind() == OwnerKind.USER).forEach(selected::add);
        }
        if (filter == null || filter == EntityType.GROUP) {
            entities.stream().filter(e -> e.kind() == OwnerKind.GROUP).forEach(selected::add);
        }
        if (filter == null || filter == EntityType.ROLE) {
            entities.stream().filter(e -> e.kind() == OwnerKind.ROLE).forEach(selected::add);
        }
        IamListPaging.Slice<PolicyEntity> page = IamListPaging.page(selected, request.marker(), request.maxItems());
        return ListEntitiesForPolicyResponse.builder()
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .policyUsers(page.items().stream().filter(e -> e.kind() == OwnerKind.USER)
                        .map(e -> PolicyUser.builder().userName(e.name()).userId(e.id()).build()).toList())
                .policyGroups(page.items().stream().filter(e -> e.kind() == OwnerKind.GROUP)
                        .map(e -> PolicyGroup.builder().groupName(e.name()).groupId(e.id()).build()).toList())
                .policyRoles(page.items().stream().filter(e -> e.kind() == OwnerKind.ROLE)
                        .map(e -> PolicyRole.builder().roleName(e.name()).roleId(e.id()).build()).toList())
                .build();
    }

    private ListPolicyTagsResponse listPolicyTags(Invocation in, ListPolicyTagsRequest request)
    {
        ManagedPolicy policy = customerPolicy(in, request.policyArn());
        IamListPaging.Slice<dev.bulwark.server.services.iam.model.Tag> page = IamListPaging.page(iam.tags(in.transaction(), owner(policy)),
                request.marker(), request.maxItems());
        return ListPolicyTagsResponse.builder().tags(IamTags.toSdk(page.items())).isTruncated(page.isTruncated()).marker(page.nextMarker()).build();
    }

    private TagPolicyResponse tagPolicy(Invocation in, TagPolicyRequest request)
    {
        ManagedPolicy policy = customerPolicy(in, request.policyArn());
        List<dev.bulwark.server.services.iam.model.Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(iam.tags(in.transaction(), owner(policy)), tags);
        iam.tag(in.transaction(), owner(policy), tags);
        return TagPolicyResponse.builder().build();
    }

    private UntagPolicyResponse untagPolicy(Invocation in, UntagPolicyRequest request)
    {
        ManagedPolicy policy = customerPolicy(in, request.policyArn());
        iam.untag(in.transaction(), owner(policy), request.tagKeys());
        return UntagPolicyResponse.builder().build();
    }

    // ---------------------------------------------------------------- helpers

    /** A policy this account may read: its own or an AWS managed one. */
    private ManagedPolicy visiblePolicy(Invocation in, String arn)
    {
        return iam.findPolicy(in.transaction(), in.accountId(), arn).orElseThrow(() -> noSuchPolicy(arn));
    }

    /** A policy this account may change: its own. AWS managed policies are maintained by AWS alone. */
    private ManagedPolicy customerPolicy(Invocation in, String arn)
    {
        ManagedPolicy policy = visiblePolicy(in, arn);
        if (policy.isAwsManaged()) {
            // AWS refuses changes to its managed policies; UnmodifiableEntity is IAM's modeled error for that
            throw UnmodifiableEntityException.builder().message("Cannot modify the AWS managed policy " + arn + ".").build();
        }
        return policy;
    }

    /** Customer managed policies carry tags under their policy id. */
    static PolicyOwner owner(ManagedPolicy policy)
    {
        return new PolicyOwner(OwnerKind.POLICY, policy.accountId(), policy.policyId(), policy.name());
    }

    private static void checkDocument(String document)
    {
        try {
            PolicyDocument.parse(document, PolicyGrammar.MANAGED);
        }
        catch (MalformedPolicyException e) {
            throw IamErrors.malformedPolicy(e.getMessage());
        }
        IamPolicySizeLimit.MANAGED_POLICY.checkManagedPolicy(document).ifPresent(violation -> {
            throw LimitExceededException.builder().message(violation.message()).build();
        });
    }

    private static List<Access> onPolicy(String action, String policyArn)
    {
        return List.of(Access.of(action, policyArn == null ? "*" : policyArn));
    }

    private static NoSuchEntityException noSuchPolicy(String arn)
    {
        return NoSuchEntityException.builder().message("Policy " + arn + " does not exist or is not attachable.").build();
    }

    private static NoSuchEntityException noSuchVersion(String arn, String versionId)
    {
        return NoSuchEntityException.builder().message("Policy " + arn + " version " + versionId + " does not exist or is not attachable.").build();
    }

    private static software.amazon.awssdk.services.iam.model.PolicyVersion toSdk(PolicyVersion version, boolean withDocument)
    {
        return software.amazon.awssdk.services.iam.model.PolicyVersion.builder()
                .versionId(version.versionId())
                .isDefaultVersion(version.isDefaultVersion())
                .createDate(seconds(version.created()))
                .document(withDocument ? IamWire.urlEncoded(version.document()) : null)
                .build();
    }
}
