package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.server.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The AWS managed policies Bulwark ships, with their real documents, loaded from
 * {@code aws-managed-policies.json} beside this class and seeded (or refreshed) at every start, with the
 * CreateDate and UpdateDate AWS reports for them.
 */
public final class AwsManagedPolicies
{
    static final String RESOURCE = "aws-managed-policies.json";
    public static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsManagedPolicies() {}

    public static void seed(Store store, IamStore iam)
    {
        JsonNode policies = load();
        store.inTransaction(tx -> {
            for (JsonNode policy : policies) {
                iam.upsertAwsManagedPolicy(tx,
                        policy.get("PolicyName").asText(),
                        policy.get("Path").asText(),
                        policy.get("Document").toString(),
                        policy.path("Description").asText(null),
                        Instant.parse(policy.get("CreateDate").asText()),
                        Instant.parse(policy.get("UpdateDate").asText()));
            }
            return null;
        });
    }

    static JsonNode load()
    {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return JSON.readTree(in);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
