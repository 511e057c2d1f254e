package dev.bulwark.server.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Seals secrets at rest (access-key secrets, KMS key material) under a 256-bit root key with AES-256-GCM.
 *
 * <p>Sealed format, version 1, base64 of: {@code 0x01 | key id (4 bytes) | nonce (12 random bytes) | ciphertext
 * and 16-byte tag}. The key id is the first 4 bytes of SHA-256 of the root key, so opening with the wrong key
 * fails with a clear message instead of a bare tag mismatch. The version byte, key id and a caller-chosen context
 * (for example the access key id) are authenticated as associated data: a sealed value copied onto another row
 * does not open. Random 96-bit nonces are safe far beyond the number of secrets one key will ever seal
 * (NIST SP 800-38D limits a key to 2^32 random-nonce invocations).
 *
 * <p>The root key comes from {@code <data-dir>/root.key} (created at first start, mode 0600) or from a file the
 * operator names in {@value #KEY_FILE_ENV}. The file holds the key base64-encoded (as {@code openssl rand -base64 32}
 * prints it) or as 32 raw bytes.
 */
public final class SecretBox
{
    /** The root key file inside the data directory. */
    public static final String KEY_FILE = "root.key";
    /** Environment variable naming an operator-supplied root key file, used instead of the data directory's. */
    public static final String KEY_FILE_ENV = "BULWARK_ROOT_KEY_FILE";
    /** AES-256. */
    private static final int KEY_BYTES = 32;
    /** The GCM nonce size NIST recommends. */
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_ID_BYTES = 4;
    private static final byte VERSION_1 = 1;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecretKeySpec key;
    private final byte[] keyId;
    private final SecureRandom random;

    private SecretBox(byte[] rootKey, SecureRandom random)
    {
        if (rootKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("root key must be " + KEY_BYTES + " bytes, got " + rootKey.length);
        }
        this.key = new SecretKeySpec(rootKey.clone(), "AES");
        this.keyId = Arrays.copyOf(sha256(rootKey), KEY_ID_BYTES);
        this.random = requireNonNull(random, "random is null");
    }

    /** A box over the given 32-byte key (tests, tools); production code uses {@link #resolve}. */
    public static SecretBox withKey(byte[] rootKey)
    {
        return new SecretBox(requireNonNull(rootKey, "rootKey is null"), new SecureRandom());
    }

    /** The operator's key file when {@value #KEY_FILE_ENV} is set in {@code env}, else {@link #openOrCreate}. */
    public static SecretBox resolve(Path dataDir, Map<String, String> env)
    {
        String operatorFile = env.get(KEY_FILE_ENV);
        if (operatorFile != null && !operatorFile.isBlank()) {
            return fromKeyFile(Path.of(operatorFile));
        }
        return openOrCreate(dataDir);
    }

    /** Reads an operator-supplied key file; never creates one. */
    public static SecretBox fromKeyFile(Path keyFile)
    {
        requireNonNull(keyFile, "keyFile is null");
        if (!Files.isRegularFile(keyFile)) {
            throw new IllegalStateException("root key file " + keyFile + " does not exist");
        }
        return withKey(readKey(keyFile));
    }

    /**
     * Reads {@code <dataDir>/root.key}, creating it with a fresh random key and mode 0600 if absent. Refuses a key
     * file that group or others may access: the key protects every secret in the store.
     */
    public static SecretBox openOrCreate(Path dataDir)
    {
        requireNonNull(dataDir, "dataDir is null");
        Path keyFile = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(keyFile)) {
                createKeyFile(keyFile);
            }
            checkOwnerOnly(keyFile);
            return withKey(readKey(keyFile));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot set up root key " + keyFile, e);
        }
    }

    /** Encrypts {@code plaintext} bound to {@code context}; every call uses a fresh nonce. */
    public String seal(String plaintext, String context)
    {
        requireNonNull(plaintext, "plaintext is null");
        byte[] bytes = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            return sealBytes(bytes, context);
        }
        finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Encrypts binary secrets (KMS key material) bound to {@code context}, in the same sealed format as {@link #seal};
     * the caller keeps and may zero its array.
     */
    public String sealBytes(byte[] plaintext, String context)
    {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(context, "context is null");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(context));
            byte[] sealed = cipher.doFinal(plaintext);
            ByteBuffer out = ByteBuffer.allocate(1 + KEY_ID_BYTES + NONCE_BYTES + sealed.length);
            out.put(VERSION_1).put(keyId).put(nonce).put(sealed);
            return Base64.getEncoder().encodeToString(out.array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
        }
    }

    /** Decrypts a value from {@link #seal} with the same context; fails if it was altered or sealed elsewhere. */
    public String open(String sealed, String context)
    {
        byte[] bytes = openBytes(sealed, context);
        try {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Decrypts a value from {@link #sealBytes} (or {@link #seal}); the caller should zero the result after use. */
    public byte[] openBytes(String sealed, String context)
    {
        requireNonNull(sealed, "sealed is null");
        requireNonNull(context, "context is null");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        }
        catch (IllegalArgumentException e) {
            throw new SecretBoxException("sealed value is not base64", e);
        }
        if (bytes.length < 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("sealed value too short (" + bytes.length + " bytes)", null);
        }
        if (bytes[0] != VERSION_1) {
            throw new SecretBoxException("unknown sealed format version " + bytes[0], null);
        }
        if (!MessageDigest.isEqual(keyId, Arrays.copyOfRange(bytes, 1, 1 + KEY_ID_BYTES))) {
            throw new SecretBoxException("sealed under a different root key (is " + KEY_FILE_ENV + " or root.key the one this store was created with?)", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1 + KEY_ID_BYTES, NONCE_BYTES));
            cipher.updateAAD(associatedData(context));
            int offset = 1 + KEY_ID_BYTES + NONCE_BYTES;
            return cipher.doFinal(bytes, offset, bytes.length - offset);
        }
        catch (AEADBadTagException e) {
            throw new SecretBoxException("sealed value was altered or belongs to another context", e);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM unavailable in this JDK", e);
        }
    }

    private byte[] associatedData(String context)
    {
        byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + KEY_ID_BYTES + contextBytes.length).put(VERSION_1).put(keyId).put(contextBytes).array();
    }

    private static void createKeyFile(Path keyFile)
            throws IOException
    {
        byte[] rootKey = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(rootKey);
        byte[] text = (Base64.getEncoder().encodeToString(rootKey) + "\n").getBytes(StandardCharsets.US_ASCII);
        // Written whole to a private temporary file, then hard-linked into place: the link fails if another
        // process created root.key meanwhile, and nobody ever sees a half-written key.
        Path temporary = Files.createTempFile(keyFile.getParent(), ".root.key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text));
                channel.force(true);
            }
            try {
                Files.createLink(keyFile, temporary);
            }
            catch (FileAlreadyExistsException raced) {
                return;
            }
            try (FileChannel directory = FileChannel.open(keyFile.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
            catch (IOException ignored) {
                // not every file system can sync a directory; the key file itself is synced
            }
        }
        finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void checkOwnerOnly(Path keyFile)
            throws IOException
    {
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IllegalStateException("root key file " + keyFile + " is accessible by others ("
                    + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + keyFile);
        }
    }

    private static byte[] readKey(Path keyFile)
    {
        byte[] content;
        try {
            content = Files.readAllBytes(keyFile);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read root key file " + keyFile, e);
        }
        if (content.length == KEY_BYTES) {
            return content;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            if (decoded.length == KEY_BYTES) {
                return decoded;
            }
        }
        catch (IllegalArgumentException notBase64) {
            // reported below with the expected format
        }
        throw new IllegalStateException("root key file " + keyFile + " must hold a 256-bit key: 32 raw bytes or their base64 encoding");
    }

    private static byte[] sha256(byte[] bytes)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString()
    {
        return "SecretBox[key id " + java.util.HexFormat.of().formatHex(keyId) + "]";
    }
}
