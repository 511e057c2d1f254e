package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.kms.model.KeyAlias;
import dev.bulwark.server.services.kms.model.KmsKey;
import software.amazon.awssdk.services.kms.model.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.bulwark.server.services.kms.KmsWire.read;
import static dev.bulwark.server.services.kms.KmsWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Aliases: Create/Update/Delete need permission on the alias (IAM policies) and on each key involved (key policy),
 * as in AWS; {@code alias/aws/} is reserved for AWS managed keys; ListAliases is a {@code *} action.
 */
final class AliasOperations implements ServiceOperations
{
    private static final Pattern ALIAS_NAME = Pattern.compile("alias/[a-zA-Z0-9/_-]+");
    private static final String RESERVED_PREFIX = "alias/aws/";

    private final KmsWire wire;
    private final KmsStore kms;

    AliasOperations(KmsWire wire)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.kms = wire.kms();
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateAlias", CreateAliasRequest.class, (in, r) -> List.of(aliasAccess(in, "kms:CreateAlias", r.aliasName()),
                        wire.keyAccess(in, "kms:CreateAlias", r.targetKeyId())), this::create),
                write("UpdateAlias", UpdateAliasRequest.class, (in, r) -> {
                    List<Access> accesses = new ArrayList<>();
                    accesses.add(aliasAccess(in, "kms:UpdateAlias", r.aliasName()));
                    currentTarget(in, r.aliasName()).ifPresent(keyId -> accesses.add(wire.keyAccess(in, "kms:UpdateAlias", keyId)));
                    accesses.add(wire.keyAccess(in, "kms:UpdateAlias", r.targetKeyId()));
                    return accesses;
                }, this::update),
                write("DeleteAlias", DeleteAliasRequest.class, (in, r) -> {
                    List<Access> accesses = new ArrayList<>();
                    accesses.add(aliasAccess(in, "kms:DeleteAlias", r.aliasName()));
                    currentTarget(in, r.aliasName()).ifPresent(keyId -> accesses.add(wire.keyAccess(in, "kms:DeleteAlias", keyId)));
                    return accesses;
                }, this::delete),
                read("ListAliases", ListAliasesRequest.class, (in, r) -> List.of(KmsWire.anyResource(in, "kms:ListAliases", Map.of())), this::list));
    }

    private static Access aliasAccess(Invocation in, String action, String aliasName)
    {
        String name = aliasName == null ? "" : aliasName;
        return new Access(action, KeyAlias.arn(in.region(), in.accountId(), name), Map.of("kms:CallerAccount", List.of(in.accountId())));
    }

    private Optional<String> currentTarget(Invocation in, String aliasName)
    {
        if (aliasName == null) {
            return Optional.empty();
        }
        return wire.store().readOnly(tx -> kms.alias(tx, in.accountId(), in.region(), aliasName)).map(KeyAlias::keyId);
    }

    private static void checkName(String name)
    {
        if (name == null || name.length() > 256 || !ALIAS_NAME.matcher(name).matches()) {
            throw KmsErrors.validation(name, "aliasName", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            throw KmsErrors.invalidAliasName("Alias names that begin with alias/aws/ are reserved.");
        }
    }

    /** The key an alias may point at: in the caller's account, not an alias itself, not pending deletion. */
    private KmsKey target(Invocation in, String targetKeyId)
    {
        if (targetKeyId != null && (targetKeyId.startsWith("alias/") || targetKeyId.contains(":alias/"))) {
            throw KmsErrors.validation("Aliases must refer to keys. Not aliases");
        }
        return KmsWire.notPendingDeletion(wire.key(in, targetKeyId));
    }

    private CreateAliasResponse create(Invocation in, CreateAliasRequest request)
    {
        checkName(request.aliasName());
        KmsKey key = target(in, request.targetKeyId());
        if (kms.alias(in.transaction(), in.accountId(), in.region(), request.aliasName()).isPresent()) {
            throw KmsErrors.aliasExists(KeyAlias.arn(in.region(), in.accountId(), request.aliasName()));
        }
        kms.insertAlias(in.transaction(), new KeyAlias(in.accountId(), in.region(), request.aliasName(), key.keyId(), in.now(), in.now()));
        return CreateAliasResponse.builder().build();
    }

    private UpdateAliasResponse update(Invocation in, UpdateAliasRequest request)
    {
        KeyAlias alias = existing(in, request.aliasName());
        KmsKey key = target(in, request.targetKeyId());
        KmsKey current = kms.key(in.transaction(), alias.keyId()).orElseThrow();
        // AWS: the new key must be of the same type and usage as the one the alias points at.
        if (!current.keyUsage().equals(key.keyUsage()) || current.isSymmetricEncryption() != key.isSymmetricEncryption()) {
            throw KmsErrors.validation("Alias " + alias.arn() + " cannot be changed from a key of usage " + current.keyUsage() + " and spec "
                    + current.keySpec() + " to one of usage " + key.keyUsage() + " and spec " + key.keySpec() + ".");
        }
        kms.retargetAlias(in.transaction(), alias, key.keyId(), in.now());
        return UpdateAliasResponse.builder().build();
    }

    private DeleteAliasResponse delete(Invocation in, DeleteAliasRequest request)
    {
        kms.deleteAlias(in.transaction(), existing(in, request.aliasName()));
        return DeleteAliasResponse.builder().build();
    }

    private KeyAlias existing(Invocation in, String name)
    {
        if (name == null || !name.startsWith("alias/")) {
            throw KmsErrors.validation(name, "aliasName", "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
        }
        return kms.alias(in.transaction(), in.accountId(), in.region(), name)
                .orElseThrow(() -> KmsErrors.aliasNotFound(KeyAlias.arn(in.region(), in.accountId(), name)));
    }

    private ListAliasesResponse list(Invocation in, ListAliasesRequest request)
    {
        List<KeyAlias> aliases = kms.aliases(in.transaction(), in.accountId(), in.region());
        if (request.keyId() != null) {
            KmsKey key = wire.key(in, request.keyId());
            aliases = aliases.stream().filter(alias -> alias.keyId().equals(key.keyId())).toList();
        }
        KmsWire.Page<KeyAlias> page = KmsWire.page(aliases, request.marker(), request.limit());
        return ListAliasesResponse.builder()
                .aliases(page.items().stream().map(alias -> AliasListEntry.builder().aliasName(alias.name()).aliasArn(alias.arn()).targetKeyId(alias.keyId())
                        .creationDate(alias.created()).lastUpdatedDate(alias.updated()).build()).toList())
                .truncated(page.nextMarker().isPresent())
                .nextMarker(page.nextMarker().orElse(null))
                .build();
    }
}
