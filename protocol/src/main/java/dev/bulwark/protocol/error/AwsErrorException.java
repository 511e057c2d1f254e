package dev.bulwark.protocol.error;

import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An error to answer in the AWS wire shape of the caller's protocol. The codec chooses the shape; this carries
 * what every shape needs: the code ({@code NoSuchEntity}, {@code ValidationException}), the HTTP status,
 * whether the caller is at fault ({@code Sender}) or the service ({@code Receiver}), and the message.
 *
 * <p>{@code extraFields} are extra child elements some services add to the error (S3's {@code BucketName},
 * {@code Key}, {@code Resource}...), written in insertion order after the message.
 */
public final class AwsErrorException
        extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int httpStatus;
    private final boolean senderFault;
    private final Map<String, String> extraFields;

    public AwsErrorException(String code, int httpStatus, boolean senderFault, String message)
    {
        this(code, httpStatus, senderFault, message, Map.of(), null);
    }

    public AwsErrorException(String code, int httpStatus, boolean senderFault, String message, Map<String, String> extraFields, Throwable cause)
    {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
        this.httpStatus = httpStatus;
        this.senderFault = senderFault;
        this.extraFields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(extraFields, "extraFields is null")));
    }

    /** A client-side (4xx, Sender) error. */
    public static AwsErrorException sender(String code, int httpStatus, String message)
    {
        return new AwsErrorException(code, httpStatus, true, message);
    }

    /** The same error with extra fields added (S3). */
    public AwsErrorException withExtraFields(Map<String, String> fields)
    {
        Map<String, String> all = new LinkedHashMap<>(extraFields);
        all.putAll(fields);
        return new AwsErrorException(code, httpStatus, senderFault, getMessage(), all, getCause());
    }

    public String code()
    {
        return code;
    }

    public int httpStatus()
    {
        return httpStatus;
    }

    public boolean senderFault()
    {
        return senderFault;
    }

    /** The message, possibly null: AWS omits it for some errors. */
    public String message()
    {
        return getMessage();
    }

    public Map<String, String> extraFields()
    {
        return extraFields;
    }

    @Override
    public String toString()
    {
        return "AwsErrorException[" + code + ", " + httpStatus + "]: " + getMessage();
    }
}
