package dev.bulwark.server.store;

import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

final class TestStoreChangeFeed
{
    @StoreTest
    void localListenersHearCommittedTopicsBeforeInTransactionReturns(Store store)
    {
        List<String> heard = new ArrayList<>();
        store.subscribe(heard::add);

        store.inTransaction(tx -> {
            tx.publish("iam:111111111111");
            tx.publish("iam:111111111111");
            tx.publish("iam:222222222222");
            assertThat(heard).isEmpty();
            return null;
        });

        assertThat(heard).containsExactly("iam:111111111111", "iam:222222222222");
    }

    @StoreTest
    void rolledBackTransactionAnnouncesNothing(Store store)
    {
        List<String> heard = new ArrayList<>();
        store.subscribe(heard::add);

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.publish("iam:111111111111");
            throw new IllegalStateException("abort");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(heard).isEmpty();
    }

    @StoreTest
    void closedSubscriptionHearsNoMore(Store store)
    {
        List<String> heard = new ArrayList<>();
        Subscription subscription = store.subscribe(heard::add);
        subscription.close();

        store.inTransaction(tx -> {
            tx.publish("t");
            return null;
        });

        assertThat(heard).isEmpty();
    }

    @StoreTest
    void readOnlyTransactionCannotPublish(Store store)
    {
        assertThatThrownBy(() -> store.readOnly(tx -> {
            tx.publish("t");
            return null;
        })).isInstanceOf(IllegalStateException.class);
    }

    @StoreTest
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anotherNodeHearsCommittedTopicsOnlyInCommitOrder(StoreTarget target)
            throws InterruptedException
    {
        assumeTrue(target.kind() == StoreKind.POSTGRES, "only PostgreSQL has several nodes");
        Store nodeA = target.open();
        Store nodeB = target.open();
        BlockingQueue<String> heardByB = new LinkedBlockingQueue<>();
        nodeB.subscribe(heardByB::add);
        // the subscription's LISTEN starts on a background thread; keep publishing a probe until B hears one
        String probe;
        do {
            nodeA.inTransaction(tx -> {
                tx.publish("probe");
                return null;
            });
            probe = heardByB.poll(200, TimeUnit.MILLISECONDS);
        }
        while (probe == null);
        heardByB.clear();

        assertThatThrownBy(() -> nodeA.inTransaction(tx -> {
            tx.publish("rolled-back");
            throw new IllegalStateException("abort");
        })).isInstanceOf(IllegalStateException.class);
        nodeA.inTransaction(tx -> {
            tx.publish("committed");
            return null;
        });

        String first;
        do {
            first = heardByB.poll(1, TimeUnit.MINUTES);
        }
        while ("probe".equals(first));
        assertThat(first).isEqualTo("committed");
    }
}
