package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InvalidInputException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

import java.nio.file.Path;
import java.util.stream.IntStream;

import static dev.bulwark.server.it.TestIamManagedPolicies.userWithKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM OpenID Connect and SAML identity providers through the SDK on both stores: lifecycle, tags, AWS's errors, authorization. */
final class TestIamIdentityProviders
{
    private static final String THUMB_A = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";
    private static final String THUMB_B = "a031c46782e6e6c662c2c87c76da9aa62ccabd8e";

    @StoreTest
    void oidcProviderLifecycleWithClientIdsThumbprintsAndTags(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            String arn = iam.createOpenIDConnectProvider(b -> b.url("https://token.example.com/realm").clientIDList("app-1", "app-1", "app-2")
                    .thumbprintList(THUMB_A.toUpperCase()).tags(t -> t.key("team").value("infra"))).openIDConnectProviderArn();
            assertThat(arn).isEqualTo("arn:aws:iam::" + account + ":oidc-provider/token.example.com/realm");

            GetOpenIdConnectProviderResponse provider = iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
            assertThat(provider.url()).isEqualTo("token.example.com/realm");
            assertThat(provider.clientIDList()).containsExactly("app-1", "app-2");
            assertThat(provider.thumbprintList()).containsExactly(THUMB_A);
            assertThat(provider.createDate()).isNotNull();
            assertThat(provider.tags()).extracting(Tag::key).containsExactly("team");

            iam.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("app-3"));
            iam.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("app-3"));
            iam.removeClientIDFromOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("app-1"));
            iam.removeClientIDFromOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).clientID("never-added"));
            iam.updateOpenIDConnectProviderThumbprint(b -> b.openIDConnectProviderArn(arn).thumbprintList(THUMB_B));
            iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tags(t -> t.key("TEAM").value("sec"), t -> t.key("env").value("prod")));
            iam.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tagKeys("env"));
            provider = iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
            assertThat(provider.clientIDList()).containsExactly("app-2", "app-3");
            assertThat(provider.thumbprintList()).containsExactly(THUMB_B);
            assertThat(iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags())
                    .singleElement().satisfies(tag -> {
                        assertThat(tag.key()).isEqualTo("TEAM");
                        assertThat(tag.value()).isEqualTo("sec");
                    });

            String second = iam.createOpenIDConnectProvider(b -> b.url("https://other.example.com")).openIDConnectProviderArn();
            assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).extracting(OpenIDConnectProviderListEntry::arn)
                    .containsExactlyInAnyOrder(arn, second);
            assertThat(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(second)).thumbprintList()).isEmpty();

            iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
            // Idempotent, as IAM documents.
            iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn));
            assertThatThrownBy(() -> iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("OpenIDConnect Provider not found for arn " + arn));
            assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList()).extracting(OpenIDConnectProviderListEntry::arn).containsExactly(second);
        }
    }

    @StoreTest
    void oidcProviderErrorsUseAwsWording(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createOpenIDConnectProvider(b -> b.url("https://dup.example.com"));
            assertThatThrownBy(() -> iam.createOpenIDConnectProvider(b -> b.url("https://dup.example.com")))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(409);
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Provider with url https://dup.example.com already exists.");
                    });
            assertThatThrownBy(() -> iam.createOpenIDConnectProvider(b -> b.url("http://plain.example.com")))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Open ID Connect Provider URL");
                    });
            assertThatThrownBy(() -> iam.createOpenIDConnectProvider(b -> b.url("https://many.example.com")
                    .thumbprintList(IntStream.range(0, 6).mapToObj(i -> String.valueOf(i).repeat(40)).toList())))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Thumbprint list must contain fewer than 5 entries."));
            assertThatThrownBy(() -> iam.createOpenIDConnectProvider(b -> b.url("https://short.example.com").thumbprintList("abc")))
                    .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
            assertThatThrownBy(() -> iam.createOpenIDConnectProvider(b -> b.url("https://ids.example.com")
                    .clientIDList(IntStream.range(0, 101).mapToObj(i -> "client-" + i).toList())))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100"));
            String missing = "arn:aws:iam::" + server.admin().accountId() + ":oidc-provider/missing.example.com";
            assertThatThrownBy(() -> iam.addClientIDToOpenIDConnectProvider(b -> b.openIDConnectProviderArn(missing).clientID("x")))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(missing).tags(t -> t.key("k").value("v"))))
                    .isInstanceOf(NoSuchEntityException.class);
        }
    }

    @StoreTest
    void samlProviderLifecycleAndMetadataValidation(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp"))) {
            String account = server.admin().accountId();
            String metadata = idp.samlMetadata();
            String arn = iam.createSAMLProvider(b -> b.name("Corp").samlMetadataDocument(metadata).tags(t -> t.key("owner").value("it")))
                    .samlProviderArn();
            assertThat(arn).isEqualTo("arn:aws:iam::" + account + ":saml-provider/Corp");
            GetSamlProviderResponse provider = iam.getSAMLProvider(b -> b.samlProviderArn(arn));
            assertThat(provider.samlMetadataDocument()).isEqualTo(metadata);
            assertThat(provider.samlProviderUUID()).isNotBlank();
            assertThat(provider.createDate()).isNotNull();
            assertThat(provider.tags()).extracting(Tag::key).containsExactly("owner");
            assertThat(iam.listSAMLProviders().samlProviderList()).singleElement().satisfies(entry -> assertThat(entry.arn()).isEqualTo(arn));

            // No validUntil in the metadata: valid until its signing certificate expires.
            assertThat(provider.validUntil()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(300)));
            assertThatThrownBy(() -> iam.createSAMLProvider(b -> b.name("Corp").samlMetadataDocument(metadata)))
                    .isInstanceOfSatisfying(EntityAlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Provider with name Corp already exists."));
            // Well-formed XML but no signing certificate: not metadata IAM can use.
            String noCertificate = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.test/saml\">"
                    + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                    + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp.example.test/sso\"/>"
                    + "</md:IDPSSODescriptor></md:EntityDescriptor>" + "<!-- padding -->".repeat(80);
            assertThatThrownBy(() -> iam.createSAMLProvider(b -> b.name("NoCert").samlMetadataDocument(noCertificate)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not parse metadata"));
            String notXml = "this is not XML ".repeat(80);
            assertThatThrownBy(() -> iam.createSAMLProvider(b -> b.name("NotXml").samlMetadataDocument(notXml)))
                    .isInstanceOf(InvalidInputException.class);

            String rotated = LocalIdentityProvider.samlMetadata(LocalIdentityProvider.selfSigned(LocalIdentityProvider.rsaKeyPair(), "CN=rotated"));
            assertThat(iam.updateSAMLProvider(b -> b.samlProviderArn(arn).samlMetadataDocument(rotated)).samlProviderArn()).isEqualTo(arn);
            assertThat(iam.getSAMLProvider(b -> b.samlProviderArn(arn)).samlMetadataDocument()).isEqualTo(rotated);
            assertThatThrownBy(() -> iam.updateSAMLProvider(b -> b.samlProviderArn(arn).samlMetadataDocument(noCertificate)))
                    .isInstanceOf(InvalidInputException.class);

            iam.tagSAMLProvider(b -> b.samlProviderArn(arn).tags(t -> t.key("env").value("prod")));
            iam.untagSAMLProvider(b -> b.samlProviderArn(arn).tagKeys("owner"));
            assertThat(iam.listSAMLProviderTags(b -> b.samlProviderArn(arn)).tags()).extracting(Tag::key).containsExactly("env");

            iam.deleteSAMLProvider(b -> b.samlProviderArn(arn));
            assertThatThrownBy(() -> iam.getSAMLProvider(b -> b.samlProviderArn(arn)))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Manifest not found for arn " + arn));
            assertThatThrownBy(() -> iam.deleteSAMLProvider(b -> b.samlProviderArn(arn))).isInstanceOf(NoSuchEntityException.class);
            assertThat(iam.listSAMLProviders().samlProviderList()).isEmpty();
        }
    }

    @StoreTest
    void providerOperationsNeedTheirIamPermissions(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            String account = server.admin().accountId();
            AwsCredentialsProvider bob = userWithKey(admin, "bob");
            String arn = "arn:aws:iam::" + account + ":oidc-provider/allowed.example.com";
            try (IamClient iam = server.iam(bob)) {
                assertThatThrownBy(() -> iam.createOpenIDConnectProvider(b -> b.url("https://allowed.example.com")))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                            assertThat(e.awsErrorDetails().errorMessage()).contains("iam:CreateOpenIDConnectProvider").contains(arn);
                        });
                assertThatThrownBy(() -> iam.listSAMLProviders())
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));

                admin.putUserPolicy(b -> b.userName("bob").policyName("oidc").policyDocument("""
                        {"Version":"2012-10-17","Statement":[
                          {"Effect":"Allow","Action":["iam:CreateOpenIDConnectProvider","iam:GetOpenIDConnectProvider","iam:TagOpenIDConnectProvider"],
                           "Resource":"%s"},
                          {"Effect":"Deny","Action":"iam:TagOpenIDConnectProvider","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}}]}"""
                        .formatted(arn)));
                assertThat(iam.createOpenIDConnectProvider(b -> b.url("https://allowed.example.com")).openIDConnectProviderArn()).isEqualTo(arn);
                assertThat(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)).url()).isEqualTo("allowed.example.com");
                iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tags(t -> t.key("env").value("dev")));
                assertThatThrownBy(() -> iam.tagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn).tags(t -> t.key("owner").value("bob"))))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.createOpenIDConnectProvider(b -> b.url("https://elsewhere.example.com")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.deleteOpenIDConnectProvider(b -> b.openIDConnectProviderArn(arn)))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
            assertThat(admin.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(arn)).tags()).extracting(Tag::key).containsExactly("env");
        }
    }

    @StoreTest
    void providerTagsAreResourceTagsToPolicies(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient admin = server.iam(server.adminCredentials())) {
            AwsCredentialsProvider bob = userWithKey(admin, "bob");
            String prod = admin.createOpenIDConnectProvider(b -> b.url("https://prod.example.com").tags(t -> t.key("env").value("prod"), t -> t.key("x").value("1")))
                    .openIDConnectProviderArn();
            String dev = admin.createOpenIDConnectProvider(b -> b.url("https://dev.example.com").tags(t -> t.key("env").value("dev"), t -> t.key("x").value("1")))
                    .openIDConnectProviderArn();
            admin.putUserPolicy(b -> b.userName("bob").policyName("prod-only").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:UntagOpenIDConnectProvider","iam:GetOpenIDConnectProvider"],
                      "Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}}]}"""));
            try (IamClient iam = server.iam(bob)) {
                assertThat(iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(prod)).url()).isEqualTo("prod.example.com");
                iam.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(prod).tagKeys("x"));
                assertThatThrownBy(() -> iam.getOpenIDConnectProvider(b -> b.openIDConnectProviderArn(dev)))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
                assertThatThrownBy(() -> iam.untagOpenIDConnectProvider(b -> b.openIDConnectProviderArn(dev).tagKeys("x")))
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
            assertThat(admin.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(prod)).tags()).extracting(Tag::key).containsExactly("env");
            assertThat(admin.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(dev)).tags()).extracting(Tag::key).containsExactly("env", "x");
        }
    }
}
