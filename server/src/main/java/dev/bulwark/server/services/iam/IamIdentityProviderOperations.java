package dev.bulwark.server.services.iam;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.OidcProvider;
import dev.bulwark.server.services.iam.model.SamlProvider;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * IAM identity providers: OpenID Connect providers (issuer URL, client IDs, thumbprints) and SAML providers
 * (metadata document with the IdP's signing certificates), with their tags. STS's AssumeRoleWithWebIdentity
 * and AssumeRoleWithSAML trust the tokens these providers describe.
 */
public final class IamIdentityProviderOperations implements ServiceOperations
{
    /** IAM allows at most this many thumbprints per OIDC provider. */
    static final int MAX_THUMBPRINTS = 5;
    /** IAM allows at most this many client IDs per OIDC provider. */
    static final int MAX_CLIENT_IDS = 100;

    private final Store store;
    private final IdentityProviderStore providers;

    public IamIdentityProviderOperations(Store store, IdentityProviderStore providers)
    {
        this.store = requireNonNull(store, "store is null");
        this.providers = requireNonNull(providers, "providers is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateOpenIDConnectProvider", CreateOpenIdConnectProviderRequest.class,
                        (in, r) -> List.of(new Access("iam:CreateOpenIDConnectProvider", OidcProvider.arnOf(in.accountId(), stripScheme(r.url())), requestTagKeys(r.tags()))),
                        this::createOidc),
                read("GetOpenIDConnectProvider", GetOpenIdConnectProviderRequest.class,
                        (in, r) -> oidcAccess("iam:GetOpenIDConnectProvider", r.openIDConnectProviderArn(), Map.of()), this::getOidc),
                read("ListOpenIDConnectProviders", ListOpenIdConnectProvidersRequest.class,
                        (in, r) -> List.of(Access.of("iam:ListOpenIDConnectProviders", "*")), this::listOidc),
                write("DeleteOpenIDConnectProvider", DeleteOpenIdConnectProviderRequest.class,
                        (in, r) -> oidcAccess("iam:DeleteOpenIDConnectProvider", r.openIDConnectProviderArn(), Map.of()), this::deleteOidc),
                write("AddClientIDToOpenIDConnectProvider", AddClientIdToOpenIdConnectProviderRequest.class,
                        (in, r) -> oidcAccess("iam:AddClientIDToOpenIDConnectProvider", r.openIDConnectProviderArn(), Map.of()), this::addClientId),
                write("RemoveClientIDFromOpenIDConnectProvider", RemoveClientIdFromOpenIdConnectProviderRequest.class,
                        (in, r) -> oidcAccess("iam:RemoveClientIDFromOpenIDConnectProvider", r.openIDConnectProviderArn(), Map.of()), this::removeClientId),
                write("UpdateOpenIDConnectProviderThumbprint", UpdateOpenIdConnectProviderThumbprintRequest.class,
                        (in, r) -> oidcAccess("iam:UpdateOpenIDConnectProviderThumbprint", r.openIDConnectProviderArn(), Map.of()), this::updateThumbprints),
                write("TagOpenIDConnectProvider", TagOpenIdConnectProviderRequest.class,
                        (in, r) -> oidcAccess("iam:TagOpenIDConnectProvider", r.openIDConnectProviderArn(), requestTagKeys(r.tags())), this::tagOidc),
                write("UntagOpenIDConnectProvider", UntagOpenIdConnectProviderRequest.class,
                        (in, r) -> oidcAccess("iam:UntagOpenIDConnectProvider", r.openIDConnectProviderArn(), tagKeys(r.tagKeys())), this::untagOidc),
                read("ListOpenIDConnectProviderTags", ListOpenIdConnectProviderTagsRequest.class,
                        (in, r) -> oidcAccess("iam:ListOpenIDConnectProviderTags", r.openIDConnectProviderArn(), Map.of()), this::listOidcTags),

                write("CreateSAMLProvider", CreateSamlProviderRequest.class,
                        (in, r) -> List.of(new Access("iam:CreateSAMLProvider", SamlProvider.arnOf(in.accountId(), r.name()), requestTagKeys(r.tags()))), this::createSaml),
                read("GetSAMLProvider", GetSamlProviderRequest.class,
                        (in, r) -> samlAccess("iam:GetSAMLProvider", r.samlProviderArn(), Map.of()), this::getSaml),
                read("ListSAMLProviders", ListSamlProvidersRequest.class, (in, r) -> List.of(Access.of("iam:ListSAMLProviders", "*")), this::listSaml),
                write("UpdateSAMLProvider", UpdateSamlProviderRequest.class,
                        (in, r) -> samlAccess("iam:UpdateSAMLProvider", r.samlProviderArn(), Map.of()), this::updateSaml),
                write("DeleteSAMLProvider", DeleteSamlProviderRequest.class,
                        (in, r) -> samlAccess("iam:DeleteSAMLProvider", r.samlProviderArn(), Map.of()), this::deleteSaml),
                write("TagSAMLProvider", TagSamlProviderRequest.class,
                        (in, r) -> samlAccess("iam:TagSAMLProvider", r.samlProviderArn(), requestTagKeys(r.tags())), this::tagSaml),
                write("UntagSAMLProvider", UntagSamlProviderRequest.class,
                        (in, r) -> samlAccess("iam:UntagSAMLProvider", r.samlProviderArn(), tagKeys(r.tagKeys())), this::untagSaml),
                read("ListSAMLProviderTags", ListSamlProviderTagsRequest.class,
                        (in, r) -> samlAccess("iam:ListSAMLProviderTags", r.samlProviderArn(), Map.of()), this::listSamlTags));
    }

    // ---------------------------------------------------------------- OpenID Connect

    private CreateOpenIdConnectProviderResponse createOidc(Invocation in, CreateOpenIdConnectProviderRequest request)
    {
        String url = request.url();
        if (!url.startsWith("https://") || stripScheme(url).isEmpty() || url.contains("?") || url.contains("#")) {
            throw new AwsErrorException("ValidationError", 400, true, "Invalid Open ID Connect Provider URL");
        }
        List<String> thumbprints = thumbprints(request.thumbprintList());
        List<String> clientIds = distinct(request.clientIDList());
        if (clientIds.size() > MAX_CLIENT_IDS) {
            throw clientIdQuota();
        }
        List<Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(List.of(), tags);
        OidcProvider provider;
        try {
            provider = providers.createOidc(in.transaction(), in.accountId(), stripScheme(url), clientIds, thumbprints, in.now());
        }
        catch (DuplicateKeyException e) {
            throw EntityAlreadyExistsException.builder().message("Provider with url " + url + " already exists.").build();
        }
        providers.tag(in.transaction(), IdentityProviderStore.OIDC_TAG_OWNER, provider.arn(), tags);
        return CreateOpenIdConnectProviderResponse.builder().openIDConnectProviderArn(provider.arn()).tags(IamTags.toSdk(tags)).build();
    }

    private GetOpenIdConnectProviderResponse getOidc(Invocation in, GetOpenIdConnectProviderRequest request)
    {
        OidcProvider provider = existingOidc(in, request.openIDConnectProviderArn());
        return GetOpenIdConnectProviderResponse.builder()
                .url(provider.url())
                .clientIDList(provider.clientIds())
                .thumbprintList(provider.thumbprints())
                .createDate(seconds(provider.created()))
                .tags(IamTags.toSdk(providers.tags(in.transaction(), IdentityProviderStore.OIDC_TAG_OWNER, provider.arn())))
                .build();
    }

    private ListOpenIdConnectProvidersResponse listOidc(Invocation in, ListOpenIdConnectProvidersRequest request)
    {
        return ListOpenIdConnectProvidersResponse.builder()
                .openIDConnectProviderList(providers.listOidc(in.transaction(), in.accountId()).stream()
                        .map(provider -> OpenIDConnectProviderListEntry.builder().arn(provider.arn()).build())
                        .toList())
                .build();
    }

    private DeleteOpenIdConnectProviderResponse deleteOidc(Invocation in, DeleteOpenIdConnectProviderRequest request)
    {
        // IAM: idempotent, "it does not fail or return an error if you call the operation for a provider that does not exist".
        providers.findOidc(in.transaction(), request.openIDConnectProviderArn())
                .filter(provider -> provider.accountId().equals(in.accountId()))
                .ifPresent(provider -> providers.deleteOidc(in.transaction(), provider));
        return DeleteOpenIdConnectProviderResponse.builder().build();
    }

    private AddClientIdToOpenIdConnectProviderResponse addClientId(Invocation in, AddClientIdToOpenIdConnectProviderRequest request)
    {
        OidcProvider provider = existingOidc(in, request.openIDConnectProviderArn());
        if (!provider.clientIds().contains(request.clientID())) {
            List<String> clientIds = new ArrayList<>(provider.clientIds());
            clientIds.add(request.clientID());
            if (clientIds.size() > MAX_CLIENT_IDS) {
                throw clientIdQuota();
            }
            providers.updateOidc(in.transaction(), new OidcProvider(provider.accountId(), provider.arn(), provider.url(), clientIds,
                    provider.thumbprints(), provider.created()));
        }
        return AddClientIdToOpenIdConnectProviderResponse.builder().build();
    }

    private RemoveClientIdFromOpenIdConnectProviderResponse removeClientId(Invocation in, RemoveClientIdFromOpenIdConnectProviderRequest request)
    {
        OidcProvider provider = existingOidc(in, request.openIDConnectProviderArn());
        // IAM: removing a client ID the provider does not have "the action returns successfully".
        List<String> clientIds = provider.clientIds().stream().filter(id -> !id.equals(request.clientID())).toList();
        providers.updateOidc(in.transaction(), new OidcProvider(provider.accountId(), provider.arn(), provider.url(), clientIds,
                provider.thumbprints(), provider.created()));
        return RemoveClientIdFromOpenIdConnectProviderResponse.builder().build();
    }

    private UpdateOpenIdConnectProviderThumbprintResponse updateThumbprints(Invocation in, UpdateOpenIdConnectProviderThumbprintRequest request)
    {
        OidcProvider provider = existingOidc(in, request.openIDConnectProviderArn());
        providers.updateOidc(in.transaction(), new OidcProvider(provider.accountId(), provider.arn(), provider.url(), provider.clientIds(),
                thumbprints(request.thumbprintList()), provider.created()));
        return UpdateOpenIdConnectProviderThumbprintResponse.builder().build();
    }

    private TagOpenIdConnectProviderResponse tagOidc(Invocation in, TagOpenIdConnectProviderRequest request)
    {
        OidcProvider provider = existingOidc(in, request.openIDConnectProviderArn());
        tag(in, IdentityProviderStore.OIDC_TAG_OWNER, provider.arn(), request.tags());
        return TagOpenIdConnectProviderResponse.builder().build();
    }

    private UntagOpenIdConnectProviderResponse untagOidc(Invocation in, UntagOpenIdConnectProviderRequest request)
    {
        OidcProvider provider = existingOidc(in, request.openIDConnectProviderArn());
        providers.untag(in.transaction(), IdentityProviderStore.OIDC_TAG_OWNER, provider.arn(), request.tagKeys());
        return UntagOpenIdConnectProviderResponse.builder().build();
    }

    private ListOpenIdConnectProviderTagsResponse listOidcTags(Invocation in, ListOpenIdConnectProviderTagsRequest request)
    {
        OidcProvider provider = existingOidc(in, request.openIDConnectProviderArn());
        IamListPaging.Slice<software.amazon.awssdk.services.iam.model.Tag> page = IamListPaging.page(
                IamTags.toSdk(providers.tags(in.transaction(), IdentityProviderStore.OIDC_TAG_OWNER, provider.arn())), request.marker(), request.maxItems());
        return ListOpenIdConnectProviderTagsResponse.builder()
                .tags(page.items())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private OidcProvider existingOidc(Invocation in, String arn)
    {
        return providers.findOidc(in.transaction(), arn)
                .filter(provider -> provider.accountId().equals(in.accountId()))
                .orElseThrow(() -> NoSuchEntityException.builder().message("OpenIDConnect Provider not found for arn " + arn).build());
    }

    // ---------------------------------------------------------------- SAML

    private CreateSamlProviderResponse createSaml(Invocation in, CreateSamlProviderRequest request)
    {
        SamlMetadata metadata = SamlMetadata.parse(request.samlMetadataDocument());
        List<Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(List.of(), tags);
        SamlProvider provider;
        try {
            provider = providers.createSaml(in.transaction(), in.accountId(), request.name(), request.samlMetadataDocument(),
                    metadata.expiration(), in.now());
        }
        catch (DuplicateKeyException e) {
            throw EntityAlreadyExistsException.builder().message("Provider with name " + request.name() + " already exists.").build();
        }
        providers.tag(in.transaction(), IdentityProviderStore.SAML_TAG_OWNER, provider.arn(), tags);
        return CreateSamlProviderResponse.builder().samlProviderArn(provider.arn()).tags(IamTags.toSdk(tags)).build();
    }

    private GetSamlProviderResponse getSaml(Invocation in, GetSamlProviderRequest request)
    {
        SamlProvider provider = existingSaml(in, request.samlProviderArn());
        return GetSamlProviderResponse.builder()
                .samlProviderUUID(provider.uuid())
                .samlMetadataDocument(provider.metadata())
                .createDate(seconds(provider.created()))
                .validUntil(seconds(provider.validUntil()))
                .tags(IamTags.toSdk(providers.tags(in.transaction(), IdentityProviderStore.SAML_TAG_OWNER, provider.arn())))
                .build();
    }

    private ListSamlProvidersResponse listSaml(Invocation in, ListSamlProvidersRequest request)
    {
        return ListSamlProvidersResponse.builder()
                .samlProviderList(providers.listSaml(in.transaction(), in.accountId()).stream()
                        .map(provider -> SAMLProviderListEntry.builder().arn(provider.arn()).createDate(seconds(provider.created()))
                                .validUntil(seconds(provider.validUntil())).build())
                        .toList())
                .build();
    }

    private UpdateSamlProviderResponse updateSaml(Invocation in, UpdateSamlProviderRequest request)
    {
        SamlProvider provider = existingSaml(in, request.samlProviderArn());
        if (request.samlMetadataDocument() != null) {
            SamlMetadata metadata = SamlMetadata.parse(request.samlMetadataDocument());
            providers.updateSaml(in.transaction(), provider, request.samlMetadataDocument(), metadata.expiration());
        }
        return UpdateSamlProviderResponse.builder().samlProviderArn(provider.arn()).build();
    }

    private DeleteSamlProviderResponse deleteSaml(Invocation in, DeleteSamlProviderRequest request)
    {
        providers.deleteSaml(in.transaction(), existingSaml(in, request.samlProviderArn()));
        return DeleteSamlProviderResponse.builder().build();
    }

    private TagSamlProviderResponse tagSaml(Invocation in, TagSamlProviderRequest request)
    {
        SamlProvider provider = existingSaml(in, request.samlProviderArn());
        tag(in, IdentityProviderStore.SAML_TAG_OWNER, provider.arn(), request.tags());
        return TagSamlProviderResponse.builder().build();
    }

    private UntagSamlProviderResponse untagSaml(Invocation in, UntagSamlProviderRequest request)
    {
        SamlProvider provider = existingSaml(in, request.samlProviderArn());
        providers.untag(in.transaction(), IdentityProviderStore.SAML_TAG_OWNER, provider.arn(), request.tagKeys());
        return UntagSamlProviderResponse.builder().build();
    }

    private ListSamlProviderTagsResponse listSamlTags(Invocation in, ListSamlProviderTagsRequest request)
    {
        SamlProvider provider = existingSaml(in, request.samlProviderArn());
        IamListPaging.Slice<software.amazon.awssdk.services.iam.model.Tag> page = IamListPaging.page(
                IamTags.toSdk(providers.tags(in.transaction(), IdentityProviderStore.SAML_TAG_OWNER, provider.arn())), request.marker(), request.maxItems());
        return ListSamlProviderTagsResponse.builder()
                .tags(page.items())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private SamlProvider existingSaml(Invocation in, String arn)
    {
        return providers.findSaml(in.transaction(), arn)
                .filter(provider -> provider.accountId().equals(in.accountId()))
                .orElseThrow(() -> NoSuchEntityException.builder().message("Manifest not found for arn " + arn).build());
    }

    // ---------------------------------------------------------------- shared

    private void tag(Invocation in, String ownerKind, String arn, List<software.amazon.awssdk.services.iam.model.Tag> requested)
    {
        List<Tag> tags = IamTags.fromSdk(requested);
        IamTags.checkLimit(providers.tags(in.transaction(), ownerKind, arn), tags);
        providers.tag(in.transaction(), ownerKind, arn, tags);
    }

    /** The issuer as IAM names it in the provider's ARN and GetOpenIDConnectProvider: without {@code https://}. */
    static String stripScheme(String url)
    {
        return url.regionMatches(true, 0, "https://", 0, 8) ? url.substring(8) : url;
    }

    private static List<String> thumbprints(List<String> given)
    {
        List<String> thumbprints = distinct(given).stream().map(thumbprint -> thumbprint.toLowerCase(Locale.ROOT)).distinct().toList();
        if (thumbprints.size() > MAX_THUMBPRINTS) {
            throw InvalidInputException.builder().message("Thumbprint list must contain fewer than 5 entries.").build();
        }
        for (String thumbprint : thumbprints) {
            if (!thumbprint.matches("[0-9a-f]{40}")) {
                throw InvalidInputException.builder().message("Thumbprint " + thumbprint + " is not a hex-encoded SHA-1 hash.").build();
            }
        }
        return thumbprints;
    }

    private static List<String> distinct(List<String> values)
    {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    private static LimitExceededException clientIdQuota()
    {
        return LimitExceededException.builder().message("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: " + MAX_CLIENT_IDS).build();
    }

    /** Creating or tagging: {@code aws:RequestTag/KEY} for each tag and {@code aws:TagKeys}, as IAM's authorization reference lists. */
    static Map<String, List<String>> requestTagKeys(List<software.amazon.awssdk.services.iam.model.Tag> tags)
    {
        Map<String, List<String>> keys = new HashMap<>();
        if (tags != null && !tags.isEmpty()) {
            for (software.amazon.awssdk.services.iam.model.Tag tag : tags) {
                keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value() == null ? "" : tag.value()));
            }
            keys.put("aws:TagKeys", tags.stream().map(software.amazon.awssdk.services.iam.model.Tag::key).toList());
        }
        return keys;
    }

    static Map<String, List<String>> tagKeys(List<String> tagKeys)
    {
        return tagKeys == null || tagKeys.isEmpty() ? Map.of() : Map.of("aws:TagKeys", List.copyOf(tagKeys));
    }

    /** An existing provider's tags are its {@code aws:ResourceTag/KEY} (and IAM's alias {@code iam:ResourceTag/KEY}). */
    private List<Access> oidcAccess(String action, String arn, Map<String, List<String>> requestKeys)
    {
        return List.of(new Access(action, arn, withResourceTags(requestKeys, IdentityProviderStore.OIDC_TAG_OWNER, arn)));
    }

    private List<Access> samlAccess(String action, String arn, Map<String, List<String>> requestKeys)
    {
        return List.of(new Access(action, arn, withResourceTags(requestKeys, IdentityProviderStore.SAML_TAG_OWNER, arn)));
    }

    private Map<String, List<String>> withResourceTags(Map<String, List<String>> requestKeys, String ownerKind, String arn)
    {
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        for (Tag tag : store.readOnly(tx -> providers.tags(tx, ownerKind, arn))) {
            keys.put("aws:ResourceTag/" + tag.key(), List.of(tag.value()));
            keys.put("iam:ResourceTag/" + tag.key(), List.of(tag.value()));
        }
        return keys;
    }
}
