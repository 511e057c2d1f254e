package dev.bulwark.server.services.cloudtrail;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.cloudtrail.model.SigningKey;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysRequest;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysResponse;
import software.amazon.awssdk.services.cloudtrail.model.PublicKey;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * ListPublicKeys: the region's digest-signing public keys valid in a time range (without one, the current key). It is
 * recorded as a read but may make the region's first key, so it runs in a writing transaction.
 *
 * <p>{@code Value} is a blob whose bytes are the PKCS #1 DER key (base64 on the wire). The AWS CLI keeps blobs as
 * their base64 text (its scalar parsers), and its validator base64-decodes that text into the DER it loads.
 */
final class PublicKeyOperations implements ServiceOperations
{
    private final CloudTrailStore trails;
    private final SigningKeys keys;

    PublicKeyOperations(CloudTrailStore trails, SigningKeys keys)
    {
        this.trails = requireNonNull(trails, "trails is null");
        this.keys = requireNonNull(keys, "keys is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(new Operation<>(CloudTrailWire.SERVICE, "ListPublicKeys", ListPublicKeysRequest.class,
                (in, r) -> List.of(Access.of("cloudtrail:ListPublicKeys", "*")), true, this::listPublicKeys, Operation.StoreUse.WRITE));
    }

    private ListPublicKeysResponse listPublicKeys(Invocation in, ListPublicKeysRequest request)
    {
        Instant end = request.endTime() == null ? in.now() : request.endTime();
        Instant start = request.startTime() == null ? end : request.startTime();
        if (start.isAfter(end)) {
            throw CloudTrailErrors.invalidTimeRange();
        }
        keys.current(in.transaction(), in.region(), in.now());
        List<SigningKey> found = trails.keysBetween(in.transaction(), in.region(), start, end);
        return ListPublicKeysResponse.builder()
                .publicKeyList(found.stream().map(key -> PublicKey.builder()
                        .value(SdkBytes.fromByteArray(key.publicKeyDer()))
                        .validityStartTime(key.validFrom())
                        .validityEndTime(key.validTo())
                        .fingerprint(key.fingerprint())
                        .build()).toList())
                .build();
    }
}
