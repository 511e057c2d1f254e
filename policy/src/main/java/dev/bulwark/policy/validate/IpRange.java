package dev.bulwark.policy.validate;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP address range from an {@code IpAddress} condition: an address with an optional prefix
 * length, IPv4 or IPv6. Parsing never resolves host names.
 */
record IpRange(BigInteger first, BigInteger last, boolean ipv6, int prefixLength, boolean hostBitsSet)
{
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
    private static final Pattern IPV6 = Pattern.compile("([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(?:/(\\d{1,3}))?");

    /** RFC 1918 private IPv4 networks and the IPv6 unique local range (RFC 4193). */
    private static final List<IpRange> PRIVATE = List.of(
            parse("10.0.0.0/8").orElseThrow(),
            parse("172.16.0.0/12").orElseThrow(),
            parse("192.168.0.0/16").orElseThrow(),
            parse("fc00::/7").orElseThrow());

    IpRange
    {
        requireNonNull(first, "first is null");
        requireNonNull(last, "last is null");
    }

    static Optional<IpRange> parse(String text)
    {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return range(bytes, v4.group(5), 32, false);
        }
        Matcher v6 = IPV6.matcher(text);
        if (v6.matches()) {
            try {
                // the pattern admits only hex digits, colons and dots, so this parses a literal and never looks up a name
                byte[] bytes = InetAddress.getByName(v6.group(1)).getAddress();
                if (bytes.length != 16) {
                    return Optional.empty();
                }
                return range(bytes, v6.group(2), 128, true);
            }
            catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The range in CIDR notation with the host bits cleared, for example {@code 203.0.113.0/24}. */
    String canonical()
    {
        byte[] raw = first.toByteArray();
        byte[] address = new byte[ipv6 ? 16 : 4];
        int copy = Math.min(raw.length, address.length);
        System.arraycopy(raw, raw.length - copy, address, address.length - copy, copy);
        try {
            return InetAddress.getByAddress(address).getHostAddress() + "/" + prefixLength;
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    boolean isPrivate()
    {
        return PRIVATE.stream().anyMatch(network -> network.ipv6 == ipv6 && network.first.compareTo(first) <= 0 && last.compareTo(network.last) <= 0);
    }

    private static Optional<IpRange> range(byte[] address, String prefixText, int bits, boolean ipv6)
    {
        int prefix = prefixText == null ? bits : Integer.parseInt(prefixText);
        if (prefix > bits) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(1, address);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = value.andNot(hostMask);
        return Optional.of(new IpRange(first, first.or(hostMask), ipv6, prefix, !first.equals(value)));
    }
}
