package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Last-use times are kept in memory per key (latest wins) and written in batches, never per request. */
final class TestAccessKeyUsage
{
    private static final Instant EARLY = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant LATE = Instant.parse("2026-02-01T00:05:00Z");

    @StoreTest
    void nothingIsWrittenUntilFlushAndThenTheLatestUseWins(Store store)
    {
        IamFixture fixture = new IamFixture(store);
        AccessKey key = store.inTransaction(tx -> fixture.iam.createAccessKey(tx, fixture.accountId, fixture.iam.findUser(tx, fixture.accountId, "x")
                .orElseGet(() -> fixture.iam.createUser(tx, fixture.accountId, "x", "/", null))));
        AccessKeyUsage usage = new AccessKeyUsage(store, fixture.iam);

        usage.used(key.accessKeyId(), "iam", "us-east-1", LATE);
        usage.used(key.accessKeyId(), "sts", "eu-west-1", EARLY);
        assertThat(lastUsed(store, fixture, key).lastUsedDate()).as("not written before a flush").isNull();

        assertThat(usage.flush()).isEqualTo(1);
        AccessKey stored = lastUsed(store, fixture, key);
        assertThat(stored.lastUsedDate()).as("an older use arriving late does not overwrite a newer one").isEqualTo(LATE);
        assertThat(stored.lastUsedService()).isEqualTo("iam");
        assertThat(stored.lastUsedRegion()).isEqualTo("us-east-1");
        assertThat(usage.flush()).as("a flush writes each use once").isZero();
    }

    @StoreTest
    void unknownKeysAreSkippedAndCloseWritesWhatIsPending(Store store)
    {
        IamFixture fixture = new IamFixture(store);
        AccessKey key = store.inTransaction(tx -> fixture.iam.createAccessKey(tx, fixture.accountId, null));
        AccessKeyUsage usage = new AccessKeyUsage(store, fixture.iam);
        usage.used("AKIAUNKNOWNUNKNOWN00", "iam", "us-east-1", EARLY);
        assertThat(usage.flush()).isZero();

        usage.used(key.accessKeyId(), "sts", "us-east-1", EARLY);
        usage.close();
        assertThat(lastUsed(store, fixture, key).lastUsedDate()).isEqualTo(EARLY);
    }

    private static AccessKey lastUsed(Store store, IamFixture fixture, AccessKey key)
    {
        return store.readOnly(tx -> fixture.iam.findAccessKey(tx, key.accessKeyId())).orElseThrow();
    }
}
