/**
 * AWS Key Management Service (awsJson 1.1, signing name {@code kms}, regional): 45 of the SDK's 53 operations.
 *
 * <p>Entry point: {@link dev.bulwark.server.services.kms.KmsOperations}, which groups
 * <ul>
 *   <li>{@code KeyOperations} — CreateKey (symmetric, RSA, ECC, HMAC; Origin AWS_KMS or EXTERNAL), DescribeKey,
 *       ListKeys, UpdateKeyDescription, Enable/DisableKey, Schedule/CancelKeyDeletion (7–30 days; the housekeeping
 *       pass, {@link dev.bulwark.server.services.kms.KmsHousekeeping}, really deletes the key), Get/Put/ListKeyPolicies
 *       with the lockout safety check, tags;</li>
 *   <li>{@code AliasOperations} — Create/Update/Delete/ListAliases; {@code alias/...} and alias ARNs work wherever a
 *       KeyId does, {@code alias/aws/} is reserved;</li>
 *   <li>{@code CryptoOperations} — Encrypt, Decrypt, ReEncrypt (encryption context as authenticated data; the
 *       ciphertext blob, see {@code Ciphertexts}, names key and material version), GenerateDataKey(WithoutPlaintext),
 *       GenerateRandom; RSAES-OAEP for RSA keys;</li>
 *   <li>{@code SigningOperations} — Sign/Verify, GetPublicKey, GenerateMac/VerifyMac, DeriveSharedSecret (ECDH),
 *       GenerateDataKeyPair(WithoutPlaintext);</li>
 *   <li>{@code GrantOperations}, {@code RotationOperations} (automatic and on demand; every material version is
 *       kept) and {@code ImportOperations} (wrapping keys, tokens valid 24 hours, expiring material).</li>
 * </ul>
 *
 * <p>Authorization: every operation on a key declares an {@link dev.bulwark.server.services.Access} that carries the
 * key policy plus one Allow statement per live grant ({@code KeyPolicies}, cached per key and rebuilt when the key's
 * revision moves), so the key policy decides whether IAM policies count at all, as in AWS. Condition keys: the
 * {@code kms:*} keys of the key and request (encryption context, spec, usage, origin, algorithms, grant terms,
 * aliases, rotation period, deletion window, wrapping algorithm, expiration model) and {@code aws:ResourceTag},
 * {@code aws:RequestTag}, {@code aws:TagKeys}. {@code kms:ViaService} is never present: no service calls KMS on a
 * caller's behalf yet.
 *
 * <p>Key material: made with {@code SecureRandom} by the {@code crypto} package, kept only sealed by
 * {@link dev.bulwark.server.store.SecretBox} behind the {@link dev.bulwark.server.services.kms.KeyVault} interface
 * (a PKCS#11 vault can replace {@link dev.bulwark.server.services.kms.SoftwareKeyVault}), unsealed for one operation
 * and zeroed after. CloudTrail records never hold plaintext, data keys or private keys (binary members are never
 * rendered; see {@code SdkJson}).
 *
 * <p>Not implemented (they answer {@code NotImplemented}): custom key stores (CreateCustomKeyStore,
 * ConnectCustomKeyStore, DescribeCustomKeyStores, DisconnectCustomKeyStore, UpdateCustomKeyStore,
 * DeleteCustomKeyStore) and multi-Region keys (ReplicateKey, UpdatePrimaryRegion; CreateKey with MultiRegion answers
 * UnsupportedOperationException). Not supported within implemented operations: AWS managed keys ({@code alias/aws/...}
 * are not created on first use), SM2 and ML-DSA key specs, the Recipient (Nitro Enclave) parameter, imported material
 * for rotation, GetKeyLastUsage (absent from SDK 2.40.2's model). Grant tokens are accepted and checked for form only:
 * grants take effect at once here, so a token is never needed.
 */
package dev.bulwark.server.services.kms;
