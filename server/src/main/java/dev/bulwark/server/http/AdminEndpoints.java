package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.server.audit.AuditLog;
import dev.bulwark.server.console.RootConsole;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreKind;
import dev.bulwark.server.store.Tx;

import java.util.List;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Bulwark's own endpoints under the reserved prefix {@code /_bulwark/}, answered before the AWS pipeline:
 * {@code GET /_bulwark/health} always; {@code POST /_bulwark/console/root-access-key} (the console's "create
 * access key" for the root user, see {@link RootConsole}); {@code POST /_bulwark/reset} (wipe all state) only in dev mode, and a
 * 404 otherwise so production servers do not even reveal it. In dev mode {@code POST /moto-api/reset} is an alias
 * of the reset, so suites written for moto's server mode (which POST it before every test) run unchanged; outside
 * dev mode that path is an ordinary request for the pipeline. Everything else goes to the pipeline.
 */
public final class AdminEndpoints implements Function<HttpRequest, HttpResponse>
{
    public static final String PREFIX = "/_bulwark/";
    /** moto's reset path, an alias of {@code /_bulwark/reset} in dev mode. */
    public static final String MOTO_RESET = "/moto-api/reset";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean devMode;
    private final Store store;
    private final AuditLog audit;
    private final Function<HttpRequest, HttpResponse> pipeline;
    private final Runnable afterReset;
    private final Function<HttpRequest, HttpResponse> rootConsole;

    public AdminEndpoints(boolean devMode, Store store, AuditLog audit, Function<HttpRequest, HttpResponse> pipeline, Runnable afterReset,
            Function<HttpRequest, HttpResponse> rootConsole)
    {
        this.rootConsole = requireNonNull(rootConsole, "rootConsole is null");
        this.devMode = devMode;
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.afterReset = requireNonNull(afterReset, "afterReset is null");
    }

    @Override
    public HttpResponse apply(HttpRequest request)
    {
        if (devMode && request.rawPath().equals(MOTO_RESET) && request.method().equals("POST")) {
            return reset();
        }
        if (!request.rawPath().startsWith(PREFIX)) {
            return pipeline.apply(request);
        }
        String path = request.rawPath().substring(PREFIX.length());
        if (path.equals("health") && request.method().equals("GET")) {
            ObjectNode body = JSON.createObjectNode();
            body.put("status", "ok");
            body.put("store", store.kind().name().toLowerCase(java.util.Locale.ROOT));
            body.put("devMode", devMode);
            return json(200, body);
        }
        if (path.equals(RootConsole.PATH)) {
            return rootConsole.apply(request);
        }
        if (path.equals("reset") && request.method().equals("POST") && devMode) {
            return reset();
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("error", "not found");
        return json(404, body);
    }

    private HttpResponse reset()
    {
        audit.flush();
        store.inTransaction(tx -> {
            wipe(tx);
            return null;
        });
        afterReset.run();
        ObjectNode body = JSON.createObjectNode();
        body.put("reset", true);
        return json(200, body);
    }

    /**
     * Empties every table but the migration record. Read from the catalog, so tables added by later migrations
     * are included: PostgreSQL truncates them all at once; SQLite deletes newest table first, since a table can
     * only reference tables created before it.
     */
    private static void wipe(Tx tx)
    {
        if (tx.kind() == StoreKind.POSTGRES) {
            List<String> tables = tx.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_version'",
                    row -> row.getString(1));
            if (!tables.isEmpty()) {
                tx.update("TRUNCATE " + String.join(", ", tables) + " CASCADE");
            }
            return;
        }
        List<String> tables = tx.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version' ORDER BY rowid DESC",
                row -> row.getString(1));
        tables.forEach(table -> tx.update("DELETE FROM \"" + table + "\""));
    }

    private static HttpResponse json(int status, ObjectNode body)
    {
        try {
            return HttpResponse.of(status, "application/json", JSON.writeValueAsBytes(body));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
