package dev.bulwark.server.services.sts;

import software.amazon.awssdk.services.sts.model.ExpiredTokenException;
import software.amazon.awssdk.services.sts.model.IdpRejectedClaimException;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;

/** STS's wording for web identity and SAML federation failures, in one place. */
final class FederationErrors
{
    private FederationErrors() {}

    static InvalidIdentityTokenException notAJwt()
    {
        return invalidToken("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
    }

    static InvalidIdentityTokenException noOidcProvider(String issuer)
    {
        return invalidToken("No OpenIDConnect provider found in your account for " + issuer);
    }

    static InvalidIdentityTokenException cannotRetrieveKeys()
    {
        // (sic) two spaces, as STS writes it
        return invalidToken("Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements");
    }

    static InvalidIdentityTokenException badSignature()
    {
        return invalidToken("The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.");
    }

    static InvalidIdentityTokenException incorrectAudience()
    {
        return invalidToken("Incorrect token audience");
    }

    static InvalidIdentityTokenException notYetValid()
    {
        return invalidToken("Token is not yet valid");
    }

    static IdpRejectedClaimException missingClaim(String claim)
    {
        return IdpRejectedClaimException.builder().message("The token is missing the required claim " + claim).build();
    }

    static ExpiredTokenException expired(long nowSeconds, long expirationSeconds)
    {
        // (sic) no space before the expiration, as STS writes it
        return ExpiredTokenException.builder()
                .message("Token expired: current date/time " + nowSeconds + " must be before the expiration date/time" + expirationSeconds)
                .build();
    }

    static InvalidIdentityTokenException invalidSamlResponse()
    {
        return invalidToken("Invalid SAML Response");
    }

    static InvalidIdentityTokenException samlSignature()
    {
        return invalidToken("Response signature invalid");
    }

    static InvalidIdentityTokenException samlExpired()
    {
        return invalidToken("Response has expired");
    }

    static InvalidIdentityTokenException samlAudience()
    {
        return invalidToken("SAML Response audience does not match https://signin.aws.amazon.com/saml");
    }

    static InvalidIdentityTokenException samlRecipient()
    {
        return invalidToken("Response Recipient does not match https://signin.aws.amazon.com/saml");
    }

    static InvalidIdentityTokenException samlIssuer()
    {
        return invalidToken("Issuer of SAML Response does not match the issuer of the identity provider");
    }

    static InvalidIdentityTokenException noSamlProvider(String arn)
    {
        return invalidToken("SAML provider " + arn + " does not exist");
    }

    static IdpRejectedClaimException roleNotInAssertion()
    {
        return IdpRejectedClaimException.builder().message("Invalid SAML response: requested role and provider are not in the SAML assertion's Role attribute").build();
    }

    static IdpRejectedClaimException noRoleSessionName()
    {
        return IdpRejectedClaimException.builder().message("RoleSessionName is required in AuthnResponse").build();
    }

    static IdpRejectedClaimException badRoleSessionName()
    {
        return IdpRejectedClaimException.builder().message("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}").build();
    }

    private static InvalidIdentityTokenException invalidToken(String message)
    {
        return InvalidIdentityTokenException.builder().message(message).build();
    }
}
