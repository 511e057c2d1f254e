package dev.bulwark.server.services.iam.mfa;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Base32 as RFC 4648 section 6 defines it (alphabet {@code A-Z2-7}, {@code =} padding): the encoding of the
 * virtual MFA seed that IAM returns as {@code Base32StringSeed} and that authenticator apps read from the
 * {@code secret} parameter of an {@code otpauth://} URI.
 */
public final class Base32
{
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    /** Encodes with padding, as RFC 4648 requires unless a specification says otherwise. */
    public static String encode(byte[] data)
    {
        StringBuilder out = new StringBuilder((data.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        while (out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    /** Encodes without the trailing {@code =} padding, the form authenticator apps and IAM's seeds use. */
    public static String encodeUnpadded(byte[] data)
    {
        String padded = encode(data);
        int end = padded.indexOf('=');
        return end < 0 ? padded : padded.substring(0, end);
    }

    /**
     * Decodes, accepting lower case and missing padding (as authenticator apps do).
     *
     * @throws IllegalArgumentException on a character outside the alphabet or a malformed length
     */
    public static byte[] decode(String text)
    {
        String normalized = text.toUpperCase(Locale.ROOT);
        int end = normalized.length();
        while (end > 0 && normalized.charAt(end - 1) == '=') {
            end--;
        }
        int remainder = end % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("invalid base32 length: " + end);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < end; i++) {
            int value = ALPHABET.indexOf(normalized.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("invalid base32 character at " + i);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
