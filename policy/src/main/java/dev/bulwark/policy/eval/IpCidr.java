package dev.bulwark.policy.eval;

/**
 * An IPv4 or IPv6 address block for {@code IpAddress}/{@code NotIpAddress}. Addresses are parsed by hand: the JDK's
 * {@code InetAddress} may fall back to a DNS lookup for text that is not a literal, and this library does no I/O.
 */
final class IpCidr
{
    private final byte[] network;
    private final int prefix;

    private IpCidr(byte[] network, int prefix)
    {
        this.network = network;
        this.prefix = prefix;
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a bare address (a /32 or /128). Null when malformed. */
    static IpCidr parse(String text)
    {
        int slash = text.indexOf('/');
        byte[] address = parseAddress(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = text.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return null;
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return null;
            }
        }
        return new IpCidr(address, prefix);
    }

    boolean contains(String addressText)
    {
        return contains(parseAddress(addressText));
    }

    /** Whether a parsed address (null when malformed) is in the block; addresses of the other family never are. */
    boolean contains(byte[] address)
    {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    static byte[] parseAddress(String text)
    {
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    private static byte[] parseIpv4(String text)
    {
        byte[] address = new byte[4];
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i == text.length() ? '.' : text.charAt(i);
            if (c == '.') {
                if (digits == 0 || octet == 4) {
                    return null;
                }
                address[octet++] = (byte) value;
                value = 0;
                digits = 0;
            }
            else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            }
            else {
                return null;
            }
        }
        return octet == 4 ? address : null;
    }

    private static byte[] parseIpv6(String text)
    {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int count = headGroups.length + tailGroups.length;
        if ((gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
            return null;
        }
        byte[] address = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            put(address, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(address, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return address;
    }

    /** Hex groups separated by ':'; a trailing dotted IPv4 counts as two groups. Null when malformed. */
    private static int[] groups(String text)
    {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int extra = parts[parts.length - 1].indexOf('.') >= 0 ? 1 : 0;
        int[] groups = new int[parts.length + extra];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && extra == 1) {
                byte[] v4 = parseIpv4(part);
                if (v4 == null) {
                    return null;
                }
                groups[i] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                groups[i + 1] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < part.length(); k++) {
                int digit = Character.digit(part.charAt(k), 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            groups[i] = value;
        }
        return groups;
    }

    private static void put(byte[] address, int group, int value)
    {
        address[group * 2] = (byte) (value >> 8);
        address[group * 2 + 1] = (byte) value;
    }
}
