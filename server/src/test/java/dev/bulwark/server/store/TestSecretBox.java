package dev.bulwark.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestSecretBox
{
    @TempDir
    Path dataDir;

    @Test
    void rootKeyIsCreatedAtFirstStartReadableByTheOwnerOnly()
            throws IOException
    {
        SecretBox.openOrCreate(dataDir);

        Path keyFile = dataDir.resolve(SecretBox.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        try (var entries = Files.list(dataDir)) {
            assertThat(entries.map(path -> path.getFileName().toString())).containsExactly(SecretBox.KEY_FILE);
        }
    }

    @Test
    void secondStartReusesTheKeySoOldSecretsStillOpen()
    {
        String sealed = SecretBox.openOrCreate(dataDir).seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAEXAMPLE");

        assertThat(SecretBox.openOrCreate(dataDir).open(sealed, "AKIAEXAMPLE")).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    }

    @Test
    void keyFileOthersCanReadIsRefused()
            throws IOException
    {
        SecretBox.openOrCreate(dataDir);
        Path keyFile = dataDir.resolve(SecretBox.KEY_FILE);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> SecretBox.openOrCreate(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("accessible by others")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void operatorKeyFileNamedInTheEnvironmentIsUsedInsteadOfTheDataDirectory()
            throws IOException
    {
        byte[] key = new byte[32];
        key[0] = 7;
        Path operatorFile = Files.writeString(dataDir.resolve("operator.key"), Base64.getEncoder().encodeToString(key) + "\n");
        Path serverDir = dataDir.resolve("server");

        SecretBox box = SecretBox.resolve(serverDir, Map.of(SecretBox.KEY_FILE_ENV, operatorFile.toString()));

        assertThat(Files.exists(serverDir.resolve(SecretBox.KEY_FILE))).isFalse();
        assertThat(SecretBox.withKey(key).open(box.seal("s3cret", "ctx"), "ctx")).isEqualTo("s3cret");
    }

    @Test
    void rawThirtyTwoByteKeyFileIsAccepted()
            throws IOException
    {
        byte[] key = new byte[32];
        key[31] = 1;
        Path keyFile = Files.write(dataDir.resolve("raw.key"), key);

        assertThat(SecretBox.withKey(key).open(SecretBox.fromKeyFile(keyFile).seal("x", "c"), "c")).isEqualTo("x");
    }

    @Test
    void keyFileOfTheWrongSizeIsRefused()
            throws IOException
    {
        Path keyFile = Files.writeString(dataDir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> SecretBox.fromKeyFile(keyFile)).isInstanceOf(IllegalStateException.class).hasMessageContaining("256-bit");
    }

    @Test
    void sealingTwiceGivesDifferentCiphertextsThatBothOpen()
    {
        SecretBox box = SecretBox.withKey(new byte[32]);
        String first = box.seal("same", "ctx");
        String second = box.seal("same", "ctx");

        assertThat(first).isNotEqualTo(second);
        assertThat(box.open(first, "ctx")).isEqualTo("same");
        assertThat(box.open(second, "ctx")).isEqualTo("same");
    }

    @Test
    void sealedFormatIsVersionKeyIdNonceCiphertextAndTag()
    {
        byte[] sealed = Base64.getDecoder().decode(SecretBox.withKey(new byte[32]).seal("0123456789", "ctx"));

        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(sealed).hasSize(1 + 4 + 12 + 10 + 16);
    }

    @Test
    void valueSealedForAnotherContextDoesNotOpen()
    {
        SecretBox box = SecretBox.withKey(new byte[32]);
        String sealed = box.seal("secret", "AKIAONE");

        assertThatThrownBy(() -> box.open(sealed, "AKIATWO")).isInstanceOf(SecretBoxException.class).hasMessageContaining("another context");
    }

    @Test
    void alteredCiphertextDoesNotOpen()
    {
        SecretBox box = SecretBox.withKey(new byte[32]);
        byte[] sealed = Base64.getDecoder().decode(box.seal("secret", "ctx"));
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(sealed), "ctx")).isInstanceOf(SecretBoxException.class);
    }

    @Test
    void valueSealedUnderAnotherRootKeyIsReportedAsSuch()
    {
        byte[] otherKey = new byte[32];
        otherKey[5] = 9;
        String sealed = SecretBox.withKey(otherKey).seal("secret", "ctx");

        assertThatThrownBy(() -> SecretBox.withKey(new byte[32]).open(sealed, "ctx"))
                .isInstanceOf(SecretBoxException.class)
                .hasMessageContaining("different root key");
    }

    @Test
    void toStringNeverShowsTheKey()
    {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x41);

        assertThat(SecretBox.withKey(key).toString()).doesNotContain(Base64.getEncoder().encodeToString(key)).doesNotContain("AAAA");
    }
}
