package dev.bulwark.server.services.iam;

import dev.bulwark.protocol.error.AwsErrorException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * MaxItems/Marker paging for IAM lists that are read whole (an entity's tags): AWS honours MaxItems on these too,
 * answering IsTruncated and a Marker for the next page. The marker is opaque to callers; one this server did not
 * issue is a 400, as for the stored lists.
 */
final class IamListPaging
{
    private static final String PREFIX = "at:";

    private IamListPaging() {}

    record Slice<T>(List<T> items, String nextMarker)
    {
        boolean isTruncated()
        {
            return nextMarker != null;
        }
    }

    static <T> Slice<T> page(List<T> all, String marker, Integer maxItems)
    {
        int from = start(marker, all.size());
        int limit = maxItems == null ? IamStore.DEFAULT_MAX_ITEMS : maxItems;
        int to = (int) Math.min((long) from + limit, all.size());
        String next = to < all.size() ? encode(to) : null;
        return new Slice<>(all.subList(from, to), next);
    }

    private static int start(String marker, int size)
    {
        if (marker == null || marker.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                int index = Integer.parseInt(decoded.substring(PREFIX.length()));
                if (index >= 0) {
                    return Math.min(index, size);
                }
            }
        }
        catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw AwsErrorException.sender("ValidationError", 400, "Invalid Marker.");
    }

    private static String encode(int index)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + index).getBytes(StandardCharsets.UTF_8));
    }
}
