package dev.bulwark.server.services.iam;

import dev.bulwark.server.auth.Caller;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.mfa.Base32;
import dev.bulwark.server.services.iam.mfa.QrCodes;
import dev.bulwark.server.services.iam.mfa.Totp;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.iam.model.MfaDevice;
import dev.bulwark.server.services.iam.model.Page;
import dev.bulwark.server.services.iam.model.Tag;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.store.DuplicateKeyException;
import dev.bulwark.server.store.Store;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.CreateVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeactivateMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.DeleteVirtualMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.EnableMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.GetMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.InvalidAuthenticationCodeException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListMfaDeviceTagsRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDeviceTagsResponse;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesRequest;
import software.amazon.awssdk.services.iam.model.ListVirtualMfaDevicesResponse;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.ResyncMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.ResyncMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.TagMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.TagMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.UntagMfaDeviceRequest;
import software.amazon.awssdk.services.iam.model.UntagMfaDeviceResponse;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.seconds;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Virtual MFA devices: creation (seed and QR code), enabling for a user with two consecutive codes, resync,
 * deactivation, deletion, listings and tags. Seeds are sealed at rest and leave the server only in
 * CreateVirtualMFADevice's answer, as in AWS. The account's root user owns the devices assigned to
 * {@link MfaDevice#ROOT}; IAM's API (UserName required) enables devices for IAM users only, as AWS's does.
 */
public final class IamMfaOperations implements ServiceOperations
{
    /** AWS virtual MFA seeds: 40 random bytes, 64 Base32 characters. */
    static final int SEED_BYTES = 40;
    /** IAM allows up to eight MFA devices per user. */
    static final int MAX_DEVICES_PER_USER = 8;
    /** The issuer authenticator apps show. */
    static final String ISSUER = "Amazon Web Services";

    private final Store store;
    private final IamStore iam;
    private final SecureRandom random = new SecureRandom();

    public IamMfaOperations(Store store, IamStore iam)
    {
        this.store = requireNonNull(store, "store is null");
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateVirtualMFADevice", CreateVirtualMfaDeviceRequest.class,
                        (in, r) -> List.of(new Access("iam:CreateVirtualMFADevice", MfaDevice.serialNumberOf(in.accountId(), IamWire.pathOrRoot(r.path()),
                                r.virtualMFADeviceName()), requestTagKeys(r.tags()))),
                        this::createVirtualMfaDevice),
                write("EnableMFADevice", EnableMfaDeviceRequest.class, (in, r) -> userAccess(in, "iam:EnableMFADevice", r.userName()), this::enableMfaDevice),
                write("ResyncMFADevice", ResyncMfaDeviceRequest.class, (in, r) -> userAccess(in, "iam:ResyncMFADevice", r.userName()), this::resyncMfaDevice),
                write("DeactivateMFADevice", DeactivateMfaDeviceRequest.class, (in, r) -> userAccess(in, "iam:DeactivateMFADevice", r.userName()),
                        this::deactivateMfaDevice),
                write("DeleteVirtualMFADevice", DeleteVirtualMfaDeviceRequest.class,
                        (in, r) -> List.of(Access.of("iam:DeleteVirtualMFADevice", r.serialNumber())), this::deleteVirtualMfaDevice),
                read("ListMFADevices", ListMfaDevicesRequest.class, (in, r) -> userAccess(in, "iam:ListMFADevices", r.userName()), this::listMfaDevices),
                read("ListVirtualMFADevices", ListVirtualMfaDevicesRequest.class, (in, r) -> List.of(Access.of("iam:ListVirtualMFADevices", "*")),
                        this::listVirtualMfaDevices),
                read("GetMFADevice", GetMfaDeviceRequest.class, (in, r) -> userAccess(in, "iam:GetMFADevice", r.userName()), this::getMfaDevice),
                write("TagMFADevice", TagMfaDeviceRequest.class,
                        (in, r) -> List.of(new Access("iam:TagMFADevice", r.serialNumber(), requestTagKeys(r.tags()))), this::tagMfaDevice),
                write("UntagMFADevice", UntagMfaDeviceRequest.class,
                        (in, r) -> List.of(new Access("iam:UntagMFADevice", r.serialNumber(), r.hasTagKeys() ? Map.of("aws:TagKeys", r.tagKeys()) : Map.of())),
                        this::untagMfaDevice),
                read("ListMFADeviceTags", ListMfaDeviceTagsRequest.class, (in, r) -> List.of(Access.of("iam:ListMFADeviceTags", r.serialNumber())),
                        this::listMfaDeviceTags));
    }

    // ---------------------------------------------------------------- devices

    private CreateVirtualMfaDeviceResponse createVirtualMfaDevice(Invocation in, CreateVirtualMfaDeviceRequest request)
    {
        List<Tag> tags = IamTags.fromSdk(request.hasTags() ? request.tags() : null);
        IamTags.checkLimit(List.of(), tags);
        byte[] seedBytes = new byte[SEED_BYTES];
        random.nextBytes(seedBytes);
        String seed = Base32.encodeUnpadded(seedBytes);
        MfaDevice device;
        try {
            device = iam.mfaDevices().create(in.transaction(), in.accountId(), IamWire.pathOrRoot(request.path()), request.virtualMFADeviceName(), seed, in.now());
        }
        catch (DuplicateKeyException e) {
            throw EntityAlreadyExistsException.builder().message("MFADevice entity at the same path and name already exists.").build();
        }
        iam.mfaDevices().tag(in.transaction(), device, tags);
        return CreateVirtualMfaDeviceResponse.builder().virtualMFADevice(VirtualMFADevice.builder()
                .serialNumber(device.serialNumber())
                .base32StringSeed(SdkBytes.fromUtf8String(seed))
                .qrCodePNG(SdkBytes.fromByteArray(QrCodes.png(otpauthUri(device.name(), in.accountId(), seed))))
                .tags(tags.isEmpty() ? null : IamTags.toSdk(tags))
                .build()).build();
    }

    /**
     * The key URI authenticator apps read: {@code otpauth://totp/<issuer>:<device name>@<account>?secret=...&issuer=...}
     * (the device name and account as AWS's documentation of QRCodePNG gives them; Bulwark has no account aliases).
     */
    static String otpauthUri(String deviceName, String accountId, String seed)
    {
        return "otpauth://totp/" + uriEncode(ISSUER) + ":" + uriEncode(deviceName) + "@" + accountId + "?secret=" + seed + "&issuer=" + uriEncode(ISSUER);
    }

    private EnableMfaDeviceResponse enableMfaDevice(Invocation in, EnableMfaDeviceRequest request)
    {
        User user = existingUser(in, request.userName());
        MfaDevice device = existingDevice(in, request.serialNumber());
        if (device.isAssigned()) {
            // UNSURE of AWS's exact wording; the code is the one AWS's model gives for a device already enabled
            throw EntityAlreadyExistsException.builder().message("MFA Device is already in use.").build();
        }
        if (iam.mfaDevices().assignedTo(in.transaction(), in.accountId(), user.userId()).size() >= MAX_DEVICES_PER_USER) {
            throw LimitExceededException.builder().message("Cannot exceed quota for MFADevicesPerUser: " + MAX_DEVICES_PER_USER).build();
        }
        OptionalLong second = MfaCodes.consecutive(device, request.authenticationCode1(), request.authenticationCode2(), Totp.step(in.now()),
                MfaCodes.ENABLE_WINDOW);
        if (second.isEmpty()) {
            throw invalidCode();
        }
        if (!iam.mfaDevices().assign(in.transaction(), device, user.userId(), in.now(), second.getAsLong())) {
            throw EntityAlreadyExistsException.builder().message("MFA Device is already in use.").build();
        }
        return EnableMfaDeviceResponse.builder().build();
    }

    private ResyncMfaDeviceResponse resyncMfaDevice(Invocation in, ResyncMfaDeviceRequest request)
    {
        User user = existingUser(in, request.userName());
        MfaDevice device = assignedDevice(in, user.userId(), request.serialNumber());
        long now = Totp.step(in.now());
        OptionalLong second = MfaCodes.consecutive(device, request.authenticationCode1(), request.authenticationCode2(), now, MfaCodes.RESYNC_WINDOW);
        if (second.isEmpty() || !iam.mfaDevices().consume(in.transaction(), device, second.getAsLong(), Math.toIntExact(second.getAsLong() - now))) {
            throw invalidCode();
        }
        return ResyncMfaDeviceResponse.builder().build();
    }

    private DeactivateMfaDeviceResponse deactivateMfaDevice(Invocation in, DeactivateMfaDeviceRequest request)
    {
        String assignee = assignee(in, request.userName());
        MfaDevice device = assignedDevice(in, assignee, request.serialNumber());
        iam.mfaDevices().unassign(in.transaction(), device);
        return DeactivateMfaDeviceResponse.builder().build();
    }

    private DeleteVirtualMfaDeviceResponse deleteVirtualMfaDevice(Invocation in, DeleteVirtualMfaDeviceRequest request)
    {
        MfaDevice device = existingDevice(in, request.serialNumber());
        if (device.isAssigned()) {
            // UNSURE of AWS's exact wording; AWS requires DeactivateMFADevice first and answers DeleteConflict
            throw DeleteConflictException.builder().message("MFA device is still in use.").build();
        }
        iam.mfaDevices().delete(in.transaction(), device);
        return DeleteVirtualMfaDeviceResponse.builder().build();
    }

    private ListMfaDevicesResponse listMfaDevices(Invocation in, ListMfaDevicesRequest request)
    {
        String assignee = assignee(in, request.userName());
        Optional<String> userName = assignee.equals(MfaDevice.ROOT) ? Optional.empty()
                : Optional.of(iam.findUserById(in.transaction(), assignee).orElseThrow().name());
        List<MFADevice> devices = iam.mfaDevices().assignedTo(in.transaction(), in.accountId(), assignee).stream()
                .map(device -> MFADevice.builder().userName(userName.orElse(null)).serialNumber(device.serialNumber()).enableDate(seconds(device.enabled())).build())
                .toList();
        Page<MFADevice> page = Paging.page(devices, request.marker(), maxItems(request.maxItems()));
        return ListMfaDevicesResponse.builder().mfaDevices(page.items()).isTruncated(page.nextMarker() != null).marker(page.nextMarker()).build();
    }

    private ListVirtualMfaDevicesResponse listVirtualMfaDevices(Invocation in, ListVirtualMfaDevicesRequest request)
    {
        AssignmentStatusType status = request.assignmentStatus();
        Boolean assigned = status == null || status == AssignmentStatusType.ANY ? null : status == AssignmentStatusType.ASSIGNED;
        Page<MfaDevice> page = iam.mfaDevices().list(in.transaction(), in.accountId(), assigned, request.marker(), maxItems(request.maxItems()));
        List<VirtualMFADevice> devices = new ArrayList<>();
        for (MfaDevice device : page.items()) {
            VirtualMFADevice.Builder item = VirtualMFADevice.builder().serialNumber(device.serialNumber()).enableDate(seconds(device.enabled()));
            if (device.isAssignedTo(MfaDevice.ROOT)) {
                Optional<Account> account = iam.findAccount(in.transaction(), in.accountId());
                item.user(software.amazon.awssdk.services.iam.model.User.builder()
                        .arn("arn:aws:iam::" + in.accountId() + ":root")
                        .userId(in.accountId())
                        .createDate(account.map(Account::created).map(IamWire::seconds).orElse(null))
                        .build());
            }
            else if (device.isAssigned()) {
                iam.findUserById(in.transaction(), device.assignedTo()).ifPresent(user -> item.user(software.amazon.awssdk.services.iam.model.User.builder()
                        .path(user.path()).userName(user.name()).userId(user.userId()).arn(user.arn()).createDate(seconds(user.created())).build()));
            }
            devices.add(item.build());
        }
        return ListVirtualMfaDevicesResponse.builder().virtualMFADevices(devices).isTruncated(page.nextMarker() != null).marker(page.nextMarker()).build();
    }

    private GetMfaDeviceResponse getMfaDevice(Invocation in, GetMfaDeviceRequest request)
    {
        String assignee = assignee(in, request.userName());
        MfaDevice device = assignedDevice(in, assignee, request.serialNumber());
        return GetMfaDeviceResponse.builder()
                .userName(assignee.equals(MfaDevice.ROOT) ? null : iam.findUserById(in.transaction(), assignee).orElseThrow().name())
                .serialNumber(device.serialNumber())
                .enableDate(seconds(device.enabled()))
                .build();
    }

    // ---------------------------------------------------------------- tags

    private TagMfaDeviceResponse tagMfaDevice(Invocation in, TagMfaDeviceRequest request)
    {
        MfaDevice device = existingDevice(in, request.serialNumber());
        List<Tag> tags = IamTags.fromSdk(request.tags());
        IamTags.checkLimit(iam.mfaDevices().tags(in.transaction(), device), tags);
        iam.mfaDevices().tag(in.transaction(), device, tags);
        return TagMfaDeviceResponse.builder().build();
    }

    private UntagMfaDeviceResponse untagMfaDevice(Invocation in, UntagMfaDeviceRequest request)
    {
        MfaDevice device = existingDevice(in, request.serialNumber());
        iam.mfaDevices().untag(in.transaction(), device, request.tagKeys());
        return UntagMfaDeviceResponse.builder().build();
    }

    private ListMfaDeviceTagsResponse listMfaDeviceTags(Invocation in, ListMfaDeviceTagsRequest request)
    {
        MfaDevice device = existingDevice(in, request.serialNumber());
        Page<software.amazon.awssdk.services.iam.model.Tag> page = Paging.page(IamTags.toSdk(iam.mfaDevices().tags(in.transaction(), device)),
                request.marker(), maxItems(request.maxItems()));
        return ListMfaDeviceTagsResponse.builder().tags(page.items()).isTruncated(page.nextMarker() != null).marker(page.nextMarker()).build();
    }

    // ---------------------------------------------------------------- helpers

    private MfaDevice existingDevice(Invocation in, String serialNumber)
    {
        return iam.mfaDevices().find(in.transaction(), in.accountId(), serialNumber).orElseThrow(() -> noSuchDevice(serialNumber));
    }

    /** The device, which must be assigned to {@code assignee}. */
    private MfaDevice assignedDevice(Invocation in, String assignee, String serialNumber)
    {
        return iam.mfaDevices().find(in.transaction(), in.accountId(), serialNumber)
                .filter(device -> device.isAssignedTo(assignee))
                // UNSURE of AWS's exact wording for a device not enabled for this user
                .orElseThrow(() -> NoSuchEntityException.builder().message("MFA Device with serial number " + serialNumber + " does not exist.").build());
    }

    private User existingUser(Invocation in, String name)
    {
        return iam.findUser(in.transaction(), in.accountId(), name).orElseThrow(() -> IamErrors.noSuchUser(name));
    }

    /** The named user's AIDA id; without a name the calling user's, or {@link MfaDevice#ROOT} for the root user. */
    private String assignee(Invocation in, String name)
    {
        if (name == null) {
            if (in.caller().kind() == Caller.PrincipalKind.ROOT) {
                return MfaDevice.ROOT;
            }
            String own = in.caller().userName().orElseThrow(() -> IamErrors.noSuchUser(in.caller().arn()));
            return existingUser(in, own).userId();
        }
        return existingUser(in, name).userId();
    }

    private List<Access> userAccess(Invocation in, String action, String name)
    {
        if (name == null) {
            return List.of(Access.of(action, in.caller().kind() == Caller.PrincipalKind.IAM_USER ? in.caller().arn() : "arn:aws:iam::" + in.accountId() + ":root"));
        }
        String arn = store.readOnly(tx -> iam.findUser(tx, in.accountId(), name)).map(User::arn)
                .orElse("arn:aws:iam::" + in.accountId() + ":user/" + name);
        return List.of(Access.of(action, arn));
    }

    /** {@code aws:RequestTag/<key>} for each tag and {@code aws:TagKeys}, as IAM's tagging actions supply them. */
    private static Map<String, List<String>> requestTagKeys(List<software.amazon.awssdk.services.iam.model.Tag> tags)
    {
        Map<String, List<String>> keys = new HashMap<>();
        if (tags == null || tags.isEmpty()) {
            return keys;
        }
        List<String> tagKeys = new ArrayList<>();
        for (software.amazon.awssdk.services.iam.model.Tag tag : tags) {
            keys.put("aws:RequestTag/" + tag.key(), List.of(tag.value() == null ? "" : tag.value()));
            tagKeys.add(tag.key());
        }
        keys.put("aws:TagKeys", tagKeys);
        return keys;
    }

    private static InvalidAuthenticationCodeException invalidCode()
    {
        return InvalidAuthenticationCodeException.builder().message("Authentication code for device is not valid.").build();
    }

    private static NoSuchEntityException noSuchDevice(String serialNumber)
    {
        return NoSuchEntityException.builder().message("VirtualMFADevice with serial number " + serialNumber + " doesn't exist.").build();
    }

    private static int maxItems(Integer requested)
    {
        return requested == null ? IamStore.DEFAULT_MAX_ITEMS : requested;
    }

    private static String uriEncode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Pages a short in-memory list with an opaque offset marker. */
    private static final class Paging
    {
        static <T> Page<T> page(List<T> all, String marker, int maxItems)
        {
            int from = 0;
            if (marker != null && !marker.isEmpty()) {
                try {
                    from = Integer.parseInt(new String(java.util.Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8));
                }
                catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invalid marker", e);
                }
            }
            int to = Math.min(all.size(), from + maxItems);
            String next = to < all.size() ? java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8))
                    : null;
            return new Page<>(all.subList(Math.min(from, all.size()), to), next);
        }
    }
}
