package dev.bulwark.policy.eval;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The caller of a request, parsed once from its ARN (or service name, or {@code anonymous}).
 *
 * @param arn the principal ARN as AWS names it in AccessDenied messages; the service name for service principals;
 *        {@code anonymous} for unauthenticated callers
 * @param accountId the caller's account, empty for service principals and anonymous callers
 * @param roleName for an assumed-role session, the role's name (session ARNs carry no role path)
 */
public record RequestPrincipal(PrincipalKind kind, String arn, Optional<String> accountId, Optional<String> roleName)
{
    /** The spelling of an unauthenticated caller in requests and in the oracle's case format. */
    public static final String ANONYMOUS = "anonymous";

    public RequestPrincipal
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(accountId, "accountId is null");
        requireNonNull(roleName, "roleName is null");
    }

    /** A caller authenticated by an external identity provider, named by that provider's name or ARN. */
    public static RequestPrincipal federatedIdentity(String provider)
    {
        requireNonNull(provider, "provider is null");
        if (provider.isEmpty()) {
            throw new IllegalArgumentException("provider is empty");
        }
        return new RequestPrincipal(PrincipalKind.FEDERATED_IDENTITY, provider, Optional.empty(), Optional.empty());
    }

    /**
     * Parses {@code arn:aws:iam::A:root|user/..|role/..}, {@code arn:aws:sts::A:assumed-role/R/S|federated-user/N},
     * a service principal name or {@code anonymous}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static RequestPrincipal parse(String text)
    {
        requireNonNull(text, "text is null");
        if (text.equals(ANONYMOUS)) {
            return new RequestPrincipal(PrincipalKind.ANONYMOUS, text, Optional.empty(), Optional.empty());
        }
        if (!text.startsWith("arn:")) {
            if (text.isEmpty() || text.contains(":")) {
                throw new IllegalArgumentException("not a principal: " + text);
            }
            return new RequestPrincipal(PrincipalKind.SERVICE, text, Optional.empty(), Optional.empty());
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || parts[4].isEmpty()) {
            throw new IllegalArgumentException("not a principal ARN: " + text);
        }
        Optional<String> account = Optional.of(parts[4]);
        String service = parts[2];
        String resource = parts[5];
        if (service.equals("iam")) {
            if (resource.equals("root")) {
                return new RequestPrincipal(PrincipalKind.ROOT, text, account, Optional.empty());
            }
            if (resource.startsWith("user/")) {
                return new RequestPrincipal(PrincipalKind.USER, text, account, Optional.empty());
            }
            if (resource.startsWith("role/")) {
                return new RequestPrincipal(PrincipalKind.ROLE, text, account, Optional.of(lastSegment(resource)));
            }
        }
        if (service.equals("sts")) {
            if (resource.startsWith("assumed-role/")) {
                String[] names = resource.split("/");
                if (names.length != 3) {
                    throw new IllegalArgumentException("not an assumed-role ARN: " + text);
                }
                return new RequestPrincipal(PrincipalKind.ASSUMED_ROLE, text, account, Optional.of(names[1]));
            }
            if (resource.startsWith("federated-user/")) {
                return new RequestPrincipal(PrincipalKind.FEDERATED_USER, text, account, Optional.empty());
            }
        }
        throw new IllegalArgumentException("not a principal ARN: " + text);
    }

    /** Whether the caller signed the request as an IAM identity (not anonymous, a service or an external identity). */
    public boolean isIamIdentity()
    {
        return kind != PrincipalKind.ANONYMOUS && kind != PrincipalKind.SERVICE && kind != PrincipalKind.FEDERATED_IDENTITY;
    }

    private static String lastSegment(String resource)
    {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}
