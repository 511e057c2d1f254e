package dev.bulwark.protocol.sigv4;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.protocol.http.HttpRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One request signed by botocore, from {@code sigv4/boto3-signed-requests.json} (see generate_boto3_fixtures.py). */
record Boto3Fixture(
        String name,
        Dialect dialect,
        String method,
        String rawPath,
        String rawQuery,
        List<Map.Entry<String, String>> headers,
        byte[] body,
        SigningCredential credential,
        Instant signedAt,
        Instant verifyAt)
{
    Boto3Fixture
    {
        requireNonNull(name, "name is null");
        headers = List.copyOf(headers);
    }

    static List<Boto3Fixture> load()
    {
        try (InputStream in = Boto3Fixture.class.getResourceAsStream("/sigv4/boto3-signed-requests.json")) {
            requireNonNull(in, "sigv4/boto3-signed-requests.json not on the test classpath");
            List<Boto3Fixture> fixtures = new ArrayList<>();
            for (JsonNode node : new ObjectMapper().readTree(in).get("cases")) {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                node.get("headers").forEach(pair -> headers.add(Map.entry(pair.get(0).asText(), pair.get(1).asText())));
                String token = node.get("sessionToken").isNull() ? null : node.get("sessionToken").asText();
                SigningCredential credential = token == null
                        ? SigningCredential.longTerm(node.get("accessKeyId").asText(), node.get("secretKey").asText())
                        : SigningCredential.temporary(node.get("accessKeyId").asText(), node.get("secretKey").asText(), token,
                                Instant.parse(node.get("signedAt").asText()).plusSeconds(30 * 24 * 3600));
                fixtures.add(new Boto3Fixture(
                        node.get("name").asText(),
                        Dialect.valueOf(node.get("dialect").asText()),
                        node.get("method").asText(),
                        node.get("rawPath").asText(),
                        node.get("rawQuery").asText(),
                        headers,
                        Base64.getDecoder().decode(node.get("bodyBase64").asText()),
                        credential,
                        Instant.parse(node.get("signedAt").asText()),
                        Instant.parse(node.get("verifyAt").asText())));
            }
            return fixtures;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest request()
    {
        return new HttpRequest(method, rawPath, rawQuery, headerMap(headers), body, true, "192.0.2.1");
    }

    CredentialResolver resolver()
    {
        return accessKeyId -> accessKeyId.equals(credential.accessKeyId()) ? Optional.of(credential) : Optional.empty();
    }

    static Map<String, List<String>> headerMap(List<Map.Entry<String, String>> headers)
    {
        Map<String, List<String>> map = new LinkedHashMap<>();
        headers.forEach(header -> map.computeIfAbsent(header.getKey(), ignored -> new ArrayList<>()).add(header.getValue()));
        return map;
    }

    @Override
    public String toString()
    {
        return name;
    }
}
