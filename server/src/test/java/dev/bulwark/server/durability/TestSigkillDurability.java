package dev.bulwark.server.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.Initializer;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.User;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real {@code bulwark serve} process with SIGKILL while CreateUser calls are in flight, restarts it on the
 * same data directory and store, and checks what a client was promised: every CreateUser that returned 200 is
 * there, with its CloudTrail event, and nothing exists that no client asked for. Runs on both stores.
 */
final class TestSigkillDurability
{
    /** Acknowledged writes before the kill: enough to span many commits, few enough to stay well under a minute. */
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    private static final int WRITERS = 4;
    private static final int MAX_ATTEMPTS = 2_000;
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    private static final Duration WRITE_LIMIT = Duration.ofSeconds(45);
    private static final String AFTER_RESTART = "created-after-restart";
    private static final ObjectMapper JSON = new ObjectMapper();

    @StoreTest
    void everyAcknowledgedCreateUserSurvivesSigkillWithItsCloudTrailEvent(StoreTarget target)
            throws InterruptedException
    {
        ServerProcess.AdminKey admin;
        CreateUserLoop loop;
        int killExit;
        String firstStderr;
        try (ServerProcess first = ServerProcess.start(target.dataDir(), target.jdbcUrl(), STARTUP_LIMIT)) {
            System.out.println("first server's stderr: " + first.stderrLog().toAbsolutePath());
            admin = first.initialisedAdmin().orElseThrow(() -> new AssertionError("first start printed no admin key pair"));
            try (IamClient iam = first.iam(admin)) {
                loop = CreateUserLoop.start(iam, WRITERS, MAX_ATTEMPTS);
                assertThat(loop.awaitAcknowledgedWithOneInFlight(ACKNOWLEDGED_BEFORE_KILL, WRITE_LIMIT))
                        .as("%d CreateUser calls acknowledged with one more in flight; failures so far: %s",
                                ACKNOWLEDGED_BEFORE_KILL, loop.failuresBeforeKill())
                        .isTrue();
                loop.killing();
                killExit = first.kill();
                loop.stopAndJoin(Duration.ofSeconds(30));
            }
            firstStderr = first.stderr();
        }

        assertThat(killExit).as("exit code of a process ended by SIGKILL").isEqualTo(ServerProcess.SIGKILL_EXIT);
        assertThat(loop.inFlightAtKill()).as("CreateUser calls in flight at the kill").isPositive();
        assertThat(loop.failuresBeforeKill()).as("CreateUser failures before the kill; server stderr:%n%s", firstStderr).isEmpty();
        Set<String> acknowledged = loop.acknowledged();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        List<User> users;
        try (ServerProcess second = ServerProcess.start(target.dataDir(), target.jdbcUrl(), STARTUP_LIMIT)) {
            System.out.println("restarted server's stderr: " + second.stderrLog().toAbsolutePath());
            assertThat(second.initialisedAdmin()).as("a restart must not initialise the store again").isEmpty();
            try (IamClient iam = second.iam(admin)) {
                users = listAllUsers(iam);
                // Crash recovery must leave a writable store, not merely a readable one.
                assertThat(iam.createUser(b -> b.userName(AFTER_RESTART)).user().userName()).isEqualTo(AFTER_RESTART);
            }
            catch (SdkServiceException e) {
                throw new AssertionError("the restarted server answered " + e.statusCode() + ": " + e.getMessage()
                        + "\nits stderr (" + second.stderrLog().toAbsolutePath() + "):\n" + second.stderr(), e);
            }
            second.stop();
        }
        Set<String> present = users.stream().map(User::userName).collect(Collectors.toSet());
        assertThat(present).as("users after the restart").containsAll(acknowledged).contains(Initializer.ADMIN_USER);
        Set<String> askedFor = new HashSet<>(loop.attempted());
        askedFor.add(Initializer.ADMIN_USER);
        assertThat(askedFor).as("names clients asked for").containsAll(present);

        String accountId = accountOf(users.stream().filter(user -> user.userName().equals(Initializer.ADMIN_USER)).findFirst().orElseThrow());
        Map<String, Long> eventsPerUser = createUserEvents(target, accountId);
        assertThat(eventsPerUser.keySet()).as("users with a CreateUser CloudTrail event").containsAll(acknowledged);
        assertThat(eventsPerUser).as("CreateUser events per user").allSatisfy((user, count) -> assertThat(count).isEqualTo(1L));
        // The change and its event commit in one transaction: a user without its event, or an event without its
        // user, would mean a torn commit. Only init's admin user is created outside a request.
        Set<String> createdByRequests = new HashSet<>(present);
        createdByRequests.remove(Initializer.ADMIN_USER);
        createdByRequests.add(AFTER_RESTART);
        assertThat(eventsPerUser.keySet()).as("users with events = users created by requests").isEqualTo(createdByRequests);
        System.out.printf("TestSigkillDurability[%s]: %d CreateUser acknowledged, %d in flight at SIGKILL, %d asked for, %d present after restart%n",
                target.kind(), acknowledged.size(), loop.inFlightAtKill(), loop.attempted().size(), present.size() - 1);
    }

    /** ListUsers in small pages, so the restarted server's marker paging is part of what is read back. */
    private static List<User> listAllUsers(IamClient iam)
    {
        List<User> users = new ArrayList<>();
        String marker = null;
        do {
            String from = marker;
            ListUsersResponse page = iam.listUsers(b -> b.maxItems(50).marker(from));
            users.addAll(page.users());
            marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
        }
        while (marker != null);
        return users;
    }

    private static String accountOf(User user)
    {
        // arn:aws:iam::<account>:user/<path><name>
        return user.arn().split(":")[4];
    }

    /** Successful CreateUser events in the account, counted per requested user name. */
    private static Map<String, Long> createUserEvents(StoreTarget target, String accountId)
    {
        Store store = target.open();
        List<AuditRecord> events = store.readOnly(tx -> new AuditStore().recent(tx, accountId, AuditStore.MAX_LIMIT));
        assertThat(events).as("audit events read (below the read limit, so none were cut off)").hasSizeLessThan(AuditStore.MAX_LIMIT);
        return events.stream()
                .filter(event -> event.eventSource().equals("iam.amazonaws.com") && event.eventName().equals("CreateUser") && event.errorCode() == null)
                .map(TestSigkillDurability::requestedUserName)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String requestedUserName(AuditRecord event)
    {
        try {
            JsonNode name = JSON.readTree(event.json()).path("requestParameters").path("userName");
            assertThat(name.isTextual()).as("requestParameters.userName in %s", event.json()).isTrue();
            return name.asText();
        }
        catch (IOException e) {
            throw new UncheckedIOException("unreadable CloudTrail record " + event.eventId(), e);
        }
    }
}
