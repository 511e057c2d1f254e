package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.AccessKeyStatus;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.SecretBoxException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestIamStoreAccessKeys
{
    private static Optional<AccessKey> find(IamFixture f, String accessKeyId)
    {
        return f.store.readOnly(tx -> f.iam.findAccessKey(tx, accessKeyId));
    }

    private static List<AccessKey> list(IamFixture f, User user)
    {
        return f.store.readOnly(tx -> f.iam.listAccessKeys(tx, f.accountId, user));
    }

    private static AccessKey create(IamFixture f, User user)
    {
        return f.store.inTransaction(tx -> f.iam.createAccessKey(tx, f.accountId, user));
    }

    @StoreTest
    void createdKeyIsFoundByIdWithItsSecretAndOwner(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("Bob");
        AccessKey created = create(f, bob);

        assertThat(created.accessKeyId()).matches("AKIA[A-Z2-7]{16}");
        assertThat(created.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
        assertThat(created.status()).isEqualTo(AccessKeyStatus.ACTIVE);
        assertThat(created.userName()).isEqualTo("Bob");
        assertThat(created.lastUsedDate()).isNull();
        assertThat(find(f, created.accessKeyId())).contains(created);
        assertThat(find(f, "AKIAAAAAAAAAAAAAAAAA")).isEmpty();
    }

    @StoreTest
    void rootUserKeysHaveNoUserNameAndAreListedApartFromUsersKeys(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        AccessKey rootKey = create(f, null);
        AccessKey bobKey = create(f, bob);

        assertThat(rootKey.isRootKey()).isTrue();
        assertThat(find(f, rootKey.accessKeyId()).orElseThrow().userName()).isNull();
        assertThat(list(f, null)).containsExactly(rootKey);
        assertThat(list(f, bob)).containsExactly(bobKey);
        assertThat(f.store.readOnly(tx -> f.iam.countAccessKeys(tx, f.accountId, null)).longValue()).isEqualTo(1);
        assertThat(f.store.readOnly(tx -> f.iam.countAccessKeys(tx, f.accountId, bob)).longValue()).isEqualTo(1);
    }

    @StoreTest
    void keysAreListedOldestFirst(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        AccessKey first = create(f, bob);
        f.clock.advance(Duration.ofSeconds(1));
        AccessKey second = create(f, bob);

        assertThat(list(f, bob)).extracting(AccessKey::accessKeyId).containsExactly(first.accessKeyId(), second.accessKeyId());
    }

    @StoreTest
    void statusChangeLastUseAndDeletionAreStored(Store store)
    {
        IamFixture f = new IamFixture(store);
        AccessKey key = create(f, f.user("bob"));
        Instant used = Instant.parse("2026-02-03T04:05:06.789Z");

        assertThat(f.changed(tx -> f.iam.updateAccessKeyStatus(tx, key.accessKeyId(), AccessKeyStatus.INACTIVE))).isTrue();
        assertThat(f.changed(tx -> f.iam.recordAccessKeyUse(tx, key.accessKeyId(), used, "iam", "us-east-1"))).isTrue();
        AccessKey stored = find(f, key.accessKeyId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(AccessKeyStatus.INACTIVE);
        assertThat(stored.lastUsedDate()).isEqualTo(used);
        assertThat(stored.lastUsedService()).isEqualTo("iam");
        assertThat(stored.lastUsedRegion()).isEqualTo("us-east-1");

        assertThat(f.changed(tx -> f.iam.deleteAccessKey(tx, key.accessKeyId()))).isTrue();
        assertThat(f.changed(tx -> f.iam.deleteAccessKey(tx, key.accessKeyId()))).isFalse();
        assertThat(f.changed(tx -> f.iam.updateAccessKeyStatus(tx, key.accessKeyId(), AccessKeyStatus.ACTIVE))).isFalse();
        assertThat(find(f, key.accessKeyId())).isEmpty();
    }

    @StoreTest
    void secretIsStoredOnlySealed(StoreTarget target)
            throws IOException
    {
        Store store = target.open();
        IamFixture f = new IamFixture(store);
        AccessKey key = create(f, f.user("bob"));
        String stored = store.readOnly(tx -> tx.queryOne("SELECT secret_sealed FROM iam_access_keys WHERE access_key_id = ?", row -> row.getString(1), key.accessKeyId())).orElseThrow();
        assertThat(stored).doesNotContain(key.secretAccessKey());

        if (target.kind() == StoreKind.SQLITE) {
            // every byte SQLite wrote, committed or not yet checkpointed
            byte[] secret = key.secretAccessKey().getBytes(StandardCharsets.UTF_8);
            List<Path> files;
            try (Stream<Path> entries = Files.list(target.dataDir())) {
                files = entries.filter(path -> path.getFileName().toString().startsWith("bulwark.db")).toList();
            }
            assertThat(files).isNotEmpty();
            for (Path file : files) {
                assertThat(indexOf(Files.readAllBytes(file), secret)).as("secret in %s", file).isEqualTo(-1);
            }
            // the check can fail: the access key id, stored in the clear, is found the same way
            byte[] all = Files.readAllBytes(files.stream().filter(path -> path.toString().endsWith("-wal")).findFirst().orElse(files.get(0)));
            assertThat(indexOf(all, key.accessKeyId().getBytes(StandardCharsets.UTF_8))).isNotEqualTo(-1);
        }
    }

    @StoreTest
    void sealedSecretMovedToAnotherKeyRowDoesNotOpen(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        AccessKey first = create(f, bob);
        AccessKey second = create(f, bob);
        store.inTransaction(tx -> tx.update("UPDATE iam_access_keys SET secret_sealed = (SELECT secret_sealed FROM iam_access_keys WHERE access_key_id = ?) WHERE access_key_id = ?",
                first.accessKeyId(), second.accessKeyId()));

        assertThatThrownBy(() -> find(f, second.accessKeyId())).isInstanceOf(SecretBoxException.class);
    }

    @StoreTest
    void keyOfAUserInAnotherAccountIsRefused(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        User theirs = store.inTransaction(tx -> f.iam.createUser(tx, other, "them", "/", null));

        assertThatThrownBy(() -> create(f, theirs)).isInstanceOf(IllegalArgumentException.class);
    }

    @StoreTest
    void toStringOfAKeyHidesTheSecret(Store store)
    {
        IamFixture f = new IamFixture(store);
        AccessKey key = create(f, null);

        assertThat(key.toString()).doesNotContain(key.secretAccessKey()).contains(key.accessKeyId()).contains("***");
    }

    private static int indexOf(byte[] haystack, byte[] needle)
    {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
