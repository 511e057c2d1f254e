package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ResourcePolicy;
import dev.bulwark.server.services.kms.model.KeyAlias;
import dev.bulwark.server.services.kms.model.KeyState;
import dev.bulwark.server.services.kms.model.KmsKey;
import dev.bulwark.server.services.kms.model.MaterialVersion;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What the KMS operation groups share: how a {@code KeyId} names a key (key id, key ARN, alias name or alias ARN, as
 * in AWS), the key's state checks with AWS's errors, the accesses an operation on a key needs (carrying its key
 * policy and grants), condition keys, paging, and the SDK shape of a key.
 */
final class KmsWire
{
    static final String SERVICE = "kms";
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** KMS answers at most 1000 items a page, 100 by default (ListKeys, ListAliases, ListGrants). */
    static final int MAX_LIMIT = 1000;
    static final int DEFAULT_LIMIT = 100;

    private final Store store;
    private final KmsStore kms;
    private final KeyVault vault;
    private final SecureRandom random;
    private final KeyPolicies policies;

    KmsWire(Store store, KmsStore kms, KeyVault vault, SecureRandom random)
    {
        this.store = requireNonNull(store, "store is null");
        this.kms = requireNonNull(kms, "kms is null");
        this.vault = requireNonNull(vault, "vault is null");
        this.random = requireNonNull(random, "random is null");
        this.policies = new KeyPolicies(kms);
    }

    Store store()
    {
        return store;
    }

    KmsStore kms()
    {
        return kms;
    }

    KeyVault vault()
    {
        return vault;
    }

    SecureRandom random()
    {
        return random;
    }

    KeyPolicies policies()
    {
        return policies;
    }

    // ---------------------------------------------------------------- declaring operations

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> read(String name, Class<I> type, Operation.Authorization<I> authorization,
            Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, true, handler);
    }

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> write(String name, Class<I> type, Operation.Authorization<I> authorization,
            Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, false, handler);
    }

    /** A cryptographic operation: CloudTrail records it as read-only, as AWS does, and it only reads the store. */
    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> use(String name, Class<I> type, Operation.Authorization<I> authorization,
            Operation.Handler<I, O> handler)
    {
        return new Operation<>(SERVICE, name, type, authorization, true, handler, Operation.StoreUse.READ);
    }

    // ---------------------------------------------------------------- naming keys

    /**
     * What a {@code KeyId} parameter names: the account and region it points into, and either a key id or an alias.
     *
     * @param alias the alias name ({@code alias/...}) when the caller named an alias
     */
    record KeyRef(String text, String accountId, String region, Optional<String> keyId, Optional<String> alias)
    {
        /** The ARN a denial or NotFound names. */
        String arn()
        {
            return keyId.map(id -> KmsKey.arn(region, accountId, id)).orElseGet(() -> KeyAlias.arn(region, accountId, alias.orElseThrow()));
        }
    }

    static KeyRef parse(Invocation in, String text)
    {
        if (text == null || text.isEmpty()) {
            throw KmsErrors.validation("1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null");
        }
        if (text.startsWith("arn:")) {
            String[] parts = text.split(":", 6);
            if (parts.length == 6 && parts[2].equals("kms")) {
                if (parts[5].startsWith("key/")) {
                    return new KeyRef(text, parts[4], parts[3], Optional.of(parts[5].substring(4)), Optional.empty());
                }
                if (parts[5].startsWith("alias/")) {
                    return new KeyRef(text, parts[4], parts[3], Optional.empty(), Optional.of(parts[5]));
                }
            }
            throw KmsErrors.invalidArn(text);
        }
        if (text.startsWith("alias/")) {
            return new KeyRef(text, in.accountId(), in.region(), Optional.empty(), Optional.of(text));
        }
        return new KeyRef(text, in.accountId(), in.region(), Optional.of(text), Optional.empty());
    }

    /** The key a reference names, if it exists (in the named account and region). */
    Optional<KmsKey> find(Tx tx, KeyRef ref)
    {
        Optional<String> keyId = ref.keyId().or(() -> kms.alias(tx, ref.accountId(), ref.region(), ref.alias().orElseThrow()).map(KeyAlias::keyId));
        return keyId.filter(id -> KEY_ID.matcher(id).matches()).flatMap(id -> kms.key(tx, id))
                .filter(key -> key.accountId().equals(ref.accountId()) && key.region().equals(ref.region()));
    }

    /** The key a {@code KeyId} names, or KMS's NotFoundException; {@code crossAccount} says whether another account's key may be named. */
    KmsKey key(Invocation in, String text, boolean crossAccount)
    {
        KeyRef ref = parse(in, text);
        if (!crossAccount && !ref.accountId().equals(in.accountId())) {
            throw KmsErrors.keyNotFound(ref.arn());
        }
        Optional<KmsKey> key = find(in.transaction(), ref);
        if (key.isEmpty()) {
            if (ref.alias().isPresent()) {
                throw KmsErrors.aliasNotFound(KeyAlias.arn(ref.region(), ref.accountId(), ref.alias().get()));
            }
            if (!KEY_ID.matcher(ref.keyId().orElseThrow()).matches()) {
                throw KmsErrors.invalidKeyId(text);
            }
            throw KmsErrors.keyNotFound(ref.arn());
        }
        return key.get();
    }

    KmsKey key(Invocation in, String text)
    {
        return key(in, text, false);
    }

    /** A key in a state that allows cryptographic use (Enabled), else AWS's DisabledException or KMSInvalidStateException. */
    static KmsKey usable(KmsKey key)
    {
        switch (key.state()) {
            case ENABLED -> {
                return key;
            }
            case DISABLED -> throw KmsErrors.disabled(key.arn());
            case PENDING_DELETION -> throw KmsErrors.pendingDeletion(key.arn());
            case PENDING_IMPORT -> throw KmsErrors.pendingImport(key.arn());
        }
        throw new IllegalStateException("unknown key state " + key.state());
    }

    /** Management operations refuse keys pending deletion. */
    static KmsKey notPendingDeletion(KmsKey key)
    {
        if (key.state() == KeyState.PENDING_DELETION) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
        return key;
    }

    static void requireUsage(KmsKey key, String usage, String operation)
    {
        if (!key.keyUsage().equals(usage)) {
            throw KmsErrors.invalidKeyUsage(key.arn(), key.keyUsage(), operation);
        }
    }

    /** The current material version of a key. */
    KeyVault.MaterialRef current(Tx tx, KmsKey key)
    {
        return ref(tx, key, key.currentVersion()).orElseThrow(() -> KmsErrors.pendingImport(key.arn()));
    }

    Optional<KeyVault.MaterialRef> ref(Tx tx, KmsKey key, int version)
    {
        return kms.material(tx, key.keyId(), version).map(material -> refOf(key, material));
    }

    static KeyVault.MaterialRef refOf(KmsKey key, MaterialVersion material)
    {
        return new KeyVault.MaterialRef(key.keyId(), material.version(), key.keySpec(), material.sealed());
    }

    // ---------------------------------------------------------------- authorization

    /**
     * The access an operation on a key needs: the key's ARN, the KMS condition keys of the key and the request, and
     * the key policy with the key's grants. When the key does not exist, the access names the ARN it would have and
     * carries no key policy (IAM decides; the handler then answers NotFoundException).
     */
    Access keyAccess(Invocation in, String action, String keyIdText, Map<String, List<String>> requestKeys, boolean crossAccount)
    {
        KeyRef ref = parse(in, keyIdText);
        return store.readOnly(tx -> {
            Optional<KmsKey> key = (crossAccount || ref.accountId().equals(in.accountId())) ? find(tx, ref) : Optional.empty();
            Map<String, List<String>> keys = new HashMap<>(requestKeys);
            keys.put("kms:CallerAccount", List.of(in.accountId()));
            ref.alias().ifPresent(alias -> keys.put("kms:RequestAlias", List.of(alias)));
            if (key.isEmpty()) {
                return new Access(action, ref.arn(), keys);
            }
            return keyAccess(tx, key.get(), action, keys);
        });
    }

    Access keyAccess(Invocation in, String action, String keyIdText, Map<String, List<String>> requestKeys)
    {
        return keyAccess(in, action, keyIdText, requestKeys, false);
    }

    Access keyAccess(Invocation in, String action, String keyIdText)
    {
        return keyAccess(in, action, keyIdText, Map.of(), false);
    }

    /** The access on an existing key, with its condition keys and compiled key policy plus grants. */
    Access keyAccess(Tx tx, KmsKey key, String action, Map<String, List<String>> requestKeys)
    {
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        keys.put("kms:KeySpec", List.of(key.keySpec()));
        keys.put("kms:CustomerMasterKeySpec", List.of(key.keySpec()));
        keys.put("kms:KeyUsage", List.of(key.keyUsage()));
        keys.put("kms:KeyOrigin", List.of(key.origin()));
        keys.put("kms:MultiRegion", List.of("false"));
        List<String> aliases = kms.aliasesOf(tx, key.keyId()).stream().map(KeyAlias::name).toList();
        if (!aliases.isEmpty()) {
            keys.put("kms:ResourceAliases", aliases);
        }
        kms.tags(tx, key.keyId()).forEach((tag, value) -> keys.putIfAbsent("aws:ResourceTag/" + tag, List.of(value)));
        return new Access(action, key.arn(), keys).withResourcePolicy(ResourcePolicy.keyPolicy(key.accountId(), policies.compiled(tx, key)));
    }

    /** {@code kms:EncryptionContext:<key>} for each pair and {@code kms:EncryptionContextKeys}. */
    static Map<String, List<String>> contextKeys(Map<String, String> context)
    {
        Map<String, List<String>> keys = new HashMap<>();
        if (context == null || context.isEmpty()) {
            return keys;
        }
        context.forEach((key, value) -> keys.put("kms:EncryptionContext:" + key, List.of(value)));
        keys.put("kms:EncryptionContextKeys", List.copyOf(context.keySet()));
        return keys;
    }

    static Map<String, List<String>> with(Map<String, List<String>> keys, String name, String value)
    {
        if (value == null) {
            return keys;
        }
        Map<String, List<String>> more = new HashMap<>(keys);
        more.put(name, List.of(value));
        return more;
    }

    /** An operation on no particular resource ({@code *}), decided by IAM policies alone. */
    static Access anyResource(Invocation in, String action, Map<String, List<String>> keys)
    {
        Map<String, List<String>> all = new HashMap<>(keys);
        all.put("kms:CallerAccount", List.of(in.accountId()));
        return new Access(action, "*", all);
    }

    static void checkDryRun(Boolean dryRun)
    {
        if (Boolean.TRUE.equals(dryRun)) {
            throw KmsErrors.dryRun();
        }
    }

    // ---------------------------------------------------------------- paging

    record Page<T>(List<T> items, Optional<String> nextMarker) {}

    static <T> Page<T> page(List<T> all, String marker, Integer limit)
    {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw KmsErrors.validation(size, "limit", "Member must have value " + (size < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }
        int start = 0;
        if (marker != null) {
            try {
                start = Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
            }
            catch (IllegalArgumentException e) {
                throw KmsErrors.invalidMarker();
            }
            if (start < 0 || start > all.size()) {
                throw KmsErrors.invalidMarker();
            }
        }
        int end = Math.min(all.size(), start + size);
        Optional<String> next = end < all.size()
                ? Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
        return new Page<>(new ArrayList<>(all.subList(start, end)), next);
    }

    // ---------------------------------------------------------------- SDK shapes

    static KeyMetadata metadata(KmsKey key)
    {
        KeyMetadata.Builder builder = KeyMetadata.builder()
                .awsAccountId(key.accountId())
                .keyId(key.keyId())
                .arn(key.arn())
                .creationDate(key.created())
                .enabled(key.state() == KeyState.ENABLED)
                .description(key.description())
                .keyUsage(key.keyUsage())
                .keyState(key.state().wireName())
                .origin(key.origin())
                .keyManager("CUSTOMER")
                .customerMasterKeySpec(key.keySpec())
                .keySpec(key.keySpec())
                .multiRegion(false);
        List<String> encryption = KeySpecs.encryptionAlgorithms(key.keySpec(), key.keyUsage());
        if (!encryption.isEmpty()) {
            builder.encryptionAlgorithmsWithStrings(encryption);
        }
        List<String> signing = KeySpecs.signingAlgorithms(key.keySpec(), key.keyUsage());
        if (!signing.isEmpty()) {
            builder.signingAlgorithmsWithStrings(signing);
        }
        List<String> macs = KeySpecs.macAlgorithms(key.keySpec(), key.keyUsage());
        if (!macs.isEmpty()) {
            builder.macAlgorithmsWithStrings(macs);
        }
        List<String> agreement = KeySpecs.keyAgreementAlgorithms(key.keySpec(), key.keyUsage());
        if (!agreement.isEmpty()) {
            builder.keyAgreementAlgorithmsWithStrings(agreement);
        }
        key.deletionDate().ifPresent(builder::deletionDate);
        key.pendingWindowDays().ifPresent(builder::pendingDeletionWindowInDays);
        if (key.isExternal()) {
            key.expirationModel().ifPresent(builder::expirationModel);
            key.validTo().ifPresent(builder::validTo);
        }
        if (key.isSymmetricEncryption() && key.state() != KeyState.PENDING_IMPORT) {
            builder.currentKeyMaterialId(materialId(key.keyId(), key.currentVersion()));
        }
        return builder.build();
    }

    /** A stable 64-hex-digit id of one material version, the form AWS gives key material ids. */
    static String materialId(String keyId, int version)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest((keyId + ":" + version).getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
