package dev.bulwark.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.server.services.iam.OidcKeys;
import dev.bulwark.server.services.iam.OutboundFederationStore;
import dev.bulwark.server.store.Store;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The public OpenID Connect issuers of outbound web identity federation, answered before everything else:
 * {@code GET <issuer>/.well-known/openid-configuration} and {@code GET <issuer>/.well-known/jwks.json}, where an
 * issuer is {@code /_bulwark/oidc/<issuer id>}. Like any public OIDC issuer (and AWS's
 * {@code *.tokens.sts.global.api.aws}) they need no authentication, and they answer for an account whose feature
 * is disabled too, so tokens issued before it was disabled still verify. Everything else goes to {@code next}
 * (the admin endpoints, then the AWS pipeline).
 *
 * <p>The discovery document has the members AWS's has; {@code issuer} and {@code jwks_uri} are built from the
 * server's configured public base URL, never from the request's Host header, so they always match the tokens'
 * {@code iss}.
 */
public final class OidcEndpoints implements Function<HttpRequest, HttpResponse>
{
    private static final String PREFIX = OutboundFederationStore.ISSUER_PATH;
    private static final Pattern DOCUMENT = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f-]{36})/\\.well-known/(openid-configuration|jwks\\.json)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final OutboundFederationStore outbound;
    private final Function<HttpRequest, HttpResponse> next;

    public OidcEndpoints(Store store, OutboundFederationStore outbound, Function<HttpRequest, HttpResponse> next)
    {
        this.store = requireNonNull(store, "store is null");
        this.outbound = requireNonNull(outbound, "outbound is null");
        this.next = requireNonNull(next, "next is null");
    }

    @Override
    public HttpResponse apply(HttpRequest request)
    {
        if (!request.rawPath().startsWith(PREFIX)) {
            return next.apply(request);
        }
        Matcher matcher = DOCUMENT.matcher(request.rawPath());
        if (!matcher.matches()) {
            return error(404, "not found");
        }
        boolean head = request.method().equals("HEAD");
        if (!head && !request.method().equals("GET")) {
            return error(405, "method not allowed");
        }
        Optional<OutboundFederationStore.Issuer> issuer = store.readOnly(tx -> outbound.findByIssuerId(tx, matcher.group(1)));
        if (issuer.isEmpty()) {
            return error(404, "not found");
        }
        ObjectNode body = matcher.group(2).equals("jwks.json") ? jwks(issuer.get()) : discovery(issuer.get());
        HttpResponse response = json(200, body);
        return head ? HttpResponse.of(200, "application/json", new byte[0]) : response;
    }

    private ObjectNode discovery(OutboundFederationStore.Issuer issuer)
    {
        String issuerUrl = outbound.issuerUrl(issuer.issuerId());
        ObjectNode body = JSON.createObjectNode();
        ArrayNode claims = body.putArray("claims_supported");
        for (String claim : new String[] {"sub", "iss", "aud", "exp", "iat", "jti", "https://sts.amazonaws.com/"}) {
            claims.add(claim);
        }
        body.putArray("id_token_signing_alg_values_supported").add(OidcKeys.RS256).add(OidcKeys.ES384);
        body.put("issuer", issuerUrl);
        body.put("jwks_uri", issuerUrl + "/.well-known/jwks.json");
        body.putArray("subject_types_supported").add("public");
        return body;
    }

    private static ObjectNode jwks(OutboundFederationStore.Issuer issuer)
    {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("keys")
                .add(OidcKeys.jwk(OidcKeys.RSA_KEY_ID, issuer.rsaPublic()))
                .add(OidcKeys.jwk(OidcKeys.EC_KEY_ID, issuer.ecPublic()));
        return body;
    }

    private static HttpResponse error(int status, String message)
    {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        return json(status, body);
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
