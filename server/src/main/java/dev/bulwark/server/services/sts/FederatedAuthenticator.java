package dev.bulwark.server.services.sts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.auth.FederatedIdentity;
import dev.bulwark.server.auth.RoleArn;
import dev.bulwark.server.pipeline.TokenAuthenticateStep;
import dev.bulwark.server.services.iam.IdentityProviderStore;
import dev.bulwark.server.services.iam.SamlMetadata;
import dev.bulwark.server.services.iam.model.OidcProvider;
import dev.bulwark.server.services.iam.model.SamlProvider;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithSamlRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Verifies the token of STS's federation operations and names the caller it vouches for, before the trust policy
 * is evaluated: an OpenID Connect ID token for AssumeRoleWithWebIdentity (issuer registered as an IAM OIDC provider
 * in the role's account, signature against the issuer's JWKS, {@code exp}/{@code nbf}, audience among the
 * provider's client IDs), a signed SAML response for AssumeRoleWithSAML (see {@link SamlResponse}).
 *
 * <p>The issuer's keys are fetched outside any store transaction.
 */
public final class FederatedAuthenticator implements TokenAuthenticateStep.TokenAuthenticator
{
    /** What STS allows as a session name, here for the one taken from a SAML attribute rather than the request. */
    /** The OIDC claim that passes session tags ({@code principal_tags}) and their transitive keys. */
    static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    private static final java.util.regex.Pattern ROLE_SESSION_NAME = java.util.regex.Pattern.compile("[\\w+=,.@-]{2,64}");

    private final Store store;
    private final IdentityProviderStore providers;
    private final JwksClient jwks;

    public FederatedAuthenticator(Store store, IdentityProviderStore providers, JwksClient jwks)
    {
        this.store = requireNonNull(store, "store is null");
        this.providers = requireNonNull(providers, "providers is null");
        this.jwks = requireNonNull(jwks, "jwks is null");
    }

    @Override
    public Optional<Caller> authenticate(SdkRequest request, Instant now)
    {
        if (request instanceof AssumeRoleWithWebIdentityRequest webIdentity) {
            return Optional.of(webIdentity(webIdentity, now));
        }
        if (request instanceof AssumeRoleWithSamlRequest saml) {
            return Optional.of(saml(saml, now));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- OpenID Connect

    private Caller webIdentity(AssumeRoleWithWebIdentityRequest request, Instant now)
    {
        WebIdentityToken token = WebIdentityToken.parse(request.webIdentityToken()).orElseThrow(FederationErrors::notAJwt);
        String issuer = token.stringClaim("iss").orElseThrow(FederationErrors::notAJwt);
        Optional<String> account = RoleArn.parse(request.roleArn()).map(RoleArn::accountId);
        if (account.isEmpty() || !issuer.startsWith("https://")) {
            throw FederationErrors.noOidcProvider(issuer);
        }
        OidcProvider provider = store.readOnly(tx -> providers.findOidcByUrl(tx, account.get(), issuer.substring("https://".length())))
                .orElseThrow(() -> FederationErrors.noOidcProvider(issuer));

        verifySignature(token, provider, now);

        long exp = token.timeClaim("exp").orElseThrow(() -> FederationErrors.missingClaim("exp"));
        if (now.getEpochSecond() >= exp) {
            throw FederationErrors.expired(now.getEpochSecond(), exp);
        }
        if (token.timeClaim("nbf").filter(nbf -> nbf > now.getEpochSecond()).isPresent()) {
            throw FederationErrors.notYetValid();
        }
        // The client ID the token was issued to: azp when present (the audience then being another party), else aud.
        Optional<String> azp = token.stringClaim("azp");
        List<String> audiences = token.stringsClaim("aud");
        String audience = azp.filter(provider.clientIds()::contains)
                .or(() -> audiences.stream().filter(provider.clientIds()::contains).findFirst())
                .orElseThrow(FederationErrors::incorrectAudience);
        String subject = token.stringClaim("sub").orElseThrow(() -> FederationErrors.missingClaim("sub"));

        // IAM's condition keys for OIDC federation are named after the provider URL: HOST/PATH:aud, :sub, :amr, :oaud.
        String prefix = provider.url() + ":";
        Map<String, List<String>> keys = new HashMap<>();
        keys.put(prefix + "aud", List.of(audience));
        keys.put(prefix + "sub", List.of(subject));
        if (azp.isPresent()) {
            keys.put(prefix + "oaud", audiences);
        }
        List<String> amr = token.stringsClaim("amr");
        if (!amr.isEmpty()) {
            keys.put(prefix + "amr", amr);
        }
        keys.put("sts:RoleSessionName", List.of(request.roleSessionName()));
        JsonNode tagsClaim = token.claims().path(TAGS_CLAIM);
        FederatedIdentity identity = new FederatedIdentity(provider.arn(), issuer, subject, audience, keys, request.roleArn(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), principalTags(tagsClaim.path("principal_tags")),
                strings(tagsClaim.path("transitive_tag_keys")));
        return Caller.federated(Caller.PrincipalKind.WEB_IDENTITY_USER, account.get(), identity);
    }

    /**
     * The token's {@code principal_tags}: each key with its value, given as a one-element array (AWS supports only
     * single-valued session tags) or a plain string.
     */
    private static List<Tag> principalTags(JsonNode principalTags)
    {
        List<Tag> tags = new java.util.ArrayList<>();
        principalTags.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            String text = value.isArray() ? (value.isEmpty() ? "" : value.get(0).asText()) : value.asText();
            tags.add(new Tag(entry.getKey(), text));
        });
        return tags;
    }

    private static List<String> strings(JsonNode array)
    {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private void verifySignature(WebIdentityToken token, OidcProvider provider, Instant now)
    {
        try {
            JsonNode keys = jwks.keys(provider.issuer(), provider.thumbprints(), now, false);
            if (token.verifiedBy(keys)) {
                return;
            }
            // The issuer may have rotated its keys since they were cached.
            if (token.verifiedBy(jwks.keys(provider.issuer(), provider.thumbprints(), now, true))) {
                return;
            }
        }
        catch (IOException e) {
            throw FederationErrors.cannotRetrieveKeys();
        }
        throw FederationErrors.badSignature();
    }

    // ---------------------------------------------------------------- SAML

    private Caller saml(AssumeRoleWithSamlRequest request, Instant now)
    {
        Optional<String> account = RoleArn.parse(request.roleArn()).map(RoleArn::accountId);
        SamlProvider provider = store.readOnly(tx -> providers.findSaml(tx, request.principalArn()))
                .filter(found -> account.isPresent() && found.accountId().equals(account.get()))
                .orElseThrow(() -> FederationErrors.noSamlProvider(request.principalArn()));
        SamlMetadata metadata = SamlMetadata.parse(provider.metadata());
        SamlResponse response = SamlResponse.verify(request.samlAssertion(), metadata, now);
        if (!response.roles().contains(new SamlResponse.RoleAndProvider(request.roleArn(), request.principalArn()))) {
            throw FederationErrors.roleNotInAssertion();
        }
        String sessionName = response.roleSessionName().orElseThrow(FederationErrors::noRoleSessionName);
        if (!ROLE_SESSION_NAME.matcher(sessionName).matches()) {
            throw FederationErrors.badRoleSessionName();
        }
        String nameQualifier = SamlResponse.nameQualifier(response.issuer(), provider.accountId(), provider.name());
        Map<String, List<String>> keys = new HashMap<>(response.conditionKeys());
        keys.put("saml:namequalifier", List.of(nameQualifier));
        keys.put("saml:aud", List.of(SamlResponse.AWS_SIGNIN));
        keys.put("saml:iss", List.of(response.issuer()));
        keys.put("saml:sub", List.of(response.subject()));
        keys.put("saml:sub_type", List.of(response.subjectType()));
        keys.put("sts:RoleSessionName", List.of(sessionName));
        FederatedIdentity identity = new FederatedIdentity(provider.arn(), response.issuer(), response.subject(), SamlResponse.AWS_SIGNIN, keys,
                request.roleArn(), Optional.of(sessionName), response.sessionDuration(), Optional.of(response.subjectType()), Optional.of(nameQualifier),
                response.sourceIdentity(), response.sessionTags(), response.transitiveTagKeys());
        return Caller.federated(Caller.PrincipalKind.SAML_USER, account.get(), identity);
    }
}
