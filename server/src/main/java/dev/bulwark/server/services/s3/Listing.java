package dev.bulwark.server.services.s3;

import dev.bulwark.server.services.s3.model.StoredObject;
import dev.bulwark.server.store.Tx;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of a bucket listing: keys after a marker in binary order, those under {@code prefix}, rolled up into
 * common prefixes at the first {@code delimiter} after the prefix; a common prefix counts as one key toward
 * max-keys. {@code last} is the last key or common prefix returned, where the next page starts after.
 */
record Listing(List<StoredObject> objects, List<String> prefixes, boolean truncated, String last)
{
    private static final int BATCH = 1000;

    static Listing list(S3Store store, Tx tx, String bucket, String prefix, String delimiter, String after, int maxKeys)
    {
        String wanted = prefix == null ? "" : prefix;
        String delim = delimiter == null || delimiter.isEmpty() ? null : delimiter;
        List<StoredObject> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String cursor = after;
        String last = null;
        boolean truncated = false;
        if (maxKeys == 0) {
            return new Listing(objects, prefixes, false, null);
        }
        scan:
        while (true) {
            List<StoredObject> batch = store.objectsAfter(tx, bucket, cursor, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            for (StoredObject object : batch) {
                String key = object.key();
                cursor = key;
                if (!key.startsWith(wanted)) {
                    if (key.compareTo(wanted) > 0) {
                        break scan;
                    }
                    continue;
                }
                String entry = key;
                boolean rolledUp = false;
                if (delim != null) {
                    int at = key.indexOf(delim, wanted.length());
                    if (at >= 0) {
                        entry = key.substring(0, at + delim.length());
                        rolledUp = true;
                        if (entry.equals(last) || entry.compareTo(after) <= 0) {
                            continue;
                        }
                    }
                }
                if (objects.size() + prefixes.size() == maxKeys) {
                    truncated = true;
                    break scan;
                }
                if (rolledUp) {
                    prefixes.add(entry);
                }
                else {
                    objects.add(object);
                }
                last = entry;
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        return new Listing(objects, prefixes, truncated, last);
    }
}
