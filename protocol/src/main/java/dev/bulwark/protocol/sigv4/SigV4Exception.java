package dev.bulwark.protocol.sigv4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A request failed authentication. Carries the AWS error code, HTTP status and message exactly as AWS
 * answers them for the request's {@link Dialect}; the codec writes them into that service's error shape.
 *
 * <p>{@link #details()} holds the extra elements S3 puts into its {@code <Error>} (for example
 * {@code AWSAccessKeyId}, {@code StringToSign}, {@code SignatureProvided}, {@code CanonicalRequest}), in the
 * order S3 writes them; it is empty for the other dialects.
 */
public final class SigV4Exception
        extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;
    private final Map<String, String> details;

    public SigV4Exception(String code, int httpStatus, String message, Map<String, String> details)
    {
        // No stack trace: these are ordinary answers to bad requests, thrown on the hot path.
        super(requireNonNull(message, "message is null"), null, false, false);
        this.code = requireNonNull(code, "code is null");
        this.httpStatus = httpStatus;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(details, "details is null")));
    }

    public SigV4Exception(String code, int httpStatus, String message)
    {
        this(code, httpStatus, message, Map.of());
    }

    public String code()
    {
        return code;
    }

    public int httpStatus()
    {
        return httpStatus;
    }

    /** True when AWS blames the caller (every SigV4 failure except an internal one). */
    public boolean senderFault()
    {
        return httpStatus < 500;
    }

    public Map<String, String> details()
    {
        return details;
    }
}
