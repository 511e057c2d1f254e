package dev.bulwark.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.iam.model.UserSession;
import software.amazon.awssdk.core.SdkPojo;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One CloudTrail event record (eventVersion 1.11), built from what the pipeline learned about a request.
 *
 * @param eventId            unique per event
 * @param eventTime          when the request arrived
 * @param caller             who called; empty when authentication failed before a principal was known
 * @param accessKeyId        the access key presented, known even when authentication failed
 * @param service            the signing name, e.g. {@code iam} (eventSource is {@code iam.amazonaws.com})
 * @param eventName          the operation, or the raw action name when routing failed
 * @param region             the request's region
 * @param sourceIp           the client address
 * @param userAgent          the client's User-Agent
 * @param request            the decoded request, when decoding got that far
 * @param response           the response, for successful mutations (CloudTrail records none for reads)
 * @param errorCode          the AWS error code, for failed requests
 * @param errorMessage       the AWS error message, for failed requests
 * @param requestId          the request ID returned to the client
 * @param readOnly           whether the operation only reads
 * @param recipientAccountId the account the event belongs to
 * @param tls                how the request was protected, when it came over HTTPS
 * @param resources          the resources the call was authorized on (wildcards left out)
 * @param sharedEventId      for a call recorded in two accounts (caller's and resource owner's), the id both copies share
 * @param ownerCopy          true for the resource owner's copy of a call from another account: CloudTrail shows
 *                           that caller as {@code AWSAccount}, with only its principal ID and account
 */
public record CloudTrailEvent(
        String eventId,
        Instant eventTime,
        Optional<Caller> caller,
        Optional<String> accessKeyId,
        String service,
        String eventName,
        String region,
        String sourceIp,
        String userAgent,
        Optional<SdkPojo> request,
        Optional<SdkPojo> response,
        Optional<String> errorCode,
        Optional<String> errorMessage,
        String requestId,
        boolean readOnly,
        String recipientAccountId,
        Optional<TlsDetails> tls,
        List<EventResource> resources,
        Optional<String> sharedEventId,
        boolean ownerCopy)
{
    private static final ObjectMapper JSON = new ObjectMapper();

    public CloudTrailEvent
    {
        requireNonNull(eventId, "eventId is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(service, "service is null");
        requireNonNull(eventName, "eventName is null");
        requireNonNull(region, "region is null");
        requireNonNull(sourceIp, "sourceIp is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(request, "request is null");
        requireNonNull(response, "response is null");
        requireNonNull(errorCode, "errorCode is null");
        requireNonNull(errorMessage, "errorMessage is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(recipientAccountId, "recipientAccountId is null");
        requireNonNull(tls, "tls is null");
        resources = List.copyOf(requireNonNull(resources, "resources is null"));
        requireNonNull(sharedEventId, "sharedEventId is null");
    }

    /** An event without resources, recorded in the caller's account only. */
    public CloudTrailEvent(String eventId, Instant eventTime, Optional<Caller> caller, Optional<String> accessKeyId, String service,
            String eventName, String region, String sourceIp, String userAgent, Optional<SdkPojo> request, Optional<SdkPojo> response,
            Optional<String> errorCode, Optional<String> errorMessage, String requestId, boolean readOnly, String recipientAccountId,
            Optional<TlsDetails> tls)
    {
        this(eventId, eventTime, caller, accessKeyId, service, eventName, region, sourceIp, userAgent, request, response, errorCode,
                errorMessage, requestId, readOnly, recipientAccountId, tls, List.of(), Optional.empty(), false);
    }

    /**
     * The copy CloudTrail records in {@code ownerAccount} when the caller came from another account: a new event ID,
     * the same {@code sharedEventID} as the caller's copy (this event must carry one).
     */
    public CloudTrailEvent forResourceOwner(String ownerAccount, String ownerEventId)
    {
        requireNonNull(ownerAccount, "ownerAccount is null");
        return new CloudTrailEvent(ownerEventId, eventTime, caller, accessKeyId, service, eventName, region, sourceIp, userAgent, request,
                response, errorCode, errorMessage, requestId, readOnly, ownerAccount, tls, resources,
                Optional.of(sharedEventId.orElseThrow(() -> new IllegalStateException("a shared event needs a sharedEventId"))), true);
    }

    /**
     * LookupEvents' {@code Username}: the IAM user's name, {@code root}, the role session's name, the federated
     * user's name or the web identity / SAML subject; empty when nobody was identified.
     */
    public Optional<String> lookupUsername()
    {
        if (caller.isEmpty() || ownerCopy) {
            return Optional.empty();
        }
        Caller who = caller.get();
        return switch (who.kind()) {
            case ROOT -> Optional.of("root");
            case IAM_USER, WEB_IDENTITY_USER, SAML_USER -> who.userName();
            case ASSUMED_ROLE -> who.roleSession().map(session -> session.sessionName());
            case FEDERATED_USER -> Optional.of(who.arn().substring(who.arn().lastIndexOf('/') + 1));
            case ANONYMOUS -> Optional.empty();
        };
    }

    /** LookupEvents' {@code AccessKeyId}: the key that signed the call (none in the resource owner's copy). */
    public Optional<String> lookupAccessKeyId()
    {
        if (ownerCopy) {
            return Optional.empty();
        }
        return caller.flatMap(Caller::accessKeyId).or(() -> accessKeyId);
    }

    public String eventSource()
    {
        return service + ".amazonaws.com";
    }

    /** The record as CloudTrail writes it. */
    public String toJson()
    {
        ObjectNode record = JSON.createObjectNode();
        record.put("eventVersion", "1.11");
        record.set("userIdentity", userIdentity());
        record.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(eventTime.truncatedTo(ChronoUnit.SECONDS)));
        record.put("eventSource", eventSource());
        record.put("eventName", eventName);
        record.put("awsRegion", region);
        record.put("sourceIPAddress", sourceIp);
        record.put("userAgent", userAgent);
        errorCode.ifPresent(code -> record.put("errorCode", code));
        errorMessage.ifPresent(message -> record.put("errorMessage", message));
        record.set("requestParameters", requestParameters());
        record.set("responseElements", response.map(SdkJson::render).orElse(null));
        record.put("requestID", requestId);
        record.put("eventID", eventId);
        record.put("readOnly", readOnly);
        record.put("eventType", "AwsApiCall");
        record.put("managementEvent", true);
        record.put("recipientAccountId", recipientAccountId);
        record.put("eventCategory", "Management");
        if (!resources.isEmpty()) {
            var array = record.putArray("resources");
            resources.forEach(resource -> {
                ObjectNode item = array.addObject();
                if (!resource.accountId().isEmpty()) {
                    item.put("accountId", resource.accountId());
                }
                item.put("type", resource.type());
                item.put("ARN", resource.arn());
            });
        }
        sharedEventId.ifPresent(id -> record.put("sharedEventID", id));
        tls.ifPresent(details -> {
            ObjectNode node = record.putObject("tlsDetails");
            node.put("tlsVersion", details.tlsVersion());
            node.put("cipherSuite", details.cipherSuite());
            node.put("clientProvidedHostHeader", details.clientProvidedHostHeader());
        });
        try {
            return JSON.writeValueAsString(record);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a CloudTrail record", e);
        }
    }

    /**
     * The request as CloudTrail records it. STS adds the session tags the request did not spell out: a chained
     * AssumeRole shows the tags inherited as transitive ({@code incomingTransitiveTags}), AssumeRoleWithSAML and
     * AssumeRoleWithWebIdentity the tags their token passed ({@code principalTags}, {@code transitiveTagKeys}).
     */
    private JsonNode requestParameters()
    {
        JsonNode rendered = request.map(SdkJson::render).orElse(null);
        if (!(rendered instanceof ObjectNode parameters) || caller.isEmpty() || !service.equals("sts")) {
            return rendered;
        }
        Caller who = caller.get();
        if (eventName.equals("AssumeRole")) {
            who.roleSession().map(session -> session.transitiveTags()).filter(tags -> !tags.isEmpty()).ifPresent(tags -> {
                ObjectNode incoming = parameters.putObject("incomingTransitiveTags");
                tags.forEach(tag -> incoming.put(tag.key(), tag.value()));
            });
        }
        who.federation().filter(identity -> !identity.sessionTags().isEmpty()).ifPresent(identity -> {
            ObjectNode principalTags = parameters.putObject("principalTags");
            identity.sessionTags().forEach(tag -> principalTags.put(tag.key(), tag.value()));
            if (!identity.transitiveTagKeys().isEmpty()) {
                identity.transitiveTagKeys().forEach(parameters.putArray("transitiveTagKeys")::add);
            }
        });
        return parameters;
    }

    private JsonNode userIdentity()
    {
        ObjectNode identity = JSON.createObjectNode();
        if (caller.isEmpty()) {
            identity.put("type", "Unknown");
            accessKeyId.ifPresent(key -> identity.put("accessKeyId", key));
            return identity;
        }
        Caller who = caller.get();
        if (ownerCopy) {
            identity.put("type", "AWSAccount");
            identity.put("principalId", who.principalId());
            identity.put("accountId", who.accountId());
            return identity;
        }
        identity.put("type", who.kind().cloudTrailType());
        if (who.kind() == Caller.PrincipalKind.ANONYMOUS) {
            identity.put("principalId", "");
            identity.put("accountId", "anonymous");
            return identity;
        }
        if (who.federation().isPresent()) {
            // WebIdentityUser / SAMLUser: no ARN and no account of their own, the provider that vouched for them.
            identity.put("principalId", who.principalId());
            who.userName().ifPresent(name -> identity.put("userName", name));
            identity.put("identityProvider", who.kind() == Caller.PrincipalKind.SAML_USER
                    ? who.federation().get().nameQualifier().orElse(who.federation().get().provider())
                    : who.federation().get().provider());
            return identity;
        }
        identity.put("principalId", who.principalId());
        identity.put("arn", who.arn());
        identity.put("accountId", who.accountId());
        who.accessKeyId().ifPresent(key -> identity.put("accessKeyId", key));
        who.userName().ifPresent(name -> identity.put("userName", name));
        who.roleSession().ifPresent(session -> {
            ObjectNode context = identity.putObject("sessionContext");
            ObjectNode issuer = context.putObject("sessionIssuer");
            issuer.put("type", "Role");
            issuer.put("principalId", session.role().roleId());
            issuer.put("arn", session.role().arn());
            issuer.put("accountId", session.role().accountId());
            issuer.put("userName", session.role().name());
            ObjectNode attributes = context.putObject("attributes");
            attributes.put("creationDate", DateTimeFormatter.ISO_INSTANT.format(session.issued().truncatedTo(ChronoUnit.SECONDS)));
            attributes.put("mfaAuthenticated", Boolean.toString(session.mfaAuthenticated() != null));
            if (session.sourceIdentity() != null) {
                context.put("sourceIdentity", session.sourceIdentity());
            }
        });
        who.userSession().filter(UserSession::isAssumedRoot).ifPresent(session -> {
            // AssumeRoot: the member's root user, with the session's attributes and assumedRoot.
            ObjectNode context = identity.putObject("sessionContext");
            ObjectNode attributes = context.putObject("attributes");
            attributes.put("creationDate", DateTimeFormatter.ISO_INSTANT.format(session.issued().truncatedTo(ChronoUnit.SECONDS)));
            attributes.put("mfaAuthenticated", "false");
            context.put("assumedRoot", "true");
        });
        who.userSession().filter(session -> !session.isAssumedRoot()).ifPresent(session -> {
            // GetSessionToken: the user (or root) itself with the session's attributes and an empty issuer;
            // GetFederationToken: the federated user, issued by the IAM user whose keys asked for it.
            ObjectNode context = identity.putObject("sessionContext");
            ObjectNode issuer = context.putObject("sessionIssuer");
            if (session.isFederated() && session.isRoot()) {
                issuer.put("type", "Root");
                issuer.put("principalId", session.accountId());
                issuer.put("arn", "arn:aws:iam::" + session.accountId() + ":root");
                issuer.put("accountId", session.accountId());
            }
            else if (session.isFederated()) {
                issuer.put("type", "IAMUser");
                issuer.put("principalId", session.user().userId());
                issuer.put("arn", session.user().arn());
                issuer.put("accountId", session.accountId());
                issuer.put("userName", session.user().name());
            }
            context.putObject("webIdFederationData");
            ObjectNode attributes = context.putObject("attributes");
            attributes.put("creationDate", DateTimeFormatter.ISO_INSTANT.format(session.issued().truncatedTo(ChronoUnit.SECONDS)));
            attributes.put("mfaAuthenticated", Boolean.toString(session.mfaAuthenticated() != null));
        });
        return identity;
    }
}
