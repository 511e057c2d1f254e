package dev.bulwark.server.services.organizations;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.AwsManagedPolicies;
import dev.bulwark.server.services.iam.IamService;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.organizations.model.CreateAccountRequestRecord;
import dev.bulwark.server.services.organizations.model.Handshake;
import dev.bulwark.server.services.organizations.model.MemberAccount;
import dev.bulwark.server.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.bulwark.server.services.organizations.OrgWire.read;
import static dev.bulwark.server.services.organizations.OrgWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Member accounts: CreateAccount makes a real account (own ID, root user with the given email and no password,
 * and an administrator role trusting the management account), and existing accounts join by invitation
 * (handshakes). Also moving, removing, leaving and closing.
 */
final class AccountOperations implements ServiceOperations
{
    static final String DEFAULT_ROLE_NAME = "OrganizationAccountAccessRole";
    /** Invitations expire after 15 days, as in AWS. */
    static final Duration HANDSHAKE_LIFETIME = Duration.ofDays(15);

    private final OrgWire wire;
    private final OrganizationsStore orgs;
    private final IamStore iam;

    AccountOperations(OrgWire wire, IamStore iam)
    {
        this.wire = requireNonNull(wire, "wire is null");
        this.orgs = wire.orgs();
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateAccount", CreateAccountRequest.class, (in, r) -> List.of(new Access("organizations:CreateAccount", "*",
                        OrgWire.requestTagKeys(r.tags()))), this::createAccount),
                read("DescribeCreateAccountStatus", DescribeCreateAccountStatusRequest.class,
                        (in, r) -> List.of(Access.of("organizations:DescribeCreateAccountStatus", "*")), this::describeCreateAccountStatus),
                read("ListCreateAccountStatus", ListCreateAccountStatusRequest.class,
                        (in, r) -> List.of(Access.of("organizations:ListCreateAccountStatus", "*")), this::listCreateAccountStatus),
                read("DescribeAccount", DescribeAccountRequest.class, (in, r) -> wire.access(in, "organizations:DescribeAccount",
                        o -> o.accountArn(r.accountId())), this::describeAccount),
                read("ListAccounts", ListAccountsRequest.class, (in, r) -> List.of(Access.of("organizations:ListAccounts", "*")), this::listAccounts),
                read("ListAccountsForParent", ListAccountsForParentRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:ListAccountsForParent", r.parentId())), this::listAccountsForParent),
                write("MoveAccount", MoveAccountRequest.class, (in, r) -> List.of(
                        wire.on(in, "organizations:MoveAccount", r.accountId()),
                        wire.on(in, "organizations:MoveAccount", r.sourceParentId()),
                        wire.on(in, "organizations:MoveAccount", r.destinationParentId())), this::moveAccount),
                write("RemoveAccountFromOrganization", RemoveAccountFromOrganizationRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:RemoveAccountFromOrganization", r.accountId())), this::removeAccount),
                write("CloseAccount", CloseAccountRequest.class,
                        (in, r) -> List.of(wire.on(in, "organizations:CloseAccount", r.accountId())), this::closeAccount),
                write("LeaveOrganization", LeaveOrganizationRequest.class, (in, r) -> List.of(Access.of("organizations:LeaveOrganization", "*")),
                        this::leaveOrganization),
                write("InviteAccountToOrganization", InviteAccountToOrganizationRequest.class, (in, r) -> List.of(new Access(
                        "organizations:InviteAccountToOrganization", r.target() != null && r.target().type() == HandshakePartyType.ACCOUNT
                                ? wire.arnIn(in, o -> o.accountArn(r.target().id())) : "*", OrgWire.requestTagKeys(r.tags()))), this::invite),
                write("AcceptHandshake", AcceptHandshakeRequest.class, (in, r) -> handshakeAccess(in, "organizations:AcceptHandshake", r.handshakeId()),
                        this::acceptHandshake),
                write("DeclineHandshake", DeclineHandshakeRequest.class, (in, r) -> handshakeAccess(in, "organizations:DeclineHandshake", r.handshakeId()),
                        this::declineHandshake),
                write("CancelHandshake", CancelHandshakeRequest.class, (in, r) -> handshakeAccess(in, "organizations:CancelHandshake", r.handshakeId()),
                        this::cancelHandshake),
                read("DescribeHandshake", DescribeHandshakeRequest.class, (in, r) -> handshakeAccess(in, "organizations:DescribeHandshake", r.handshakeId()),
                        this::describeHandshake),
                read("ListHandshakesForAccount", ListHandshakesForAccountRequest.class,
                        (in, r) -> List.of(Access.of("organizations:ListHandshakesForAccount", "*")), this::listHandshakesForAccount),
                read("ListHandshakesForOrganization", ListHandshakesForOrganizationRequest.class,
                        (in, r) -> List.of(Access.of("organizations:ListHandshakesForOrganization", "*")), this::listHandshakesForOrganization));
    }

    // ---------------------------------------------------------------- creating accounts

    private CreateAccountResponse createAccount(Invocation in, CreateAccountRequest request)
    {
        Organization organization = wire.managed(in);
        String roleName = request.roleName() == null ? DEFAULT_ROLE_NAME : request.roleName();
        String requestId = orgs.randomId("car-", 32);
        boolean emailTaken = iam.listAccounts(in.transaction()).stream().anyMatch(account -> account.email().equalsIgnoreCase(request.email()));
        CreateAccountRequestRecord record;
        if (emailTaken) {
            // AWS accepts the request and reports the failure in its status.
            record = new CreateAccountRequestRecord(requestId, organization.id(), request.accountName(), "FAILED", in.now(), in.now(), null,
                    CreateAccountFailureReason.EMAIL_ALREADY_EXISTS.toString());
        }
        else {
            dev.bulwark.server.services.iam.model.Account account = iam.createAccount(in.transaction(), request.accountName(), request.email(), null);
            Role role = iam.createRole(in.transaction(), account.id(), roleName, "/", trustManagementAccount(organization.managementAccountId()),
                    null, Role.DEFAULT_MAX_SESSION_DURATION, null);
            iam.attachPolicy(in.transaction(), role.asOwner(), AwsManagedPolicies.ADMINISTRATOR_ACCESS);
            in.transaction().publish(IamService.CHANGE_TOPIC_PREFIX + account.id());
            join(in, organization, new MemberAccount(account.id(), organization.id(), orgs.root(in.transaction(), organization.id()).id(),
                    request.accountName(), request.email(), "ACTIVE", "CREATED", in.now()));
            orgs.tag(in.transaction(), account.id(), OrgWire.tags(request.tags()));
            record = new CreateAccountRequestRecord(requestId, organization.id(), request.accountName(), "SUCCEEDED", in.now(), in.now(), account.id(), null);
        }
        orgs.putCreateAccountRequest(in.transaction(), record);
        return CreateAccountResponse.builder().createAccountStatus(toSdk(record)).build();
    }

    /** The trust policy of the role AWS creates in a new member account. */
    static String trustManagementAccount(String managementAccountId)
    {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + managementAccountId
                + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }

    private DescribeCreateAccountStatusResponse describeCreateAccountStatus(Invocation in, DescribeCreateAccountStatusRequest request)
    {
        Organization organization = wire.readable(in);
        CreateAccountRequestRecord record = orgs.findCreateAccountRequest(in.transaction(), organization.id(), request.createAccountRequestId())
                .orElseThrow(OrganizationsErrors::createAccountStatusNotFound);
        return DescribeCreateAccountStatusResponse.builder().createAccountStatus(toSdk(record)).build();
    }

    private ListCreateAccountStatusResponse listCreateAccountStatus(Invocation in, ListCreateAccountStatusRequest request)
    {
        Organization organization = wire.readable(in);
        List<String> states = request.hasStates() ? request.statesAsStrings() : List.of();
        List<CreateAccountStatus> all = orgs.createAccountRequests(in.transaction(), organization.id()).stream()
                .filter(record -> states.isEmpty() || states.contains(record.state()))
                .map(AccountOperations::toSdk)
                .toList();
        OrgWire.Page<CreateAccountStatus> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListCreateAccountStatusResponse.builder().createAccountStatuses(page.items()).nextToken(page.nextToken()).build();
    }

    // ---------------------------------------------------------------- reading accounts

    private DescribeAccountResponse describeAccount(Invocation in, DescribeAccountRequest request)
    {
        Organization organization = wire.readable(in);
        return DescribeAccountResponse.builder().account(OrgWire.toSdk(organization, wire.member(in, organization, request.accountId()))).build();
    }

    private ListAccountsResponse listAccounts(Invocation in, ListAccountsRequest request)
    {
        Organization organization = wire.readable(in);
        OrgWire.Page<MemberAccount> page = OrgWire.page(orgs.members(in.transaction(), organization.id()), request.nextToken(), request.maxResults());
        return ListAccountsResponse.builder()
                .accounts(page.items().stream().map(member -> OrgWire.toSdk(organization, member)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    private ListAccountsForParentResponse listAccountsForParent(Invocation in, ListAccountsForParentRequest request)
    {
        Organization organization = wire.readable(in);
        String parent = wire.parent(in, organization, request.parentId()).orElseThrow(OrganizationsErrors::parentNotFound);
        OrgWire.Page<MemberAccount> page = OrgWire.page(orgs.membersOf(in.transaction(), parent), request.nextToken(), request.maxResults());
        return ListAccountsForParentResponse.builder()
                .accounts(page.items().stream().map(member -> OrgWire.toSdk(organization, member)).toList())
                .nextToken(page.nextToken())
                .build();
    }

    // ---------------------------------------------------------------- changing membership

    private MoveAccountResponse moveAccount(Invocation in, MoveAccountRequest request)
    {
        Organization organization = wire.managed(in);
        String source = wire.parent(in, organization, request.sourceParentId()).orElseThrow(OrganizationsErrors::sourceParentNotFound);
        String destination = wire.parent(in, organization, request.destinationParentId()).orElseThrow(OrganizationsErrors::destinationParentNotFound);
        MemberAccount member = wire.member(in, organization, request.accountId());
        if (member.parentId().equals(destination)) {
            throw OrganizationsErrors.duplicateAccount();
        }
        if (!member.parentId().equals(source)) {
            throw OrganizationsErrors.sourceParentNotFound();
        }
        orgs.moveMember(in.transaction(), member.accountId(), destination);
        OrgWire.changed(in);
        return MoveAccountResponse.builder().build();
    }

    private RemoveAccountFromOrganizationResponse removeAccount(Invocation in, RemoveAccountFromOrganizationRequest request)
    {
        Organization organization = wire.managed(in);
        MemberAccount member = wire.member(in, organization, request.accountId());
        leave(in, organization, member);
        return RemoveAccountFromOrganizationResponse.builder().build();
    }

    private LeaveOrganizationResponse leaveOrganization(Invocation in, LeaveOrganizationRequest request)
    {
        Organization organization = wire.organization(in);
        leave(in, organization, wire.member(in, organization, in.accountId()));
        return LeaveOrganizationResponse.builder().build();
    }

    private void leave(Invocation in, Organization organization, MemberAccount member)
    {
        if (member.accountId().equals(organization.managementAccountId())) {
            throw OrganizationsErrors.managementCannotLeave();
        }
        if (orgs.delegations(in.transaction(), organization.id(), null).stream().anyMatch(d -> d.accountId().equals(member.accountId()))) {
            throw OrganizationsErrors.constraint("CANNOT_REMOVE_DELEGATED_ADMINISTRATOR_FROM_ORG",
                    "You attempted to remove an account that is registered as a delegated administrator for a service integrated with your organization.");
        }
        orgs.removeMember(in.transaction(), organization.id(), member.accountId());
        OrgWire.changed(in);
    }

    private CloseAccountResponse closeAccount(Invocation in, CloseAccountRequest request)
    {
        Organization organization = wire.managed(in);
        MemberAccount member = wire.member(in, organization, request.accountId());
        if (member.accountId().equals(organization.managementAccountId())) {
            throw OrganizationsErrors.constraint("CANNOT_CLOSE_MANAGEMENT_ACCOUNT",
                    "You attempted to close the management account. To close the management account for the organization, you must first either remove "
                            + "or close all member accounts in the organization.");
        }
        if (!member.status().equals("ACTIVE")) {
            throw OrganizationsErrors.accountAlreadyClosed();
        }
        // AWS reports PENDING_CLOSURE while it closes the account, then SUSPENDED; here closing completes at once.
        orgs.setMemberStatus(in.transaction(), member.accountId(), "SUSPENDED");
        OrgWire.changed(in);
        return CloseAccountResponse.builder().build();
    }

    /** Adds the account under the root with the default policies of every enabled type attached. */
    private void join(Invocation in, Organization organization, MemberAccount member)
    {
        orgs.addMember(in.transaction(), member);
        String rootId = orgs.root(in.transaction(), organization.id()).id();
        for (String type : orgs.enabledPolicyTypes(in.transaction(), rootId)) {
            OrganizationOperations.defaultPolicy(type).ifPresent(policy -> orgs.attach(in.transaction(), organization.id(), policy, member.accountId()));
        }
        OrgWire.changed(in);
    }

    // ---------------------------------------------------------------- invitations

    private InviteAccountToOrganizationResponse invite(Invocation in, InviteAccountToOrganizationRequest request)
    {
        Organization organization = wire.managed(in);
        HandshakeParty target = request.target();
        String targetType = target.typeAsString();
        Optional<String> targetAccount = switch (targetType) {
            case "ACCOUNT" -> iam.findAccount(in.transaction(), target.id()).map(dev.bulwark.server.services.iam.model.Account::id);
            case "EMAIL" -> iam.listAccounts(in.transaction()).stream().filter(a -> a.email().equalsIgnoreCase(target.id()))
                    .map(dev.bulwark.server.services.iam.model.Account::id).findFirst();
            default -> throw OrganizationsErrors.invalidInput("INVALID_PARTY_TYPE_TARGET", "You specified the wrong type for the handshake target.");
        };
        if (targetType.equals("ACCOUNT") && !target.id().matches("\\d{12}")) {
            throw OrganizationsErrors.invalidInput("INVALID_PATTERN_TARGET_ID", "You specified a policy target ID that doesn't match the required pattern.");
        }
        if (targetAccount.isPresent() && orgs.organizationOf(in.transaction(), targetAccount.get()).isPresent()) {
            throw OrganizationsErrors.alreadyInAnOrganizationHandshake();
        }
        boolean pending = orgs.handshakesOfOrganization(in.transaction(), organization.id()).stream()
                .anyMatch(h -> h.state().equals("OPEN") && h.targetId().equalsIgnoreCase(target.id()) && !expired(in, h));
        if (pending) {
            throw OrganizationsErrors.duplicateHandshake();
        }
        Handshake handshake = new Handshake(orgs.randomId("h-", 10), organization.id(), organization.managementAccountId(), targetType, target.id(),
                targetAccount.orElse(null), "INVITE", "OPEN", request.notes(), in.now(), in.now().plus(HANDSHAKE_LIFETIME));
        orgs.putHandshake(in.transaction(), handshake);
        orgs.tag(in.transaction(), handshake.id(), OrgWire.tags(request.tags()));
        return InviteAccountToOrganizationResponse.builder().handshake(toSdk(in, handshake)).build();
    }

    private AcceptHandshakeResponse acceptHandshake(Invocation in, AcceptHandshakeRequest request)
    {
        Handshake handshake = targetedHandshake(in, request.handshakeId());
        transition(in, handshake, "ACCEPTED");
        if (orgs.organizationOf(in.transaction(), in.accountId()).isPresent()) {
            throw OrganizationsErrors.alreadyInAnOrganizationHandshake();
        }
        Organization organization = orgs.findOrganization(in.transaction(), handshake.organizationId()).orElseThrow(OrganizationsErrors::handshakeNotFound);
        dev.bulwark.server.services.iam.model.Account account = iam.findAccount(in.transaction(), in.accountId()).orElseThrow();
        join(in, organization, new MemberAccount(account.id(), organization.id(), orgs.root(in.transaction(), organization.id()).id(), account.name(),
                account.email(), "ACTIVE", "INVITED", in.now()));
        orgs.setHandshakeState(in.transaction(), handshake.id(), "ACCEPTED");
        return AcceptHandshakeResponse.builder().handshake(toSdk(in, handshake.withState("ACCEPTED"))).build();
    }

    private DeclineHandshakeResponse declineHandshake(Invocation in, DeclineHandshakeRequest request)
    {
        Handshake handshake = targetedHandshake(in, request.handshakeId());
        transition(in, handshake, "DECLINED");
        orgs.setHandshakeState(in.transaction(), handshake.id(), "DECLINED");
        return DeclineHandshakeResponse.builder().handshake(toSdk(in, handshake.withState("DECLINED"))).build();
    }

    private CancelHandshakeResponse cancelHandshake(Invocation in, CancelHandshakeRequest request)
    {
        Organization organization = wire.managed(in);
        Handshake handshake = orgs.findHandshake(in.transaction(), request.handshakeId())
                .filter(h -> h.organizationId().equals(organization.id()))
                .orElseThrow(OrganizationsErrors::handshakeNotFound);
        transition(in, handshake, "CANCELED");
        orgs.setHandshakeState(in.transaction(), handshake.id(), "CANCELED");
        return CancelHandshakeResponse.builder().handshake(toSdk(in, handshake.withState("CANCELED"))).build();
    }

    private DescribeHandshakeResponse describeHandshake(Invocation in, DescribeHandshakeRequest request)
    {
        Handshake handshake = orgs.findHandshake(in.transaction(), request.handshakeId())
                .filter(h -> in.accountId().equals(h.targetAccountId()) || h.managementAccountId().equals(in.accountId()))
                .orElseThrow(OrganizationsErrors::handshakeNotFound);
        return DescribeHandshakeResponse.builder().handshake(toSdk(in, handshake)).build();
    }

    private ListHandshakesForAccountResponse listHandshakesForAccount(Invocation in, ListHandshakesForAccountRequest request)
    {
        List<software.amazon.awssdk.services.organizations.model.Handshake> all = orgs.handshakesForAccount(in.transaction(), in.accountId()).stream()
                .filter(h -> matches(request.filter(), h))
                .map(h -> toSdk(in, h))
                .toList();
        OrgWire.Page<software.amazon.awssdk.services.organizations.model.Handshake> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListHandshakesForAccountResponse.builder().handshakes(page.items()).nextToken(page.nextToken()).build();
    }

    private ListHandshakesForOrganizationResponse listHandshakesForOrganization(Invocation in, ListHandshakesForOrganizationRequest request)
    {
        Organization organization = wire.readable(in);
        List<software.amazon.awssdk.services.organizations.model.Handshake> all = orgs.handshakesOfOrganization(in.transaction(), organization.id()).stream()
                .filter(h -> matches(request.filter(), h))
                .map(h -> toSdk(in, h))
                .toList();
        OrgWire.Page<software.amazon.awssdk.services.organizations.model.Handshake> page = OrgWire.page(all, request.nextToken(), request.maxResults());
        return ListHandshakesForOrganizationResponse.builder().handshakes(page.items()).nextToken(page.nextToken()).build();
    }

    // ---------------------------------------------------------------- handshake helpers

    private List<Access> handshakeAccess(Invocation in, String action, String handshakeId)
    {
        return List.of(Access.of(action, wire.store().readOnly(tx -> orgs.findHandshake(tx, handshakeId)
                .flatMap(h -> orgs.findOrganization(tx, h.organizationId()).map(o -> o.handshakeArn(h.action(), h.id())))
                .orElse("*"))));
    }

    /** A handshake addressed to the caller's account. */
    private Handshake targetedHandshake(Invocation in, String handshakeId)
    {
        return orgs.findHandshake(in.transaction(), handshakeId)
                .filter(h -> in.accountId().equals(h.targetAccountId()))
                .orElseThrow(OrganizationsErrors::handshakeNotFound);
    }

    private static void transition(Invocation in, Handshake handshake, String to)
    {
        String state = state(in, handshake);
        if (state.equals(to)) {
            throw OrganizationsErrors.handshakeAlreadyInState(to);
        }
        if (!state.equals("OPEN")) {
            throw OrganizationsErrors.invalidHandshakeTransition();
        }
    }

    private static boolean expired(Invocation in, Handshake handshake)
    {
        return !in.now().isBefore(handshake.expires());
    }

    /** An open handshake past its expiry reads as EXPIRED. */
    private static String state(Invocation in, Handshake handshake)
    {
        return handshake.state().equals("OPEN") && expired(in, handshake) ? "EXPIRED" : handshake.state();
    }

    private static boolean matches(HandshakeFilter filter, Handshake handshake)
    {
        return filter == null || filter.actionType() == null || filter.actionTypeAsString().equals(handshake.action());
    }

    private software.amazon.awssdk.services.organizations.model.Handshake toSdk(Invocation in, Handshake handshake)
    {
        Organization organization = orgs.findOrganization(in.transaction(), handshake.organizationId()).orElse(null);
        String managementEmail = organization == null ? null
                : orgs.findMember(in.transaction(), organization.id(), organization.managementAccountId()).map(MemberAccount::email).orElse(null);
        String managementName = organization == null ? null
                : orgs.findMember(in.transaction(), organization.id(), organization.managementAccountId()).map(MemberAccount::name).orElse(null);
        List<HandshakeResource> resources = new ArrayList<>();
        resources.add(HandshakeResource.builder().type(HandshakeResourceType.ORGANIZATION).value(handshake.organizationId())
                .resources(
                        HandshakeResource.builder().type(HandshakeResourceType.MASTER_EMAIL).value(managementEmail).build(),
                        HandshakeResource.builder().type(HandshakeResourceType.MASTER_NAME).value(managementName).build(),
                        HandshakeResource.builder().type(HandshakeResourceType.ORGANIZATION_FEATURE_SET).value("ALL").build())
                .build());
        resources.add(HandshakeResource.builder().type(handshake.targetType()).value(handshake.targetId()).build());
        if (handshake.notes() != null) {
            resources.add(HandshakeResource.builder().type(HandshakeResourceType.NOTES).value(handshake.notes()).build());
        }
        return software.amazon.awssdk.services.organizations.model.Handshake.builder()
                .id(handshake.id())
                .arn(organization == null ? null : organization.handshakeArn(handshake.action(), handshake.id()))
                .parties(HandshakeParty.builder().type(HandshakePartyType.ORGANIZATION).id(handshake.organizationId()).build(),
                        HandshakeParty.builder().type(handshake.targetType()).id(handshake.targetId()).build())
                .state(state(in, handshake))
                .requestedTimestamp(OrgWire.seconds(handshake.requested()))
                .expirationTimestamp(OrgWire.seconds(handshake.expires()))
                .action(handshake.action())
                .resources(resources)
                .build();
    }

    static CreateAccountStatus toSdk(CreateAccountRequestRecord record)
    {
        return CreateAccountStatus.builder()
                .id(record.id())
                .accountName(record.accountName())
                .state(record.state())
                .requestedTimestamp(OrgWire.seconds(record.requested()))
                .completedTimestamp(OrgWire.seconds(record.completed()))
                .accountId(record.accountId())
                .failureReason(record.failureReason())
                .build();
    }
}
