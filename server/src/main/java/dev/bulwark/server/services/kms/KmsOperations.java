package dev.bulwark.server.services.kms;

import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * AWS KMS (awsJson 1.1, regional), registered as one: keys and their policies and tags ({@link KeyOperations}),
 * aliases ({@link AliasOperations}), symmetric cryptography and data keys ({@link CryptoOperations}), signatures,
 * MACs, key agreement and data key pairs ({@link SigningOperations}), grants ({@link GrantOperations}), rotation
 * ({@link RotationOperations}) and imported material ({@link ImportOperations}).
 */
public final class KmsOperations implements ServiceOperations
{
    private final List<ServiceOperations> groups;

    /**
     * @param box seals import wrapping keys (key material itself goes through the vault)
     */
    public KmsOperations(Store store, KmsStore kms, KeyVault vault, SecretBox box, SecureRandom random)
    {
        requireNonNull(store, "store is null");
        KmsWire wire = new KmsWire(store, requireNonNull(kms, "kms is null"), requireNonNull(vault, "vault is null"), requireNonNull(random, "random is null"));
        CryptoOperations crypto = new CryptoOperations(wire, new AsymmetricCrypto(wire));
        this.groups = List.of(new KeyOperations(wire), new AliasOperations(wire), crypto, new SigningOperations(wire, crypto), new GrantOperations(wire),
                new RotationOperations(wire), new ImportOperations(wire, requireNonNull(box, "box is null")));
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> operations = new ArrayList<>();
        groups.forEach(group -> operations.addAll(group.operations()));
        return List.copyOf(operations);
    }
}
