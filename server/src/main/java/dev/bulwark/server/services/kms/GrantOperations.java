package dev.bulwark.server.services.kms;

import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.PolicyGrammar;
import dev.bulwark.policy.eval.CompiledPolicies;
import dev.bulwark.policy.eval.PolicySource;
import dev.bulwark.policy.eval.PolicyType;
import dev.bulwark.policy.eval.RequestPrincipal;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ResourcePolicy;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.kms.model.KeyState;
import dev.bulwark.server.services.kms.model.KmsGrant;
import dev.bulwark.server.services.kms.model.KmsKey;
import software.amazon.awssdk.services.kms.model.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.bulwark.server.services.kms.KmsWire.read;
import static dev.bulwark.server.services.kms.KmsWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Grants: CreateGrant (operations, encryption-context constraints, retiring principal; effective at once, so a grant
 * token is never needed here but is accepted), ListGrants, ListRetirableGrants, RetireGrant (by the retiring
 * principal, the grantee when the grant allows RetireGrant, or the account that owns the key) and RevokeGrant.
 * A live grant becomes an Allow statement in its key's compiled policy ({@link KeyPolicies}).
 */
final class GrantOperations implements ServiceOperations
{
    /** The operations a grant may allow (AWS's GrantOperation enum). */
    static final Set<String> GRANT_OPERATIONS = Set.of("Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom",
            "ReEncryptTo", "Sign", "Verify", "GetPublicKey", "CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair",
            "GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac", "DeriveSharedSecret");
    private static final String TOKEN_PREFIX = "bulwark-grant:";

    private final KmsWire wire;
    private final KmsStore kms;

    GrantOperations(KmsWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.kms = wire.kms();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateGrant", CreateGrantRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:CreateGrant", r.keyId(), createKeys(r), true)),
                        this::create),
                read("ListGrants", ListGrantsRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:ListGrants", r.keyId(), Map.of(), true)), this::list),
                read("ListRetirableGrants", ListRetirableGrantsRequest.class, (in, r) -> List.of(KmsWire.anyResource(in, "kms:ListRetirableGrants", Map.of())),
                        this::listRetirable),
                write("RetireGrant", RetireGrantRequest.class, (in, r) -> List.of(retireAccess(in, r)), this::retire),
                write("RevokeGrant", RevokeGrantRequest.class, (in, r) -> List.of(wire.keyAccess(in, "kms:RevokeGrant", r.keyId(), Map.of(), true)),
                        this::revoke));
    }

    private static Map<String, List<String>> createKeys(CreateGrantRequest request)
    {
        Map<String, List<String>> keys = new HashMap<>();
        if (request.hasOperations()) {
            keys.put("kms:GrantOperations", request.operationsAsStrings());
        }
        if (request.granteePrincipal() != null) {
            keys.put("kms:GranteePrincipal", List.of(request.granteePrincipal()));
        }
        if (request.retiringPrincipal() != null) {
            keys.put("kms:RetiringPrincipal", List.of(request.retiringPrincipal()));
        }
        keys.put("kms:GrantIsForAWSResource", List.of("false"));
        GrantConstraints constraints = request.constraints();
        if (constraints != null) {
            Map<String, String> pairs = new HashMap<>();
            if (constraints.hasEncryptionContextSubset()) {
                pairs.putAll(constraints.encryptionContextSubset());
            }
            if (constraints.hasEncryptionContextEquals()) {
                pairs.putAll(constraints.encryptionContextEquals());
            }
            keys.putAll(KmsWire.contextKeys(pairs));
            keys.put("kms:GrantConstraintType", List.of(constraints.hasEncryptionContextEquals() ? "EncryptionContextEquals" : "EncryptionContextSubset"));
        }
        return keys;
    }

    /**
     * Who may retire a grant is the grant's business, not the key policy's: its retiring principal, its grantee when it
     * allows RetireGrant, and (through its IAM policies) the account that owns the key. That is the resource policy
     * this access carries.
     */
    private Access retireAccess(Invocation in, RetireGrantRequest request)
    {
        return wire.store().readOnly(tx -> {
            Optional<KmsGrant> grant = grantOf(in, request.grantToken(), request.grantId(), request.keyId(), tx);
            Optional<KmsKey> key = grant.flatMap(g -> kms.key(tx, g.keyId()));
            if (grant.isEmpty() || key.isEmpty()) {
                return KmsWire.anyResource(in, "kms:RetireGrant", Map.of());
            }
            List<String> principals = new ArrayList<>();
            principals.add("arn:aws:iam::" + key.get().accountId() + ":root");
            grant.get().retiringPrincipal().filter(p -> p.startsWith("arn:")).ifPresent(principals::add);
            if (grant.get().operations().contains("RetireGrant") && grant.get().granteePrincipal().startsWith("arn:")) {
                principals.add(grant.get().granteePrincipal());
            }
            StringBuilder json = new StringBuilder("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[");
            for (int i = 0; i < principals.size(); i++) {
                json.append(i == 0 ? "" : ",").append('"').append(principals.get(i).replace("\"", "")).append('"');
            }
            json.append("]},\"Action\":\"kms:RetireGrant\",\"Resource\":\"*\"}]}");
            CompiledPolicies policy = CompiledPolicies.compile(new PolicySource(PolicyType.RESOURCE, key.get().arn(),
                    PolicyDocument.parse(json.toString(), PolicyGrammar.RESOURCE)));
            return new Access("kms:RetireGrant", key.get().arn(), Map.of("kms:CallerAccount", List.of(in.accountId())))
                    .withResourcePolicy(ResourcePolicy.keyPolicy(key.get().accountId(), policy));
        });
    }

    private Optional<KmsGrant> grantOf(Invocation in, String token, String grantId, String keyId, dev.bulwark.server.store.Tx tx)
    {
        if (token != null) {
            return grantIdOf(token).flatMap(id -> kms.grant(tx, id));
        }
        if (grantId == null || keyId == null) {
            return Optional.empty();
        }
        KmsWire.KeyRef ref = KmsWire.parse(in, keyId);
        return wire.find(tx, ref).flatMap(key -> kms.grant(tx, grantId).filter(grant -> grant.keyId().equals(key.keyId())));
    }

    // ---------------------------------------------------------------- tokens

    static String tokenFor(String grantId, byte[] nonce)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + grantId + ":" + HexFormat.of().formatHex(nonce))
                .getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> grantIdOf(String token)
    {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith(TOKEN_PREFIX)) {
                return Optional.empty();
            }
            String[] parts = text.substring(TOKEN_PREFIX.length()).split(":");
            return parts.length == 2 ? Optional.of(parts[0]) : Optional.empty();
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Grant tokens in a request must be tokens this server issued. */
    static void checkTokens(List<String> tokens)
    {
        for (String token : tokens) {
            if (grantIdOf(token).isEmpty()) {
                throw KmsErrors.invalidGrantToken();
            }
        }
    }

    // ---------------------------------------------------------------- handlers

    private CreateGrantResponse create(Invocation in, CreateGrantRequest request)
    {
        KmsKey key = wire.key(in, request.keyId(), true);
        if (key.state() == KeyState.PENDING_DELETION) {
            throw KmsErrors.pendingDeletion(key.arn());
        }
        checkTokens(request.grantTokens());
        String grantee = checkPrincipal(request.granteePrincipal(), "granteePrincipal");
        Optional<String> retiring = Optional.ofNullable(request.retiringPrincipal()).map(p -> checkPrincipal(p, "retiringPrincipal"));
        if (!request.hasOperations() || request.operationsAsStrings().isEmpty()) {
            throw KmsErrors.validation("1 validation error detected: Value null at 'operations' failed to satisfy constraint: Member must not be null");
        }
        List<String> operations = request.operationsAsStrings().stream().distinct().toList();
        for (String operation : operations) {
            if (!GRANT_OPERATIONS.contains(operation)) {
                throw KmsErrors.validation(operations, "operations", "Member must satisfy constraint: [Member must satisfy enum value set: "
                        + GRANT_OPERATIONS.stream().sorted().toList() + "]");
            }
        }
        Map<String, String> equals = Map.of();
        Map<String, String> subset = Map.of();
        if (request.constraints() != null) {
            equals = request.constraints().hasEncryptionContextEquals() ? request.constraints().encryptionContextEquals() : Map.of();
            subset = request.constraints().hasEncryptionContextSubset() ? request.constraints().encryptionContextSubset() : Map.of();
        }
        KmsWire.checkDryRun(request.dryRun());
        // A repeated CreateGrant with the same name and terms answers the existing grant, as in AWS.
        if (request.name() != null) {
            for (KmsGrant existing : kms.grants(in.transaction(), key.keyId())) {
                if (existing.name().equals(Optional.of(request.name())) && existing.granteePrincipal().equals(grantee)
                        && existing.operations().equals(operations) && existing.contextEquals().equals(equals) && existing.contextSubset().equals(subset)
                        && existing.retiringPrincipal().equals(retiring)) {
                    return CreateGrantResponse.builder().grantId(existing.grantId()).grantToken(tokenFor(existing.grantId(), nonce())).build();
                }
            }
        }
        byte[] id = new byte[32];
        wire.random().nextBytes(id);
        String grantId = HexFormat.of().formatHex(id);
        kms.insertGrant(in.transaction(), new KmsGrant(grantId, key.keyId(), Optional.ofNullable(request.name()), grantee, retiring, in.accountId(), operations,
                equals, subset, in.now()));
        kms.bumpRevision(in.transaction(), key.keyId());
        return CreateGrantResponse.builder().grantId(grantId).grantToken(tokenFor(grantId, nonce())).build();
    }

    private byte[] nonce()
    {
        byte[] nonce = new byte[16];
        wire.random().nextBytes(nonce);
        return nonce;
    }

    /** A grantee or retiring principal: an IAM principal ARN or a service principal, as the policy language names them. */
    private static String checkPrincipal(String principal, String member)
    {
        if (principal == null || principal.isEmpty()) {
            throw KmsErrors.validation("1 validation error detected: Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        try {
            RequestPrincipal.parse(principal);
        }
        catch (IllegalArgumentException e) {
            throw KmsErrors.validation("Invalid principal: " + principal);
        }
        return principal;
    }

    private ListGrantsResponse list(Invocation in, ListGrantsRequest request)
    {
        KmsKey key = wire.key(in, request.keyId(), true);
        List<KmsGrant> grants = kms.grants(in.transaction(), key.keyId()).stream()
                .filter(grant -> request.grantId() == null || grant.grantId().equals(request.grantId()))
                .filter(grant -> request.granteePrincipal() == null || grant.granteePrincipal().equals(request.granteePrincipal()))
                .toList();
        KmsWire.Page<KmsGrant> page = KmsWire.page(grants, request.marker(), request.limit() == null ? 50 : request.limit());
        return ListGrantsResponse.builder().grants(page.items().stream().map(grant -> toSdk(key, grant)).toList())
                .truncated(page.nextMarker().isPresent()).nextMarker(page.nextMarker().orElse(null)).build();
    }

    private ListRetirableGrantsResponse listRetirable(Invocation in, ListRetirableGrantsRequest request)
    {
        checkPrincipal(request.retiringPrincipal(), "retiringPrincipal");
        List<GrantListEntry> grants = new ArrayList<>();
        for (KmsGrant grant : kms.grantsRetirableBy(in.transaction(), request.retiringPrincipal())) {
            kms.key(in.transaction(), grant.keyId()).ifPresent(key -> grants.add(toSdk(key, grant)));
        }
        KmsWire.Page<GrantListEntry> page = KmsWire.page(grants, request.marker(), request.limit() == null ? 50 : request.limit());
        return ListRetirableGrantsResponse.builder().grants(page.items()).truncated(page.nextMarker().isPresent())
                .nextMarker(page.nextMarker().orElse(null)).build();
    }

    private RetireGrantResponse retire(Invocation in, RetireGrantRequest request)
    {
        if (request.grantToken() == null && (request.grantId() == null || request.keyId() == null)) {
            throw KmsErrors.validation("Either GrantToken or both KeyId and GrantId must be specified.");
        }
        if (request.grantToken() != null && grantIdOf(request.grantToken()).isEmpty()) {
            throw KmsErrors.invalidGrantToken();
        }
        KmsGrant grant = grantOf(in, request.grantToken(), request.grantId(), request.keyId(), in.transaction())
                .orElseThrow(() -> KmsErrors.invalidGrantId(request.grantId() != null ? request.grantId() : grantIdOf(request.grantToken()).orElse("")));
        KmsWire.checkDryRun(request.dryRun());
        kms.deleteGrant(in.transaction(), grant.grantId());
        kms.bumpRevision(in.transaction(), grant.keyId());
        return RetireGrantResponse.builder().build();
    }

    private RevokeGrantResponse revoke(Invocation in, RevokeGrantRequest request)
    {
        KmsKey key = wire.key(in, request.keyId(), true);
        KmsGrant grant = kms.grant(in.transaction(), request.grantId()).filter(g -> g.keyId().equals(key.keyId()))
                .orElseThrow(() -> KmsErrors.invalidGrantId(request.grantId()));
        KmsWire.checkDryRun(request.dryRun());
        kms.deleteGrant(in.transaction(), grant.grantId());
        kms.bumpRevision(in.transaction(), key.keyId());
        return RevokeGrantResponse.builder().build();
    }

    private static GrantListEntry toSdk(KmsKey key, KmsGrant grant)
    {
        GrantListEntry.Builder entry = GrantListEntry.builder().keyId(key.arn()).grantId(grant.grantId()).creationDate(grant.created())
                .granteePrincipal(grant.granteePrincipal()).issuingAccount("arn:aws:iam::" + grant.issuingAccount() + ":root")
                .operationsWithStrings(grant.operations());
        grant.name().ifPresent(entry::name);
        grant.retiringPrincipal().ifPresent(entry::retiringPrincipal);
        if (grant.hasConstraints()) {
            GrantConstraints.Builder constraints = GrantConstraints.builder();
            if (!grant.contextEquals().isEmpty()) {
                constraints.encryptionContextEquals(grant.contextEquals());
            }
            if (!grant.contextSubset().isEmpty()) {
                constraints.encryptionContextSubset(grant.contextSubset());
            }
            entry.constraints(constraints.build());
        }
        return entry.build();
    }
}
