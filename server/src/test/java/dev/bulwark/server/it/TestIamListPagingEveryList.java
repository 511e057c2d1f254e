package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.Tag;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every IAM list whose input has Marker and MaxItems pages as AWS does: MaxItems=1 walks the list one item per
 * page, each item seen exactly once, IsTruncated true until the last page; the SDK's paginators follow the markers.
 */
final class TestIamListPagingEveryList
{
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
    private static final String OTHER = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    /** One page answer, reduced to what paging needs. */
    private record Page(List<String> items, boolean truncated, String marker) {}

    @StoreTest
    void everyListPagesOneItemAtATime(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            List<Tag> tags = List.of(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build(),
                    Tag.builder().key("c").value("3").build());
            String p1 = iam.createPolicy(b -> b.policyName("p1").policyDocument(POLICY)).policy().arn();
            String p2 = iam.createPolicy(b -> b.policyName("p2").policyDocument(POLICY)).policy().arn();
            String p3 = iam.createPolicy(b -> b.policyName("p3").policyDocument(POLICY)).policy().arn();
            iam.createPolicyVersion(b -> b.policyArn(p1).policyDocument(OTHER));
            iam.createPolicyVersion(b -> b.policyArn(p1).policyDocument(POLICY).setAsDefault(true));

            iam.createUser(b -> b.userName("pager"));
            iam.createUser(b -> b.userName("pager2"));
            List<String> keys = List.of(iam.createAccessKey(b -> b.userName("pager")).accessKey().accessKeyId(),
                    iam.createAccessKey(b -> b.userName("pager")).accessKey().accessKeyId());
            for (String arn : List.of(p1, p2, p3)) {
                iam.attachUserPolicy(b -> b.userName("pager").policyArn(arn));
            }
            for (String name : List.of("i1", "i2", "i3")) {
                iam.putUserPolicy(b -> b.userName("pager").policyName(name).policyDocument(POLICY));
            }
            for (String group : List.of("g1", "g2", "g3")) {
                iam.createGroup(b -> b.groupName(group));
                iam.addUserToGroup(b -> b.groupName(group).userName("pager"));
            }
            iam.addUserToGroup(b -> b.groupName("g1").userName("pager2"));
            iam.attachGroupPolicy(b -> b.groupName("g1").policyArn(p1));
            iam.attachGroupPolicy(b -> b.groupName("g1").policyArn(p2));
            iam.putGroupPolicy(b -> b.groupName("g1").policyName("i1").policyDocument(POLICY));
            iam.putGroupPolicy(b -> b.groupName("g1").policyName("i2").policyDocument(POLICY));

            iam.createRole(b -> b.roleName("r1").assumeRolePolicyDocument(TRUST));
            iam.attachRolePolicy(b -> b.roleName("r1").policyArn(p1));
            iam.attachRolePolicy(b -> b.roleName("r1").policyArn(p3));
            iam.putRolePolicy(b -> b.roleName("r1").policyName("i1").policyDocument(POLICY));
            iam.putRolePolicy(b -> b.roleName("r1").policyName("i2").policyDocument(POLICY));
            iam.createInstanceProfile(b -> b.instanceProfileName("ip1").tags(tags));
            iam.createAccountAlias(b -> b.accountAlias("paging-alias"));
            String oidc = iam.createOpenIDConnectProvider(b -> b.url("https://token.example.com").tags(tags)).openIDConnectProviderArn();

            assertWalk(marker -> {
                var r = iam.listAccessKeys(b -> b.userName("pager").maxItems(1).marker(marker));
                return new Page(r.accessKeyMetadata().stream().map(k -> k.accessKeyId()).toList(), r.isTruncated(), r.marker());
            }, keys);
            assertWalk(marker -> {
                var r = iam.listAttachedUserPolicies(b -> b.userName("pager").maxItems(1).marker(marker));
                return new Page(r.attachedPolicies().stream().map(AttachedPolicy::policyArn).toList(), r.isTruncated(), r.marker());
            }, List.of(p1, p2, p3));
            assertWalk(marker -> {
                var r = iam.listAttachedGroupPolicies(b -> b.groupName("g1").maxItems(1).marker(marker));
                return new Page(r.attachedPolicies().stream().map(AttachedPolicy::policyArn).toList(), r.isTruncated(), r.marker());
            }, List.of(p1, p2));
            assertWalk(marker -> {
                var r = iam.listAttachedRolePolicies(b -> b.roleName("r1").maxItems(1).marker(marker));
                return new Page(r.attachedPolicies().stream().map(AttachedPolicy::policyArn).toList(), r.isTruncated(), r.marker());
            }, List.of(p1, p3));
            assertWalk(marker -> {
                var r = iam.listUserPolicies(b -> b.userName("pager").maxItems(1).marker(marker));
                return new Page(r.policyNames(), r.isTruncated(), r.marker());
            }, List.of("i1", "i2", "i3"));
            assertWalk(marker -> {
                var r = iam.listGroupPolicies(b -> b.groupName("g1").maxItems(1).marker(marker));
                return new Page(r.policyNames(), r.isTruncated(), r.marker());
            }, List.of("i1", "i2"));
            assertWalk(marker -> {
                var r = iam.listRolePolicies(b -> b.roleName("r1").maxItems(1).marker(marker));
                return new Page(r.policyNames(), r.isTruncated(), r.marker());
            }, List.of("i1", "i2"));
            assertWalk(marker -> {
                var r = iam.listPolicyVersions(b -> b.policyArn(p1).maxItems(1).marker(marker));
                return new Page(r.versions().stream().map(v -> v.versionId()).toList(), r.isTruncated(), r.marker());
            }, List.of("v1", "v2", "v3"));
            assertWalk(marker -> {
                var r = iam.getGroup(b -> b.groupName("g1").maxItems(1).marker(marker));
                return new Page(r.users().stream().map(u -> u.userName()).toList(), r.isTruncated(), r.marker());
            }, List.of("pager", "pager2"));
            assertWalk(marker -> {
                var r = iam.listGroupsForUser(b -> b.userName("pager").maxItems(1).marker(marker));
                return new Page(r.groups().stream().map(g -> g.groupName()).toList(), r.isTruncated(), r.marker());
            }, List.of("g1", "g2", "g3"));
            assertWalk(marker -> {
                ListEntitiesForPolicyResponse r = iam.listEntitiesForPolicy(b -> b.policyArn(p1).maxItems(1).marker(marker));
                return new Page(Stream.of(r.policyUsers().stream().map(u -> "user/" + u.userName()),
                        r.policyGroups().stream().map(g -> "group/" + g.groupName()),
                        r.policyRoles().stream().map(x -> "role/" + x.roleName())).flatMap(s -> s).toList(), r.isTruncated(), r.marker());
            }, List.of("user/pager", "group/g1", "role/r1"));
            assertWalk(marker -> {
                var r = iam.listInstanceProfileTags(b -> b.instanceProfileName("ip1").maxItems(1).marker(marker));
                return new Page(r.tags().stream().map(Tag::key).toList(), r.isTruncated(), r.marker());
            }, List.of("a", "b", "c"));
            assertWalk(marker -> {
                var r = iam.listOpenIDConnectProviderTags(b -> b.openIDConnectProviderArn(oidc).maxItems(1).marker(marker));
                return new Page(r.tags().stream().map(Tag::key).toList(), r.isTruncated(), r.marker());
            }, List.of("a", "b", "c"));
            assertWalk(marker -> {
                var r = iam.listAccountAliases(b -> b.maxItems(1).marker(marker));
                return new Page(r.accountAliases(), r.isTruncated(), r.marker());
            }, List.of("paging-alias"));

            // the SDK's paginators follow IsTruncated/Marker to the end
            assertThat(iam.listAccessKeysPaginator(b -> b.userName("pager").maxItems(1)).accessKeyMetadata().stream().map(k -> k.accessKeyId()).toList())
                    .containsExactlyInAnyOrderElementsOf(keys);
            assertThat(iam.listAttachedUserPoliciesPaginator(b -> b.userName("pager").maxItems(1)).attachedPolicies().stream().map(AttachedPolicy::policyArn).toList())
                    .containsExactlyInAnyOrder(p1, p2, p3);
            assertThat(iam.listUserPoliciesPaginator(b -> b.userName("pager").maxItems(1)).policyNames().stream().toList())
                    .containsExactlyInAnyOrder("i1", "i2", "i3");
            assertThat(iam.listPolicyVersionsPaginator(b -> b.policyArn(p1).maxItems(1)).versions().stream().map(v -> v.versionId()).toList())
                    .containsExactlyInAnyOrder("v1", "v2", "v3");
            assertThat(iam.getGroupPaginator(b -> b.groupName("g1").maxItems(1)).users().stream().map(u -> u.userName()).toList())
                    .containsExactlyInAnyOrder("pager", "pager2");
            assertThat(iam.listGroupsForUserPaginator(b -> b.userName("pager").maxItems(1)).groups().stream().map(g -> g.groupName()).toList())
                    .containsExactlyInAnyOrder("g1", "g2", "g3");
            assertThat(iam.listEntitiesForPolicyPaginator(b -> b.policyArn(p1).maxItems(1)).policyUsers().stream().map(u -> u.userName()).toList())
                    .containsExactly("pager");

            // a marker this server did not issue is the caller's error
            expectInvalidMarker(() -> iam.listAccessKeys(b -> b.userName("pager").marker("bogus")));
            expectInvalidMarker(() -> iam.listEntitiesForPolicy(b -> b.policyArn(p1).marker("bogus")));
            expectInvalidMarker(() -> iam.getGroup(b -> b.groupName("g1").marker("bogus")));

            // MaxItems is 1..1000, as AWS's model constrains it
            for (int outOfRange : new int[] {0, 1001}) {
                assertThatThrownBy(() -> iam.listAttachedRolePolicies(b -> b.roleName("r1").maxItems(outOfRange)))
                        .isInstanceOfSatisfying(IamException.class, e -> {
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        });
            }
            assertThat(iam.listPolicyVersions(b -> b.policyArn(p1).maxItems(1000)).versions()).hasSize(3);
        }
    }

    @StoreTest
    void samlProviderTagsPage(StoreTarget target, @TempDir Path dir) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials());
                LocalIdentityProvider idp = LocalIdentityProvider.start(dir.resolve("idp"))) {
            String metadata = idp.samlMetadata();
            String arn = iam.createSAMLProvider(b -> b.name("Corp").samlMetadataDocument(metadata)
                    .tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build())).samlProviderArn();
            assertWalk(marker -> {
                var r = iam.listSAMLProviderTags(b -> b.samlProviderArn(arn).maxItems(1).marker(marker));
                return new Page(r.tags().stream().map(Tag::key).toList(), r.isTruncated(), r.marker());
            }, List.of("a", "b"));
        }
    }

    /** Walks the list with MaxItems=1 and checks every expected item comes exactly once, one per page. */
    private static void assertWalk(Function<String, Page> call, List<String> expected)
    {
        List<String> seen = new ArrayList<>();
        String marker = null;
        for (int pages = 0; pages <= expected.size() + 1; pages++) {
            Page page = call.apply(marker);
            assertThat(page.items()).hasSize(1);
            seen.addAll(page.items());
            if (!page.truncated()) {
                assertThat(page.marker()).isNull();
                assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
                return;
            }
            assertThat(page.marker()).isNotEmpty();
            marker = page.marker();
        }
        throw new AssertionError("paging never ended; saw " + seen + ", expected " + expected);
    }

    private static void expectInvalidMarker(Runnable call)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Marker.");
        });
    }
}
