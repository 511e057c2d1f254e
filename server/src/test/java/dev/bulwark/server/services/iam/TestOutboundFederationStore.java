package dev.bulwark.server.services.iam;

import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.SecretBoxException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestOutboundFederationStore
{
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @StoreTest
    void issuerKeepsItsIdAndKeysAcrossDisableAndEnable(Store store) throws Exception
    {
        IamFixture f = new IamFixture(store);
        OutboundFederationStore outbound = new OutboundFederationStore(SecretBox.withKey(IamFixture.ROOT_KEY), () -> "https://bulwark.test");
        OutboundFederationStore.Issuer created = store.inTransaction(tx -> outbound.create(tx, f.accountId, NOW)).orElseThrow();
        assertThat(outbound.issuerUrl(created.issuerId())).isEqualTo("https://bulwark.test/_bulwark/oidc/" + created.issuerId());
        assertThat(created.issuerId()).doesNotContain(f.accountId);
        Optional<OutboundFederationStore.Issuer> second = store.inTransaction(tx -> outbound.create(tx, f.accountId, NOW));
        assertThat(second).isEmpty();

        boolean changed = store.inTransaction(tx -> outbound.setEnabled(tx, f.accountId, false, NOW));
        assertThat(changed).isTrue();
        OutboundFederationStore.Issuer disabled = store.readOnly(tx -> outbound.find(tx, f.accountId)).orElseThrow();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.issuerId()).isEqualTo(created.issuerId());
        assertThat(disabled.rsaPublic()).isEqualTo(created.rsaPublic());
        assertThat(disabled.ecPublic()).isEqualTo(created.ecPublic());
        assertThat(store.readOnly(tx -> outbound.findByIssuerId(tx, created.issuerId())).map(OutboundFederationStore.Issuer::accountId)).hasValue(f.accountId);

        // the sealed private keys open and pair with the published public keys
        for (String algorithm : new String[] {OidcKeys.RS256, OidcKeys.ES384}) {
            OutboundFederationStore.SigningKey key = store.readOnly(tx -> outbound.signingKey(tx, f.accountId, algorithm)).orElseThrow();
            byte[] message = "m".getBytes(StandardCharsets.UTF_8);
            String jdk = algorithm.equals(OidcKeys.RS256) ? "SHA256withRSA" : "SHA384withECDSA";
            Signature signer = Signature.getInstance(jdk);
            signer.initSign(key.privateKey());
            signer.update(message);
            Signature verifier = Signature.getInstance(jdk);
            verifier.initVerify(algorithm.equals(OidcKeys.RS256) ? created.rsaPublic() : created.ecPublic());
            verifier.update(message);
            assertThat(verifier.verify(signer.sign())).isTrue();
            assertThat(key.keyId()).isEqualTo(OidcKeys.keyId(algorithm));
        }
    }

    @StoreTest
    void privateKeysAreSealedAndBoundToTheirAccount(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        OutboundFederationStore outbound = new OutboundFederationStore(SecretBox.withKey(IamFixture.ROOT_KEY), () -> "http://127.0.0.1:1");
        store.inTransaction(tx -> outbound.create(tx, f.accountId, NOW));
        store.inTransaction(tx -> outbound.create(tx, other, NOW));
        String sealed = store.readOnly(tx -> tx.queryOne("SELECT rsa_private_sealed FROM iam_outbound_federation WHERE account_id = ?",
                row -> row.getString(1), f.accountId)).orElseThrow();
        // Not the key itself: the stored text holds neither its DER (base64) nor a PEM armour. (A bare "MII" check
        // failed about once in a hundred runs: random base64 of this length contains it by chance.)
        java.security.PrivateKey key = store.readOnly(tx -> outbound.signingKey(tx, f.accountId, OidcKeys.RS256)).orElseThrow().privateKey();
        assertThat(sealed).doesNotContain(java.util.Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 32)).doesNotContain("BEGIN");
        store.inTransaction(tx -> tx.update("UPDATE iam_outbound_federation SET rsa_private_sealed = ? WHERE account_id = ?", sealed, other));
        assertThatThrownBy(() -> store.readOnly(tx -> outbound.signingKey(tx, other, OidcKeys.RS256))).isInstanceOf(SecretBoxException.class);
    }

    @StoreTest
    void tokenVersionPreferenceIsPerAccountAndReplaced(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        OutboundFederationStore outbound = new OutboundFederationStore(SecretBox.withKey(IamFixture.ROOT_KEY), () -> "http://127.0.0.1:1");
        assertThat(version(store, f.accountId)).isEmpty();
        store.inTransaction(tx -> {
            outbound.setGlobalEndpointTokenVersion(tx, f.accountId, "v2Token");
            return null;
        });
        store.inTransaction(tx -> {
            outbound.setGlobalEndpointTokenVersion(tx, f.accountId, "v1Token");
            outbound.setGlobalEndpointTokenVersion(tx, other, "v2Token");
            return null;
        });
        assertThat(version(store, f.accountId)).hasValue("v1Token");
        assertThat(version(store, other)).hasValue("v2Token");
    }

    private static Optional<String> version(Store store, String account)
    {
        return store.readOnly(tx -> OutboundFederationStore.globalEndpointTokenVersion(tx, account));
    }
}
