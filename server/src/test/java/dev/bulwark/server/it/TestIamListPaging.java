package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListPolicyTagsResponse;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.ListUserTagsResponse;
import software.amazon.awssdk.services.iam.model.Tag;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Paging details found by running an external conformance suite: MaxItems and Marker on the tag lists, and a
 * Marker the server never issued answered as the caller's error rather than a server failure.
 */
final class TestIamListPaging
{
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @StoreTest
    void tagListsHonourMaxItemsAndMarker(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            List<Tag> tags = List.of(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build(),
                    Tag.builder().key("c").value("3").build());
            iam.createUser(b -> b.userName("tagged").tags(tags));
            iam.createRole(b -> b.roleName("tagged").assumeRolePolicyDocument(TRUST).tags(tags));
            String policyArn = iam.createPolicy(b -> b.policyName("tagged").policyDocument(POLICY).tags(tags)).policy().arn();

            ListUserTagsResponse userFirst = iam.listUserTags(b -> b.userName("tagged").maxItems(2));
            assertThat(userFirst.tags()).hasSize(2);
            assertThat(userFirst.isTruncated()).isTrue();
            assertThat(userFirst.marker()).isNotEmpty();
            ListUserTagsResponse userRest = iam.listUserTags(b -> b.userName("tagged").marker(userFirst.marker()));
            assertThat(userRest.isTruncated()).isFalse();
            assertThat(userRest.marker()).isNull();
            assertThat(keys(userFirst.tags(), userRest.tags())).containsExactlyInAnyOrder("a", "b", "c");

            ListRoleTagsResponse roleFirst = iam.listRoleTags(b -> b.roleName("tagged").maxItems(1));
            assertThat(roleFirst.tags()).hasSize(1);
            assertThat(roleFirst.isTruncated()).isTrue();
            ListRoleTagsResponse roleRest = iam.listRoleTags(b -> b.roleName("tagged").marker(roleFirst.marker()).maxItems(5));
            assertThat(roleRest.tags()).hasSize(2);
            assertThat(roleRest.isTruncated()).isFalse();
            assertThat(keys(roleFirst.tags(), roleRest.tags())).containsExactlyInAnyOrder("a", "b", "c");

            ListPolicyTagsResponse policyFirst = iam.listPolicyTags(b -> b.policyArn(policyArn).maxItems(1));
            assertThat(policyFirst.tags()).hasSize(1);
            assertThat(policyFirst.isTruncated()).isTrue();
            ListPolicyTagsResponse policyRest = iam.listPolicyTags(b -> b.policyArn(policyArn).marker(policyFirst.marker()));
            assertThat(policyRest.tags()).hasSize(2);
            assertThat(policyRest.isTruncated()).isFalse();

            ListUserTagsResponse whole = iam.listUserTags(b -> b.userName("tagged"));
            assertThat(whole.tags()).hasSize(3);
            assertThat(whole.isTruncated()).isFalse();

            expectInvalidMarker(() -> iam.listUserTags(b -> b.userName("tagged").marker("not-a-marker")));
        }
    }

    @StoreTest
    void markersTheServerNeverIssuedAreValidationErrors(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); IamClient iam = server.iam(server.adminCredentials())) {
            iam.createUser(b -> b.userName("someone"));
            expectInvalidMarker(() -> iam.listUsers(b -> b.marker("0")));
            expectInvalidMarker(() -> iam.listRoles(b -> b.marker("10")));
            expectInvalidMarker(() -> iam.listGroups(b -> b.marker("x")));
            expectInvalidMarker(() -> iam.listPolicies(b -> b.marker("0")));
            assertThat(iam.listUsers(b -> b.maxItems(1)).users()).extracting(u -> u.userName()).isNotEmpty();
        }
    }

    private static void expectInvalidMarker(Runnable call)
    {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Invalid Marker.");
        });
    }

    @SafeVarargs
    private static List<String> keys(List<Tag>... pages)
    {
        List<String> keys = new ArrayList<>();
        for (List<Tag> page : pages) {
            page.forEach(tag -> keys.add(tag.key()));
        }
        return keys;
    }
}
