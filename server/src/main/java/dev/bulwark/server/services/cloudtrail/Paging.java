package dev.bulwark.server.services.cloudtrail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Offset paging with an opaque token, for the trail and tag lists (LookupEvents pages by position instead). */
final class Paging
{
    private Paging() {}

    record Page<T>(List<T> items, String nextToken) {}

    static <T> Page<T> page(List<T> all, String nextToken, int size)
    {
        int from = 0;
        if (nextToken != null) {
            try {
                from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8).substring("offset:".length()));
            }
            catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw software.amazon.awssdk.services.cloudtrail.model.InvalidTokenException.builder().message("Invalid token.").build();
            }
            if (from < 0 || from > all.size()) {
                throw software.amazon.awssdk.services.cloudtrail.model.InvalidTokenException.builder().message("Invalid token.").build();
            }
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(List.copyOf(all.subList(from, to)), next);
    }
}
