package dev.bulwark.server.services.s3;

import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** S3 and S3 Control as one service package: every operation group, sharing the store, the object files and the access rules. */
public final class S3Service implements ServiceOperations
{
    private final S3Support support;

    public S3Service(Store store, ObjectFiles files)
    {
        this.support = new S3Support(store, new S3Store(), files);
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        List<Operation<?, ?>> all = new ArrayList<>();
        all.addAll(new BucketOperations(support).operations());
        all.addAll(new ObjectOperations(support).operations());
        all.addAll(new MultipartOperations(support).operations());
        all.addAll(new AccessControlOperations(support).operations());
        all.addAll(new S3ControlOperations(support).operations());
        return all;
    }

    /** Removes object files no row refers to (after a crash); returns how many. */
    public static int sweepOrphans(Store store, ObjectFiles files, Instant now)
    {
        return files.sweepOrphans(store.readOnly(tx -> new S3Store().referencedFiles(tx)), now);
    }
}
