package dev.bulwark.protocol.route;

import dev.bulwark.protocol.codec.ProtocolCodec;
import dev.bulwark.protocol.error.AwsErrorException;

import static java.util.Objects.requireNonNull;

/**
 * The request names a known service but none of its operations. Carries the AWS error to answer
 * ({@code InvalidAction}, {@code UnknownOperationException}...) and the service's codec to answer it with.
 */
public final class UnknownOperationException
        extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient ProtocolCodec codec;
    private final AwsErrorException error;

    public UnknownOperationException(ProtocolCodec codec, AwsErrorException error)
    {
        super(error.getMessage(), error);
        this.codec = requireNonNull(codec, "codec is null");
        this.error = error;
    }

    public ProtocolCodec codec()
    {
        return codec;
    }

    public AwsErrorException error()
    {
        return error;
    }
}
