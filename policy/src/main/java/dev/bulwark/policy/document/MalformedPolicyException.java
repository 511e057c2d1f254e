package dev.bulwark.policy.document;

/**
 * A policy document IAM would reject with {@code MalformedPolicyDocument}. The message is IAM's wording, so the
 * server can put it on the wire unchanged; the factories below are the only place that wording lives.
 */
public final class MalformedPolicyException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private MalformedPolicyException(String message)
    {
        super(message);
    }

    /** Bad JSON, a wrong element type, an unknown element, or a missing/invalid Effect. */
    public static MalformedPolicyException syntaxErrors()
    {
        return new MalformedPolicyException("Syntax errors in policy.");
    }

    /** IAM's legacy parser rejects some near-miss values (Effect in the wrong case, unparsable dates, short ARNs). */
    public static MalformedPolicyException failedLegacyParsing()
    {
        return new MalformedPolicyException("The policy failed legacy parsing");
    }

    public static MalformedPolicyException versionTooOld()
    {
        return new MalformedPolicyException("Policy document must be version 2012-10-17 or greater.");
    }

    public static MalformedPolicyException duplicateSid()
    {
        return new MalformedPolicyException("Statement IDs (SID) in a single policy must be unique.");
    }

    public static MalformedPolicyException missingActions()
    {
        return new MalformedPolicyException("Policy statement must contain actions.");
    }

    public static MalformedPolicyException missingResources()
    {
        return new MalformedPolicyException("Policy statement must contain resources.");
    }

    public static MalformedPolicyException missingPrincipal()
    {
        return new MalformedPolicyException("Missing required field Principal");
    }

    public static MalformedPolicyException prohibitedPrincipal()
    {
        return new MalformedPolicyException("Policy document should not specify a principal.");
    }

    public static MalformedPolicyException actionWithoutVendor()
    {
        return new MalformedPolicyException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
    }

    public static MalformedPolicyException actionWithManyColons()
    {
        return new MalformedPolicyException("Actions/Condition can contain only one colon.");
    }

    public static MalformedPolicyException invalidVendor(String vendor)
    {
        return new MalformedPolicyException("Vendor " + vendor + " is not valid");
    }

    public static MalformedPolicyException resourceNotArn(String resource)
    {
        return new MalformedPolicyException("Resource " + resource + " must be in ARN format or \"*\".");
    }

    public static MalformedPolicyException invalidPartition(String partition, String resource)
    {
        return new MalformedPolicyException("Partition \"" + partition + "\" is not valid for resource \"" + resource + "\".");
    }

    public static MalformedPolicyException prohibitedResource()
    {
        return new MalformedPolicyException("Has prohibited field Resource.");
    }

    /** AWS's wording, two spaces included, though trust policies may also allow sts:TagSession and the like. */
    public static MalformedPolicyException invalidTrustAction()
    {
        return new MalformedPolicyException("Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity");
    }

    public static MalformedPolicyException unqualifiedVendor()
    {
        return new MalformedPolicyException("Resource vendor must be fully qualified and cannot contain regexes.");
    }

    public static MalformedPolicyException iamResourceWithRegion(String resource)
    {
        return new MalformedPolicyException("IAM resource " + resource + " cannot contain region information.");
    }

    public static MalformedPolicyException resourceWithRegion(String resource)
    {
        return new MalformedPolicyException("Resource " + resource + " can not contain region information.");
    }

    public static MalformedPolicyException invalidIamResourcePath()
    {
        return new MalformedPolicyException("IAM resource path must either be \"*\" or start with user/, federated-user/, role/, group/, instance-profile/, "
                + "mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.");
    }

    public static MalformedPolicyException invalidPrincipal(String type, String value)
    {
        return new MalformedPolicyException("Invalid principal in policy: \"" + type + "\":\"" + value + "\"");
    }
}
