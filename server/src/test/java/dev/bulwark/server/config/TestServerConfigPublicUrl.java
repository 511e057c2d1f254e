package dev.bulwark.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestServerConfigPublicUrl
{
    private static final ServerConfig DEFAULTS = ServerConfig.defaults(Path.of("data"));

    @Test
    void withoutAPublicUrlTheListenerAddressAndBoundPortAreUsed()
    {
        assertThat(DEFAULTS.publicBaseUrl(4566)).isEqualTo("http://127.0.0.1:4566");
        assertThat(DEFAULTS.withPort(0).publicBaseUrl(39123)).isEqualTo("http://127.0.0.1:39123");
        assertThat(DEFAULTS.withHost("0.0.0.0").publicBaseUrl(80)).isEqualTo("http://localhost:80");
        assertThat(DEFAULTS.withHost("::1").publicBaseUrl(4566)).isEqualTo("http://[::1]:4566");
    }

    @Test
    void configuredPublicUrlWinsAndLosesItsTrailingSlash()
    {
        ServerConfig config = DEFAULTS.withPublicUrl(Optional.of("https://bulwark.example.com/"));
        assertThat(config.publicBaseUrl(4566)).isEqualTo("https://bulwark.example.com");
        assertThat(config.withPort(5000).publicUrl()).hasValue("https://bulwark.example.com");
    }

    @Test
    void publicUrlMustBeAnHttpOriginWithoutPath()
    {
        for (String bad : new String[] {"ftp://example.com", "example.com", "https://example.com/base", "https://example.com?x=1", "http://"}) {
            assertThatThrownBy(() -> DEFAULTS.withPublicUrl(Optional.of(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
