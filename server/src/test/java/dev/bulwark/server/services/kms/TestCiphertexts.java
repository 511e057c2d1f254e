package dev.bulwark.server.services.kms;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The symmetric blob's header round-trips, foreign bytes are not mistaken for one, and the context encoding is canonical and unambiguous. */
final class TestCiphertexts
{
    @Test
    void headerNamesKeyAndVersion()
    {
        String keyId = UUID.randomUUID().toString();
        byte[] blob = Ciphertexts.blob(Ciphertexts.header(keyId, 7), new byte[] {1, 2, 3});
        Ciphertexts.Header header = Ciphertexts.parse(blob).orElseThrow();
        assertThat(header.keyId()).isEqualTo(keyId);
        assertThat(header.version()).isEqualTo(7);
        assertThat(header.body()).containsExactly(1, 2, 3);
        assertThat(header.header()).isEqualTo(Ciphertexts.header(keyId, 7));
    }

    @Test
    void foreignBytesAreNoBlob()
    {
        assertThat(Ciphertexts.parse(new byte[] {2, 0, 0})).isEmpty();
        assertThat(Ciphertexts.parse(new byte[Ciphertexts.HEADER_BYTES])).isEmpty();
        assertThat(Ciphertexts.parse(null)).isEmpty();
    }

    @Test
    void contextEncodingIgnoresOrderButNotBoundaries()
    {
        byte[] header = Ciphertexts.header(UUID.randomUUID().toString(), 1);
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");
        assertThat(Ciphertexts.associatedData(header, forward)).isEqualTo(Ciphertexts.associatedData(header, backward));
        // "ab"="c" and "a"="bc" must not authenticate the same way.
        assertThat(Ciphertexts.associatedData(header, Map.of("ab", "c"))).isNotEqualTo(Ciphertexts.associatedData(header, Map.of("a", "bc")));
        assertThat(Ciphertexts.associatedData(header, Map.of())).isEqualTo(header);
    }
}
