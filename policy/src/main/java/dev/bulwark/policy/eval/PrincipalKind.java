package dev.bulwark.policy.eval;

/** What kind of caller a request principal is; principal matching and several evaluation rules depend on it. */
public enum PrincipalKind
{
    /** {@code arn:aws:iam::ACCOUNT:root}. */
    ROOT,
    /** {@code arn:aws:iam::ACCOUNT:user/path/name}. */
    USER,
    /** {@code arn:aws:iam::ACCOUNT:role/path/name}, when a role itself is the caller. */
    ROLE,
    /** {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}. */
    ASSUMED_ROLE,
    /** {@code arn:aws:sts::ACCOUNT:federated-user/NAME}. */
    FEDERATED_USER,
    /** An AWS service principal such as {@code cloudtrail.amazonaws.com}. */
    SERVICE,
    /**
     * A caller vouched for by an external identity provider ({@code AssumeRoleWithWebIdentity} /
     * {@code AssumeRoleWithSAML}), named by the provider: {@code cognito-identity.amazonaws.com},
     * {@code arn:aws:iam::ACCOUNT:saml-provider/NAME}, {@code arn:aws:iam::ACCOUNT:oidc-provider/HOST}.
     * Trust policies match it with the {@code Federated} principal element.
     */
    FEDERATED_IDENTITY,
    /** An unauthenticated caller. */
    ANONYMOUS
}
