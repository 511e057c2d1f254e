package dev.bulwark.server.services.sts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.OidcKeys;
import dev.bulwark.server.services.iam.OutboundFederationStore;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.RoleSession;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenRequest;
import software.amazon.awssdk.services.sts.model.GetWebIdentityTokenResponse;
import software.amazon.awssdk.services.sts.model.JwtPayloadSizeExceededException;
import software.amazon.awssdk.services.sts.model.OutboundWebIdentityFederationDisabledException;
import software.amazon.awssdk.services.sts.model.SessionDurationEscalationException;
import software.amazon.awssdk.services.sts.model.Tag;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * STS {@code GetWebIdentityToken}: a JWT that proves the caller's AWS identity to an external service, signed with
 * the account's outbound federation key and verifiable through the issuer's published JWKS.
 *
 * <p>Authorization (service authorization reference, and what AWS answers): {@code sts:GetWebIdentityToken} on
 * {@code arn:aws:sts::<account>:self} with the condition keys {@code sts:IdentityTokenAudience} (every audience),
 * {@code sts:SigningAlgorithm}, {@code sts:DurationSeconds} (300 when not given) and the request's tags as
 * {@code aws:RequestTag/<key>} and {@code aws:TagKeys}; a request with tags also needs
 * {@code sts:TagGetWebIdentityToken} on the same resource.
 *
 * <p>The token, as AWS's documentation and real tokens show it: header {@code kid}, {@code typ=JWT}, {@code alg};
 * claims {@code aud} (a string for one audience, else an array, duplicates kept), {@code sub} (the caller's IAM
 * principal ARN: the user, or for a role session the role, path included), the {@code https://sts.amazonaws.com/}
 * object ({@code aws_account}, {@code source_region}, {@code principal_id}, {@code principal_tags},
 * {@code request_tags}, {@code original_session_exp} and {@code source_identity} for role sessions), {@code iss},
 * {@code exp}, {@code iat} (whole seconds) and a UUID {@code jti}. Claims Bulwark has no source for yet
 * (Organizations' {@code org_id}/{@code ou_path}, EC2/Lambda/Identity Center context) are omitted, as AWS omits
 * them when they do not apply.
 */
public final class WebIdentityTokenOperations implements ServiceOperations
{
    /** Tokens last five minutes unless DurationSeconds says otherwise (the model bounds it to 60–3600). */
    static final int DEFAULT_DURATION_SECONDS = 300;
    /** The largest claims JSON AWS signs, in UTF-8 bytes, measured on real tokens of both algorithms. */
    static final int MAX_PAYLOAD_BYTES = 14_984;
    /** The namespace of AWS's own and the caller's custom claims. */
    static final String CLAIMS_NAMESPACE = "https://sts.amazonaws.com/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RFC_3339_SECONDS = DateTimeFormatter.ISO_INSTANT;

    private final IamStore iam;
    private final OutboundFederationStore outbound;

    public WebIdentityTokenOperations(IamStore iam, OutboundFederationStore outbound)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.outbound = requireNonNull(outbound, "outbound is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(new Operation<>(StsService.SERVICE, "GetWebIdentityToken", GetWebIdentityTokenRequest.class,
                WebIdentityTokenOperations::accesses, true, this::getWebIdentityToken, Operation.StoreUse.READ));
    }

    /** Validates what AWS refuses before authorizing, then the accesses the request needs. */
    static List<Access> accesses(Invocation in, GetWebIdentityTokenRequest request)
    {
        String algorithm = request.signingAlgorithm();
        if (!OidcKeys.RS256.equals(algorithm) && !OidcKeys.ES384.equals(algorithm)) {
            throw AwsErrorException.sender("ValidationError", 400,
                    "Requested SigningAlgorithm is not supported. See the GetWebIdentityToken documentation for supported algorithms");
        }
        Map<String, String> tags = requestTags(request);
        Map<String, List<String>> tagKeys = new HashMap<>();
        if (!tags.isEmpty()) {
            tags.forEach((key, value) -> tagKeys.put("aws:RequestTag/" + key, List.of(value)));
            tagKeys.put("aws:TagKeys", List.copyOf(tags.keySet()));
        }
        Map<String, List<String>> keys = new HashMap<>(tagKeys);
        keys.put("sts:IdentityTokenAudience", List.copyOf(request.audience()));
        keys.put("sts:SigningAlgorithm", List.of(algorithm));
        keys.put("sts:DurationSeconds", List.of(Integer.toString(duration(request))));
        String self = selfArn(in.accountId());
        List<Access> accesses = new ArrayList<>();
        accesses.add(new Access("sts:GetWebIdentityToken", self, keys));
        if (!tags.isEmpty()) {
            accesses.add(new Access("sts:TagGetWebIdentityToken", self, tagKeys));
        }
        return accesses;
    }

    private GetWebIdentityTokenResponse getWebIdentityToken(Invocation in, GetWebIdentityTokenRequest request)
    {
        Caller caller = in.caller();
        if (caller.kind() == Caller.PrincipalKind.FEDERATED_USER) {
            throw StsErrors.accessDenied("GetWebIdentityToken does not support federated user sessions");
        }
        OutboundFederationStore.Issuer issuer = outbound.find(in.transaction(), in.accountId())
                .filter(OutboundFederationStore.Issuer::enabled)
                .orElseThrow(() -> OutboundWebIdentityFederationDisabledException.builder().message("OutboundWebIdentityFederation is disabled.").build());
        Instant now = in.now();
        Instant expiration = now.plusSeconds(duration(request));
        Optional<RoleSession> session = caller.roleSession();
        if (session.isPresent() && expiration.isAfter(session.get().expiration())) {
            throw SessionDurationEscalationException.builder()
                    .message("Requested token expiry time must be before the original session's expiry time.").build();
        }

        String subject = session.map(s -> s.role().arn()).orElse(caller.arn());
        ObjectNode claims = JSON.createObjectNode();
        List<String> audience = request.audience();
        if (audience.size() == 1) {
            claims.put("aud", audience.get(0));
        }
        else {
            audience.forEach(claims.putArray("aud")::add);
        }
        claims.put("sub", subject);
        ObjectNode aws = claims.putObject(CLAIMS_NAMESPACE);
        aws.put("aws_account", in.accountId());
        aws.put("source_region", in.region());
        aws.put("principal_id", subject);
        Map<String, String> principalTags = principalTags(in);
        if (!principalTags.isEmpty()) {
            ObjectNode node = aws.putObject("principal_tags");
            principalTags.forEach(node::put);
        }
        Map<String, String> requestTags = requestTags(request);
        if (!requestTags.isEmpty()) {
            ObjectNode node = aws.putObject("request_tags");
            requestTags.forEach(node::put);
        }
        session.ifPresent(s -> {
            aws.put("original_session_exp", RFC_3339_SECONDS.format(s.expiration().truncatedTo(ChronoUnit.SECONDS)));
            if (s.sourceIdentity() != null) {
                aws.put("source_identity", s.sourceIdentity());
            }
        });
        claims.put("iss", outbound.issuerUrl(issuer.issuerId()));
        claims.put("exp", expiration.getEpochSecond());
        claims.put("iat", now.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());

        byte[] payload = json(claims);
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw JwtPayloadSizeExceededException.builder().message("JWT payload exceeds maximum allowed size").build();
        }
        String algorithm = request.signingAlgorithm();
        OutboundFederationStore.SigningKey key = outbound.signingKey(in.transaction(), in.accountId(), algorithm)
                .orElseThrow(() -> new IllegalStateException("enabled issuer without a " + algorithm + " key"));
        ObjectNode header = JSON.createObjectNode();
        header.put("kid", key.keyId());
        header.put("typ", "JWT");
        header.put("alg", algorithm);
        String token = Jws.sign(json(header), payload, algorithm, key.privateKey());
        return GetWebIdentityTokenResponse.builder().webIdentityToken(token).expiration(expiration.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    /** The tags of the caller's IAM identity: the user's, or for a role session the role's. */
    private Map<String, String> principalTags(Invocation in)
    {
        Caller caller = in.caller();
        Optional<PolicyOwner> owner = switch (caller.kind()) {
            case IAM_USER -> iam.findUser(in.transaction(), in.accountId(), caller.userName().orElseThrow()).map(user -> user.asOwner());
            case ASSUMED_ROLE -> Optional.of(caller.roleSession().orElseThrow().role().asOwner());
            case ROOT, FEDERATED_USER, WEB_IDENTITY_USER, SAML_USER, ANONYMOUS -> Optional.empty();
        };
        Map<String, String> tags = new LinkedHashMap<>();
        owner.ifPresent(o -> iam.tags(in.transaction(), o).forEach(tag -> tags.put(tag.key(), tag.value())));
        return tags;
    }

    /** The request's tags in request order; keys are case-insensitive, so two spellings of one key are refused. */
    static Map<String, String> requestTags(GetWebIdentityTokenRequest request)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        if (!request.hasTags()) {
            return tags;
        }
        Set<String> seen = new HashSet<>();
        for (Tag tag : request.tags()) {
            if (!seen.add(tag.key().toLowerCase(Locale.ROOT))) {
                throw AwsErrorException.sender("InvalidParameterValue", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
            tags.put(tag.key(), tag.value());
        }
        return tags;
    }

    static int duration(GetWebIdentityTokenRequest request)
    {
        return request.durationSeconds() == null ? DEFAULT_DURATION_SECONDS : request.durationSeconds();
    }

    static String selfArn(String accountId)
    {
        return "arn:aws:sts::" + accountId + ":self";
    }

    private static byte[] json(ObjectNode node)
    {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
