package dev.bulwark.server.services.iam;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Small wire conventions shared by the IAM operation groups declared outside {@link IamService}: how IAM reports
 * times and documents, and how operations are declared.
 */
final class IamWire
{
    private IamWire() {}

    /** IAM returns policy documents URL-encoded (RFC 3986), as the CLI then decodes them. */
    static String urlEncoded(String document)
    {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** IAM reports times to the second. */
    static Instant seconds(Instant instant)
    {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }

    static String pathOrRoot(String path)
    {
        return path == null || path.isEmpty() ? "/" : path;
    }

    /**
     * Announces, once the transaction commits, that the account's keys or policies changed, so every node's
     * caches drop what they hold for it.
     */
    static void changed(Invocation in)
    {
        in.transaction().publish(IamService.CHANGE_TOPIC_PREFIX + in.accountId());
    }

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> read(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(IamService.SERVICE, name, type, authorization, true, handler);
    }

    static <I extends SdkRequest, O extends SdkResponse> Operation<I, O> write(String name, Class<I> type,
            Operation.Authorization<I> authorization, Operation.Handler<I, O> handler)
    {
        return new Operation<>(IamService.SERVICE, name, type, authorization, false, handler);
    }
}
