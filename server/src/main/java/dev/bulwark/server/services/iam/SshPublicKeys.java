package dev.bulwark.server.services.iam;

import software.amazon.awssdk.services.iam.model.InvalidPublicKeyException;
import software.amazon.awssdk.services.iam.model.UnrecognizedPublicKeyEncodingException;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * SSH public keys as IAM takes them for CodeCommit: RSA only, at least 2048 bits, given either in OpenSSH's one-line
 * form ({@code ssh-rsa AAAA... comment}), in RFC 4716 ({@code ---- BEGIN SSH2 PUBLIC KEY ----}) or in PEM (X.509
 * {@code PUBLIC KEY} or PKCS#1 {@code RSA PUBLIC KEY}). Parsing is done for real with the JDK's RSA key factory; the
 * fingerprint is AWS's (and {@code ssh-keygen -l -E md5}'s): MD5 of the SSH wire blob, lower-case hex joined by colons.
 */
final class SshPublicKeys
{
    /** IAM's minimum modulus size for SSH keys. */
    static final int MIN_BITS = 2048;
    private static final String SSH_RSA = "ssh-rsa";
    private static final String PEM_SPKI = "PUBLIC KEY";
    private static final String PEM_PKCS1 = "RSA PUBLIC KEY";
    private static final String RFC4716_BEGIN = "---- BEGIN SSH2 PUBLIC KEY ----";
    private static final String RFC4716_END = "---- END SSH2 PUBLIC KEY ----";

    private SshPublicKeys() {}

    /** The RSA key in {@code body}; UnrecognizedPublicKeyEncoding when no known encoding fits, InvalidPublicKey when the key is unusable. */
    static RSAPublicKey parse(String body)
    {
        String text = body == null ? "" : body.strip();
        RSAPublicKey key;
        if (text.startsWith(SSH_RSA + " ") || text.startsWith(SSH_RSA + "\t")) {
            String[] fields = text.split("\\s+");
            key = fromSshBlob(base64(fields[1]));
        }
        else if (text.startsWith(RFC4716_BEGIN)) {
            key = fromSshBlob(base64(rfc4716Body(text)));
        }
        else if (text.startsWith("-----BEGIN " + PEM_SPKI + "-----")) {
            key = fromSpki(base64(pemBody(text, PEM_SPKI)));
        }
        else if (text.startsWith("-----BEGIN " + PEM_PKCS1 + "-----")) {
            key = fromPkcs1(base64(pemBody(text, PEM_PKCS1)));
        }
        else if (text.matches("(?s)(ssh-[a-z0-9]+|ecdsa-sha2-[a-z0-9]+|sk-[a-z0-9@.-]+)\\s.*")) {
            // UNSURE of AWS's wording: IAM accepts only ssh-rsa keys
            throw invalid("The SSH public key must be of type ssh-rsa.");
        }
        else {
            // UNSURE of AWS's wording; code and status are the model's
            throw UnrecognizedPublicKeyEncodingException.builder()
                    .message("The public key encoding format is unsupported or unrecognized. Use ssh-rsa or PEM format.").build();
        }
        if (key.getModulus().bitLength() < MIN_BITS) {
            // UNSURE of AWS's wording
            throw invalid("The public key must be at least " + MIN_BITS + " bits long; this key has " + key.getModulus().bitLength() + " bits.");
        }
        return key;
    }

    /** {@code ssh-rsa <base64 of the wire blob>}, OpenSSH's authorized_keys form without a comment. */
    static String toSsh(RSAPublicKey key)
    {
        return SSH_RSA + " " + Base64.getEncoder().encodeToString(sshBlob(key));
    }

    /** X.509 SubjectPublicKeyInfo in PEM ({@code -----BEGIN PUBLIC KEY-----}), 64 characters a line. */
    static String toPem(PublicKey key)
    {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN " + PEM_SPKI + "-----\n" + base64 + "\n-----END " + PEM_SPKI + "-----\n";
    }

    /** MD5 of the SSH wire blob in lower-case hex pairs joined by colons. */
    static String fingerprint(RSAPublicKey key)
    {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(sshBlob(key));
            return HexFormat.ofDelimiter(":").formatHex(digest).toLowerCase(Locale.ROOT);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable in this JDK", e);
        }
    }

    /** RFC 4253 §6.6: string "ssh-rsa", mpint e, mpint n. */
    static byte[] sshBlob(RSAPublicKey key)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, SSH_RSA.getBytes(StandardCharsets.US_ASCII));
        writeString(out, key.getPublicExponent().toByteArray());
        writeString(out, key.getModulus().toByteArray());
        return out.toByteArray();
    }

    private static RSAPublicKey fromSshBlob(byte[] blob)
    {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(blob);
            String type = new String(readString(buffer), StandardCharsets.US_ASCII);
            if (!type.equals(SSH_RSA)) {
                throw invalid("The SSH public key must be of type ssh-rsa.");
            }
            BigInteger exponent = new BigInteger(readString(buffer));
            BigInteger modulus = new BigInteger(readString(buffer));
            if (buffer.hasRemaining() || exponent.signum() <= 0 || modulus.signum() <= 0) {
                throw malformed();
            }
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        }
        catch (RuntimeException | GeneralSecurityException e) {
            if (e instanceof InvalidPublicKeyException invalid) {
                throw invalid;
            }
            throw malformed();
        }
    }

    private static RSAPublicKey fromSpki(byte[] der)
    {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return (RSAPublicKey) key;
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw malformed();
        }
    }

    private static RSAPublicKey fromPkcs1(byte[] der)
    {
        try {
            Der.Reader sequence = new Der.Reader(der).sequence();
            BigInteger modulus = sequence.integer();
            BigInteger exponent = sequence.integer();
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        }
        catch (GeneralSecurityException | RuntimeException e) {
            throw malformed();
        }
    }

    private static String pemBody(String text, String label)
    {
        String end = "-----END " + label + "-----";
        int start = text.indexOf("-----", ("-----BEGIN " + label).length()) + 5;
        int stop = text.indexOf(end);
        if (stop < start) {
            throw malformed();
        }
        return text.substring(start, stop);
    }

    private static String rfc4716Body(String text)
    {
        int stop = text.indexOf(RFC4716_END);
        if (stop < 0) {
            throw malformed();
        }
        StringBuilder base64 = new StringBuilder();
        boolean continuation = false;
        for (String line : text.substring(RFC4716_BEGIN.length(), stop).split("\\R")) {
            String stripped = line.strip();
            if (continuation || stripped.contains(":")) {
                continuation = stripped.endsWith("\\");
                continue;
            }
            base64.append(stripped);
        }
        return base64.toString();
    }

    private static byte[] base64(String text)
    {
        try {
            return Base64.getMimeDecoder().decode(text.replaceAll("\\s", ""));
        }
        catch (IllegalArgumentException e) {
            throw malformed();
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value)
    {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static byte[] readString(ByteBuffer buffer)
    {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw malformed();
        }
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    private static InvalidPublicKeyException malformed()
    {
        // UNSURE of AWS's wording; code and status are the model's
        return invalid("The public key is malformed.");
    }

    private static InvalidPublicKeyException invalid(String message)
    {
        return InvalidPublicKeyException.builder().message(message).build();
    }
}
