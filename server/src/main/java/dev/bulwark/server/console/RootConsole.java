package dev.bulwark.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.server.audit.AuditLog;
import dev.bulwark.server.audit.CloudTrailEvent;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.iam.IamService;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.store.Passwords;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.StatusType;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * What AWS only lets the root user do in the console, reachable here without a browser: sign in with the root
 * email and password and create one of root's own access keys ({@code POST /_bulwark/console/root-access-key},
 * JSON {@code {"email","password"}}). AWS's guidance is to need this once, to secure a new account, and then to
 * delete the key again; Bulwark allows it, as AWS does, so later checks can see it.
 *
 * <p>A wrong email and a wrong password fail alike and take as long (a password hash is checked either way), so
 * the endpoint reveals neither which accounts exist nor their passwords' prefixes. A created key is recorded as
 * CloudTrail's {@code CreateAccessKey} by the account's root, in the same transaction as the key.
 */
public final class RootConsole
{
    public static final String PATH = "console/root-access-key";

    static final String SIGN_IN_FAILED = "Your authentication information is incorrect. Please try again.";
    private static final int ROOT_KEY_LIMIT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final IamStore iam;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final String region;
    // verified when the email matches no account, so both failures cost the same; made on first need, since
    // hashing costs as much as a sign-in and most servers never see this endpoint
    private volatile String decoyHash;

    public RootConsole(Store store, IamStore iam, Passwords passwords, AuditLog audit, Clock clock, String region)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.passwords = requireNonNull(passwords, "passwords is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.region = requireNonNull(region, "region is null");
    }

    public HttpResponse createRootAccessKey(HttpRequest request)
    {
        if (!request.method().equals("POST")) {
            return error(405, "MethodNotAllowed", "Use POST with a JSON body {\"email\": ..., \"password\": ...}.");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        }
        catch (IOException e) {
            body = null;
        }
        if (body == null || !body.path("email").isTextual() || !body.path("password").isTextual()) {
            return error(400, "ValidationError", "The request body must be JSON with the root user's \"email\" and \"password\".");
        }
        String email = body.get("email").asText().trim().toLowerCase(Locale.ROOT);
        String password = body.get("password").asText();

        Optional<Account> account = store.readOnly(tx -> iam.listAccounts(tx).stream()
                .filter(candidate -> candidate.email().toLowerCase(Locale.ROOT).equals(email))
                .findFirst());
        String hash = account.map(Account::rootPasswordHash).orElse(null);
        boolean verified = passwords.verify(password, hash == null ? decoyHash() : hash) && hash != null;
        if (!verified) {
            return error(401, "AuthenticationFailed", SIGN_IN_FAILED);
        }
        String accountId = account.get().id();
        Instant now = clock.instant();
        Optional<AccessKey> created = store.inTransaction(tx -> {
            if (iam.countAccessKeys(tx, accountId, null) >= ROOT_KEY_LIMIT) {
                return Optional.empty();
            }
            AccessKey key = iam.createAccessKey(tx, accountId, null);
            CreateAccessKeyResponse response = CreateAccessKeyResponse.builder().accessKey(software.amazon.awssdk.services.iam.model.AccessKey.builder()
                    .accessKeyId(key.accessKeyId())
                    .status(StatusType.ACTIVE)
                    .secretAccessKey(key.secretAccessKey())
                    .createDate(key.created().truncatedTo(ChronoUnit.SECONDS))
                    .build()).build();
            audit.appendInTransaction(tx, new CloudTrailEvent(UUID.randomUUID().toString(), now, Optional.of(Caller.root(accountId, Optional.empty())),
                    Optional.empty(), IamService.SERVICE, "CreateAccessKey", region, request.remoteAddress(), request.header("User-Agent").orElse(""),
                    Optional.of(CreateAccessKeyRequest.builder().build()), Optional.of(response), Optional.empty(), Optional.empty(),
                    UUID.randomUUID().toString(), false, accountId, dev.bulwark.server.audit.TlsDetails.of(request)));
            tx.publish(IamService.CHANGE_TOPIC_PREFIX + accountId);
            return Optional.of(key);
        });
        if (created.isEmpty()) {
            return error(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + ROOT_KEY_LIMIT);
        }
        ObjectNode out = JSON.createObjectNode();
        ObjectNode key = out.putObject("AccessKey");
        key.put("AccessKeyId", created.get().accessKeyId());
        key.put("Status", "Active");
        key.put("SecretAccessKey", created.get().secretAccessKey());
        key.put("CreateDate", created.get().created().truncatedTo(ChronoUnit.SECONDS).toString());
        out.put("AccountId", accountId);
        return json(200, out);
    }

    private String decoyHash()
    {
        String decoy = decoyHash;
        if (decoy == null) {
            decoy = passwords.hash(UUID.randomUUID().toString());
            decoyHash = decoy;
        }
        return decoy;
    }

    private static HttpResponse error(int status, String code, String message)
    {
        ObjectNode body = JSON.createObjectNode();
        body.put("Code", code);
        body.put("Message", message);
        return json(status, body);
    }

    private static HttpResponse json(int status, ObjectNode body)
    {
        try {
            return HttpResponse.of(status, "application/json", JSON.writeValueAsBytes(body));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
