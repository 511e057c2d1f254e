package dev.bulwark.server.services.iam;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The little DER (X.690) the credential parsers need and the JDK does not expose: reading PKCS#1 and SEC1 structures
 * and wrapping them into PKCS#8 for the JDK's key factories. Malformed input throws {@link IllegalArgumentException}.
 */
final class Der
{
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** {@code [0]} constructed, as SEC1 tags the curve parameters. */
    static final int CONTEXT_0 = 0xA0;

    private Der() {}

    /** Sequential reader over the elements of one DER-encoded value. */
    static final class Reader
    {
        private final byte[] bytes;
        private int position;
        private final int end;

        Reader(byte[] bytes)
        {
            this(bytes, 0, bytes.length);
        }

        private Reader(byte[] bytes, int start, int end)
        {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean hasMore()
        {
            return position < end;
        }

        int peekTag()
        {
            check(position < end);
            return bytes[position] & 0xFF;
        }

        /** Enters the SEQUENCE at the current position and returns a reader over its contents. */
        Reader sequence()
        {
            return constructed(SEQUENCE);
        }

        Reader constructed(int tag)
        {
            int[] bounds = element(tag);
            return new Reader(bytes, bounds[0], bounds[1]);
        }

        BigInteger integer()
        {
            return new BigInteger(contents(INTEGER));
        }

        byte[] contents(int tag)
        {
            int[] bounds = element(tag);
            return Arrays.copyOfRange(bytes, bounds[0], bounds[1]);
        }

        /** The whole encoding (tag, length, contents) of the next element, whatever its tag. */
        byte[] raw()
        {
            int start = position;
            element(peekTag());
            return Arrays.copyOfRange(bytes, start, position);
        }

        private int[] element(int tag)
        {
            check(position < end && (bytes[position] & 0xFF) == tag);
            position++;
            check(position < end);
            int length = bytes[position++] & 0xFF;
            if (length >= 0x80) {
                int count = length & 0x7F;
                check(count >= 1 && count <= 4 && position + count <= end);
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (bytes[position++] & 0xFF);
                }
                check(length >= 0);
            }
            check(position + length <= end);
            int[] bounds = {position, position + length};
            position += length;
            return bounds;
        }

        private static void check(boolean condition)
        {
            if (!condition) {
                throw new IllegalArgumentException("malformed DER");
            }
        }
    }

    static byte[] element(int tag, byte[]... parts)
    {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        byte[] contents = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        }
        else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int skip = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - skip));
            out.write(bytes, skip, bytes.length - skip);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }
}
