package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.server.audit.AuditLog;
import dev.bulwark.server.store.Store;

import java.util.List;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Bulwark's own endpoints under the reserved prefix {@code /_bulwark/}, answered before the AWS pipeline:
 * {@code GET /_bulwark/health} always; {@code POST /_bulwark/reset} (wipe all state) only in dev mode, and a
 * 404 otherwise so production servers do not even reveal it. Everything else goes to the pipeline.
 */
public final class AdminEndpoints implements Function<HttpRequest, HttpResponse>
{
    public static final String PREFIX = "/_bulwark/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Tables in an order that respects foreign keys when deleting. */
    private static final List<String> TABLES_CHILDREN_FIRST = List.of(
            "audit_events", "iam_policy_attachments", "iam_policy_versions", "iam_managed_policies", "iam_inline_policies",
            "iam_access_keys", "iam_group_members", "iam_groups", "iam_users", "accounts");

    private final boolean devMode;
    private final Store store;
    private final AuditLog audit;
    private final Function<HttpRequest, HttpResponse> pipeline;
    private final Runnable afterReset;

    public AdminEndpoints(boolean devMode, Store store, AuditLog audit, Function<HttpRequest, HttpResponse> pipeline, Runnable afterReset)
    {
        this.devMode = devMode;
        this.store = requireNonNull(store, "store is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.afterReset = requireNonNull(afterReset, "afterReset is null");
    }

    @Override
    public HttpResponse apply(HttpRequest request)
    {
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
        if (path.equals("reset") && request.method().equals("POST") && devMode) {
            audit.flush();
            store.inTransaction(tx -> {
                TABLES_CHILDREN_FIRST.forEach(table -> tx.update("DELETE FROM " + table));
                return null;
            });
            afterReset.run();
            ObjectNode body = JSON.createObjectNode();
            body.put("reset", true);
            return json(200, body);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("error", "not found");
        return json(404, body);
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
