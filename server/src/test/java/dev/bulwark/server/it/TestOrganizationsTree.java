package dev.bulwark.server.it;

import dev.bulwark.server.store.StoreTarget;
import dev.bulwark.server.store.StoreTest;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OUs (nesting, moves, AWS's depth limit) and policies (grammar, size, attachments, defaults, effective policies) through the SDK. */
final class TestOrganizationsTree
{
    static final String DENY_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";

    @StoreTest
    void unitsNestFiveDeepAndAccountsMoveBetweenThem(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            OrganizationalUnit prod = orgs.createOrganizationalUnit(b -> b.parentId(root).name("prod").tags(t -> t.key("env").value("prod"))).organizationalUnit();
            assertThat(prod.id()).matches("ou-" + root.substring(2) + "-[a-z0-9]{8}");
            assertThat(prod.arn()).isEqualTo("arn:aws:organizations::" + management + ":ou/" + orgId + "/" + prod.id());
            assertThat(orgs.describeOrganizationalUnit(b -> b.organizationalUnitId(prod.id())).organizationalUnit()).isEqualTo(prod);
            assertThat(orgs.listTagsForResource(b -> b.resourceId(prod.id())).tags()).extracting(Tag::key, Tag::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("env", "prod"));
            assertThatThrownBy(() -> orgs.createOrganizationalUnit(b -> b.parentId(root).name("prod"))).isInstanceOf(DuplicateOrganizationalUnitException.class);
            assertThatThrownBy(() -> orgs.createOrganizationalUnit(b -> b.parentId("ou-zzzz-zzzzzzzz").name("x"))).isInstanceOf(ParentNotFoundException.class);

            String parent = prod.id();
            for (int depth = 2; depth <= 5; depth++) {
                String current = parent;
                int level = depth;
                parent = orgs.createOrganizationalUnit(b -> b.parentId(current).name("level" + level)).organizationalUnit().id();
            }
            String deepest = parent;
            assertThatThrownBy(() -> orgs.createOrganizationalUnit(b -> b.parentId(deepest).name("level6")))
                    .isInstanceOfSatisfying(ConstraintViolationException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ConstraintViolationExceptionReason.OU_DEPTH_LIMIT_EXCEEDED);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConstraintViolationException");
                    });

            String member = orgs.createAccount(b -> b.accountName("app").email("app@example.com")).createAccountStatus().accountId();
            assertThat(orgs.listParents(b -> b.childId(member)).parents()).extracting(Parent::id, Parent::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(root, ParentType.ROOT));
            orgs.moveAccount(b -> b.accountId(member).sourceParentId(root).destinationParentId(prod.id()));
            assertThatThrownBy(() -> orgs.moveAccount(b -> b.accountId(member).sourceParentId(root).destinationParentId(prod.id())))
                    .isInstanceOf(DuplicateAccountException.class);
            assertThatThrownBy(() -> orgs.moveAccount(b -> b.accountId(member).sourceParentId(root).destinationParentId("ou-zzzz-zzzzzzzz")))
                    .isInstanceOf(DestinationParentNotFoundException.class);
            assertThat(orgs.listParents(b -> b.childId(member)).parents()).extracting(Parent::id, Parent::type)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(prod.id(), ParentType.ORGANIZATIONAL_UNIT));
            assertThat(orgs.listAccountsForParent(b -> b.parentId(prod.id())).accounts()).extracting(Account::id).containsExactly(member);
            assertThat(orgs.listAccountsForParent(b -> b.parentId(root)).accounts()).extracting(Account::id).containsExactly(management);
            assertThat(orgs.listChildren(b -> b.parentId(prod.id()).childType(ChildType.ACCOUNT)).children()).extracting(Child::id).containsExactly(member);
            assertThat(orgs.listChildren(b -> b.parentId(prod.id()).childType(ChildType.ORGANIZATIONAL_UNIT)).children()).hasSize(1);
            assertThat(orgs.listOrganizationalUnitsForParent(b -> b.parentId(root)).organizationalUnits()).extracting(OrganizationalUnit::name)
                    .containsExactly("prod");
            assertThat(orgs.listParents(b -> b.childId(deepest)).parents().get(0).type()).isEqualTo(ParentType.ORGANIZATIONAL_UNIT);
            assertThatThrownBy(() -> orgs.listParents(b -> b.childId("ou-zzzz-zzzzzzzz"))).isInstanceOf(ChildNotFoundException.class);

            assertThat(orgs.updateOrganizationalUnit(b -> b.organizationalUnitId(prod.id()).name("production")).organizationalUnit().name())
                    .isEqualTo("production");
            assertThatThrownBy(() -> orgs.deleteOrganizationalUnit(b -> b.organizationalUnitId(prod.id())))
                    .isInstanceOf(OrganizationalUnitNotEmptyException.class);
            assertThatThrownBy(() -> orgs.deleteOrganizationalUnit(b -> b.organizationalUnitId(deepest + "x")))
                    .isInstanceOf(OrganizationsException.class);
            orgs.deleteOrganizationalUnit(b -> b.organizationalUnitId(deepest));
            assertThatThrownBy(() -> orgs.describeOrganizationalUnit(b -> b.organizationalUnitId(deepest)))
                    .isInstanceOf(OrganizationalUnitNotFoundException.class);
        }
    }

    @StoreTest
    void serviceControlPoliciesAreValidatedAttachedAndDetachedAsInAws(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            String orgId = orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL)).organization().id();
            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            String ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("regulated")).organizationalUnit().id();

            String withPrincipal = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
            assertThatThrownBy(() -> orgs.createPolicy(b -> b.name("bad").description("").type(PolicyType.SERVICE_CONTROL_POLICY).content(withPrincipal)))
                    .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The provided policy document does not meet the requirements of the specified policy type."));
            assertThatThrownBy(() -> orgs.createPolicy(b -> b.name("bad").description("").type(PolicyType.SERVICE_CONTROL_POLICY).content("{not json")))
                    .isInstanceOf(MalformedPolicyDocumentException.class);
            String huge = DENY_S3.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Sid\":\"" + "x".repeat(5100) + "\"");
            assertThatThrownBy(() -> orgs.createPolicy(b -> b.name("big").description("").type(PolicyType.SERVICE_CONTROL_POLICY).content(huge)))
                    .isInstanceOfSatisfying(ConstraintViolationException.class, e -> assertThat(e.reason())
                            .isEqualTo(ConstraintViolationExceptionReason.POLICY_CONTENT_LIMIT_EXCEEDED));

            PolicySummary denyS3 = orgs.createPolicy(b -> b.name("deny-s3").description("no S3").type(PolicyType.SERVICE_CONTROL_POLICY).content(DENY_S3))
                    .policy().policySummary();
            assertThat(denyS3.id()).matches("p-[a-z0-9]{8}");
            assertThat(denyS3.arn()).isEqualTo("arn:aws:organizations::" + management + ":policy/" + orgId + "/service_control_policy/" + denyS3.id());
            assertThat(denyS3.awsManaged()).isFalse();
            assertThatThrownBy(() -> orgs.createPolicy(b -> b.name("deny-s3").description("").type(PolicyType.SERVICE_CONTROL_POLICY).content(DENY_S3)))
                    .isInstanceOf(DuplicatePolicyException.class);
            assertThat(orgs.describePolicy(b -> b.policyId(denyS3.id())).policy().content()).isEqualTo(DENY_S3);

            assertThatThrownBy(() -> orgs.attachPolicy(b -> b.policyId(denyS3.id()).targetId(ou))).isInstanceOf(PolicyTypeNotEnabledException.class);
            orgs.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.SERVICE_CONTROL_POLICY));
            assertThat(orgs.listPoliciesForTarget(b -> b.targetId(ou).filter(PolicyType.SERVICE_CONTROL_POLICY)).policies())
                    .extracting(PolicySummary::id).containsExactly("p-FullAWSAccess");
            orgs.attachPolicy(b -> b.policyId(denyS3.id()).targetId(ou));
            assertThatThrownBy(() -> orgs.attachPolicy(b -> b.policyId(denyS3.id()).targetId(ou))).isInstanceOf(DuplicatePolicyAttachmentException.class);
            assertThatThrownBy(() -> orgs.attachPolicy(b -> b.policyId(denyS3.id()).targetId("ou-zzzz-zzzzzzzz"))).isInstanceOf(TargetNotFoundException.class);
            assertThatThrownBy(() -> orgs.attachPolicy(b -> b.policyId("p-zzzzzzzz").targetId(ou))).isInstanceOf(PolicyNotFoundException.class);
            assertThat(orgs.listTargetsForPolicy(b -> b.policyId(denyS3.id())).targets()).extracting(PolicyTargetSummary::targetId, PolicyTargetSummary::type,
                    PolicyTargetSummary::name).containsExactly(org.assertj.core.groups.Tuple.tuple(ou, TargetType.ORGANIZATIONAL_UNIT, "regulated"));
            assertThat(orgs.listPolicies(b -> b.filter(PolicyType.SERVICE_CONTROL_POLICY)).policies()).extracting(PolicySummary::name)
                    .containsExactly("FullAWSAccess", "deny-s3");

            // Detaching FullAWSAccess is fine while another SCP stays; the last one cannot go.
            orgs.detachPolicy(b -> b.policyId("p-FullAWSAccess").targetId(ou));
            assertThatThrownBy(() -> orgs.detachPolicy(b -> b.policyId(denyS3.id()).targetId(ou)))
                    .isInstanceOfSatisfying(ConstraintViolationException.class, e -> assertThat(e.reason())
                            .isEqualTo(ConstraintViolationExceptionReason.MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED));
            assertThatThrownBy(() -> orgs.detachPolicy(b -> b.policyId("p-FullAWSAccess").targetId(ou))).isInstanceOf(PolicyNotAttachedException.class);
            assertThatThrownBy(() -> orgs.deletePolicy(b -> b.policyId(denyS3.id()))).isInstanceOf(PolicyInUseException.class);
            assertThatThrownBy(() -> orgs.updatePolicy(b -> b.policyId("p-FullAWSAccess").name("mine"))).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.reason()).isEqualTo(InvalidInputExceptionReason.IMMUTABLE_POLICY));
            assertThatThrownBy(() -> orgs.updatePolicy(b -> b.policyId(denyS3.id()).content(withPrincipal))).isInstanceOf(MalformedPolicyDocumentException.class);
            String denyEc2 = DENY_S3.replace("s3:*", "ec2:*");
            assertThat(orgs.updatePolicy(b -> b.policyId(denyS3.id()).name("deny-ec2").content(denyEc2)).policy().content()).isEqualTo(denyEc2);

            orgs.attachPolicy(b -> b.policyId("p-FullAWSAccess").targetId(ou));
            orgs.detachPolicy(b -> b.policyId(denyS3.id()).targetId(ou));
            orgs.deletePolicy(b -> b.policyId(denyS3.id()));
            assertThatThrownBy(() -> orgs.describePolicy(b -> b.policyId(denyS3.id()))).isInstanceOf(PolicyNotFoundException.class);
        }
    }

    @StoreTest
    void resourceControlPoliciesDenyForEveryoneAndTagPoliciesHaveEffectivePolicies(StoreTarget target) throws Exception
    {
        try (RunningServer server = RunningServer.start(target); OrganizationsClient orgs = OrgClients.organizations(server, server.adminCredentials())) {
            String management = server.admin().accountId();
            orgs.createOrganization(b -> b.featureSet(OrganizationFeatureSet.ALL));
            String root = orgs.listRoots(b -> {}).roots().get(0).id();
            orgs.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.RESOURCE_CONTROL_POLICY));
            assertThat(orgs.listPoliciesForTarget(b -> b.targetId(management).filter(PolicyType.RESOURCE_CONTROL_POLICY)).policies())
                    .extracting(PolicySummary::id).containsExactly("p-RCPFullAWSAccess");
            assertThatThrownBy(() -> orgs.detachPolicy(b -> b.policyId("p-RCPFullAWSAccess").targetId(root)))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).isEqualTo(InvalidInputExceptionReason.NON_DETACHABLE_POLICY));

            String allow = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
            String someone = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},"
                    + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
            String noPrincipal = TestOrganizationsTree.DENY_S3;
            for (String bad : new String[] {allow, someone, noPrincipal}) {
                assertThatThrownBy(() -> orgs.createPolicy(b -> b.name("bad").description("").type(PolicyType.RESOURCE_CONTROL_POLICY).content(bad)))
                        .isInstanceOf(MalformedPolicyDocumentException.class);
            }
            String denyInsecure = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                    + "\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}";
            String rcp = orgs.createPolicy(b -> b.name("tls-only").description("").type(PolicyType.RESOURCE_CONTROL_POLICY).content(denyInsecure))
                    .policy().policySummary().id();
            orgs.attachPolicy(b -> b.policyId(rcp).targetId(root));
            assertThat(orgs.listPoliciesForTarget(b -> b.targetId(root).filter(PolicyType.RESOURCE_CONTROL_POLICY)).policies()).hasSize(2);

            orgs.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.TAG_POLICY));
            assertThatThrownBy(() -> orgs.describeEffectivePolicy(b -> b.policyType(EffectivePolicyType.TAG_POLICY)))
                    .isInstanceOf(EffectivePolicyNotFoundException.class);
            String rootTags = "{\"tags\":{\"costcenter\":{\"tag_key\":{\"@@assign\":\"CostCenter\"},\"tag_value\":{\"@@assign\":[\"100\",\"200\"]}}}}";
            String accountTags = "{\"tags\":{\"project\":{\"tag_key\":{\"@@assign\":\"Project\"}}}}";
            String p1 = orgs.createPolicy(b -> b.name("cc").description("").type(PolicyType.TAG_POLICY).content(rootTags)).policy().policySummary().id();
            String p2 = orgs.createPolicy(b -> b.name("proj").description("").type(PolicyType.TAG_POLICY).content(accountTags)).policy().policySummary().id();
            orgs.attachPolicy(b -> b.policyId(p1).targetId(root));
            orgs.attachPolicy(b -> b.policyId(p2).targetId(management));
            EffectivePolicy effective = orgs.describeEffectivePolicy(b -> b.policyType(EffectivePolicyType.TAG_POLICY)).effectivePolicy();
            assertThat(effective.targetId()).isEqualTo(management);
            assertThat(effective.policyContent())
                    .isEqualTo("{\"tags\":{\"costcenter\":{\"tag_key\":\"CostCenter\",\"tag_value\":[\"100\",\"200\"]},\"project\":{\"tag_key\":\"Project\"}}}");
        }
    }
}
