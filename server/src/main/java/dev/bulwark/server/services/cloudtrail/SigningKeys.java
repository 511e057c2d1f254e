package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.services.cloudtrail.model.SigningKey;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Tx;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The RSA-2048 key pairs digest files are signed with, one at a time per region, each valid for {@link #LIFETIME}
 * and replaced when it runs out. ListPublicKeys hands out the public half as AWS does: DER of the PKCS #1
 * {@code RSAPublicKey} (the AWS CLI loads it with {@code load_pkcs1(..., 'DER')}), with a 32-hex-digit fingerprint
 * (the MD5 of that DER; AWS does not document how it derives its fingerprint, the CLI only matches it verbatim).
 */
public final class SigningKeys
{
    /** How long one key pair signs digests before the next one takes over. */
    public static final Duration LIFETIME = Duration.ofDays(30);
    public static final String ALGORITHM = "SHA256withRSA";

    private final CloudTrailStore store;
    private final SecretBox secrets;
    private final SecureRandom random = new SecureRandom();

    public SigningKeys(CloudTrailStore store, SecretBox secrets)
    {
        this.store = requireNonNull(store, "store is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    /** The region's key valid now, made (and stored in {@code tx}) when there is none. */
    public SigningKey current(Tx tx, String region, Instant now)
    {
        return store.keyAt(tx, region, now).orElseGet(() -> {
            SigningKey key = generate(region, now.truncatedTo(ChronoUnit.SECONDS));
            store.insertKey(tx, key);
            return key;
        });
    }

    /** Signs {@code text} (UTF-8) with the key's private half; the signature as lower-case hex. */
    public String sign(SigningKey key, String text)
    {
        try {
            byte[] pkcs8 = Base64.getDecoder().decode(secrets.open(key.privateKeySealed(), context(key.fingerprint())));
            PrivateKey privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(text.getBytes(UTF_8));
            return HexFormat.of().formatHex(signature.sign());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with CloudTrail key " + key.fingerprint(), e);
        }
    }

    private SigningKey generate(String region, Instant from)
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair pair = generator.generateKeyPair();
            byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).parsePublicKey().getEncoded("DER");
            String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pkcs1));
            String sealed = secrets.seal(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), context(fingerprint));
            return new SigningKey(fingerprint, region, pkcs1, sealed, from, from.plus(LIFETIME));
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a CloudTrail signing key", e);
        }
    }

    private static String context(String fingerprint)
    {
        return "cloudtrail-signing-key:" + fingerprint;
    }
}
