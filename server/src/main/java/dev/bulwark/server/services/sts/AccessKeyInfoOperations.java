package dev.bulwark.server.services.sts;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.RoleSession;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoRequest;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoResponse;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * STS GetAccessKeyInfo: the account that owns an access key ID. AWS does not look the key up: it decodes the
 * account from the key ID, so the answer comes whether the key is active, inactive, deleted or of another account
 * (AWS: "This operation does not indicate the state of the access key"). Bulwark issues random key IDs, so for
 * a key it issued (long-term or session) the store says the account; any other {@code AKIA}/{@code ASIA} key ID is
 * decoded the way AWS encodes accounts into key IDs (base32 of the ID after its prefix; bits 7–46 of the first
 * six bytes are the account number).
 */
public final class AccessKeyInfoOperations implements ServiceOperations
{
    private final IamStore iam;

    public AccessKeyInfoOperations(IamStore iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(new Operation<>(StsService.SERVICE, "GetAccessKeyInfo", GetAccessKeyInfoRequest.class,
                (in, r) -> List.of(Access.of("sts:GetAccessKeyInfo", "*")), true, this::getAccessKeyInfo));
    }

    private GetAccessKeyInfoResponse getAccessKeyInfo(Invocation in, GetAccessKeyInfoRequest request)
    {
        String keyId = request.accessKeyId();
        Optional<String> account = iam.findAccessKey(in.transaction(), keyId).map(AccessKey::accountId)
                .or(() -> iam.sessions().find(in.transaction(), keyId).map(RoleSession::role).map(role -> role.accountId()))
                .or(() -> iam.userSessions().find(in.transaction(), keyId).map(session -> session.accountId()))
                .or(() -> decodeAccount(keyId));
        return GetAccessKeyInfoResponse.builder()
                .account(account.orElseThrow(() -> AwsErrorException.sender("InvalidParameterValue", 400, "Invalid access key ID " + keyId + ".")))
                .build();
    }

    /** The account AWS encodes in {@code AKIA}/{@code ASIA} key IDs, as 12 digits; empty when the ID is not such a key. */
    static Optional<String> decodeAccount(String keyId)
    {
        if (keyId.length() < 14 || !(keyId.startsWith("AKIA") || keyId.startsWith("ASIA"))) {
            return Optional.empty();
        }
        byte[] bytes = base32(keyId.substring(4, 14).toUpperCase(Locale.ROOT));
        if (bytes == null) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 0; i < 6; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        long account = (value & 0x7fffffffff80L) >>> 7;
        return Optional.of(String.format(Locale.ROOT, "%012d", account));
    }

    /** RFC 4648 base32 of whole 8-character groups; null if a character is outside the alphabet. */
    private static byte[] base32(String text)
    {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        int bits = 0;
        long buffer = 0;
        byte[] out = new byte[text.length() * 5 / 8];
        int index = 0;
        for (char c : text.toCharArray()) {
            int digit = alphabet.indexOf(c);
            if (digit < 0) {
                return null;
            }
            buffer = (buffer << 5) | digit;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                if (index < out.length) {
                    out[index++] = (byte) (buffer >>> bits);
                }
            }
        }
        return out;
    }
}
