package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.AttachedPolicy;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.PolicyScope;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreException;
import dev.bulwark.server.store.StoreTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestIamStorePolicies
{
    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String DENY_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

    private static void put(IamFixture f, PolicyOwner owner, String name, String document)
    {
        f.store.inTransaction(tx -> {
            f.iam.putInlinePolicy(tx, owner, name, document);
            return null;
        });
    }

    private static Optional<InlinePolicy> get(IamFixture f, PolicyOwner owner, String name)
    {
        return f.store.readOnly(tx -> f.iam.getInlinePolicy(tx, owner, name));
    }

    private static ManagedPolicy awsPolicy(IamFixture f, String name, String document)
    {
        return f.store.inTransaction(tx -> f.iam.upsertAwsManagedPolicy(tx, name, "/", document, "Provides " + name));
    }

    private static ManagedPolicy customerPolicy(IamFixture f, String account, String name)
    {
        return f.store.inTransaction(tx -> f.iam.createPolicy(tx, account, name, "/", ALLOW_ALL, null));
    }

    private static Optional<ManagedPolicy> find(IamFixture f, String viewer, String arn)
    {
        return f.store.readOnly(tx -> f.iam.findPolicy(tx, viewer, arn));
    }

    private static List<String> inlineNames(IamFixture f, PolicyOwner owner)
    {
        return f.store.readOnly(tx -> f.iam.listInlinePolicyNames(tx, owner));
    }

    private static List<String> attachedArns(IamFixture f, PolicyOwner owner)
    {
        return f.store.readOnly(tx -> f.iam.attachedPolicies(tx, owner)).stream().map(AttachedPolicy::policyArn).toList();
    }

    @StoreTest
    void inlinePolicyIsPutReadInAnyCaseReplacedAndDeleted(Store store)
    {
        IamFixture f = new IamFixture(store);
        PolicyOwner bob = f.user("bob").asOwner();

        put(f, bob, "S3Read", ALLOW_ALL);
        assertThat(get(f, bob, "s3read")).contains(new InlinePolicy(bob, "S3Read", ALLOW_ALL));

        put(f, bob, "s3READ", DENY_ALL);
        assertThat(get(f, bob, "S3Read")).contains(new InlinePolicy(bob, "s3READ", DENY_ALL));
        assertThat(inlineNames(f, bob)).containsExactly("s3READ");

        assertThat(f.changed(tx -> f.iam.deleteInlinePolicy(tx, bob, "S3READ"))).isTrue();
        assertThat(f.changed(tx -> f.iam.deleteInlinePolicy(tx, bob, "S3READ"))).isFalse();
        assertThat(get(f, bob, "S3Read")).isEmpty();
    }

    @StoreTest
    void inlinePoliciesBelongToTheirOwnerOnly(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");
        Group devs = store.inTransaction(tx -> f.iam.createGroup(tx, f.accountId, "bob", "/"));
        put(f, bob.asOwner(), "b", ALLOW_ALL);
        put(f, bob.asOwner(), "a", DENY_ALL);
        put(f, devs.asOwner(), "g", ALLOW_ALL);

        assertThat(inlineNames(f, bob.asOwner())).containsExactly("a", "b");
        List<InlinePolicy> groupPolicies = store.readOnly(tx -> f.iam.inlinePolicies(tx, devs.asOwner()));
        assertThat(groupPolicies).containsExactly(new InlinePolicy(devs.asOwner(), "g", ALLOW_ALL));
        assertThat(f.count("SELECT count(*) FROM iam_inline_policies")).isEqualTo(3);
    }

    @StoreTest
    void awsManagedPolicyRefreshKeepsItsIdAndReplacesItsDocument(Store store)
    {
        IamFixture f = new IamFixture(store);
        ManagedPolicy seeded = awsPolicy(f, "AdministratorAccess", ALLOW_ALL);
        f.clock.advance(Duration.ofDays(1));
        ManagedPolicy refreshed = awsPolicy(f, "AdministratorAccess", DENY_ALL);

        assertThat(seeded.arn()).isEqualTo("arn:aws:iam::aws:policy/AdministratorAccess");
        assertThat(seeded.isAwsManaged()).isTrue();
        assertThat(seeded.policyId()).matches("ANPA[A-Z2-7]{17}");
        assertThat(refreshed.policyId()).isEqualTo(seeded.policyId());
        assertThat(refreshed.created()).isEqualTo(seeded.created());
        assertThat(refreshed.updated()).isAfter(seeded.updated());
        assertThat(refreshed.document()).isEqualTo(DENY_ALL);
        assertThat(refreshed.defaultVersionId()).isEqualTo("v1");
        assertThat(find(f, f.accountId, seeded.arn())).contains(refreshed);
    }

    @StoreTest
    void customerPolicyNameIsUniquePerAccountInAnyCaseAndPath(Store store)
    {
        IamFixture f = new IamFixture(store);
        ManagedPolicy created = customerPolicy(f, f.accountId, "ReadOnly");

        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + f.accountId + ":policy/ReadOnly");
        assertThat(created.isAwsManaged()).isFalse();
        assertThat(find(f, f.accountId, created.arn())).contains(created);
        assertThatThrownBy(() -> store.inTransaction(tx -> f.iam.createPolicy(tx, f.accountId, "readonly", "/other/", ALLOW_ALL, null)))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.entity()).isEqualTo("policy"));
        // the same name in another account, or as an AWS managed policy, is another policy
        customerPolicy(f, f.otherAccount(), "ReadOnly");
        awsPolicy(f, "ReadOnly", ALLOW_ALL);
    }

    @StoreTest
    void accountSeesItsOwnAndAwsPoliciesButNotAnotherAccounts(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        ManagedPolicy theirs = customerPolicy(f, other, "Theirs");
        ManagedPolicy aws = awsPolicy(f, "ReadOnlyAccess", ALLOW_ALL);

        assertThat(find(f, f.accountId, theirs.arn())).isEmpty();
        assertThat(find(f, other, theirs.arn())).isPresent();
        assertThat(find(f, f.accountId, aws.arn())).isPresent();
    }

    @StoreTest
    void attachmentsAreIdempotentCountedPerAccountAndDetachable(Store store)
    {
        IamFixture f = new IamFixture(store);
        String other = f.otherAccount();
        ManagedPolicy admin = awsPolicy(f, "AdministratorAccess", ALLOW_ALL);
        User bob = f.user("bob");
        Group devs = store.inTransaction(tx -> f.iam.createGroup(tx, f.accountId, "devs", "/"));
        User theirs = store.inTransaction(tx -> f.iam.createUser(tx, other, "them", "/", null));

        assertThat(f.changed(tx -> f.iam.attachPolicy(tx, bob.asOwner(), admin.arn()))).isTrue();
        assertThat(f.changed(tx -> f.iam.attachPolicy(tx, bob.asOwner(), admin.arn()))).isFalse();
        f.changed(tx -> f.iam.attachPolicy(tx, devs.asOwner(), admin.arn()));
        f.changed(tx -> f.iam.attachPolicy(tx, theirs.asOwner(), admin.arn()));

        assertThat(attachedArns(f, bob.asOwner())).containsExactly(admin.arn());
        assertThat(find(f, f.accountId, admin.arn()).orElseThrow().attachmentCount()).isEqualTo(2);
        assertThat(find(f, other, admin.arn()).orElseThrow().attachmentCount()).isEqualTo(1);
        assertThat(f.count("SELECT count(*) FROM iam_policy_attachments WHERE policy_arn = ?", admin.arn())).isEqualTo(3);
        assertThat(store.readOnly(tx -> f.iam.countAttachments(tx, f.accountId, admin.arn())).longValue()).isEqualTo(2);
        List<ManagedPolicy> details = store.readOnly(tx -> f.iam.attachedPolicyDetails(tx, devs.asOwner()));
        assertThat(details).extracting(ManagedPolicy::document).containsExactly(ALLOW_ALL);

        assertThat(f.changed(tx -> f.iam.detachPolicy(tx, bob.asOwner(), admin.arn()))).isTrue();
        assertThat(f.changed(tx -> f.iam.detachPolicy(tx, bob.asOwner(), admin.arn()))).isFalse();
        assertThat(attachedArns(f, bob.asOwner())).isEmpty();
    }

    @StoreTest
    void attachingAPolicyThatDoesNotExistFails(Store store)
    {
        IamFixture f = new IamFixture(store);
        User bob = f.user("bob");

        assertThatThrownBy(() -> f.changed(tx -> f.iam.attachPolicy(tx, bob.asOwner(), "arn:aws:iam::aws:policy/Nope"))).isInstanceOf(StoreException.class);
    }

    @StoreTest
    void listPoliciesFiltersByScopeAndAttachmentAndPagesThroughEqualNames(Store store)
    {
        IamFixture f = new IamFixture(store);
        ManagedPolicy awsAdmin = awsPolicy(f, "Admin", ALLOW_ALL);
        awsPolicy(f, "Billing", ALLOW_ALL);
        ManagedPolicy localAdmin = customerPolicy(f, f.accountId, "admin");
        customerPolicy(f, f.accountId, "Zeta");
        customerPolicy(f, f.otherAccount(), "Invisible");
        User bob = f.user("bob");
        f.changed(tx -> f.iam.attachPolicy(tx, bob.asOwner(), localAdmin.arn()));

        // equal names order by ARN, and an account id's digits sort before "aws"
        assertThat(listAll(f, PolicyScope.ALL, false, 1)).containsExactly(localAdmin.arn(), awsAdmin.arn(),
                "arn:aws:iam::aws:policy/Billing", "arn:aws:iam::" + f.accountId + ":policy/Zeta");
        assertThat(listAll(f, PolicyScope.AWS, false, 100)).containsExactly(awsAdmin.arn(), "arn:aws:iam::aws:policy/Billing");
        assertThat(listAll(f, PolicyScope.LOCAL, false, 100)).containsExactly(localAdmin.arn(), "arn:aws:iam::" + f.accountId + ":policy/Zeta");
        assertThat(listAll(f, PolicyScope.ALL, true, 100)).containsExactly(localAdmin.arn());
    }

    @StoreTest
    void unattachedCustomerPolicyIsDeletedWithItsVersions(Store store)
    {
        IamFixture f = new IamFixture(store);
        ManagedPolicy policy = customerPolicy(f, f.accountId, "Temp");
        User bob = f.user("bob");
        f.changed(tx -> f.iam.attachPolicy(tx, bob.asOwner(), policy.arn()));

        assertThatThrownBy(() -> f.changed(tx -> f.iam.deletePolicy(tx, f.accountId, policy.arn()))).isInstanceOf(IllegalStateException.class);
        f.changed(tx -> f.iam.detachPolicy(tx, bob.asOwner(), policy.arn()));
        assertThat(f.changed(tx -> f.iam.deletePolicy(tx, f.accountId, policy.arn()))).isTrue();
        assertThat(find(f, f.accountId, policy.arn())).isEmpty();
        assertThat(f.count("SELECT count(*) FROM iam_policy_versions WHERE policy_arn = ?", policy.arn())).isZero();
    }

    private static List<String> listAll(IamFixture f, PolicyScope scope, boolean onlyAttached, int pageSize)
    {
        List<String> arns = new ArrayList<>();
        String marker = null;
        do {
            String current = marker;
            Page<ManagedPolicy> page = f.store.readOnly(tx -> f.iam.listPolicies(tx, f.accountId, scope, onlyAttached, null, current, pageSize));
            page.items().forEach(policy -> arns.add(policy.arn()));
            marker = page.nextMarker();
        }
        while (marker != null);
        return arns;
    }
}
