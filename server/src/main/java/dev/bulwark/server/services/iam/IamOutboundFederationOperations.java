package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import software.amazon.awssdk.services.iam.model.DisableOutboundWebIdentityFederationRequest;
import software.amazon.awssdk.services.iam.model.DisableOutboundWebIdentityFederationResponse;
import software.amazon.awssdk.services.iam.model.EnableOutboundWebIdentityFederationRequest;
import software.amazon.awssdk.services.iam.model.EnableOutboundWebIdentityFederationResponse;
import software.amazon.awssdk.services.iam.model.FeatureDisabledException;
import software.amazon.awssdk.services.iam.model.FeatureEnabledException;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoRequest;
import software.amazon.awssdk.services.iam.model.GetOutboundWebIdentityFederationInfoResponse;
import software.amazon.awssdk.services.iam.model.SetSecurityTokenServicePreferencesRequest;
import software.amazon.awssdk.services.iam.model.SetSecurityTokenServicePreferencesResponse;

import java.util.List;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Account-wide settings of the security token service: outbound web identity federation (Enable/Disable/
 * GetOutboundWebIdentityFederationInfo) and SetSecurityTokenServicePreferences. All act on the account, so their
 * resource is {@code *} as in the service authorization reference, and none has a condition key of its own.
 *
 * <p>What AWS answers, as observed on real accounts: enabling twice is {@code FeatureEnabled} (409); disabling, and
 * also reading the info, while the feature is off is {@code FeatureDisabled} (404) — so a successful
 * GetOutboundWebIdentityFederationInfo always reports {@code JwtVendingEnabled=true}. Disabling keeps the issuer and
 * its keys (enabling again answers the same IssuerIdentifier) and the issuer's discovery documents stay published,
 * so tokens issued before still verify.
 */
public final class IamOutboundFederationOperations implements ServiceOperations
{
    public static final String V1_TOKEN = "v1Token";
    public static final String V2_TOKEN = "v2Token";

    private final OutboundFederationStore outbound;

    public IamOutboundFederationOperations(OutboundFederationStore outbound)
    {
        this.outbound = requireNonNull(outbound, "outbound is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("EnableOutboundWebIdentityFederation", EnableOutboundWebIdentityFederationRequest.class,
                        (in, r) -> List.of(Access.of("iam:EnableOutboundWebIdentityFederation", "*")), this::enable),
                write("DisableOutboundWebIdentityFederation", DisableOutboundWebIdentityFederationRequest.class,
                        (in, r) -> List.of(Access.of("iam:DisableOutboundWebIdentityFederation", "*")), this::disable),
                read("GetOutboundWebIdentityFederationInfo", GetOutboundWebIdentityFederationInfoRequest.class,
                        (in, r) -> List.of(Access.of("iam:GetOutboundWebIdentityFederationInfo", "*")), this::info),
                write("SetSecurityTokenServicePreferences", SetSecurityTokenServicePreferencesRequest.class,
                        (in, r) -> List.of(Access.of("iam:SetSecurityTokenServicePreferences", "*")), this::setPreferences));
    }

    private EnableOutboundWebIdentityFederationResponse enable(Invocation in, EnableOutboundWebIdentityFederationRequest request)
    {
        String issuerId = outbound.find(in.transaction(), in.accountId())
                .map(issuer -> {
                    if (issuer.enabled()) {
                        throw featureEnabled(in);
                    }
                    outbound.setEnabled(in.transaction(), in.accountId(), true, in.now());
                    return issuer.issuerId();
                })
                // a concurrent first enable that committed meanwhile wins; this one answers as a second enable
                .orElseGet(() -> outbound.create(in.transaction(), in.accountId(), in.now()).orElseThrow(() -> featureEnabled(in)).issuerId());
        return EnableOutboundWebIdentityFederationResponse.builder().issuerIdentifier(outbound.issuerUrl(issuerId)).build();
    }

    private DisableOutboundWebIdentityFederationResponse disable(Invocation in, DisableOutboundWebIdentityFederationRequest request)
    {
        enabledIssuer(in);
        outbound.setEnabled(in.transaction(), in.accountId(), false, in.now());
        return DisableOutboundWebIdentityFederationResponse.builder().build();
    }

    private GetOutboundWebIdentityFederationInfoResponse info(Invocation in, GetOutboundWebIdentityFederationInfoRequest request)
    {
        OutboundFederationStore.Issuer issuer = enabledIssuer(in);
        return GetOutboundWebIdentityFederationInfoResponse.builder()
                .issuerIdentifier(outbound.issuerUrl(issuer.issuerId()))
                .jwtVendingEnabled(issuer.enabled())
                .build();
    }

    private SetSecurityTokenServicePreferencesResponse setPreferences(Invocation in, SetSecurityTokenServicePreferencesRequest request)
    {
        // The codec has already checked the value against the model's enum (v1Token, v2Token).
        outbound.setGlobalEndpointTokenVersion(in.transaction(), in.accountId(), request.globalEndpointTokenVersionAsString());
        return SetSecurityTokenServicePreferencesResponse.builder().build();
    }

    private static FeatureEnabledException featureEnabled(Invocation in)
    {
        return FeatureEnabledException.builder().message("Outbound identity federation is already enabled for account " + in.accountId()).build();
    }

    private OutboundFederationStore.Issuer enabledIssuer(Invocation in)
    {
        return outbound.find(in.transaction(), in.accountId())
                .filter(OutboundFederationStore.Issuer::enabled)
                .orElseThrow(() -> FeatureDisabledException.builder()
                        .message("Outbound identity federation is disabled for account " + in.accountId()).build());
    }

    /** {@code GlobalEndpointTokenVersion} as GetAccountSummary reports it: 1 unless the account chose v2 tokens. */
    public static int summaryTokenVersion(String preference)
    {
        return V2_TOKEN.equals(preference) ? 2 : 1;
    }
}
