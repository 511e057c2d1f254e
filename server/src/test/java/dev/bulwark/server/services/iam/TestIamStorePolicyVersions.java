package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.PolicyVersion;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestIamStorePolicyVersions
{
    private static ManagedPolicy policy(IamFixture f)
    {
        return f.store.inTransaction(tx -> f.iam.createPolicy(tx, f.accountId, "p", "/", "{\"v\":1}", null));
    }

    private static PolicyVersion version(IamFixture f, ManagedPolicy policy, String document, boolean setAsDefault)
    {
        return f.store.inTransaction(tx -> f.iam.createPolicyVersion(tx, policy.arn(), document, setAsDefault));
    }

    private static List<String> versionIds(IamFixture f, ManagedPolicy policy)
    {
        return f.store.readOnly(tx -> f.iam.listPolicyVersions(tx, policy.arn())).stream().map(PolicyVersion::versionId).toList();
    }

    private static ManagedPolicy reread(IamFixture f, ManagedPolicy policy)
    {
        return f.store.readOnly(tx -> f.iam.findPolicy(tx, f.accountId, policy.arn())).orElseThrow();
    }

    @StoreTest
    void newVersionBecomesTheDefaultOnlyWhenAsked(Store store)
    {
        IamFixture f = new IamFixture(store);
        ManagedPolicy policy = policy(f);

        PolicyVersion v2 = version(f, policy, "{\"v\":2}", false);
        assertThat(v2.versionId()).isEqualTo("v2");
        assertThat(reread(f, policy).defaultVersionId()).isEqualTo("v1");
        assertThat(reread(f, policy).document()).isEqualTo("{\"v\":1}");

        PolicyVersion v3 = version(f, policy, "{\"v\":3}", true);
        assertThat(v3.isDefaultVersion()).isTrue();
        assertThat(reread(f, policy).defaultVersionId()).isEqualTo("v3");
        assertThat(reread(f, policy).document()).isEqualTo("{\"v\":3}");
        assertThat(store.readOnly(tx -> f.iam.getPolicyVersion(tx, policy.arn(), "v1")).orElseThrow().isDefaultVersion()).isFalse();
    }

    @StoreTest
    void versionIdsAreNeverReusedAndListNewestFirst(Store store)
    {
        IamFixture f = new IamFixture(store);
        ManagedPolicy policy = policy(f);
        for (int i = 2; i <= 10; i++) {
            version(f, policy, "{\"v\":" + i + "}", false);
            if (i > 4) {
                String oldest = "v" + (i - 3);
                f.changed(tx -> f.iam.deletePolicyVersion(tx, policy.arn(), oldest));
            }
        }
        f.changed(tx -> f.iam.deletePolicyVersion(tx, policy.arn(), "v10"));
        PolicyVersion next = version(f, policy, "{}", false);

        assertThat(next.versionId()).isEqualTo("v11");
        assertThat(versionIds(f, policy)).containsExactly("v11", "v9", "v8", "v1");
        assertThat(store.readOnly(tx -> f.iam.countPolicyVersions(tx, policy.arn())).longValue()).isEqualTo(4);
    }

    @StoreTest
    void defaultVersionCannotBeDeletedButAnotherCanBeMadeDefault(Store store)
    {
        IamFixture f = new IamFixture(store);
        ManagedPolicy policy = policy(f);
        version(f, policy, "{\"v\":2}", false);

        assertThatThrownBy(() -> f.changed(tx -> f.iam.deletePolicyVersion(tx, policy.arn(), "v1"))).isInstanceOf(IllegalStateException.class);
        assertThat(f.changed(tx -> f.iam.setDefaultPolicyVersion(tx, policy.arn(), "v9"))).isFalse();
        assertThat(f.changed(tx -> f.iam.setDefaultPolicyVersion(tx, policy.arn(), "v2"))).isTrue();
        assertThat(f.changed(tx -> f.iam.deletePolicyVersion(tx, policy.arn(), "v1"))).isTrue();
        assertThat(f.changed(tx -> f.iam.deletePolicyVersion(tx, policy.arn(), "v1"))).isFalse();
        assertThat(versionIds(f, policy)).containsExactly("v2");
    }

    @StoreTest
    void versionOfAPolicyThatDoesNotExistIsRefused(Store store)
    {
        IamFixture f = new IamFixture(store);
        assertThatThrownBy(() -> store.inTransaction(tx -> f.iam.createPolicyVersion(tx, "arn:aws:iam::" + f.accountId + ":policy/none", "{}", true)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
