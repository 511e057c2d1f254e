package dev.bulwark.protocol.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: every byte of the UTF-8 form except the RFC 3986 unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XY} with upper-case hex.
 */
final class UriEncoding
{
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {}

    static String encode(String text, boolean keepSlash)
    {
        if (isAllUnreserved(text, keepSlash)) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || keepSlash && c == '/') {
                out.append((char) c);
            }
            else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Decodes a query-string component: percent-escapes, and '+' as a space. */
    static String decodeQuery(String text)
    {
        return decode(text.indexOf('+') < 0 ? text : text.replace('+', ' '));
    }

    /** Decodes percent-escapes; a '%' not followed by two hex digits is kept literally. */
    static String decode(String text)
    {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hexValue(bytes[i + 1]) >= 0 && hexValue(bytes[i + 2]) >= 0) {
                out.write(hexValue(bytes[i + 1]) << 4 | hexValue(bytes[i + 2]));
                i += 2;
            }
            else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isAllUnreserved(String text, boolean keepSlash)
    {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(isUnreserved(c) || keepSlash && c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(int c)
    {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hexValue(byte b)
    {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
