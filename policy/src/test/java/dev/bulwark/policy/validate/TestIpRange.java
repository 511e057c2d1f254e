package dev.bulwark.policy.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TestIpRange
{
    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, true",
            "10.0.0.0/8, true",
            "172.16.0.0/12, true",
            "172.31.255.255/32, true",
            "172.32.0.0/16, false",
            "192.168.10.0/24, true",
            "192.0.0.0/8, false",
            "203.0.113.0/24, false",
            "0.0.0.0/0, false",
            "fd00::/8, true",
            "2001:db8::/32, false",
    })
    void testPrivateMeansInsideAnRfc1918OrUniqueLocalNetwork(String range, boolean isPrivate)
    {
        assertThat(IpRange.parse(range)).get().extracting(IpRange::isPrivate).isEqualTo(isPrivate);
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.300", "203.0.113.0/33", "2001:db8::/129", "example.com", "10.0.0", "", "::g"})
    void testMalformedRangeIsRejectedWithoutLookup(String text)
    {
        assertThat(IpRange.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "203.0.113.5/24, true, 203.0.113.0/24",
            "203.0.113.0/24, false, 203.0.113.0/24",
            "10.1.2.3, false, 10.1.2.3/32",
            "2001:db8::1/32, true, 2001:db8:0:0:0:0:0:0/32",
    })
    void testHostBitsAfterThePrefixAreDetectedAndCleared(String text, boolean hostBitsSet, String canonical)
    {
        IpRange range = IpRange.parse(text).orElseThrow();
        assertThat(range.hostBitsSet()).isEqualTo(hostBitsSet);
        assertThat(range.canonical()).isEqualTo(canonical);
    }
}
