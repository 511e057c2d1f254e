package dev.bulwark.server.services.s3;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.Part;
import dev.bulwark.server.services.s3.model.Segment;
import dev.bulwark.server.services.s3.model.StoredObject;
import dev.bulwark.server.services.s3.model.Upload;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.Initiator;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.bulwark.server.services.s3.S3Support.SERVICE;

/**
 * Multipart uploads. Each part is its own encrypted file; completing an upload only links the chosen parts' files to
 * the object in order (no copy), so the object's ETag is S3's: MD5 of the parts' binary MD5s, then {@code -N}.
 */
public final class MultipartOperations implements ServiceOperations
{
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    private static final int MAX_PART_NUMBER = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final S3Support s3;

    MultipartOperations(S3Support s3)
    {
        this.s3 = s3;
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                new Operation<>(SERVICE, "CreateMultipartUpload", CreateMultipartUploadRequest.class, this::createAccess, false, this::create),
                new Operation<>(SERVICE, "UploadPart", UploadPartRequest.class,
                        (invocation, request) -> List.of(onObject(invocation, "s3:PutObject", request.bucket(), request.key())), false, this::uploadPart),
                new Operation<>(SERVICE, "CompleteMultipartUpload", CompleteMultipartUploadRequest.class,
                        (invocation, request) -> List.of(onObject(invocation, "s3:PutObject", request.bucket(), request.key())), false, this::complete),
                new Operation<>(SERVICE, "AbortMultipartUpload", AbortMultipartUploadRequest.class,
                        (invocation, request) -> List.of(onObject(invocation, "s3:AbortMultipartUpload", request.bucket(), request.key())), false, this::abort),
                new Operation<>(SERVICE, "ListParts", ListPartsRequest.class,
                        (invocation, request) -> List.of(onObject(invocation, "s3:ListMultipartUploadParts", request.bucket(), request.key())), true,
                        this::listParts),
                new Operation<>(SERVICE, "ListMultipartUploads", ListMultipartUploadsRequest.class,
                        (invocation, request) -> List.of(s3.access.onBucket(invocation.caller(), "s3:ListBucketMultipartUploads", s3.access.bucket(invocation, request.bucket()))),
                        true, this::listUploads));
    }

    private Access onObject(Invocation invocation, String action, String bucket, String key)
    {
        return s3.access.onObject(invocation.caller(), action, s3.access.bucket(invocation, bucket), key, Map.of());
    }

    private List<Access> createAccess(Invocation invocation, CreateMultipartUploadRequest request)
    {
        Map<String, String> tags = S3Support.parseTagging(request.tagging());
        Map<String, List<String>> keys = new LinkedHashMap<>(S3Access.requestObjectTags(tags));
        ObjectOperations.encryptionKeys(keys, request.serverSideEncryptionAsString(), request.ssekmsKeyId());
        Bucket bucket = s3.access.bucket(invocation, request.bucket());
        List<Access> accesses = new ArrayList<>();
        accesses.add(s3.access.onObject(invocation.caller(), "s3:PutObject", bucket, request.key(), keys));
        if (!tags.isEmpty()) {
            accesses.add(s3.access.onObject(invocation.caller(), "s3:PutObjectTagging", bucket, request.key(), keys));
        }
        return accesses;
    }

    private CreateMultipartUploadResponse create(Invocation invocation, CreateMultipartUploadRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        ObjectOperations.checkObjectAcl(s3, tx, bucket, request.aclAsString());
        Encryption encryption = S3Support.encryptionFor(bucket, request.serverSideEncryptionAsString(), request.ssekmsKeyId(), request.bucketKeyEnabled());
        s3.requireUsable(encryption, invocation.caller());
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String uploadId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        s3.s3.insertUpload(tx, new Upload(uploadId, bucket.name(), request.key(), invocation.now(), invocation.caller().arn(), bucket.accountId(),
                ObjectOperations.standardHeaders(request.contentType(), request.cacheControl(), request.contentDisposition(), request.contentEncoding(),
                        request.contentLanguage(), request.expires()),
                ObjectOperations.userMetadata(request.metadata()), S3Support.parseTagging(request.tagging()),
                request.aclAsString() == null ? "private" : request.aclAsString(), encryption));
        return CreateMultipartUploadResponse.builder().bucket(bucket.name()).key(request.key()).uploadId(uploadId)
                .serverSideEncryption(encryption.algorithm()).ssekmsKeyId(encryption.kmsKeyId().orElse(null)).build();
    }

    private Upload upload(Tx tx, String bucket, String key, String uploadId)
    {
        s3.bucket(tx, bucket);
        return s3.s3.upload(tx, uploadId).filter(upload -> upload.bucket().equals(bucket) && upload.key().equals(key))
                .orElseThrow(() -> S3Errors.noSuchUpload(uploadId));
    }

    private UploadPartResponse uploadPart(Invocation invocation, UploadPartRequest request)
    {
        Tx tx = invocation.transaction();
        Upload upload = upload(tx, request.bucket(), request.key(), request.uploadId());
        Integer number = request.partNumber();
        if (number == null || number < 1 || number > MAX_PART_NUMBER) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive");
        }
        byte[] body = invocation.http().request().body();
        S3Support.checkContentMd5(request.contentMD5(), body);
        S3Support.checkChecksums(body, request.checksumCRC32(), request.checksumCRC32C(), request.checksumSHA1(), request.checksumSHA256());
        Segment segment = s3.files.write(body, 0, body.length, upload.encryption(), invocation.caller());
        String etag = S3Support.quotedMd5(body, 0, body.length);
        try {
            s3.s3.putPart(tx, upload.uploadId(), new Part(number, segment, etag, invocation.now()))
                    .ifPresent(replaced -> s3.deleteAfterCommit(tx, List.of(replaced)));
        }
        catch (RuntimeException e) {
            s3.files.delete(List.of(segment));
            throw e;
        }
        return UploadPartResponse.builder().eTag(etag).serverSideEncryption(upload.encryption().algorithm())
                .ssekmsKeyId(upload.encryption().kmsKeyId().orElse(null)).build();
    }

    private CompleteMultipartUploadResponse complete(Invocation invocation, CompleteMultipartUploadRequest request)
    {
        Tx tx = invocation.transaction();
        Upload upload = upload(tx, request.bucket(), request.key(), request.uploadId());
        if (request.multipartUpload() == null || !request.multipartUpload().hasParts() || request.multipartUpload().parts().isEmpty()) {
            throw S3Errors.malformedXml();
        }
        Map<Integer, Part> uploaded = new LinkedHashMap<>();
        s3.s3.parts(tx, upload.uploadId()).forEach(part -> uploaded.put(part.partNumber(), part));
        List<CompletedPart> chosen = request.multipartUpload().parts();
        List<Segment> segments = new ArrayList<>();
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        int previous = 0;
        for (CompletedPart wanted : chosen) {
            if (wanted.partNumber() == null || wanted.partNumber() <= previous) {
                throw S3Errors.invalidPartOrder();
            }
            previous = wanted.partNumber();
        }
        long size = 0;
        for (int i = 0; i < chosen.size(); i++) {
            CompletedPart wanted = chosen.get(i);
            Part part = uploaded.remove(wanted.partNumber());
            if (part == null || wanted.eTag() == null || !ObjectOperations.unquote(wanted.eTag()).equals(ObjectOperations.unquote(part.etag()))) {
                throw S3Errors.invalidPart();
            }
            if (i < chosen.size() - 1 && part.segment().size() < MIN_PART_SIZE) {
                throw S3Errors.entityTooSmall();
            }
            segments.add(part.segment());
            digests.writeBytes(HexFormat.of().parseHex(ObjectOperations.unquote(part.etag())));
            size += part.segment().size();
        }
        String etag = "\"" + HexFormat.of().formatHex(S3Support.md5(digests.toByteArray())) + "-" + chosen.size() + "\"";
        StoredObject object = new StoredObject(upload.bucket(), upload.key(), UUID.randomUUID().toString(), size, etag, invocation.now(),
                upload.metadata(), upload.userMetadata(), upload.tags(), upload.ownerAccount(), upload.acl(), upload.encryption(),
                Optional.of(chosen.size()), segments);
        // Parts not named in the request are dropped with the upload; the chosen ones now belong to the object.
        tx.update("DELETE FROM s3_parts WHERE upload_id = ?", upload.uploadId());
        List<Segment> unused = new ArrayList<>();
        uploaded.values().forEach(part -> unused.add(part.segment()));
        s3.s3.deleteUpload(tx, upload.uploadId());
        unused.addAll(s3.s3.putObject(tx, object));
        s3.deleteAfterCommit(tx, unused);
        return CompleteMultipartUploadResponse.builder().location("/" + upload.bucket() + "/" + upload.key()).bucket(upload.bucket())
                .key(upload.key()).eTag(etag).serverSideEncryption(upload.encryption().algorithm())
                .ssekmsKeyId(upload.encryption().kmsKeyId().orElse(null)).build();
    }

    private AbortMultipartUploadResponse abort(Invocation invocation, AbortMultipartUploadRequest request)
    {
        Tx tx = invocation.transaction();
        Upload upload = upload(tx, request.bucket(), request.key(), request.uploadId());
        s3.deleteAfterCommit(tx, s3.s3.deleteUpload(tx, upload.uploadId()));
        return AbortMultipartUploadResponse.builder().build();
    }

    private ListPartsResponse listParts(Invocation invocation, ListPartsRequest request)
    {
        Tx tx = invocation.transaction();
        Upload upload = upload(tx, request.bucket(), request.key(), request.uploadId());
        int marker = request.partNumberMarker() == null ? 0 : request.partNumberMarker();
        int max = request.maxParts() == null ? 1000 : Math.min(1000, request.maxParts());
        List<Part> after = s3.s3.parts(tx, upload.uploadId()).stream().filter(part -> part.partNumber() > marker).toList();
        List<Part> page = after.subList(0, Math.min(max, after.size()));
        boolean truncated = after.size() > page.size();
        return ListPartsResponse.builder().bucket(upload.bucket()).key(upload.key()).uploadId(upload.uploadId())
                .partNumberMarker(marker).maxParts(max).isTruncated(truncated)
                .nextPartNumberMarker(page.isEmpty() ? null : page.get(page.size() - 1).partNumber())
                .initiator(Initiator.builder().id(upload.initiatorArn()).displayName(upload.initiatorArn()).build())
                .owner(S3Support.owner(upload.ownerAccount())).storageClass("STANDARD")
                .parts(page.stream().map(part -> software.amazon.awssdk.services.s3.model.Part.builder().partNumber(part.partNumber())
                        .eTag(part.etag()).size(part.segment().size()).lastModified(part.lastModified()).build()).toList())
                .build();
    }

    private ListMultipartUploadsResponse listUploads(Invocation invocation, ListMultipartUploadsRequest request)
    {
        Tx tx = invocation.transaction();
        s3.bucket(tx, request.bucket());
        String prefix = request.prefix() == null ? "" : request.prefix();
        List<MultipartUpload> uploads = s3.s3.uploads(tx, request.bucket()).stream().filter(upload -> upload.key().startsWith(prefix))
                .map(upload -> MultipartUpload.builder().uploadId(upload.uploadId()).key(upload.key()).initiated(upload.initiated())
                        .initiator(Initiator.builder().id(upload.initiatorArn()).displayName(upload.initiatorArn()).build())
                        .owner(S3Support.owner(upload.ownerAccount())).storageClass("STANDARD").build())
                .toList();
        return ListMultipartUploadsResponse.builder().bucket(request.bucket()).prefix(request.prefix()).maxUploads(1000).isTruncated(false)
                .uploads(uploads).build();
    }
}
