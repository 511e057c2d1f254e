package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import dev.bulwark.server.store.StoreTest;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestIamStoreRoles
{
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private static Role role(IamFixture f, String name, String path)
    {
        return f.store.inTransaction(tx -> f.iam.createRole(tx, f.accountId, name, path, TRUST, null, Role.DEFAULT_MAX_SESSION_DURATION, null));
    }

    private static Optional<Role> find(IamFixture f, String name)
    {
        return f.store.readOnly(tx -> f.iam.findRole(tx, f.accountId, name));
    }

    @StoreTest
    void createdRoleIsFoundInAnyCaseWithItsTrustPolicy(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role created = store.inTransaction(tx -> f.iam.createRole(tx, f.accountId, "Deployer", "/ci/", TRUST, "deploys things", 7200, null));

        assertThat(created.roleId()).matches("AROA[A-Z2-7]{17}");
        assertThat(created.arn()).isEqualTo("arn:aws:iam::" + f.accountId + ":role/ci/Deployer");
        assertThat(find(f, "deployer")).contains(created);
        assertThat(store.readOnly(tx -> f.iam.findRoleById(tx, created.roleId())).orElseThrow()).isEqualTo(created);
        assertThat(find(f, "nobody")).isEmpty();
    }

    @StoreTest
    void roleNameDifferingOnlyInCaseConflicts(Store store)
    {
        IamFixture f = new IamFixture(store);
        role(f, "Deployer", "/");

        assertThatThrownBy(() -> role(f, "DEPLOYER", "/"))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.entity()).isEqualTo("role"));
    }

    @StoreTest
    void trustPolicyDescriptionDurationAndBoundaryAreUpdated(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role role = role(f, "r", "/");
        String newTrust = TRUST.replace("ec2", "lambda");

        assertThat(f.changed(tx -> f.iam.updateAssumeRolePolicy(tx, role, newTrust))).isTrue();
        assertThat(f.changed(tx -> f.iam.updateRole(tx, role, "now described", 43200))).isTrue();
        assertThat(f.changed(tx -> f.iam.setRolePermissionsBoundary(tx, role, "arn:aws:iam::aws:policy/ReadOnlyAccess"))).isTrue();

        Role updated = find(f, "r").orElseThrow();
        assertThat(updated.assumeRolePolicyDocument()).isEqualTo(newTrust);
        assertThat(updated.description()).isEqualTo("now described");
        assertThat(updated.maxSessionDuration()).isEqualTo(43200);
        assertThat(updated.permissionsBoundaryArn()).isEqualTo("arn:aws:iam::aws:policy/ReadOnlyAccess");
    }

    @StoreTest
    void listRolesPagesByNameAndFiltersByPath(Store store)
    {
        IamFixture f = new IamFixture(store);
        role(f, "b", "/svc/");
        role(f, "a", "/");
        role(f, "c", "/svc/");

        Page<Role> first = store.readOnly(tx -> f.iam.listRoles(tx, f.accountId, null, null, 2));
        Page<Role> rest = store.readOnly(tx -> f.iam.listRoles(tx, f.accountId, null, first.nextMarker(), 2));
        Page<Role> svc = store.readOnly(tx -> f.iam.listRoles(tx, f.accountId, "/svc/", null, 100));

        assertThat(first.items()).extracting(Role::name).containsExactly("a", "b");
        assertThat(rest.items()).extracting(Role::name).containsExactly("c");
        assertThat(rest.isTruncated()).isFalse();
        assertThat(svc.items()).extracting(Role::name).containsExactly("b", "c");
    }

    @StoreTest
    void roleWithPoliciesCannotBeDeletedUntilTheyAreGone(Store store)
    {
        IamFixture f = new IamFixture(store);
        Role role = role(f, "r", "/");
        store.inTransaction(tx -> {
            f.iam.putInlinePolicy(tx, role.asOwner(), "inline", "{}");
            return null;
        });

        assertThatThrownBy(() -> f.changed(tx -> f.iam.deleteRole(tx, role))).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 inline");
        f.changed(tx -> f.iam.deleteInlinePolicy(tx, role.asOwner(), "inline"));
        assertThat(f.changed(tx -> f.iam.deleteRole(tx, role))).isTrue();
        assertThat(find(f, "r")).isEmpty();
    }
}
