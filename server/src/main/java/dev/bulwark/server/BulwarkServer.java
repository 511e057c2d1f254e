package dev.bulwark.server;

import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.ServiceRegistry;
import dev.bulwark.protocol.sigv4.SigV4Verifier;
import dev.bulwark.server.audit.AuditLog;
import dev.bulwark.server.auth.OrganizationPolicies;
import dev.bulwark.server.services.organizations.OrganizationsOperations;
import dev.bulwark.server.services.organizations.OrganizationsStore;
import dev.bulwark.server.console.RootConsole;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.auth.AccessKeyDirectory;
import dev.bulwark.server.auth.Authorizer;
import dev.bulwark.server.auth.IdentityPolicies;
import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.http.AdminEndpoints;
import dev.bulwark.server.http.HttpFront;
import dev.bulwark.server.http.OidcEndpoints;
import dev.bulwark.server.http.TlsMaterial;
import dev.bulwark.server.pipeline.AuditStep;
import dev.bulwark.server.pipeline.AuthenticateStep;
import dev.bulwark.server.pipeline.AuthorizeStep;
import dev.bulwark.server.pipeline.DecodeStep;
import dev.bulwark.server.pipeline.EncodeStep;
import dev.bulwark.server.pipeline.InvokeStep;
import dev.bulwark.server.pipeline.LogStep;
import dev.bulwark.server.pipeline.Pipeline;
import dev.bulwark.server.pipeline.RouteStep;
import dev.bulwark.server.pipeline.TokenAuthenticateStep;
import dev.bulwark.server.services.OperationRegistry;
import dev.bulwark.server.services.cloudtrail.CloudTrailOperations;
import dev.bulwark.server.services.cloudtrail.CloudTrailStore;
import dev.bulwark.server.services.cloudtrail.SigningKeys;
import dev.bulwark.server.services.cloudtrail.delivery.LogObjectSink;
import dev.bulwark.server.services.cloudtrail.delivery.TrailDelivery;
import dev.bulwark.server.services.iam.AccessKeyUsage;
import dev.bulwark.server.services.iam.AwsManagedPolicies;
import dev.bulwark.server.services.iam.IamService;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.IdentityProviderStore;
import dev.bulwark.server.services.iam.OutboundFederationStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.s3.ObjectFiles;
import dev.bulwark.server.services.s3.S3Service;
import dev.bulwark.server.services.s3.SseS3Keys;
import dev.bulwark.server.services.sts.FederatedAuthenticator;
import dev.bulwark.server.services.sts.JwksClient;
import dev.bulwark.server.services.sts.StsService;
import dev.bulwark.server.store.ChangeFeed;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Passwords;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.PrintStream;
import java.security.KeyStore;
import dev.bulwark.server.services.kms.KeyVault;
import dev.bulwark.server.services.kms.KmsHousekeeping;
import dev.bulwark.server.services.kms.KmsOperations;
import dev.bulwark.server.services.kms.KmsStore;
import dev.bulwark.server.services.kms.SoftwareKeyVault;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * One running Bulwark: store, services, the request pipeline and the HTTP front, assembled here and nowhere
 * else. The pipeline's order is the list below; each step's javadoc says what it reads and sets.
 */
public final class BulwarkServer implements AutoCloseable
{
    private final ServerConfig config;
    private final Store store;
    private final AuditLog audit;
    private final HttpFront front;

    private final AccessKeyUsage usage;
    private final Housekeeping housekeeping;
    private final TrailDelivery trailDelivery;

    private BulwarkServer(ServerConfig config, Store store, AuditLog audit, AccessKeyUsage usage, Housekeeping housekeeping, TrailDelivery trailDelivery,
            HttpFront front)
    {
        this.trailDelivery = trailDelivery;
        this.usage = usage;
        this.housekeeping = housekeeping;
        this.config = config;
        this.store = store;
        this.audit = audit;
        this.front = front;
    }

    /**
     * Opens the store and binds the listeners; the data directory must have been initialised. Trails deliver at AWS's
     * rhythm into the server's own S3 buckets.
     */
    public static BulwarkServer start(ServerConfig config, Clock clock, PrintStream requestLog) throws Exception
    {
        return start(config, clock, requestLog, Optional.empty(), TrailDelivery.Settings.AWS);
    }

    /** As {@link #start(ServerConfig, Clock, PrintStream)}, with trails delivering into S3 at the given rhythm. */
    public static BulwarkServer start(ServerConfig config, Clock clock, PrintStream requestLog, TrailDelivery.Settings delivery) throws Exception
    {
        return start(config, clock, requestLog, Optional.empty(), delivery);
    }

    /** As {@link #start(ServerConfig, Clock, PrintStream)}, with trails delivering to {@code trailSink} at the given rhythm. */
    public static BulwarkServer start(ServerConfig config, Clock clock, PrintStream requestLog, LogObjectSink trailSink, TrailDelivery.Settings delivery)
            throws Exception
    {
        return start(config, clock, requestLog, Optional.of(trailSink), delivery);
    }

    private static BulwarkServer start(ServerConfig config, Clock clock, PrintStream requestLog, Optional<LogObjectSink> trailSink,
            TrailDelivery.Settings delivery) throws Exception
    {
        requireNonNull(config, "config is null");
        Store store = Store.open(config.dataDir(), config.storeUrl().orElse(null));
        try {
            SecretBox secrets = SecretBox.openOrCreate(config.dataDir());
            IamStore iam = new IamStore(secrets, IamIds.secure(), clock);
            // Issuer URLs name the port the listener bound, known once the front has started (port 0 in tests).
            AtomicReference<HttpFront> started = new AtomicReference<>();
            OutboundFederationStore outbound = new OutboundFederationStore(secrets, () -> config.publicBaseUrl(started.get().port()));
            AwsManagedPolicies.seed(store, iam);
            if (config.devMode()) {
                Accounts.ensureExists(store, iam, config.defaultAccount());
            }
            AuditLog audit = new AuditLog(store, new AuditStore());
            AccessKeyUsage usage = new AccessKeyUsage(store, iam).start(AccessKeyUsage.DEFAULT_INTERVAL);
            KeyVault vault = new SoftwareKeyVault(secrets, new SecureRandom());
            Housekeeping housekeeping = new Housekeeping(store, iam, new KmsHousekeeping(new KmsStore(), vault), clock);
            AccessKeyDirectory keys = new AccessKeyDirectory(store, iam);
            IdentityPolicies policies = new IdentityPolicies(store, iam);
            OrganizationPolicies organizationPolicies = new OrganizationPolicies(store, new OrganizationsStore());
            store.subscribe(topic -> {
                if (topic.equals(ChangeFeed.EVERYTHING) || topic.equals(OrganizationsOperations.CHANGE_TOPIC)) {
                    organizationPolicies.clear();
                }
                if (topic.equals(ChangeFeed.EVERYTHING)) {
                    keys.clear();
                    policies.clear();
                }
                else if (topic.startsWith(IamService.CHANGE_TOPIC_PREFIX)) {
                    String account = topic.substring(IamService.CHANGE_TOPIC_PREFIX.length());
                    keys.accountChanged(account);
                    policies.accountChanged(account);
                }
            });
            Authorizer authorizer = new Authorizer(policies, organizationPolicies);
            // S3 asks KMS for SSE-KMS data keys with the caller's own permissions, through the one seam S3 declares.
            ObjectFiles objectFiles = new ObjectFiles(config.dataDir(), new dev.bulwark.server.services.kms.KmsServerSideKeys(new SseS3Keys(secrets), store,
                    new KmsStore(), vault, authorizer, config.region(), clock, new SecureRandom()));
            S3Service.sweepOrphans(store, objectFiles, clock.instant());
            OperationRegistry operations = operations(store, iam, outbound, vault, secrets, objectFiles);
            ServiceRegistry services = ServiceRegistry.of(serviceModels());

            AuditStep auditStep = new AuditStep(audit, config.region(), config.defaultAccount());
            EncodeStep encode = new EncodeStep(services.codec(services.service("sts").orElseThrow()));
            Pipeline pipeline = new Pipeline(clock,
                    List.of(
                            new RouteStep(services, operations),
                            new AuthenticateStep(new SigV4Verifier(clock), keys, config.devMode() ? Optional.of(config.defaultAccount()) : Optional.empty(),
                                    usage, config.region()),
                            new DecodeStep(),
                            new TokenAuthenticateStep(new FederatedAuthenticator(store, new IdentityProviderStore(), new JwksClient())),
                            new AuthorizeStep(authorizer, config.region()),
                            new InvokeStep(store, audit, auditStep, config.region())),
                    List.of(
                            auditStep,
                            encode,
                            new LogStep(clock, requestLog)),
                    context -> {
                        encode.apply(context);
                        return context.httpResponse;
                    });

            AdminEndpoints admin = new AdminEndpoints(config.devMode(), store, audit, pipeline,
                    () -> {
                        keys.clear();
                        policies.clear();
                        organizationPolicies.clear();
                        AwsManagedPolicies.seed(store, iam);
                        Accounts.ensureExists(store, iam, config.defaultAccount());
                    },
                    new RootConsole(store, iam, Passwords.standard(), audit, clock, config.region())::createRootAccessKey);
            OptionalLong tlsPort = config.tlsPort().isPresent() ? OptionalLong.of(config.tlsPort().getAsInt()) : OptionalLong.empty();
            KeyStore tlsKeys = null;
            char[] tlsPassword = "bulwark".toCharArray();
            if (tlsPort.isPresent()) {
                TlsMaterial.ensureSelfSigned(config.dataDir());
                tlsKeys = TlsMaterial.load(config.dataDir().resolve(TlsMaterial.CERT_FILE), config.dataDir().resolve(TlsMaterial.KEY_FILE), tlsPassword);
            }
            TrailDelivery trailDelivery = new TrailDelivery(store, new CloudTrailStore(), new AuditStore(),
                    new dev.bulwark.server.services.organizations.OrganizationsStore(), new SigningKeys(new CloudTrailStore(), secrets),
                    trailSink.orElseGet(() -> new dev.bulwark.server.services.s3.S3LogObjectSink(store, new dev.bulwark.server.services.s3.S3Store(), objectFiles, clock)),
                    clock,
                    delivery).start();
            HttpFront front = new HttpFront(config.host(), config.port(), tlsPort, tlsKeys, tlsPassword, config.maxBodyBytes(),
                    new OidcEndpoints(store, outbound, admin));
            front.start();
            started.set(front);
            return new BulwarkServer(config, store, audit, usage, housekeeping, trailDelivery, front);
        }
        catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /** The AWS services this server speaks, each bound to its SDK model. */
    public static List<ServiceModel> serviceModels()
    {
        return List.of(
                ServiceModel.load("iam", IamClient.class),
                ServiceModel.load("sts", StsClient.class),
                ServiceModel.load("organizations", OrganizationsClient.class),
                ServiceModel.load("kms", software.amazon.awssdk.services.kms.KmsClient.class),
                ServiceModel.load("cloudtrail", CloudTrailClient.class),
                ServiceModel.load("s3", software.amazon.awssdk.services.s3.S3Client.class),
                ServiceModel.load("s3control", software.amazon.awssdk.services.s3control.S3ControlClient.class));
    }

    /** Every operation Bulwark implements, for listing them (coverage): issuer keys are sealed under a throwaway key. */
    public static OperationRegistry operations(Store store, IamStore iam)
    {
        byte[] throwaway = new byte[32];
        new java.security.SecureRandom().nextBytes(throwaway);
        SecretBox secrets = SecretBox.withKey(throwaway);
        try {
            java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("bulwark-coverage");
            return operations(store, iam, new OutboundFederationStore(secrets, () -> "http://127.0.0.1:" + ServerConfig.DEFAULT_PORT),
                    new SoftwareKeyVault(secrets, new SecureRandom()), secrets, new ObjectFiles(scratch, new SseS3Keys(secrets)));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every operation Bulwark implements; {@code secrets} seals what services keep secret (KMS material, CloudTrail's signing keys). */
    public static OperationRegistry operations(Store store, IamStore iam, OutboundFederationStore outbound, KeyVault vault, SecretBox secrets,
            ObjectFiles objectFiles)
    {
        return OperationRegistry.of(List.of(
                new IamService(store, iam),
                new dev.bulwark.server.services.iam.IamRoleOperations(store, iam),
                new dev.bulwark.server.services.iam.IamMoreOperations(store, iam),
                new dev.bulwark.server.services.iam.IamGroupDetailOperations(store, iam),
                new dev.bulwark.server.services.iam.IamRoleDetailOperations(store, iam),
                new dev.bulwark.server.services.iam.IamInsightOperations(store, iam),
                new dev.bulwark.server.services.iam.IamIdentityProviderOperations(store, new IdentityProviderStore()),
                new dev.bulwark.server.services.iam.IamProfileOperations(store, iam),
                new dev.bulwark.server.services.iam.IamCredentialOperations(store, iam),
                new dev.bulwark.server.services.iam.IamMfaOperations(store, iam),
                new dev.bulwark.server.services.iam.IamRootAccessOperations(new dev.bulwark.server.services.organizations.OrganizationsStore(), new dev.bulwark.server.services.iam.RootAccessStore()),
                new StsService(),
                new dev.bulwark.server.services.sts.AssumeRoleOperations(iam),
                new dev.bulwark.server.services.sts.SessionTokenOperations(iam),
                new dev.bulwark.server.services.sts.AssumeRootOperations(iam, new dev.bulwark.server.services.organizations.OrganizationsStore(), new dev.bulwark.server.services.iam.RootAccessStore()),
                new dev.bulwark.server.services.sts.FederationOperations(iam),
                new dev.bulwark.server.services.sts.AccessKeyInfoOperations(iam),
                new dev.bulwark.server.services.iam.IamOutboundFederationOperations(outbound),
                new dev.bulwark.server.services.sts.WebIdentityTokenOperations(iam, outbound),
                new dev.bulwark.server.services.organizations.OrganizationsOperations(store, iam, new dev.bulwark.server.services.organizations.OrganizationsStore()),
                new KmsOperations(store, new KmsStore(), vault, secrets, new SecureRandom()),
                new CloudTrailOperations(new CloudTrailStore(), new AuditStore(), new dev.bulwark.server.services.organizations.OrganizationsStore(), secrets),
                new S3Service(store, objectFiles)));
    }

    public int port()
    {
        return front.port();
    }

    public int tlsPort()
    {
        return front.tlsPort();
    }

    public ServerConfig config()
    {
        return config;
    }

    public Store store()
    {
        return store;
    }

    public AuditLog audit()
    {
        return audit;
    }

    /** Last use of access keys, written in batches; tests flush it. */
    public AccessKeyUsage accessKeyUsage()
    {
        return usage;
    }

    /** CloudTrail's delivery of trails to their buckets; tests run rounds of it. */
    public TrailDelivery trailDelivery()
    {
        return trailDelivery;
    }

    public void join() throws InterruptedException
    {
        front.join();
    }

    @Override
    public void close() throws Exception
    {
        try {
            housekeeping.close();
            trailDelivery.close();
            front.close();
        }
        finally {
            try {
                try {
                    usage.close();
                }
                finally {
                    audit.close();
                }
            }
            finally {
                store.close();
            }
        }
    }
}
