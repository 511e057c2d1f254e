package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.kms.model.KeyState;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.services.kms.model.MaterialVersion;
import software.amazon.awssdk.services.kms.model.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.bulwark.server.services.kms.KmsWire.read;
import static dev.bulwark.server.services.kms.KmsWire.write;
import static java.util.Objects.requireNonNull;

/**
 * A key's life: CreateKey (AWS_KMS or EXTERNAL origin), DescribeKey, ListKeys, UpdateKeyDescription, Enable/DisableKey,
 * Schedule/CancelKeyDeletion (7–30 days; the housekeeping pass deletes the key when the day comes), the key policy
 * (Get/Put/ListKeyPolicies with the lockout safety check) and tags.
 */
final class KeyOperations implements ServiceOperations
{
    /** AWS: "a waiting period of 7-30 days", 30 by default. */
    static final int MIN_PENDING_DAYS = 7;
    static final int MAX_PENDING_DAYS = 30;
    static final String DEFAULT_POLICY_NAME = "default";

    private final KmsWire wire;
    private final KmsStore kms;

    KeyOperations(KmsWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.kms = wire.kms();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateKey", CreateKeyRequest.class, (in, r) -> List.of(KmsWire.anyResource(in, "kms:CreateKey", createKeys(r))), this::create),
                read("DescribeKey", DescribeKeyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:DescribeKey", r.keyId(), Map.of(), true)), this::describe),
                read("ListKeys", ListKeysRequest.class, (in, r) -> List.of(KmsWire.anyResource(in, "kms:ListKeys", Map.of())), this::list),
                write("UpdateKeyDescription", UpdateKeyDescriptionRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:UpdateKeyDescription", r.keyId())),
                        this::updateDescription),
                write("EnableKey", EnableKeyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:EnableKey", r.keyId())), this::enable),
                write("DisableKey", DisableKeyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:DisableKey", r.keyId())), this::disable),
                write("ScheduleKeyDeletion", ScheduleKeyDeletionRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:ScheduleKeyDeletion", r.keyId(),
                        r.pendingWindowInDays() == null ? Map.of() : Map.of("kms:ScheduleKeyDeletionPendingWindowInDays", List.of(r.pendingWindowInDays().toString())))),
                        this::scheduleDeletion),
                write("CancelKeyDeletion", CancelKeyDeletionRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:CancelKeyDeletion", r.keyId())),
                        this::cancelDeletion),
                read("GetKeyPolicy", GetKeyPolicyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:GetKeyPolicy", r.keyId())), this::getPolicy),
                write("PutKeyPolicy", PutKeyPolicyRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:PutKeyPolicy", r.keyId(),
                        Map.of("kms:BypassPolicyLockoutSafetyCheck", List.of(String.valueOf(Boolean.TRUE.equals(r.bypassPolicyLockoutSafetyCheck())))))),
                        this::putPolicy),
                read("ListKeyPolicies", ListKeyPoliciesRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:ListKeyPolicies", r.keyId())),
                        this::listPolicies),
                write("TagResource", TagResourceRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:TagResource", r.keyId(), KmsTags.requestKeys(r.tags()))),
                        this::tag),
                write("UntagResource", UntagResourceRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:UntagResource", r.keyId(),
                        r.hasTagKeys() ? Map.of("aws:TagKeys", r.tagKeys()) : Map.of())), this::untag),
                read("ListResourceTags", ListResourceTagsRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:ListResourceTags", r.keyId())),
                        this::listTags));
    }

    private static Map<String, List<String>> createKeys(CreateKeyRequest request)
    {
        Map<String, List<String>> keys = new HashMap<>(KmsTags.requestKeys(request.tags()));
        keys.put("kms:KeySpec", List.of(specOf(request)));
        keys.put("kms:KeyUsage", List.of(request.keyUsageAsString() != null ? request.keyUsageAsString() : defaultUsage(specOf(request))));
        keys.put("kms:KeyOrigin", List.of(request.originAsString() != null ? request.originAsString() : KmsKey.ORIGIN_AWS_KMS));
        keys.put("kms:BypassPolicyLockoutSafetyCheck", List.of(String.valueOf(Boolean.TRUE.equals(request.bypassPolicyLockoutSafetyCheck()))));
        keys.put("kms:MultiRegion", List.of(String.valueOf(Boolean.TRUE.equals(request.multiRegion()))));
        return keys;
    }

    private static String specOf(CreateKeyRequest request)
    {
        if (request.keySpecAsString() != null) {
            return request.keySpecAsString();
        }
        return request.customerMasterKeySpecAsString() != null ? request.customerMasterKeySpecAsString() : KeySpecs.SYMMETRIC_DEFAULT;
    }

    /** KMS's default usage is ENCRYPT_DECRYPT whatever the spec: HMAC and ECC keys must name theirs. */
    private static String defaultUsage(String keySpec)
    {
        return KeySpecs.ENCRYPT_DECRYPT;
    }

    private CreateKeyResponse create(Invocation in, CreateKeyRequest request)
    {
        if (request.keySpecAsString() != null && request.customerMasterKeySpecAsString() != null) {
            throw KmsErrors.validation("You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.");
        }
        String keySpec = specOf(request);
        if (!KeySpecs.supported(keySpec)) {
            throw KmsErrors.validation(keySpec, "keySpec", "Member must satisfy enum value set: " + KeySpecs.ALL_SPECS);
        }
        String usage = request.keyUsageAsString() != null ? request.keyUsageAsString() : defaultUsage(keySpec);
        if (!KeySpecs.allows(keySpec, usage)) {
            throw KmsErrors.validation("KeyUsage " + usage + " is not compatible with KeySpec " + keySpec);
        }
        String origin = request.originAsString() != null ? request.originAsString() : KmsKey.ORIGIN_AWS_KMS;
        if (!origin.equals(KmsKey.ORIGIN_AWS_KMS) && !origin.equals(KmsKey.ORIGIN_EXTERNAL)) {
            throw KmsErrors.unsupported("Custom key stores are not supported by this server; Origin must be AWS_KMS or EXTERNAL.");
        }
        if (origin.equals(KmsKey.ORIGIN_EXTERNAL) && !KeySpecs.importable(keySpec)) {
            throw KmsErrors.unsupported("Origin EXTERNAL is not supported for KeySpec " + keySpec + ".");
        }
        if (Boolean.TRUE.equals(request.multiRegion())) {
            throw KmsErrors.unsupported("Multi-Region keys are not supported by this server.");
        }
        String description = request.description() == null ? "" : request.description();
        checkDescription(description);
        Map<String, String> tags = KmsTags.of(request.tags());
        if (tags.size() > KmsTags.MAX_TAGS) {
            throw KmsErrors.tag("Too many tags: a key may have at most 50.");
        }
        String keyId = UUID.randomUUID().toString();
        String arn = KmsKey.arn(in.region(), in.accountId(), keyId);
        String policy;
        if (request.policy() != null) {
            policy = request.policy();
            if (Boolean.TRUE.equals(request.bypassPolicyLockoutSafetyCheck())) {
                KeyPolicies.validate(policy);
            }
            else {
                KeyPolicies.checkLockout(policy, in.caller().arn(), in.accountId(), arn);
            }
        }
        else {
            policy = KeyPolicies.defaultPolicy(in.accountId());
        }
        boolean external = origin.equals(KmsKey.ORIGIN_EXTERNAL);
        KmsKey key = new KmsKey(keyId, in.accountId(), in.region(), description, keySpec, usage, origin,
                external ? KeyState.PENDING_IMPORT : KeyState.ENABLED, in.now(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                policy, 0, Optional.empty(), Optional.empty(), external ? 0 : 1, Optional.empty());
        kms.insertKey(in.transaction(), key);
        if (!external) {
            KeyVault.Created material = wire.vault().generate(keyId, 1, keySpec);
            kms.insertMaterial(in.transaction(), new MaterialVersion(keyId, 1, material.handle(),
                    material.publicKey().map(bytes -> Base64.getEncoder().encodeToString(bytes)), in.now(), Optional.empty()));
        }
        tags.forEach((tag, value) -> kms.putTag(in.transaction(), keyId, tag, value));
        return CreateKeyResponse.builder().keyMetadata(KmsWire.metadata(key)).build();
    }

    static void checkDescription(String description)
    {
        if (description.length() > 8192) {
            throw KmsErrors.validation("<description>", "description", "Member must have length less than or equal to 8192");
        }
    }

    private DescribeKeyResponse describe(Invocation in, DescribeKeyRequest request)
    {
        return DescribeKeyResponse.builder().keyMetadata(KmsWire.metadata(wire.key(in, request.keyId(), true))).build();
    }

    private ListKeysResponse list(Invocation in, ListKeysRequest request)
    {
        KmsWire.Page<KmsKey> page = KmsWire.page(kms.keys(in.transaction(), in.accountId(), in.region()), request.marker(), request.limit());
        return ListKeysResponse.builder()
                .keys(page.items().stream().map(key -> KeyListEntry.builder().keyId(key.keyId()).keyArn(key.arn()).build()).toList())
                .truncated(page.nextMarker().isPresent())
                .nextMarker(page.nextMarker().orElse(null))
                .build();
    }

    private UpdateKeyDescriptionResponse updateDescription(Invocation in, UpdateKeyDescriptionRequest request)
    {
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, request.keyId()));
        String description = request.description() == null ? "" : request.description();
        checkDescription(description);
        kms.updateKey(in.transaction(), withDescription(key, description));
        return UpdateKeyDescriptionResponse.builder().build();
    }

    private EnableKeyResponse enable(Invocation in, EnableKeyRequest request)
    {
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, request.keyId()));
        if (key.state() == KeyState.PENDING_IMPORT) {
            throw KmsErrors.pendingImport(key.arn());
        }
        kms.updateKey(in.transaction(), withState(key, KeyState.ENABLED));
        return EnableKeyResponse.builder().build();
    }

    private DisableKeyResponse disable(Invocation in, DisableKeyRequest request)
    {
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, request.keyId()));
        if (key.state() == KeyState.PENDING_IMPORT) {
            throw KmsErrors.pendingImport(key.arn());
        }
        kms.updateKey(in.transaction(), withState(key, KeyState.DISABLED));
        return DisableKeyResponse.builder().build();
    }

    private ScheduleKeyDeletionResponse scheduleDeletion(Invocation in, ScheduleKeyDeletionRequest request)
    {
        int days = request.pendingWindowInDays() == null ? MAX_PENDING_DAYS : request.pendingWindowInDays();
        if (days < MIN_PENDING_DAYS) {
            throw KmsErrors.validation(days, "pendingWindowInDays", "Member must have value greater than or equal to " + MIN_PENDING_DAYS);
        }
        if (days > MAX_PENDING_DAYS) {
            throw KmsErrors.validation(days, "pendingWindowInDays", "Member must have value less than or equal to " + MAX_PENDING_DAYS);
        }
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, request.keyId()));
        Instant deletion = in.now().plus(Duration.ofDays(days));
        kms.updateKey(in.transaction(), new KmsKey(key.keyId(), key.accountId(), key.region(), key.description(), key.keySpec(), key.keyUsage(), key.origin(),
                KeyState.PENDING_DELETION, key.created(), Optional.of(deletion), Optional.of(days), key.validTo(), key.expirationModel(), key.policy(),
                key.revision(), key.rotationPeriodDays(), key.nextRotation(), key.currentVersion(), key.importedDigest()));
        return ScheduleKeyDeletionResponse.builder().keyId(key.arn()).deletionDate(deletion).keyState(KeyState.PENDING_DELETION.wireName())
                .pendingWindowInDays(days).build();
    }

    private CancelKeyDeletionResponse cancelDeletion(Invocation in, CancelKeyDeletionRequest request)
    {
        KmsKey key = wire.key(in, request.keyId());
        if (key.state() != KeyState.PENDING_DELETION) {
            throw KmsErrors.notPendingDeletion(key.arn());
        }
        // The key comes back Disabled (or PendingImport when its imported material is gone), as in AWS.
        KeyState state = key.isExternal() && key.currentVersion() == 0 ? KeyState.PENDING_IMPORT : KeyState.DISABLED;
        kms.updateKey(in.transaction(), new KmsKey(key.keyId(), key.accountId(), key.region(), key.description(), key.keySpec(), key.keyUsage(), key.origin(),
                state, key.created(), Optional.empty(), Optional.empty(), key.validTo(), key.expirationModel(), key.policy(), key.revision(),
                key.rotationPeriodDays(), key.nextRotation(), key.currentVersion(), key.importedDigest()));
        return CancelKeyDeletionResponse.builder().keyId(key.arn()).build();
    }

    private GetKeyPolicyResponse getPolicy(Invocation in, GetKeyPolicyRequest request)
    {
        checkPolicyName(request.policyName());
        KmsKey key = wire.key(in, request.keyId());
        return GetKeyPolicyResponse.builder().policy(key.policy()).policyName(DEFAULT_POLICY_NAME).build();
    }

    private PutKeyPolicyResponse putPolicy(Invocation in, PutKeyPolicyRequest request)
    {
        checkPolicyName(request.policyName());
        if (request.policy() == null) {
            throw KmsErrors.validation("1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null");
        }
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, request.keyId()));
        if (Boolean.TRUE.equals(request.bypassPolicyLockoutSafetyCheck())) {
            KeyPolicies.validate(request.policy());
        }
        else {
            KeyPolicies.checkLockout(request.policy(), in.caller().arn(), key.accountId(), key.arn());
        }
        kms.updateKey(in.transaction(), new KmsKey(key.keyId(), key.accountId(), key.region(), key.description(), key.keySpec(), key.keyUsage(), key.origin(),
                key.state(), key.created(), key.deletionDate(), key.pendingWindowDays(), key.validTo(), key.expirationModel(), request.policy(),
                key.revision() + 1, key.rotationPeriodDays(), key.nextRotation(), key.currentVersion(), key.importedDigest()));
        return PutKeyPolicyResponse.builder().build();
    }

    private static void checkPolicyName(String name)
    {
        if (name != null && !name.equals(DEFAULT_POLICY_NAME)) {
            throw NotFoundException.builder().message("No such policy exists").build();
        }
    }

    private ListKeyPoliciesResponse listPolicies(Invocation in, ListKeyPoliciesRequest request)
    {
        wire.key(in, request.keyId());
        return ListKeyPoliciesResponse.builder().policyNames(DEFAULT_POLICY_NAME).truncated(false).build();
    }

    private TagResourceResponse tag(Invocation in, TagResourceRequest request)
    {
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, request.keyId()));
        Map<String, String> tags = KmsTags.of(request.tags());
        Map<String, String> all = new HashMap<>(kms.tags(in.transaction(), key.keyId()));
        all.putAll(tags);
        if (all.size() > KmsTags.MAX_TAGS) {
            throw KmsErrors.tag("Too many tags: a key may have at most 50.");
        }
        tags.forEach((tag, value) -> kms.putTag(in.transaction(), key.keyId(), tag, value));
        return TagResourceResponse.builder().build();
    }

    private UntagResourceResponse untag(Invocation in, UntagResourceRequest request)
    {
        KmsKey key = KmsWire.notPendingDeletion(wire.key(in, request.keyId()));
        request.tagKeys().forEach(tag -> kms.deleteTag(in.transaction(), key.keyId(), tag));
        return UntagResourceResponse.builder().build();
    }

    private ListResourceTagsResponse listTags(Invocation in, ListResourceTagsRequest request)
    {
        KmsKey key = wire.key(in, request.keyId());
        List<Tag> tags = KmsTags.toSdk(kms.tags(in.transaction(), key.keyId()));
        KmsWire.Page<Tag> page = KmsWire.page(tags, request.marker(), request.limit() == null ? 50 : request.limit());
        return ListResourceTagsResponse.builder().tags(page.items()).truncated(page.nextMarker().isPresent()).nextMarker(page.nextMarker().orElse(null)).build();
    }

    static KmsKey withState(KmsKey key, KeyState state)
    {
        return new KmsKey(key.keyId(), key.accountId(), key.region(), key.description(), key.keySpec(), key.keyUsage(), key.origin(), state, key.created(),
                key.deletionDate(), key.pendingWindowDays(), key.validTo(), key.expirationModel(), key.policy(), key.revision(), key.rotationPeriodDays(),
                key.nextRotation(), key.currentVersion(), key.importedDigest());
    }

    private static KmsKey withDescription(KmsKey key, String description)
    {
        return new KmsKey(key.keyId(), key.accountId(), key.region(), description, key.keySpec(), key.keyUsage(), key.origin(), key.state(), key.created(),
                key.deletionDate(), key.pendingWindowDays(), key.validTo(), key.expirationModel(), key.policy(), key.revision(), key.rotationPeriodDays(),
                key.nextRotation(), key.currentVersion(), key.importedDigest());
    }
}
