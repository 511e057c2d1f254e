-- IAM centralized root access for member accounts: which features the organization's management account (or
-- IAM's delegated administrator) enabled with EnableOrganizationsRootCredentialsManagement and
-- EnableOrganizationsRootSessions. A missing row means neither is enabled.
-- No foreign key to org_organizations: DeleteOrganization leaves the rows of an id that is never reused.

CREATE TABLE iam_org_root_features (
    org_id TEXT NOT NULL,
    feature TEXT NOT NULL,
    PRIMARY KEY (org_id, feature)
);
