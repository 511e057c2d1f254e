package dev.bulwark.server.services.iam;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamCredentialStore.ServerCertificate;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.DeleteServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.GetServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListServerCertificateTagsRequest;
import software.amazon.awssdk.services.iam.model.ListServerCertificateTagsResponse;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListServerCertificatesResponse;
import software.amazon.awssdk.services.iam.model.MalformedCertificateException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ServerCertificateMetadata;
import software.amazon.awssdk.services.iam.model.TagServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.TagServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.UntagServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UntagServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.UpdateServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateServerCertificateResponse;
import software.amazon.awssdk.services.iam.model.UploadServerCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadServerCertificateResponse;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.bulwark.server.services.iam.IamCredentialOperations.required;
import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * The account's server certificates (for load balancers and CloudFront where ACM is not used): the certificate, an
 * optional chain and the private key, which must be the certificate's. The key is sealed with the store's
 * SecretBox and is never returned by any operation. Tagging follows IAM's rules (50 keys, case-insensitive) and
 * feeds {@code aws:RequestTag/*}, {@code aws:TagKeys} and, for an existing certificate, {@code aws:ResourceTag/*}
 * to authorization ({@link IamTagConditions}).
 */
final class IamServerCertificateOperations implements ServiceOperations
{
    /** IAM's default quota of server certificates per account (GetAccountSummary's ServerCertificatesQuota). */
    static final int SERVER_CERTIFICATES_PER_ACCOUNT = 20;
    private static final String NOT_PEM = "Unable to parse certificate. Please ensure the certificate is in PEM format.";
    private static final String BAD_CHAIN = "Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, "
            + "followed by any intermediaries in order. The index within the chain of the invalid certificate is: ";
    private static final int ID_ATTEMPTS = 5;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[\\w+=,.@-]+");
    private static final java.util.regex.Pattern PATH = java.util.regex.Pattern.compile("/|/[\\u0021-\\u007E]+/");

    private final Store store;
    private final IamCredentialStore credentials;
    private final Function<String, String> ids;

    IamServerCertificateOperations(Store store, IamCredentialStore credentials, Function<String, String> ids)
    {
        this.store = requireNonNull(store, "store is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("UploadServerCertificate", UploadServerCertificateRequest.class,
                        (in, r) -> List.of(new Access("iam:UploadServerCertificate", arn(in.accountId(), pathOrRoot(r.path()), r.serverCertificateName()),
                                IamTagConditions.requestTags(unchecked(r.hasTags() ? r.tags() : List.of())))),
                        this::uploadServerCertificate),
                read("GetServerCertificate", GetServerCertificateRequest.class,
                        (in, r) -> certificateAccess(in, "iam:GetServerCertificate", r.serverCertificateName(), Map.of()), this::getServerCertificate),
                read("ListServerCertificates", ListServerCertificatesRequest.class, (in, r) -> List.of(Access.of("iam:ListServerCertificates", "*")),
                        this::listServerCertificates),
                write("UpdateServerCertificate", UpdateServerCertificateRequest.class, this::updateAccess, this::updateServerCertificate),
                write("DeleteServerCertificate", DeleteServerCertificateRequest.class,
                        (in, r) -> certificateAccess(in, "iam:DeleteServerCertificate", r.serverCertificateName(), Map.of()), this::deleteServerCertificate),
                write("TagServerCertificate", TagServerCertificateRequest.class,
                        (in, r) -> certificateAccess(in, "iam:TagServerCertificate", r.serverCertificateName(),
                                IamTagConditions.requestTags(unchecked(r.hasTags() ? r.tags() : List.of()))),
                        this::tagServerCertificate),
                write("UntagServerCertificate", UntagServerCertificateRequest.class,
                        (in, r) -> certificateAccess(in, "iam:UntagServerCertificate", r.serverCertificateName(),
                                IamTagConditions.removedTags(r.hasTagKeys() ? r.tagKeys() : List.of())),
                        this::untagServerCertificate),
                read("ListServerCertificateTags", ListServerCertificateTagsRequest.class,
                        (in, r) -> certificateAccess(in, "iam:ListServerCertificateTags", r.serverCertificateName(), Map.of()),
                        this::listServerCertificateTags));
    }

    private UploadServerCertificateResponse uploadServerCertificate(Invocation in, UploadServerCertificateRequest request)
    {
        String name = checkName(required(request.serverCertificateName(), "serverCertificateName"), "serverCertificateName");
        String path = request.path() == null ? "/" : checkPath(request.path(), "path");
        String body = required(request.certificateBody(), "certificateBody");
        String privateKeyPem = required(request.privateKey(), "privateKey");
        List<Tag> tags = IamTags.fromSdk(request.hasTags() ? request.tags() : null);
        IamTags.checkLimit(List.of(), tags);
        if (credentials.findServerCertificate(in.transaction(), in.accountId(), name).isPresent()) {
            throw alreadyExists(name);
        }
        X509Certificate certificate;
        try {
            certificate = CertificateMaterial.certificate(body);
        }
        catch (CertificateMaterial.BadMaterialException e) {
            throw malformed(NOT_PEM);
        }
        PrivateKey privateKey;
        try {
            privateKey = CertificateMaterial.privateKey(privateKeyPem);
        }
        catch (CertificateMaterial.BadMaterialException e) {
            // UNSURE of AWS's wording; code and status are what IAM answers for unusable material
            throw malformed("Unable to parse private key. Please ensure the private key is an unencrypted RSA or EC key in PEM format.");
        }
        if (!CertificateMaterial.matches(certificate, privateKey)) {
            // UNSURE of AWS's exact wording
            throw malformed("The private key does not match the public key in the certificate.");
        }
        try {
            certificate.checkValidity(Date.from(in.now()));
        }
        catch (GeneralSecurityException e) {
            // UNSURE of AWS's wording: IAM refuses a certificate outside its validity period with MalformedCertificate
            throw malformed("The certificate is not valid at the current time: it is valid from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant() + ".");
        }
        String chain = request.certificateChain();
        if (chain != null) {
            checkChain(certificate, chain);
        }
        if (credentials.countServerCertificates(in.transaction(), in.accountId()) >= SERVER_CERTIFICATES_PER_ACCOUNT) {
            // UNSURE of the quota's name in AWS's message; the pattern is IAM's
            throw LimitExceededException.builder().message("Cannot exceed quota for ServerCertificatesPerAccount: " + SERVER_CERTIFICATES_PER_ACCOUNT).build();
        }
        Instant uploaded = credentials.now();
        Instant expiration = certificate.getNotAfter().toInstant();
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            ServerCertificate created = new ServerCertificate(ids.apply("ASCA"), in.accountId(), name, path, body, chain, expiration, uploaded);
            try {
                if (credentials.insertServerCertificate(in.transaction(), created, privateKeyPem, tags)) {
                    return UploadServerCertificateResponse.builder().serverCertificateMetadata(metadata(created))
                            .tags(tags.isEmpty() ? null : IamTags.toSdk(tags)).build();
                }
            }
            catch (DuplicateKeyException e) {
                throw alreadyExists(name);
            }
        }
        throw new IllegalStateException("no free server certificate id after " + ID_ATTEMPTS + " attempts");
    }

    /** The chain must start with the certificate's issuer and go up in order, each signing the one before. */
    private static void checkChain(X509Certificate certificate, String chain)
    {
        List<X509Certificate> issuers;
        try {
            issuers = CertificateMaterial.certificates(chain);
        }
        catch (CertificateMaterial.BadMaterialException e) {
            throw malformed(BAD_CHAIN + "-1");
        }
        if (!signs(issuers.get(0), certificate)) {
            throw malformed(BAD_CHAIN + "0");
        }
        for (int i = 1; i < issuers.size(); i++) {
            if (!signs(issuers.get(i), issuers.get(i - 1))) {
                throw malformed(BAD_CHAIN + i);
            }
        }
    }

    private static boolean signs(X509Certificate issuer, X509Certificate subject)
    {
        if (!issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        }
        catch (GeneralSecurityException e) {
            return false;
        }
    }

    private GetServerCertificateResponse getServerCertificate(Invocation in, GetServerCertificateRequest request)
    {
        ServerCertificate certificate = existing(in, request.serverCertificateName());
        return GetServerCertificateResponse.builder().serverCertificate(software.amazon.awssdk.services.iam.model.ServerCertificate.builder()
                .serverCertificateMetadata(metadata(certificate))
                .certificateBody(certificate.body())
                .certificateChain(certificate.chain())
                .tags(IamTags.toSdk(credentials.serverCertificateTags(in.transaction(), certificate)))
                .build()).build();
    }

    private ListServerCertificatesResponse listServerCertificates(Invocation in, ListServerCertificatesRequest request)
    {
        int maxItems = request.maxItems() == null ? IamStore.DEFAULT_MAX_ITEMS : request.maxItems();
        Page<ServerCertificate> page;
        try {
            page = credentials.listServerCertificates(in.transaction(), in.accountId(), request.pathPrefix(), request.marker(), maxItems);
        }
        catch (IllegalArgumentException e) {
            throw AwsErrorException.sender("ValidationError", 400, "Invalid Marker.");
        }
        return ListServerCertificatesResponse.builder()
                .serverCertificateMetadataList(page.items().stream().map(IamServerCertificateOperations::metadata).toList())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }

    private UpdateServerCertificateResponse updateServerCertificate(Invocation in, UpdateServerCertificateRequest request)
    {
        ServerCertificate certificate = existing(in, request.serverCertificateName());
        if (request.newServerCertificateName() != null) {
            checkName(request.newServerCertificateName(), "newServerCertificateName");
        }
        if (request.newPath() != null) {
            checkPath(request.newPath(), "newPath");
        }
        try {
            credentials.updateServerCertificate(in.transaction(), certificate, request.newServerCertificateName(), request.newPath());
        }
        catch (DuplicateKeyException e) {
            throw alreadyExists(request.newServerCertificateName());
        }
        return UpdateServerCertificateResponse.builder().build();
    }

    /** As for UpdateUser, a rename or move is authorized on the certificate as it is and as it will be. */
    private List<Access> updateAccess(Invocation in, UpdateServerCertificateRequest request)
    {
        List<Access> accesses = new ArrayList<>(certificateAccess(in, "iam:UpdateServerCertificate", request.serverCertificateName(), Map.of()));
        Optional<ServerCertificate> current = store.readOnly(tx -> credentials.findServerCertificate(tx, in.accountId(), request.serverCertificateName()));
        String path = request.newPath() != null ? request.newPath() : current.map(ServerCertificate::path).orElse("/");
        String name = request.newServerCertificateName() != null ? request.newServerCertificateName() : request.serverCertificateName();
        String newArn = arn(in.accountId(), path, name);
        if (!accesses.get(0).resource().equals(newArn)) {
            accesses.add(Access.of("iam:UpdateServerCertificate", newArn));
        }
        return accesses;
    }

    private DeleteServerCertificateResponse deleteServerCertificate(Invocation in, DeleteServerCertificateRequest request)
    {
        credentials.deleteServerCertificate(in.transaction(), existing(in, request.serverCertificateName()));
        return DeleteServerCertificateResponse.builder().build();
    }

    private TagServerCertificateResponse tagServerCertificate(Invocation in, TagServerCertificateRequest request)
    {
        ServerCertificate certificate = existing(in, request.serverCertificateName());
        List<Tag> tags = IamTags.fromSdk(request.hasTags() ? request.tags() : null);
        IamTags.checkLimit(credentials.serverCertificateTags(in.transaction(), certificate), tags);
        credentials.tagServerCertificate(in.transaction(), certificate, tags);
        return TagServerCertificateResponse.builder().build();
    }

    private UntagServerCertificateResponse untagServerCertificate(Invocation in, UntagServerCertificateRequest request)
    {
        ServerCertificate certificate = existing(in, request.serverCertificateName());
        credentials.untagServerCertificate(in.transaction(), certificate, request.hasTagKeys() ? request.tagKeys() : List.of());
        return UntagServerCertificateResponse.builder().build();
    }

    private ListServerCertificateTagsResponse listServerCertificateTags(Invocation in, ListServerCertificateTagsRequest request)
    {
        ServerCertificate certificate = existing(in, request.serverCertificateName());
        IamCredentialOperations.Paged<Tag> page = IamCredentialOperations.Paged.of(credentials.serverCertificateTags(in.transaction(), certificate),
                Tag::key, request.marker(), request.maxItems());
        return ListServerCertificateTagsResponse.builder().tags(IamTags.toSdk(page.items())).isTruncated(page.nextMarker() != null)
                .marker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- helpers

    private ServerCertificate existing(Invocation in, String name)
    {
        String target = required(name, "serverCertificateName");
        return credentials.findServerCertificate(in.transaction(), in.accountId(), target).orElseThrow(() -> noSuchCertificate(target));
    }

    /**
     * The certificate's ARN (with its path) and its tags as {@code aws:ResourceTag/*} when it exists, else the ARN
     * it would have at the root path; plus the request's own condition keys.
     */
    private List<Access> certificateAccess(Invocation in, String action, String name, Map<String, List<String>> requestKeys)
    {
        if (name == null) {
            return List.of(new Access(action, "*", requestKeys));
        }
        Optional<Map.Entry<ServerCertificate, List<Tag>>> found = store.readOnly(tx -> credentials.findServerCertificate(tx, in.accountId(), name)
                .map(certificate -> Map.entry(certificate, credentials.serverCertificateTags(tx, certificate))));
        String arn = found.map(entry -> entry.getKey().arn()).orElse(arn(in.accountId(), "/", name));
        Map<String, List<String>> keys = new HashMap<>(requestKeys);
        found.ifPresent(entry -> keys.putAll(IamTagConditions.resourceTags(entry.getValue())));
        return List.of(new Access(action, arn, keys));
    }

    /**
     * The request's tags as condition keys, without IamTags' checks: authorization must not fail on them, the
     * handler answers a duplicate key with IAM's InvalidInput.
     */
    private static List<Tag> unchecked(List<software.amazon.awssdk.services.iam.model.Tag> tags)
    {
        return tags.stream().map(tag -> new Tag(tag.key() == null ? "" : tag.key(), tag.value() == null ? "" : tag.value())).toList();
    }

    private static ServerCertificateMetadata metadata(ServerCertificate certificate)
    {
        return ServerCertificateMetadata.builder()
                .path(certificate.path())
                .serverCertificateName(certificate.name())
                .serverCertificateId(certificate.certificateId())
                .arn(certificate.arn())
                .uploadDate(seconds(certificate.uploaded()))
                .expiration(seconds(certificate.expiration()))
                .build();
    }

    private static String arn(String accountId, String path, String name)
    {
        return "arn:aws:iam::" + accountId + ":server-certificate" + path + name;
    }

    private static String pathOrRoot(String path)
    {
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** IAM's ValidationError for a name outside {@code [\w+=,.@-]+}, 1 to 128 characters. */
    private static String checkName(String name, String member)
    {
        if (name.isEmpty() || name.length() > 128) {
            throw validation(name, member, "Member must have length " + (name.isEmpty() ? "greater than or equal to 1" : "less than or equal to 128"));
        }
        if (!NAME.matcher(name).matches()) {
            throw validation(name, member, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
        }
        return name;
    }

    /** IAM's ValidationError for a path that is not "/" or "/.../" over printable ASCII, at most 512 characters. */
    private static String checkPath(String path, String member)
    {
        if (path.isEmpty() || path.length() > 512) {
            throw validation(path, member, "Member must have length " + (path.isEmpty() ? "greater than or equal to 1" : "less than or equal to 512"));
        }
        if (!PATH.matcher(path).matches()) {
            throw validation(path, member, "Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        }
        return path;
    }

    private static AwsErrorException validation(String value, String member, String constraint)
    {
        return AwsErrorException.sender("ValidationError", 400, "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    private static MalformedCertificateException malformed(String message)
    {
        return MalformedCertificateException.builder().message(message).build();
    }

    private static NoSuchEntityException noSuchCertificate(String name)
    {
        return NoSuchEntityException.builder().message("The Server Certificate with name " + name + " cannot be found.").build();
    }

    private static EntityAlreadyExistsException alreadyExists(String name)
    {
        return EntityAlreadyExistsException.builder().message("The Server Certificate with name " + name + " already exists.").build();
    }
}
