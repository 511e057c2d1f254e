package dev.bulwark.server.services.iam;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamCredentialStore.ServiceCredential;
import dev.bulwark.server.services.iam.IamCredentialStore.SigningCertificate;
import dev.bulwark.server.services.iam.IamCredentialStore.SshKey;
import dev.bulwark.server.services.iam.model.AccessKeyStatus;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Passwords;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.CreateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.DeleteServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.DeleteSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.DuplicateCertificateException;
import software.amazon.awssdk.services.iam.model.DuplicateSshPublicKeyException;
import software.amazon.awssdk.services.iam.model.EncodingType;
import software.amazon.awssdk.services.iam.model.GetSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.GetSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.InvalidCertificateException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsRequest;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesRequest;
import software.amazon.awssdk.services.iam.model.ListSigningCertificatesResponse;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysRequest;
import software.amazon.awssdk.services.iam.model.ListSshPublicKeysResponse;
import software.amazon.awssdk.services.iam.model.MalformedCertificateException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ResetServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.ResetServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.SSHPublicKey;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.ServiceNotSupportedException;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.UnrecognizedPublicKeyEncodingException;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialRequest;
import software.amazon.awssdk.services.iam.model.UpdateServiceSpecificCredentialResponse;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UpdateSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UpdateSshPublicKeyResponse;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateRequest;
import software.amazon.awssdk.services.iam.model.UploadSigningCertificateResponse;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyRequest;
import software.amazon.awssdk.services.iam.model.UploadSshPublicKeyResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * The credentials IAM keeps for users beside access keys and passwords: SSH public keys for CodeCommit, X.509 signing
 * certificates (also the root's, when the root calls without a user name) and service-specific credentials
 * (CodeCommit and Amazon Keyspaces user names and passwords; Bedrock and CloudWatch Logs API keys). Server certificates are the account's, not a user's;
 * they are in {@link IamServerCertificateOperations}, registered together with these.
 *
 * <p>None of these credentials signs requests to Bulwark itself, so none of them changes authorization and no
 * operation here announces a change.
 */
public final class IamCredentialOperations implements ServiceOperations
{
    /** IAM's quota of SSH public keys per user. */
    static final int SSH_KEYS_PER_USER = 5;
    /** IAM's quota of signing certificates per user (and for the root). */
    static final int CERTIFICATES_PER_USER = 2;
    /** IAM's quota of service-specific credentials per user and service. */
    static final int SERVICE_CREDENTIALS_PER_SERVICE = 2;
    /** The services whose credentials are a generated user name and password (CodeCommit, Amazon Keyspaces). */
    static final Set<String> PASSWORD_SERVICES = Set.of("codecommit.amazonaws.com", "cassandra.amazonaws.com");
    /**
     * The services whose credentials are API keys (an alias and a secret bearer token, optionally expiring after
     * CredentialAgeDays), with the prefix of their secret. UNSURE: Bedrock's long-term keys start with ABSK; the
     * CloudWatch Logs prefix and the exact alias suffix AWS appends ("version and creation information") are ours.
     */
    static final Map<String, String> API_KEY_SERVICES = Map.of("bedrock.amazonaws.com", "ABSK", "logs.amazonaws.com", "ACWL");
    /** CredentialAgeDays' range in IAM's model. */
    static final int MAX_CREDENTIAL_AGE_DAYS = 36600;
    /** Service passwords are 32 random bytes in base64 (44 characters), as IAM's look. */
    private static final int SERVICE_PASSWORD_BYTES = 32;
    /** RFC 4648 base32, the alphabet of AWS's ids. */
    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int UNIQUE_ID_SUFFIX = 17;
    private static final int ID_ATTEMPTS = 5;

    private final Store store;
    private final IamStore iam;
    private final IamCredentialStore credentials;
    private final Passwords passwords;
    private final SecureRandom random;
    private final IamServerCertificateOperations serverCertificates;

    public IamCredentialOperations(Store store, IamStore iam)
    {
        this(store, iam, new IamCredentialStore(iam.secrets(), iam.clock()), Passwords.standard(), new SecureRandom());
    }

    IamCredentialOperations(Store store, IamStore iam, IamCredentialStore credentials, Passwords passwords, SecureRandom random)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.passwords = requireNonNull(passwords, "passwords is null");
        this.random = requireNonNull(random, "random is null");
        this.serverCertificates = new IamServerCertificateOperations(store, credentials, this::uniqueId);
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> operations = new ArrayList<>(List.of(
                write("UploadSSHPublicKey", UploadSshPublicKeyRequest.class, (in, r) -> userAccess(in, "iam:UploadSSHPublicKey", r.userName()),
                        this::uploadSshPublicKey),
                read("GetSSHPublicKey", GetSshPublicKeyRequest.class, (in, r) -> userAccess(in, "iam:GetSSHPublicKey", r.userName()), this::getSshPublicKey),
                read("ListSSHPublicKeys", ListSshPublicKeysRequest.class, (in, r) -> userAccess(in, "iam:ListSSHPublicKeys", r.userName()),
                        this::listSshPublicKeys),
                write("UpdateSSHPublicKey", UpdateSshPublicKeyRequest.class, (in, r) -> userAccess(in, "iam:UpdateSSHPublicKey", r.userName()),
                        this::updateSshPublicKey),
                write("DeleteSSHPublicKey", DeleteSshPublicKeyRequest.class, (in, r) -> userAccess(in, "iam:DeleteSSHPublicKey", r.userName()),
                        this::deleteSshPublicKey),
                write("UploadSigningCertificate", UploadSigningCertificateRequest.class,
                        (in, r) -> userAccess(in, "iam:UploadSigningCertificate", r.userName()), this::uploadSigningCertificate),
                read("ListSigningCertificates", ListSigningCertificatesRequest.class,
                        (in, r) -> userAccess(in, "iam:ListSigningCertificates", r.userName()), this::listSigningCertificates),
                write("UpdateSigningCertificate", UpdateSigningCertificateRequest.class,
                        (in, r) -> userAccess(in, "iam:UpdateSigningCertificate", r.userName()), this::updateSigningCertificate),
                write("DeleteSigningCertificate", DeleteSigningCertificateRequest.class,
                        (in, r) -> userAccess(in, "iam:DeleteSigningCertificate", r.userName()), this::deleteSigningCertificate),
                write("CreateServiceSpecificCredential", CreateServiceSpecificCredentialRequest.class, this::createServiceSpecificCredentialAccess,
                        this::createServiceSpecificCredential),
                read("ListServiceSpecificCredentials", ListServiceSpecificCredentialsRequest.class,
                        (in, r) -> Boolean.TRUE.equals(r.allUsers()) && r.userName() == null
                                ? List.of(Access.of("iam:ListServiceSpecificCredentials", "*"))
                                : userAccess(in, "iam:ListServiceSpecificCredentials", r.userName()),
                        this::listServiceSpecificCredentials),
                write("ResetServiceSpecificCredential", ResetServiceSpecificCredentialRequest.class,
                        (in, r) -> userAccess(in, "iam:ResetServiceSpecificCredential", r.userName()), this::resetServiceSpecificCredential),
                write("UpdateServiceSpecificCredential", UpdateServiceSpecificCredentialRequest.class,
                        (in, r) -> userAccess(in, "iam:UpdateServiceSpecificCredential", r.userName()), this::updateServiceSpecificCredential),
                write("DeleteServiceSpecificCredential", DeleteServiceSpecificCredentialRequest.class,
                        (in, r) -> userAccess(in, "iam:DeleteServiceSpecificCredential", r.userName()), this::deleteServiceSpecificCredential)));
        operations.addAll(serverCertificates.operations());
        return List.copyOf(operations);
    }

    // ---------------------------------------------------------------- SSH public keys

    private UploadSshPublicKeyResponse uploadSshPublicKey(Invocation in, UploadSshPublicKeyRequest request)
    {
        User user = existingUser(in, required(request.userName(), "userName"));
        String body = required(request.sshPublicKeyBody(), "sSHPublicKeyBody");
        RSAPublicKey key = SshPublicKeys.parse(body);
        String fingerprint = SshPublicKeys.fingerprint(key);
        if (credentials.findSshKeyByFingerprint(in.transaction(), user, fingerprint).isPresent()) {
            // UNSURE of AWS's wording; code and status are the model's
            throw DuplicateSshPublicKeyException.builder().message("The SSH public key is already associated with the user " + user.name() + ".").build();
        }
        if (credentials.listSshKeys(in.transaction(), user).size() >= SSH_KEYS_PER_USER) {
            // UNSURE of the quota's name in AWS's message; the pattern is IAM's ("Cannot exceed quota for AccessKeysPerUser: 2")
            throw LimitExceededException.builder().message("Cannot exceed quota for SSHPublicKeysPerUser: " + SSH_KEYS_PER_USER).build();
        }
        Instant uploaded = credentials.now();
        String stored = body.strip();
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String keyId = uniqueId("APKA");
            if (credentials.insertSshKey(in.transaction(), user, keyId, stored, fingerprint, uploaded)) {
                SshKey created = new SshKey(keyId, user.accountId(), user.userId(), user.name(), stored, fingerprint, AccessKeyStatus.ACTIVE, uploaded);
                return UploadSshPublicKeyResponse.builder().sshPublicKey(toSdk(created, stored)).build();
            }
        }
        throw new IllegalStateException("no free SSH public key id after " + ID_ATTEMPTS + " attempts");
    }

    /** The key in the encoding asked for: SSH ({@code ssh-rsa ...}) or PEM, converted from what was uploaded. */
    private GetSshPublicKeyResponse getSshPublicKey(Invocation in, GetSshPublicKeyRequest request)
    {
        User user = existingUser(in, required(request.userName(), "userName"));
        SshKey key = existingSshKey(in, user, required(request.sshPublicKeyId(), "sSHPublicKeyId"));
        EncodingType encoding = request.encoding();
        if (encoding == null || encoding == EncodingType.UNKNOWN_TO_SDK_VERSION) {
            // UNSURE of AWS's wording; code and status are the model's
            throw UnrecognizedPublicKeyEncodingException.builder()
                    .message("Encoding " + request.encodingAsString() + " is not supported. Use SSH or PEM.").build();
        }
        RSAPublicKey parsed = SshPublicKeys.parse(key.body());
        String body = encoding == EncodingType.PEM ? SshPublicKeys.toPem(parsed) : SshPublicKeys.toSsh(parsed);
        return GetSshPublicKeyResponse.builder().sshPublicKey(toSdk(key, body)).build();
    }

    private ListSshPublicKeysResponse listSshPublicKeys(Invocation in, ListSshPublicKeysRequest request)
    {
        User user = existingUser(in, request.userName());
        Paged<SshKey> page = Paged.of(credentials.listSshKeys(in.transaction(), user), SshKey::keyId, request.marker(), request.maxItems());
        return ListSshPublicKeysResponse.builder()
                .sshPublicKeys(page.items().stream().map(key -> SSHPublicKeyMetadata.builder().userName(key.userName()).sshPublicKeyId(key.keyId())
                        .status(key.status().wireValue()).uploadDate(seconds(key.uploaded())).build()).toList())
                .isTruncated(page.nextMarker() != null)
                .marker(page.nextMarker())
                .build();
    }

    private UpdateSshPublicKeyResponse updateSshPublicKey(Invocation in, UpdateSshPublicKeyRequest request)
    {
        User user = existingUser(in, required(request.userName(), "userName"));
        SshKey key = existingSshKey(in, user, required(request.sshPublicKeyId(), "sSHPublicKeyId"));
        credentials.updateSshKeyStatus(in.transaction(), user, key.keyId(), status(request.statusAsString()));
        return UpdateSshPublicKeyResponse.builder().build();
    }

    private DeleteSshPublicKeyResponse deleteSshPublicKey(Invocation in, DeleteSshPublicKeyRequest request)
    {
        User user = existingUser(in, required(request.userName(), "userName"));
        SshKey key = existingSshKey(in, user, required(request.sshPublicKeyId(), "sSHPublicKeyId"));
        credentials.deleteSshKey(in.transaction(), user, key.keyId());
        return DeleteSshPublicKeyResponse.builder().build();
    }

    private SshKey existingSshKey(Invocation in, User user, String keyId)
    {
        return credentials.findSshKey(in.transaction(), user, keyId)
                .orElseThrow(() -> NoSuchEntityException.builder().message("The Public Key with id " + keyId + " cannot be found.").build());
    }

    private static SSHPublicKey toSdk(SshKey key, String body)
    {
        return SSHPublicKey.builder().userName(key.userName()).sshPublicKeyId(key.keyId()).fingerprint(key.fingerprint()).sshPublicKeyBody(body)
                .status(key.status().wireValue()).uploadDate(seconds(key.uploaded())).build();
    }

    // ---------------------------------------------------------------- signing certificates

    private UploadSigningCertificateResponse uploadSigningCertificate(Invocation in, UploadSigningCertificateRequest request)
    {
        Optional<User> user = certificateOwner(in, request.userName());
        String body = required(request.certificateBody(), "certificateBody");
        X509Certificate certificate;
        try {
            certificate = CertificateMaterial.certificate(body);
        }
        catch (CertificateMaterial.BadMaterialException e) {
            throw MalformedCertificateException.builder().message("Certificate " + body + " is malformed.").build();
        }
        try {
            certificate.checkValidity(Date.from(in.now()));
        }
        catch (CertificateExpiredException | CertificateNotYetValidException e) {
            // UNSURE of AWS's wording; IAM refuses signing certificates outside their validity period
            throw InvalidCertificateException.builder().message("Certificate " + certificateIdOf(certificate) + " is not valid at the current time.").build();
        }
        String certificateId = certificateIdOf(certificate);
        Optional<SigningCertificate> existing = credentials.findSigningCertificate(in.transaction(), in.accountId(), certificateId);
        if (existing.isPresent()) {
            // UNSURE of AWS's wording; code and status are the model's
            throw DuplicateCertificateException.builder().message("The Certificate with id " + certificateId + " already exists.").build();
        }
        if (credentials.listSigningCertificates(in.transaction(), in.accountId(), user.orElse(null)).size() >= CERTIFICATES_PER_USER) {
            throw LimitExceededException.builder().message("Cannot exceed quota for CertificatesPerUser: " + CERTIFICATES_PER_USER).build();
        }
        Instant uploaded = credentials.now();
        if (!credentials.insertSigningCertificate(in.transaction(), in.accountId(), user.orElse(null), certificateId, body, uploaded)) {
            throw DuplicateCertificateException.builder().message("The Certificate with id " + certificateId + " already exists.").build();
        }
        SigningCertificate created = new SigningCertificate(certificateId, in.accountId(), user.map(User::userId).orElse(null),
                user.map(User::name).orElse(null), body, AccessKeyStatus.ACTIVE, uploaded);
        return UploadSigningCertificateResponse.builder().certificate(toSdk(created)).build();
    }

    private ListSigningCertificatesResponse listSigningCertificates(Invocation in, ListSigningCertificatesRequest request)
    {
        Optional<User> user = certificateOwner(in, request.userName());
        Paged<SigningCertificate> page = Paged.of(credentials.listSigningCertificates(in.transaction(), in.accountId(), user.orElse(null)),
                SigningCertificate::certificateId, request.marker(), request.maxItems());
        return ListSigningCertificatesResponse.builder()
                .certificates(page.items().stream().map(IamCredentialOperations::toSdk).toList())
                .isTruncated(page.nextMarker() != null)
                .marker(page.nextMarker())
                .build();
    }

    private UpdateSigningCertificateResponse updateSigningCertificate(Invocation in, UpdateSigningCertificateRequest request)
    {
        Optional<User> user = certificateOwner(in, request.userName());
        SigningCertificate certificate = existingSigningCertificate(in, user, required(request.certificateId(), "certificateId"));
        credentials.updateSigningCertificateStatus(in.transaction(), certificate, status(request.statusAsString()));
        return UpdateSigningCertificateResponse.builder().build();
    }

    private DeleteSigningCertificateResponse deleteSigningCertificate(Invocation in, DeleteSigningCertificateRequest request)
    {
        Optional<User> user = certificateOwner(in, request.userName());
        SigningCertificate certificate = existingSigningCertificate(in, user, required(request.certificateId(), "certificateId"));
        credentials.deleteSigningCertificate(in.transaction(), certificate);
        return DeleteSigningCertificateResponse.builder().build();
    }

    private SigningCertificate existingSigningCertificate(Invocation in, Optional<User> user, String certificateId)
    {
        String holder = user.map(User::userId).orElse(null);
        return credentials.findSigningCertificate(in.transaction(), in.accountId(), certificateId)
                .filter(certificate -> java.util.Objects.equals(certificate.userId(), holder))
                .orElseThrow(() -> NoSuchEntityException.builder().message("The Certificate with id " + certificateId + " cannot be found.").build());
    }

    /** The named user; without a name the calling IAM user, or (empty) the account's root when the root calls. */
    private Optional<User> certificateOwner(Invocation in, String name)
    {
        if (name == null && in.caller().kind() == Caller.PrincipalKind.ROOT) {
            return Optional.empty();
        }
        return Optional.of(existingUser(in, name));
    }

    /**
     * A signing certificate's id: base32 of the SHA-1 of its DER encoding (32 characters over AWS's id alphabet), so
     * the same certificate has the same id however its PEM is wrapped.
     */
    static String certificateIdOf(X509Certificate certificate)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(CertificateMaterial.encoded(certificate));
            return base32(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable in this JDK", e);
        }
    }

    private static software.amazon.awssdk.services.iam.model.SigningCertificate toSdk(SigningCertificate certificate)
    {
        return software.amazon.awssdk.services.iam.model.SigningCertificate.builder()
                .userName(certificate.userName())
                .certificateId(certificate.certificateId())
                .certificateBody(certificate.body())
                .status(certificate.status().wireValue())
                .uploadDate(seconds(certificate.uploaded()))
                .build();
    }

    // ---------------------------------------------------------------- service-specific credentials

    private CreateServiceSpecificCredentialResponse createServiceSpecificCredential(Invocation in, CreateServiceSpecificCredentialRequest request)
    {
        User user = existingUser(in, required(request.userName(), "userName"));
        String serviceName = supportedService(required(request.serviceName(), "serviceName"));
        Integer ageDays = request.credentialAgeDays();
        if (ageDays != null) {
            if (ageDays < 1 || ageDays > MAX_CREDENTIAL_AGE_DAYS) {
                throw AwsErrorException.sender("ValidationError", 400, "1 validation error detected: Value '" + ageDays + "' at 'credentialAgeDays' "
                        + "failed to satisfy constraint: Member must have value " + (ageDays < 1 ? "greater than or equal to 1" : "less than or equal to "
                        + MAX_CREDENTIAL_AGE_DAYS));
            }
            if (!API_KEY_SERVICES.containsKey(serviceName)) {
                // UNSURE of AWS's wording: CredentialAgeDays is documented as valid only for Bedrock and CloudWatch Logs API keys
                throw InvalidInputException.builder().message("CredentialAgeDays is only supported for Bedrock and CloudWatch Logs API keys.").build();
            }
        }
        Instant created = credentials.now();
        long active = credentials.listServiceCredentials(in.transaction(), user, serviceName).stream()
                .filter(credential -> !credential.isExpired(created))
                .count();
        if (active >= SERVICE_CREDENTIALS_PER_SERVICE) {
            // UNSURE of the quota's name in AWS's message; the pattern is IAM's
            throw LimitExceededException.builder()
                    .message("Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: " + SERVICE_CREDENTIALS_PER_SERVICE).build();
        }
        boolean apiKey = API_KEY_SERVICES.containsKey(serviceName);
        String alias = apiKey ? user.name() + "-at-" + in.accountId() : null;
        String secret = apiKey ? apiKeySecret(serviceName, alias) : servicePassword();
        String hash = passwords.hash(secret);
        Instant expiration = ageDays == null ? null : created.plus(java.time.Duration.ofDays(ageDays));
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            ServiceCredential credential = new ServiceCredential(uniqueId("ACCA"), in.accountId(), user.userId(), user.name(), serviceName,
                    apiKey ? null : user.name() + "-at-" + in.accountId(), hash, AccessKeyStatus.ACTIVE, created, alias, expiration);
            if (credentials.insertServiceCredential(in.transaction(), credential)) {
                return CreateServiceSpecificCredentialResponse.builder().serviceSpecificCredential(toSdk(credential, secret, created)).build();
            }
        }
        throw new IllegalStateException("no free service-specific credential id after " + ID_ATTEMPTS + " attempts");
    }

    /** The user, plus IAM's condition keys for the service and (API keys) the requested age. */
    private List<Access> createServiceSpecificCredentialAccess(Invocation in, CreateServiceSpecificCredentialRequest request)
    {
        Map<String, List<String>> conditions = new java.util.HashMap<>();
        if (request.serviceName() != null) {
            conditions.put("iam:ServiceSpecificCredentialServiceName", List.of(request.serviceName()));
        }
        if (request.credentialAgeDays() != null) {
            conditions.put("iam:ServiceSpecificCredentialAgeDays", List.of(request.credentialAgeDays().toString()));
        }
        return userAccess(in, "iam:CreateServiceSpecificCredential", request.userName()).stream()
                .map(access -> new Access(access.action(), access.resource(), conditions))
                .toList();
    }

    private ListServiceSpecificCredentialsResponse listServiceSpecificCredentials(Invocation in, ListServiceSpecificCredentialsRequest request)
    {
        String serviceName = request.serviceName() == null ? null : supportedService(request.serviceName());
        List<ServiceCredential> all;
        if (Boolean.TRUE.equals(request.allUsers())) {
            if (request.userName() != null) {
                // UNSURE of AWS's wording; the model says AllUsers cannot be specified together with UserName
                throw InvalidInputException.builder().message("AllUsers cannot be specified together with UserName.").build();
            }
            all = credentials.listAccountServiceCredentials(in.transaction(), in.accountId(), serviceName);
        }
        else {
            all = credentials.listServiceCredentials(in.transaction(), existingUser(in, request.userName()), serviceName);
        }
        Paged<ServiceCredential> page = Paged.of(all, ServiceCredential::credentialId, request.marker(), request.maxItems());
        Instant now = in.now();
        return ListServiceSpecificCredentialsResponse.builder()
                .serviceSpecificCredentials(page.items().stream().map(credential -> ServiceSpecificCredentialMetadata.builder()
                        .userName(credential.userName())
                        .status(wireStatus(credential, now))
                        .serviceUserName(credential.serviceUserName())
                        .serviceCredentialAlias(credential.alias())
                        .createDate(seconds(credential.created()))
                        .expirationDate(seconds(credential.expiration()))
                        .serviceSpecificCredentialId(credential.credentialId())
                        .serviceName(credential.serviceName())
                        .build()).toList())
                .isTruncated(page.nextMarker() != null)
                .marker(page.nextMarker())
                .build();
    }

    /** A new generated password, returned this once; the old one stops working. */
    private ResetServiceSpecificCredentialResponse resetServiceSpecificCredential(Invocation in, ResetServiceSpecificCredentialRequest request)
    {
        User user = existingUser(in, request.userName());
        ServiceCredential credential = existingServiceCredential(in, user, required(request.serviceSpecificCredentialId(), "serviceSpecificCredentialId"));
        String secret = credential.alias() != null ? apiKeySecret(credential.serviceName(), credential.alias()) : servicePassword();
        credentials.resetServiceCredentialPassword(in.transaction(), credential, passwords.hash(secret));
        return ResetServiceSpecificCredentialResponse.builder().serviceSpecificCredential(toSdk(credential, secret, in.now())).build();
    }

    private UpdateServiceSpecificCredentialResponse updateServiceSpecificCredential(Invocation in, UpdateServiceSpecificCredentialRequest request)
    {
        User user = existingUser(in, request.userName());
        ServiceCredential credential = existingServiceCredential(in, user, required(request.serviceSpecificCredentialId(), "serviceSpecificCredentialId"));
        credentials.updateServiceCredentialStatus(in.transaction(), credential, status(request.statusAsString()));
        return UpdateServiceSpecificCredentialResponse.builder().build();
    }

    private DeleteServiceSpecificCredentialResponse deleteServiceSpecificCredential(Invocation in, DeleteServiceSpecificCredentialRequest request)
    {
        User user = existingUser(in, request.userName());
        ServiceCredential credential = existingServiceCredential(in, user, required(request.serviceSpecificCredentialId(), "serviceSpecificCredentialId"));
        credentials.deleteServiceCredential(in.transaction(), credential);
        return DeleteServiceSpecificCredentialResponse.builder().build();
    }

    private ServiceCredential existingServiceCredential(Invocation in, User user, String credentialId)
    {
        // UNSURE of AWS's wording; code and status are the model's
        return credentials.findServiceCredential(in.transaction(), user, credentialId)
                .orElseThrow(() -> NoSuchEntityException.builder().message("No such credential " + credentialId + " exists").build());
    }

    private static String supportedService(String serviceName)
    {
        if (!PASSWORD_SERVICES.contains(serviceName) && !API_KEY_SERVICES.containsKey(serviceName)) {
            // UNSURE of AWS's wording; code (NotSupportedService) and status (404) are the model's
            throw ServiceNotSupportedException.builder().message("Service " + serviceName + " is not supported for service-specific credentials.").build();
        }
        return serviceName;
    }

    private String servicePassword()
    {
        byte[] bytes = new byte[SERVICE_PASSWORD_BYTES];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * An API key's secret: the service's prefix and base64 of "alias:random", the shape of Bedrock's long-term keys
     * (the alias in the clear, so the service can find the credential).
     */
    private String apiKeySecret(String serviceName, String alias)
    {
        byte[] bytes = new byte[SERVICE_PASSWORD_BYTES];
        random.nextBytes(bytes);
        String token = alias + ":" + Base64.getEncoder().encodeToString(bytes);
        return API_KEY_SERVICES.get(serviceName) + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    /** The password (or API key secret) is returned only here, at creation and reset. */
    private static software.amazon.awssdk.services.iam.model.ServiceSpecificCredential toSdk(ServiceCredential credential, String secret, Instant now)
    {
        boolean apiKey = credential.alias() != null;
        return software.amazon.awssdk.services.iam.model.ServiceSpecificCredential.builder()
                .createDate(seconds(credential.created()))
                .expirationDate(seconds(credential.expiration()))
                .serviceName(credential.serviceName())
                .serviceUserName(credential.serviceUserName())
                .servicePassword(apiKey ? null : secret)
                .serviceCredentialAlias(credential.alias())
                .serviceCredentialSecret(apiKey ? secret : null)
                .serviceSpecificCredentialId(credential.credentialId())
                .userName(credential.userName())
                .status(wireStatus(credential, now))
                .build();
    }

    /** Active or Inactive as set, Expired once an API key's age has run out (IAM sets that status itself). */
    private static String wireStatus(ServiceCredential credential, Instant now)
    {
        return credential.isExpired(now) ? "Expired" : credential.status().wireValue();
    }

    // ---------------------------------------------------------------- helpers

    /** A unique id in AWS's form: the 4-letter type prefix plus 17 base32 characters. */
    String uniqueId(String prefix)
    {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < UNIQUE_ID_SUFFIX; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    private static String base32(byte[] bytes)
    {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ID_ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ID_ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    /** The named user, or the calling IAM user when none is named. */
    private User existingUser(Invocation in, String name)
    {
        if (name == null) {
            if (in.caller().kind() != Caller.PrincipalKind.IAM_USER) {
                throw IamErrors.noSuchUser(in.caller().arn());
            }
            name = in.caller().userName().orElseThrow();
        }
        String target = name;
        return iam.findUser(in.transaction(), in.accountId(), target).orElseThrow(() -> IamErrors.noSuchUser(target));
    }

    /** The user's real ARN (with its path) when it exists; the caller's own ARN when no user is named. */
    private List<Access> userAccess(Invocation in, String action, String name)
    {
        if (name == null) {
            return List.of(Access.of(action, in.caller().arn()));
        }
        String arn = store.readOnly(tx -> iam.findUser(tx, in.accountId(), name)).map(User::arn)
                .orElse("arn:aws:iam::" + in.accountId() + ":user/" + name);
        return List.of(Access.of(action, arn));
    }

    /** Status values as IAM takes them; "Expired" is only ever set by IAM itself. */
    private static AccessKeyStatus status(String value)
    {
        if ("Active".equals(value)) {
            return AccessKeyStatus.ACTIVE;
        }
        if ("Inactive".equals(value)) {
            return AccessKeyStatus.INACTIVE;
        }
        throw AwsErrorException.sender("ValidationError", 400, "1 validation error detected: Value '" + value
                + "' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
    }

    static String required(String value, String member)
    {
        if (value == null) {
            throw AwsErrorException.sender("ValidationError", 400, "1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** In-memory paging of the short per-user lists (at most a handful of items), with the last id as marker. */
    record Paged<T>(List<T> items, String nextMarker)
    {
        static <T> Paged<T> of(List<T> all, Function<T, String> id, String marker, Integer maxItems)
        {
            int limit = maxItems == null ? IamStore.DEFAULT_MAX_ITEMS : maxItems;
            int start = 0;
            if (marker != null && !marker.isEmpty()) {
                String after;
                try {
                    after = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
                }
                catch (IllegalArgumentException e) {
                    // UNSURE of AWS's wording for a marker it did not issue
                    throw AwsErrorException.sender("ValidationError", 400, "Invalid Marker.");
                }
                while (start < all.size() && !id.apply(all.get(start)).equals(after)) {
                    start++;
                }
                start++;
            }
            start = Math.min(start, all.size());
            int end = Math.min(all.size(), start + limit);
            String next = end < all.size()
                    ? Base64.getUrlEncoder().withoutPadding().encodeToString(id.apply(all.get(end - 1)).getBytes(StandardCharsets.UTF_8))
                    : null;
            return new Paged<>(all.subList(start, end), next);
        }
    }
}
