package dev.bulwark.server.services.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An OpenID Connect ID token (a JWS in compact form) and what verifying it takes: the signature against a JSON
 * Web Key Set with RS256/384/512 or ES256/384/512 (never {@code none} or a shared-secret HMAC, which a public key
 * set cannot verify), and the claims STS reads.
 *
 * @param algorithm    the header's {@code alg}
 * @param keyId        the header's {@code kid}, if any
 * @param claims       the payload
 * @param signingInput the bytes the signature covers ({@code header.payload})
 * @param signature    the decoded signature
 */
public record WebIdentityToken(String algorithm, Optional<String> keyId, JsonNode claims, byte[] signingInput, byte[] signature)
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> JAVA_ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA",
            "ES256", "SHA256withECDSAinP1363Format", "ES384", "SHA384withECDSAinP1363Format", "ES512", "SHA512withECDSAinP1363Format");
    private static final Map<String, String> CURVES = Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");

    public WebIdentityToken
    {
        requireNonNull(algorithm, "algorithm is null");
        requireNonNull(keyId, "keyId is null");
        requireNonNull(claims, "claims is null");
        signingInput = requireNonNull(signingInput, "signingInput is null").clone();
        signature = requireNonNull(signature, "signature is null").clone();
    }

    /** Parses a compact JWS; empty when it is not one (three base64url parts, JSON header and object payload). */
    public static Optional<WebIdentityToken> parse(String token)
    {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(decoder.decode(parts[0]));
            JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject() || !header.path("alg").isTextual()) {
                return Optional.empty();
            }
            Optional<String> keyId = header.path("kid").isTextual() ? Optional.of(header.get("kid").asText()) : Optional.empty();
            return Optional.of(new WebIdentityToken(header.get("alg").asText(), keyId, claims,
                    (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), decoder.decode(parts[2])));
        }
        catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether a key of {@code jwks} (a JSON Web Key Set) that fits the header verifies the signature. */
    public boolean verifiedBy(JsonNode jwks)
    {
        String javaAlgorithm = JAVA_ALGORITHMS.get(algorithm);
        if (javaAlgorithm == null) {
            return false;
        }
        for (JsonNode key : jwks.path("keys")) {
            if (keyId.isPresent() && key.has("kid") && !key.path("kid").asText().equals(keyId.get())) {
                continue;
            }
            if (key.has("alg") && !key.path("alg").asText().equals(algorithm)) {
                continue;
            }
            if (key.has("use") && !key.path("use").asText().equals("sig")) {
                continue;
            }
            try {
                Optional<PublicKey> publicKey = publicKey(key, algorithm);
                if (publicKey.isEmpty()) {
                    continue;
                }
                Signature verifier = Signature.getInstance(javaAlgorithm);
                verifier.initVerify(publicKey.get());
                verifier.update(signingInput);
                if (verifier.verify(signature)) {
                    return true;
                }
            }
            catch (GeneralSecurityException | IllegalArgumentException e) {
                // a malformed or unusable key verifies nothing; try the next
            }
        }
        return false;
    }

    private static Optional<PublicKey> publicKey(JsonNode key, String algorithm)
            throws GeneralSecurityException
    {
        String type = key.path("kty").asText();
        Base64.Decoder decoder = Base64.getUrlDecoder();
        if (algorithm.startsWith("RS") && type.equals("RSA")) {
            BigInteger modulus = new BigInteger(1, decoder.decode(key.path("n").asText()));
            BigInteger exponent = new BigInteger(1, decoder.decode(key.path("e").asText()));
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
        }
        if (algorithm.startsWith("ES") && type.equals("EC")) {
            String curve = CURVES.get(key.path("crv").asText());
            if (curve == null || !curveFits(algorithm, key.path("crv").asText())) {
                return Optional.empty();
            }
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(curve));
            ECPoint point = new ECPoint(new BigInteger(1, decoder.decode(key.path("x").asText())), new BigInteger(1, decoder.decode(key.path("y").asText())));
            return Optional.of(KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class))));
        }
        return Optional.empty();
    }

    private static boolean curveFits(String algorithm, String curve)
    {
        return switch (algorithm) {
            case "ES256" -> curve.equals("P-256");
            case "ES384" -> curve.equals("P-384");
            case "ES512" -> curve.equals("P-521");
            default -> false;
        };
    }

    public Optional<String> stringClaim(String name)
    {
        JsonNode value = claims.get(name);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** A claim that is a string or an array of strings (as {@code aud} and {@code amr} may be). */
    public List<String> stringsClaim(String name)
    {
        JsonNode value = claims.get(name);
        List<String> values = new ArrayList<>();
        if (value == null) {
            return values;
        }
        if (value.isTextual()) {
            values.add(value.asText());
        }
        else if (value.isArray()) {
            value.forEach(item -> {
                if (item.isTextual()) {
                    values.add(item.asText());
                }
            });
        }
        return values;
    }

    /** A NumericDate claim (seconds since the epoch, possibly fractional). */
    public Optional<Long> timeClaim(String name)
    {
        JsonNode value = claims.get(name);
        return value != null && value.isNumber() ? Optional.of(value.asLong()) : Optional.empty();
    }
}
