package dev.bulwark.server.services.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.policy.document.ElementList;
import dev.bulwark.policy.document.PolicyDocument;
import dev.bulwark.policy.document.Statement;
import dev.bulwark.policy.document.StatementEffect;
import dev.bulwark.policy.reference.ActionInfo;
import dev.bulwark.policy.reference.ServiceInfo;
import dev.bulwark.policy.reference.ServiceReference;
import dev.bulwark.server.audit.AuditRecord;
import dev.bulwark.server.audit.AuditStore;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.InlinePolicy;
import dev.bulwark.server.services.iam.model.ManagedPolicy;
import dev.bulwark.server.services.iam.model.OwnerKind;
import dev.bulwark.server.services.iam.model.PolicyEntity;
import dev.bulwark.server.services.iam.model.PolicyOwner;
import dev.bulwark.server.services.iam.model.Role;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.iam.model.AccessAdvisorUsageGranularityType;
import software.amazon.awssdk.services.iam.model.EntityDetails;
import software.amazon.awssdk.services.iam.model.EntityInfo;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GenerateServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsWithEntitiesRequest;
import software.amazon.awssdk.services.iam.model.GetServiceLastAccessedDetailsWithEntitiesResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessEntry;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessRequest;
import software.amazon.awssdk.services.iam.model.ListPoliciesGrantingServiceAccessResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyGrantingServiceAccess;
import software.amazon.awssdk.services.iam.model.PolicyOwnerEntityType;
import software.amazon.awssdk.services.iam.model.PolicyType;
import software.amazon.awssdk.services.iam.model.ServiceLastAccessed;
import software.amazon.awssdk.services.iam.model.TrackedActionLastAccessed;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * IAM's service last accessed data ("access advisor"): GenerateServiceLastAccessedDetails starts a job for a user,
 * group, role or managed policy; GetServiceLastAccessedDetails(WithEntities) report, for every service the
 * entity's policies allow, when an authenticated principal behind it last tried the service (successful or not),
 * read from the CloudTrail events Bulwark recorded up to the job's creation; ListPoliciesGrantingServiceAccess
 * names the policies that allow each service. Jobs complete at once (the audit trail is local).
 *
 * <p>Behind an entity: a user's own calls; a group's member users; a role's sessions; a policy's users (directly or
 * through groups) and roles. Services come from AWS's service authorization reference; ACTION_LEVEL reports the
 * actions AWS tracks (IAM, EC2, Lambda and S3 management actions).
 */
public final class IamAccessAdvisorOperations implements ServiceOperations
{
    /** AWS's tracking period for last accessed data. */
    static final Duration TRACKING_PERIOD = Duration.ofDays(400);
    /** The services whose management actions AWS tracks at ACTION_LEVEL. */
    static final Set<String> ACTION_TRACKED = Set.of("iam", "ec2", "lambda", "s3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IamStore iam;
    private final ReportStore reports;
    private final AuditStore audit;

    IamAccessAdvisorOperations(IamStore iam, ReportStore reports, AuditStore audit)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.audit = requireNonNull(audit, "audit is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("GenerateServiceLastAccessedDetails", GenerateServiceLastAccessedDetailsRequest.class,
                        (in, r) -> List.of(Access.of("iam:GenerateServiceLastAccessedDetails", r.arn())), this::generate),
                read("GetServiceLastAccessedDetails", GetServiceLastAccessedDetailsRequest.class,
                        (in, r) -> List.of(Access.of("iam:GetServiceLastAccessedDetails", "*")), this::get),
                read("GetServiceLastAccessedDetailsWithEntities", GetServiceLastAccessedDetailsWithEntitiesRequest.class,
                        (in, r) -> List.of(Access.of("iam:GetServiceLastAccessedDetailsWithEntities", "*")), this::getWithEntities),
                read("ListPoliciesGrantingServiceAccess", ListPoliciesGrantingServiceAccessRequest.class,
                        (in, r) -> List.of(Access.of("iam:ListPoliciesGrantingServiceAccess", r.arn())), this::listPoliciesGrantingServiceAccess));
    }

    // ---------------------------------------------------------------- operations

    private GenerateServiceLastAccessedDetailsResponse generate(Invocation in, GenerateServiceLastAccessedDetailsRequest request)
    {
        subject(in.transaction(), in.accountId(), request.arn());
        AccessAdvisorUsageGranularityType granularity = request.granularity() == null ? AccessAdvisorUsageGranularityType.SERVICE_LEVEL : request.granularity();
        String jobId = UUID.randomUUID().toString();
        reports.addJob(in.transaction(), new ReportStore.AccessAdvisorJob(jobId, in.accountId(), request.arn(), granularity.toString(), in.now()));
        return GenerateServiceLastAccessedDetailsResponse.builder().jobId(jobId).build();
    }

    private GetServiceLastAccessedDetailsResponse get(Invocation in, GetServiceLastAccessedDetailsRequest request)
    {
        ReportStore.AccessAdvisorJob job = job(in, request.jobId());
        Tx tx = in.transaction();
        Subject subject = subject(tx, in.accountId(), job.entityArn());
        boolean actionLevel = job.granularity().equals(AccessAdvisorUsageGranularityType.ACTION_LEVEL.toString());
        Map<String, ServiceInfo> services = allowedServices(subject.policies());
        List<Use> uses = uses(tx, in.accountId(), subject, job.created());
        List<ServiceLastAccessed> report = new ArrayList<>();
        for (ServiceInfo service : services.values()) {
            List<Use> ofService = uses.stream().filter(use -> use.namespace().equals(service.prefix())).toList();
            ServiceLastAccessed.Builder entry = ServiceLastAccessed.builder().serviceName(serviceName(service)).serviceNamespace(service.prefix());
            if (!ofService.isEmpty()) {
                Use last = ofService.get(0);
                entry.lastAuthenticated(seconds(last.time())).lastAuthenticatedEntity(last.entityArn()).lastAuthenticatedRegion(last.region())
                        .totalAuthenticatedEntities((int) ofService.stream().map(Use::entityArn).distinct().count());
            }
            else {
                entry.totalAuthenticatedEntities(0);
            }
            if (actionLevel && ACTION_TRACKED.contains(service.prefix())) {
                List<TrackedActionLastAccessed> tracked = new ArrayList<>();
                for (ActionInfo action : service.actions()) {
                    if (!allows(subject.policies(), action.fullName())) {
                        continue;
                    }
                    TrackedActionLastAccessed.Builder trackedAction = TrackedActionLastAccessed.builder().actionName(action.name());
                    ofService.stream().filter(use -> use.action().equalsIgnoreCase(action.name())).findFirst().ifPresent(use -> trackedAction
                            .lastAccessedEntity(use.entityArn()).lastAccessedTime(seconds(use.time())).lastAccessedRegion(use.region()));
                    tracked.add(trackedAction.build());
                }
                entry.trackedActionsLastAccessed(tracked);
            }
            report.add(entry.build());
        }
        Paged<ServiceLastAccessed> page = page(report, request.marker(), request.maxItems());
        return GetServiceLastAccessedDetailsResponse.builder()
                .jobStatus(JobStatusType.COMPLETED).jobType(job.granularity())
                .jobCreationDate(seconds(job.created())).jobCompletionDate(seconds(job.created()))
                .servicesLastAccessed(page.items()).isTruncated(page.marker() != null).marker(page.marker())
                .build();
    }

    private GetServiceLastAccessedDetailsWithEntitiesResponse getWithEntities(Invocation in, GetServiceLastAccessedDetailsWithEntitiesRequest request)
    {
        ReportStore.AccessAdvisorJob job = job(in, request.jobId());
        Tx tx = in.transaction();
        Subject subject = subject(tx, in.accountId(), job.entityArn());
        List<Use> uses = uses(tx, in.accountId(), subject, job.created()).stream()
                .filter(use -> use.namespace().equals(request.serviceNamespace()))
                .toList();
        List<EntityDetails> details = new ArrayList<>();
        for (Entity entity : subject.reported()) {
            EntityDetails.Builder detail = EntityDetails.builder().entityInfo(EntityInfo.builder()
                    .arn(entity.arn()).name(entity.name()).type(entity.type()).id(entity.id()).path(entity.path()).build());
            uses.stream().filter(use -> entity.members().contains(use.entityArn())).findFirst()
                    .ifPresent(use -> detail.lastAuthenticated(seconds(use.time())));
            details.add(detail.build());
        }
        Paged<EntityDetails> page = page(details, request.marker(), request.maxItems());
        return GetServiceLastAccessedDetailsWithEntitiesResponse.builder()
                .jobStatus(JobStatusType.COMPLETED)
                .jobCreationDate(seconds(job.created())).jobCompletionDate(seconds(job.created()))
                .entityDetailsList(page.items()).isTruncated(page.marker() != null).marker(page.marker())
                .build();
    }

    private ListPoliciesGrantingServiceAccessResponse listPoliciesGrantingServiceAccess(Invocation in, ListPoliciesGrantingServiceAccessRequest request)
    {
        Subject subject = subject(in.transaction(), in.accountId(), request.arn());
        if (subject.policyArn().isPresent()) {
            throw IamSimulationOperations.invalidInput("ARN " + request.arn() + " is not valid.");
        }
        List<ListPoliciesGrantingServiceAccessEntry> entries = new ArrayList<>();
        for (String namespace : request.serviceNamespaces()) {
            Optional<ServiceInfo> service = ServiceReference.instance().service(namespace.toLowerCase(Locale.ROOT));
            List<PolicyGrantingServiceAccess> granting = new ArrayList<>();
            for (SubjectPolicy policy : subject.policies()) {
                if (service.isPresent() && allowsService(policy.document(), service.get())) {
                    PolicyGrantingServiceAccess.Builder entry = PolicyGrantingServiceAccess.builder().policyName(policy.name()).policyType(policy.type());
                    if (policy.type() == PolicyType.MANAGED) {
                        entry.policyArn(policy.arn());
                    }
                    else {
                        entry.entityType(policy.ownerType()).entityName(policy.ownerName());
                    }
                    granting.add(entry.build());
                }
            }
            entries.add(ListPoliciesGrantingServiceAccessEntry.builder().serviceNamespace(namespace).policies(granting).build());
        }
        return ListPoliciesGrantingServiceAccessResponse.builder().policiesGrantingServiceAccess(entries).isTruncated(false).build();
    }

    // ---------------------------------------------------------------- the subject of a job

    /** A policy of the subject: managed (with its ARN) or inline (with its owner). */
    private record SubjectPolicy(String name, PolicyType type, String arn, PolicyOwnerEntityType ownerType, String ownerName, PolicyDocument document) {}

    /** An entity reported by WithEntities, and the principal ARNs whose calls count as its use. */
    private record Entity(String arn, String name, PolicyOwnerEntityType type, String id, String path, Set<String> members) {}

    /**
     * What a job reports on: its policies, the principals whose calls count (user ARNs, role ARNs) and the entities
     * WithEntities lists.
     */
    private record Subject(List<SubjectPolicy> policies, Set<String> principals, List<Entity> reported, Optional<String> policyArn) {}

    private Subject subject(Tx tx, String account, String arn)
    {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || parts[5].indexOf('/') < 0) {
            throw IamSimulationOperations.invalidInput("ARN " + arn + " is not valid.");
        }
        String type = parts[5].substring(0, parts[5].indexOf('/'));
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        boolean own = parts[4].equals(account);
        List<SubjectPolicy> policies = new ArrayList<>();
        switch (type) {
            case "user" -> {
                User user = (own ? iam.findUser(tx, account, name) : Optional.<User>empty()).filter(found -> found.arn().equals(arn))
                        .orElseThrow(() -> IamErrors.noSuchUser(name));
                addOwner(tx, user.asOwner(), PolicyOwnerEntityType.USER, policies);
                for (Group group : iam.groupsForUser(tx, user)) {
                    addOwner(tx, group.asOwner(), PolicyOwnerEntityType.GROUP, policies);
                }
                return new Subject(policies, Set.of(user.arn()), List.of(userEntity(user)), Optional.empty());
            }
            case "group" -> {
                Group group = (own ? iam.findGroup(tx, account, name) : Optional.<Group>empty()).filter(found -> found.arn().equals(arn))
                        .orElseThrow(() -> IamErrors.noSuchGroup(name));
                addOwner(tx, group.asOwner(), PolicyOwnerEntityType.GROUP, policies);
                List<Entity> members = iam.usersInGroup(tx, group).stream().map(IamAccessAdvisorOperations::userEntity).toList();
                Set<String> principals = new HashSet<>();
                members.forEach(member -> principals.add(member.arn()));
                return new Subject(policies, principals, members, Optional.empty());
            }
            case "role" -> {
                Role role = (own ? iam.findRole(tx, account, name) : Optional.<Role>empty()).filter(found -> found.arn().equals(arn))
                        .orElseThrow(() -> RoleErrors.noSuchRole(name));
                addOwner(tx, role.asOwner(), PolicyOwnerEntityType.ROLE, policies);
                return new Subject(policies, Set.of(role.arn()), List.of(roleEntity(role)), Optional.empty());
            }
            case "policy" -> {
                ManagedPolicy policy = iam.findPolicy(tx, account, arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
                policies.add(new SubjectPolicy(policy.name(), PolicyType.MANAGED, policy.arn(), null, null, PolicyDocument.parse(policy.document())));
                Set<String> principals = new HashSet<>();
                List<Entity> reported = new ArrayList<>();
                for (PolicyEntity attached : iam.entitiesForPolicy(tx, account, arn)) {
                    if (attached.kind() == OwnerKind.USER) {
                        iam.findUser(tx, account, attached.name()).ifPresent(user -> {
                            principals.add(user.arn());
                            reported.add(userEntity(user));
                        });
                    }
                    else if (attached.kind() == OwnerKind.ROLE) {
                        iam.findRole(tx, account, attached.name()).ifPresent(role -> {
                            principals.add(role.arn());
                            reported.add(roleEntity(role));
                        });
                    }
                    else {
                        iam.findGroup(tx, account, attached.name()).ifPresent(group -> {
                            Set<String> members = new HashSet<>();
                            iam.usersInGroup(tx, group).forEach(user -> members.add(user.arn()));
                            principals.addAll(members);
                            reported.add(new Entity(group.arn(), group.name(), PolicyOwnerEntityType.GROUP, group.groupId(), group.path(), members));
                        });
                    }
                }
                return new Subject(policies, principals, reported, Optional.of(arn));
            }
            default -> throw IamSimulationOperations.invalidInput("ARN " + arn + " is not valid.");
        }
    }

    private static Entity userEntity(User user)
    {
        return new Entity(user.arn(), user.name(), PolicyOwnerEntityType.USER, user.userId(), user.path(), Set.of(user.arn()));
    }

    private static Entity roleEntity(Role role)
    {
        return new Entity(role.arn(), role.name(), PolicyOwnerEntityType.ROLE, role.roleId(), role.path(), Set.of(role.arn()));
    }

    private void addOwner(Tx tx, PolicyOwner owner, PolicyOwnerEntityType type, List<SubjectPolicy> policies)
    {
        for (InlinePolicy inline : iam.inlinePolicies(tx, owner)) {
            policies.add(new SubjectPolicy(inline.policyName(), PolicyType.INLINE, null, type, owner.name(), PolicyDocument.parse(inline.document())));
        }
        for (ManagedPolicy managed : iam.attachedPolicyDetails(tx, owner)) {
            policies.add(new SubjectPolicy(managed.name(), PolicyType.MANAGED, managed.arn(), null, null, PolicyDocument.parse(managed.document())));
        }
    }

    private ReportStore.AccessAdvisorJob job(Invocation in, String jobId)
    {
        return reports.job(in.transaction(), in.accountId(), jobId)
                .orElseThrow(() -> NoSuchEntityException.builder().message("No job found with ID " + jobId + ".").build());
    }

    // ---------------------------------------------------------------- services the policies allow

    /** The services, by namespace in order, for which some Allow statement of the policies names at least one action. */
    private static Map<String, ServiceInfo> allowedServices(List<SubjectPolicy> policies)
    {
        Map<String, ServiceInfo> services = new TreeMap<>();
        for (ServiceInfo service : ServiceReference.instance().services()) {
            for (SubjectPolicy policy : policies) {
                if (allowsService(policy.document(), service)) {
                    services.put(service.prefix(), service);
                    break;
                }
            }
        }
        return services;
    }

    private static boolean allowsService(PolicyDocument document, ServiceInfo service)
    {
        for (ActionInfo action : service.actions()) {
            if (allowsAction(document, action.fullName())) {
                return true;
            }
        }
        return false;
    }

    private static boolean allows(List<SubjectPolicy> policies, String action)
    {
        return policies.stream().anyMatch(policy -> allowsAction(policy.document(), action));
    }

    private static boolean allowsAction(PolicyDocument document, String action)
    {
        for (Statement statement : document.statements()) {
            if (statement.effect() != StatementEffect.ALLOW) {
                continue;
            }
            ElementList actions = statement.actions();
            boolean any = actions.values().stream().anyMatch(pattern -> glob(pattern).matcher(action).matches());
            if (any != actions.negated()) {
                return true;
            }
        }
        return false;
    }

    private static final Map<String, Pattern> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Pattern glob(String pattern)
    {
        return GLOBS.computeIfAbsent(pattern, text -> {
            StringBuilder regex = new StringBuilder();
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '*' -> regex.append(".*");
                    case '?' -> regex.append('.');
                    default -> regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
        });
    }

    /**
     * The service's name as access advisor reports it: the reference's name without a trailing abbreviation
     * ("AWS Identity and Access Management (IAM)" is "AWS Identity and Access Management").
     */
    static String serviceName(ServiceInfo service)
    {
        return ABBREVIATION.matcher(service.name()).replaceFirst("");
    }

    private static final Pattern ABBREVIATION = Pattern.compile(" \\([A-Z0-9]+\\)$");

    // ---------------------------------------------------------------- the audit trail

    /** One authenticated call by a principal behind the subject: newest first. */
    private record Use(Instant time, String namespace, String action, String entityArn, String region) {}

    private List<Use> uses(Tx tx, String account, Subject subject, Instant until)
    {
        List<Use> uses = new ArrayList<>();
        for (AuditRecord record : audit.between(tx, account, until.minus(TRACKING_PERIOD), until.plusMillis(1), AuditStore.MAX_LIMIT)) {
            JsonNode event;
            try {
                event = JSON.readTree(record.json());
            }
            catch (IOException e) {
                continue;
            }
            JsonNode identity = event.path("userIdentity");
            String principal = identity.path("sessionContext").path("sessionIssuer").path("arn").asText(identity.path("arn").asText(""));
            if (!subject.principals().contains(principal)) {
                continue;
            }
            String source = record.eventSource();
            String namespace = source.endsWith(".amazonaws.com") ? source.substring(0, source.length() - ".amazonaws.com".length()) : source;
            uses.add(new Use(record.eventTime(), namespace, record.eventName(), principal, event.path("awsRegion").asText(null)));
        }
        uses.sort(Comparator.comparing(Use::time).reversed());
        return uses;
    }

    private record Paged<T>(List<T> items, String marker) {}

    private static <T> Paged<T> page(List<T> items, String marker, Integer maxItems)
    {
        int start = 0;
        if (marker != null) {
            try {
                start = Integer.parseInt(marker);
            }
            catch (NumberFormatException e) {
                start = -1;
            }
            if (start < 0 || start > items.size()) {
                throw IamSimulationOperations.invalidInput("Invalid Marker.");
            }
        }
        int end = Math.min(items.size(), start + (maxItems == null ? IamStore.DEFAULT_MAX_ITEMS : maxItems));
        return new Paged<>(items.subList(start, end), end < items.size() ? Integer.toString(end) : null);
    }
}
