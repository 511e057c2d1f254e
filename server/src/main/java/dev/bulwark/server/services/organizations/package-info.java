/**
 * AWS Organizations (awsJson 1.1, global, signing name {@code organizations}), declared by
 * {@link dev.bulwark.server.services.organizations.OrganizationsOperations}:
 * <ul>
 * <li>the organization (feature set ALL; the caller's account becomes its management account), its root, the
 *     policy types enabled there and trusted AWS services;</li>
 * <li>member accounts: {@code CreateAccount} makes a real account (own ID, root user with the email and no
 *     password, {@code OrganizationAccountAccessRole} with AdministratorAccess trusting the management account),
 *     invitations (handshakes) for existing accounts, moving, removing, leaving and closing;</li>
 * <li>OUs five deep, policies of every stored type with AWS's SCP and RCP grammar and size limits, the AWS managed
 *     {@code FullAWSAccess}/{@code RCPFullAWSAccess} attached by default, effective tag/backup policies;</li>
 * <li>delegated administrators (who may then read the organization), the organization's resource policy, and tags.</li>
 * </ul>
 * Enforcement of SCPs and RCPs belongs to the authorizer; it reads
 * {@link dev.bulwark.server.services.organizations.OrganizationsStore#contextOf} (organization, OU path, policy
 * documents per level) and drops what it caches on
 * {@link dev.bulwark.server.services.organizations.OrganizationsOperations#CHANGE_TOPIC}.
 *
 * <p>Input that breaks the model's constraints answers InvalidInputException with its reason, as Organizations does
 * (the awsJson codec's rule for services without ValidationException).
 *
 * <p>Not yet: consolidated-billing organizations (so EnableAllFeatures always answers that all features are on),
 * GovCloud accounts, the resource policy's effect on delegated reads, responsibility transfers, effective-policy
 * validation errors, DescribeHandshake's 30-day visibility window, and asynchronous account creation and closure
 * (both complete at once).
 */
package dev.bulwark.server.services.organizations;
