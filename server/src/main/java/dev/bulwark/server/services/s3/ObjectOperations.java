package dev.bulwark.server.services.s3;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.s3.model.Bucket;
import dev.bulwark.server.services.s3.model.Encryption;
import dev.bulwark.server.services.s3.model.Segment;
import dev.bulwark.server.services.s3.model.StoredObject;
import dev.bulwark.server.store.Tx;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.bulwark.server.services.s3.S3Support.SERVICE;

/**
 * Objects: put (body already freed of aws-chunked framing and verified), get with ranges and conditional headers,
 * head, delete (one or many), copy, list (v1 with Marker, v2 with continuation tokens), tags. Every object is
 * encrypted at rest ({@link ObjectFiles}); the response headers say how.
 */
public final class ObjectOperations implements ServiceOperations
{
    private static final int MAX_KEYS = 1000;
    /** The standard headers S3 stores with an object and returns on GET/HEAD. */
    static final String CONTENT_TYPE = "Content-Type";
    static final String CACHE_CONTROL = "Cache-Control";
    static final String CONTENT_DISPOSITION = "Content-Disposition";
    static final String CONTENT_ENCODING = "Content-Encoding";
    static final String CONTENT_LANGUAGE = "Content-Language";
    static final String EXPIRES = "Expires";

    private final S3Support s3;

    ObjectOperations(S3Support s3)
    {
        this.s3 = s3;
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                new Operation<>(SERVICE, "PutObject", PutObjectRequest.class, this::putObjectAccess, false, this::putObject),
                new Operation<>(SERVICE, "GetObject", GetObjectRequest.class,
                        (invocation, request) -> List.of(existingObject(invocation, "s3:GetObject", request.bucket(), request.key())), true, this::getObject),
                new Operation<>(SERVICE, "HeadObject", HeadObjectRequest.class,
                        (invocation, request) -> List.of(existingObject(invocation, "s3:GetObject", request.bucket(), request.key())), true, this::headObject),
                new Operation<>(SERVICE, "DeleteObject", DeleteObjectRequest.class,
                        (invocation, request) -> List.of(onObject(invocation, "s3:DeleteObject", request.bucket(), request.key(), Map.of())), false,
                        this::deleteObject),
                new Operation<>(SERVICE, "DeleteObjects", DeleteObjectsRequest.class, this::deleteObjectsAccess, false, this::deleteObjects),
                new Operation<>(SERVICE, "CopyObject", CopyObjectRequest.class, this::copyObjectAccess, false, this::copyObject),
                new Operation<>(SERVICE, "ListObjects", ListObjectsRequest.class,
                        (invocation, request) -> List.of(listAccess(invocation, request.bucket(), request.prefix(), request.delimiter(), request.maxKeys())),
                        true, this::listObjects),
                new Operation<>(SERVICE, "ListObjectsV2", ListObjectsV2Request.class,
                        (invocation, request) -> List.of(listAccess(invocation, request.bucket(), request.prefix(), request.delimiter(), request.maxKeys())),
                        true, this::listObjectsV2),
                new Operation<>(SERVICE, "GetObjectTagging", GetObjectTaggingRequest.class,
                        (invocation, request) -> List.of(existingObject(invocation, "s3:GetObjectTagging", request.bucket(), request.key())), true,
                        this::getObjectTagging),
                new Operation<>(SERVICE, "PutObjectTagging", PutObjectTaggingRequest.class, this::putObjectTaggingAccess, false, this::putObjectTagging),
                new Operation<>(SERVICE, "DeleteObjectTagging", DeleteObjectTaggingRequest.class,
                        (invocation, request) -> List.of(existingObject(invocation, "s3:DeleteObjectTagging", request.bucket(), request.key())), false,
                        this::deleteObjectTagging));
    }

    // ---- authorization

    private Access onObject(Invocation invocation, String action, String bucket, String key, Map<String, List<String>> keys)
    {
        return s3.access.onObject(invocation.caller(), action, s3.access.bucket(invocation, bucket), key, keys);
    }

    private Access existingObject(Invocation invocation, String action, String bucket, String key)
    {
        return existingObject(invocation, action, bucket, key, S3Access.EXPECTED_OWNER);
    }

    private Access existingObject(Invocation invocation, String action, String bucket, String key, String expectedOwnerHeader)
    {
        Bucket owner = s3.access.bucket(invocation, bucket, expectedOwnerHeader);
        return s3.access.onObject(invocation.caller(), action, owner, key, s3.access.existingObjectTags(bucket, key));
    }

    private List<Access> putObjectAccess(Invocation invocation, PutObjectRequest request)
    {
        Map<String, String> tags = S3Support.parseTagging(request.tagging());
        Map<String, List<String>> keys = new LinkedHashMap<>(S3Access.requestObjectTags(tags));
        encryptionKeys(keys, request.serverSideEncryptionAsString(), request.ssekmsKeyId());
        if (request.aclAsString() != null) {
            keys.put("s3:x-amz-acl", List.of(request.aclAsString()));
        }
        List<Access> accesses = new ArrayList<>();
        accesses.add(onObject(invocation, "s3:PutObject", request.bucket(), request.key(), keys));
        if (!tags.isEmpty()) {
            accesses.add(onObject(invocation, "s3:PutObjectTagging", request.bucket(), request.key(), keys));
        }
        return accesses;
    }

    static void encryptionKeys(Map<String, List<String>> keys, String algorithm, String kmsKeyId)
    {
        if (algorithm != null) {
            keys.put("s3:x-amz-server-side-encryption", List.of(algorithm));
        }
        if (kmsKeyId != null) {
            keys.put("s3:x-amz-server-side-encryption-aws-kms-key-id", List.of(kmsKeyId));
        }
    }

    private List<Access> deleteObjectsAccess(Invocation invocation, DeleteObjectsRequest request)
    {
        if (request.delete() == null || !request.delete().hasObjects()) {
            throw S3Errors.malformedXml();
        }
        Bucket bucket = s3.access.bucket(invocation, request.bucket());
        return request.delete().objects().stream()
                .map(object -> s3.access.onObject(invocation.caller(), "s3:DeleteObject", bucket, object.key(), Map.of()))
                .toList();
    }

    private List<Access> copyObjectAccess(Invocation invocation, CopyObjectRequest request)
    {
        String[] source = copySource(request.copySource());
        Map<String, List<String>> keys = new LinkedHashMap<>();
        encryptionKeys(keys, request.serverSideEncryptionAsString(), request.ssekmsKeyId());
        return List.of(
                existingObject(invocation, "s3:GetObject", source[0], source[1], S3Access.EXPECTED_SOURCE_OWNER),
                onObject(invocation, "s3:PutObject", request.destinationBucket(), request.destinationKey(), keys));
    }

    private Access listAccess(Invocation invocation, String bucket, String prefix, String delimiter, Integer maxKeys)
    {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("s3:prefix", List.of(prefix == null ? "" : prefix));
        if (delimiter != null) {
            keys.put("s3:delimiter", List.of(delimiter));
        }
        keys.put("s3:max-keys", List.of(Integer.toString(maxKeys == null ? MAX_KEYS : maxKeys)));
        return s3.access.onBucket(invocation.caller(), "s3:ListBucket", s3.access.bucket(invocation, bucket), keys);
    }

    private List<Access> putObjectTaggingAccess(Invocation invocation, PutObjectTaggingRequest request)
    {
        Map<String, String> tags = tagsOf(request.tagging() == null ? List.of() : request.tagging().tagSet());
        Map<String, List<String>> keys = new LinkedHashMap<>(s3.access.existingObjectTags(request.bucket(), request.key()));
        keys.putAll(S3Access.requestObjectTags(tags));
        return List.of(onObject(invocation, "s3:PutObjectTagging", request.bucket(), request.key(), keys));
    }

    // ---- handlers

    private PutObjectResponse putObject(Invocation invocation, PutObjectRequest request)
    {
        Tx tx = invocation.transaction();
        Bucket bucket = s3.bucket(tx, request.bucket());
        checkObjectAcl(s3, tx, bucket, request.aclAsString());
        Encryption encryption = S3Support.encryptionFor(bucket, request.serverSideEncryptionAsString(), request.ssekmsKeyId(), request.bucketKeyEnabled());
        s3.requireUsable(encryption, invocation.caller());
        Map<String, String> tags = S3Support.parseTagging(request.tagging());
        checkConditionalWrite(tx, bucket.name(), request.key(), request.ifMatch(), request.ifNoneMatch());
        byte[] body = invocation.http().request().body();
        S3Support.checkContentMd5(request.contentMD5(), body);
        S3Support.checkChecksums(body, request.checksumCRC32(), request.checksumCRC32C(), request.checksumSHA1(), request.checksumSHA256());
        Map<String, String> metadata = standardHeaders(request.contentType(), request.cacheControl(), request.contentDisposition(),
                request.contentEncoding(), request.contentLanguage(), request.expires());
        StoredObject object = store(invocation, bucket, request.key(), body, metadata, userMetadata(request.metadata()), tags,
                request.aclAsString(), encryption);
        return PutObjectResponse.builder().eTag(object.etag()).serverSideEncryption(encryption.algorithm())
                .ssekmsKeyId(encryption.kmsKeyId().orElse(null)).bucketKeyEnabled(encryption.isKms() ? encryption.bucketKeyEnabled() : null).build();
    }

    /** Conditional writes: {@code If-None-Match: *} only creates, {@code If-Match} only replaces that very object. */
    private void checkConditionalWrite(Tx tx, String bucket, String key, String ifMatch, String ifNoneMatch)
    {
        if (ifMatch == null && ifNoneMatch == null) {
            return;
        }
        Optional<StoredObject> existing = s3.s3.object(tx, bucket, key);
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.trim().equals("*")) {
                throw S3Errors.notImplementedHeader("If-None-Match");
            }
            if (existing.isPresent()) {
                throw S3Errors.preconditionFailed("If-None-Match");
            }
        }
        if (ifMatch != null) {
            if (existing.isEmpty()) {
                throw S3Errors.noSuchKey(key);
            }
            if (!etagMatches(ifMatch, existing.get().etag())) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
    }

    /** Writes the bytes durably, then makes them the object in this transaction; replaced data goes after commit. */
    private StoredObject store(Invocation invocation, Bucket bucket, String key, byte[] body, Map<String, String> metadata,
            Map<String, String> userMetadata, Map<String, String> tags, String acl, Encryption encryption)
    {
        Tx tx = invocation.transaction();
        Segment segment = s3.files.write(body, 0, body.length, encryption, invocation.caller());
        try {
            StoredObject object = new StoredObject(bucket.name(), key, UUID.randomUUID().toString(), body.length,
                    S3Support.quotedMd5(body, 0, body.length), invocation.now(), metadata, userMetadata, tags,
                    bucket.accountId(), acl == null ? "private" : acl, encryption, Optional.empty(), List.of(segment));
            s3.deleteAfterCommit(tx, s3.s3.putObject(tx, object));
            return object;
        }
        catch (RuntimeException e) {
            s3.files.delete(List.of(segment));
            throw e;
        }
    }

    /** ACLs disabled accept only the owner-full-control forms; BlockPublicAcls refuses a public one. */
    static void checkObjectAcl(S3Support s3, Tx tx, Bucket bucket, String acl)
    {
        if (acl == null) {
            return;
        }
        if (bucket.aclsDisabled() && !acl.equals("private") && !acl.equals("bucket-owner-full-control")) {
            throw S3Errors.accessControlListNotSupported();
        }
        if (AccessControlOperations.isPublic(acl) && s3.access.effectiveBlock(tx, bucket).blockPublicAcls()) {
            throw S3Errors.accessDenied();
        }
    }

    private GetObjectResponse getObject(Invocation invocation, GetObjectRequest request)
    {
        StoredObject object = s3.object(invocation.transaction(), request.bucket(), request.key());
        checkConditions(object, request.ifMatch(), request.ifNoneMatch(), request.ifModifiedSince(), request.ifUnmodifiedSince());
        long first = 0;
        long last = object.size() - 1;
        boolean partial = false;
        Optional<long[]> range = Range.parse(request.range(), object.size());
        if (range.isPresent()) {
            first = range.get()[0];
            last = range.get()[1];
            partial = true;
        }
        GetObjectResponse.Builder response = GetObjectResponse.builder()
                .acceptRanges("bytes")
                .eTag(object.etag())
                .lastModified(object.lastModified())
                .contentLength(last - first + 1)
                .contentType(object.metadata().getOrDefault(CONTENT_TYPE, "binary/octet-stream"))
                .cacheControl(object.metadata().get(CACHE_CONTROL))
                .contentDisposition(object.metadata().get(CONTENT_DISPOSITION))
                .contentEncoding(object.metadata().get(CONTENT_ENCODING))
                .contentLanguage(object.metadata().get(CONTENT_LANGUAGE))
                .metadata(object.userMetadata())
                .serverSideEncryption(object.encryption().algorithm())
                .ssekmsKeyId(object.encryption().kmsKeyId().orElse(null))
                .partsCount(object.partsCount().orElse(null))
                .tagCount(object.tags().isEmpty() ? null : object.tags().size());
        if (object.metadata().containsKey(EXPIRES)) {
            invocation.http().header(EXPIRES, object.metadata().get(EXPIRES));
        }
        if (partial) {
            response.contentRange("bytes " + first + "-" + last + "/" + object.size());
        }
        invocation.http().respond(partial ? 206 : 200, s3.files.read(object.segments(), first, last, object.encryption(), invocation.caller()));
        return response.build();
    }

    private HeadObjectResponse headObject(Invocation invocation, HeadObjectRequest request)
    {
        StoredObject object = s3.object(invocation.transaction(), request.bucket(), request.key());
        checkConditions(object, request.ifMatch(), request.ifNoneMatch(), request.ifModifiedSince(), request.ifUnmodifiedSince());
        return HeadObjectResponse.builder()
                .acceptRanges("bytes")
                .eTag(object.etag())
                .lastModified(object.lastModified())
                .contentLength(object.size())
                .contentType(object.metadata().getOrDefault(CONTENT_TYPE, "binary/octet-stream"))
                .cacheControl(object.metadata().get(CACHE_CONTROL))
                .contentDisposition(object.metadata().get(CONTENT_DISPOSITION))
                .contentEncoding(object.metadata().get(CONTENT_ENCODING))
                .contentLanguage(object.metadata().get(CONTENT_LANGUAGE))
                .metadata(object.userMetadata())
                .serverSideEncryption(object.encryption().algorithm())
                .ssekmsKeyId(object.encryption().kmsKeyId().orElse(null))
                .partsCount(object.partsCount().orElse(null))
                .build();
    }

    /**
     * RFC 7232 as S3 applies it: If-Match (else If-Unmodified-Since) failing is 412; If-None-Match matching (else
     * If-Modified-Since not modified) is 304.
     */
    static void checkConditions(StoredObject object, String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince)
    {
        Instant modified = object.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, object.etag())) {
                throw S3Errors.preconditionFailed("If-Match");
            }
        }
        else if (ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
            throw S3Errors.preconditionFailed("If-Unmodified-Since");
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, object.etag())) {
                throw S3Errors.notModified();
            }
        }
        else if (ifModifiedSince != null && !modified.isAfter(ifModifiedSince)) {
            throw S3Errors.notModified();
        }
    }

    private static boolean etagMatches(String condition, String etag)
    {
        for (String candidate : condition.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.equals("*") || unquote(trimmed).equals(unquote(etag))) {
                return true;
            }
        }
        return false;
    }

    static String unquote(String etag)
    {
        String trimmed = etag.trim();
        if (trimmed.startsWith("W/")) {
            trimmed = trimmed.substring(2);
        }
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private DeleteObjectResponse deleteObject(Invocation invocation, DeleteObjectRequest request)
    {
        Tx tx = invocation.transaction();
        s3.bucket(tx, request.bucket());
        // Deleting a key that does not exist succeeds, as in S3.
        s3.deleteAfterCommit(tx, s3.s3.deleteObject(tx, request.bucket(), request.key()));
        return DeleteObjectResponse.builder().build();
    }

    private DeleteObjectsResponse deleteObjects(Invocation invocation, DeleteObjectsRequest request)
    {
        Tx tx = invocation.transaction();
        s3.bucket(tx, request.bucket());
        if (request.delete().objects().size() > 1000) {
            throw S3Errors.malformedXml();
        }
        List<DeletedObject> deleted = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        for (ObjectIdentifier identifier : request.delete().objects()) {
            segments.addAll(s3.s3.deleteObject(tx, request.bucket(), identifier.key()));
            deleted.add(DeletedObject.builder().key(identifier.key()).build());
        }
        s3.deleteAfterCommit(tx, segments);
        boolean quiet = Boolean.TRUE.equals(request.delete().quiet());
        return DeleteObjectsResponse.builder().deleted(quiet ? List.of() : deleted).build();
    }

    private CopyObjectResponse copyObject(Invocation invocation, CopyObjectRequest request)
    {
        Tx tx = invocation.transaction();
        String[] source = copySource(request.copySource());
        StoredObject original = s3.object(tx, source[0], source[1]);
        try {
            checkConditions(original, request.copySourceIfMatch(), request.copySourceIfNoneMatch(), request.copySourceIfModifiedSince(),
                    request.copySourceIfUnmodifiedSince());
        }
        catch (dev.bulwark.protocol.error.AwsErrorException e) {
            // A copy whose source condition fails is always 412, never 304.
            throw S3Errors.preconditionFailed(e.code().equals("NotModified") ? "x-amz-copy-source-If-None-Match" : "x-amz-copy-source-If-Match");
        }
        Bucket target = s3.bucket(tx, request.destinationBucket());
        checkObjectAcl(s3, tx, target, request.aclAsString());
        boolean replaceMetadata = "REPLACE".equals(request.metadataDirectiveAsString());
        boolean replaceTags = "REPLACE".equals(request.taggingDirectiveAsString());
        boolean sameObject = source[0].equals(request.destinationBucket()) && source[1].equals(request.destinationKey());
        if (sameObject && !replaceMetadata && request.serverSideEncryptionAsString() == null) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's "
                    + "metadata, storage class, website redirect location or encryption attributes.");
        }
        Encryption encryption = S3Support.encryptionFor(target, request.serverSideEncryptionAsString(), request.ssekmsKeyId(), request.bucketKeyEnabled());
        s3.requireUsable(encryption, invocation.caller());
        Map<String, String> metadata = replaceMetadata
                ? standardHeaders(request.contentType(), request.cacheControl(), request.contentDisposition(), request.contentEncoding(),
                        request.contentLanguage(), request.expires())
                : original.metadata();
        Map<String, String> userMetadata = replaceMetadata ? userMetadata(request.metadata()) : original.userMetadata();
        Map<String, String> tags = replaceTags ? S3Support.parseTagging(request.tagging()) : original.tags();
        byte[] data = s3.files.readAll(original.segments(), original.encryption(), invocation.caller());
        StoredObject copy = store(invocation, target, request.destinationKey(), data, metadata, userMetadata, tags, request.aclAsString(), encryption);
        return CopyObjectResponse.builder()
                .copyObjectResult(CopyObjectResult.builder().eTag(copy.etag()).lastModified(copy.lastModified()).build())
                .serverSideEncryption(encryption.algorithm())
                .build();
    }

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=…]}, URL-encoded. */
    static String[] copySource(String header)
    {
        if (header == null) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        String path = header;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw S3Errors.invalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey");
        }
        return new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }

    private ListObjectsResponse listObjects(Invocation invocation, ListObjectsRequest request)
    {
        Tx tx = invocation.transaction();
        s3.bucket(tx, request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        int maxKeys = maxKeys(request.maxKeys());
        String marker = request.marker() == null ? "" : request.marker();
        Listing listing = Listing.list(s3.s3, tx, request.bucket(), request.prefix(), request.delimiter(), marker, maxKeys);
        ListObjectsResponse.Builder response = ListObjectsResponse.builder()
                .name(request.bucket())
                .prefix(S3Support.encode(request.prefix() == null ? "" : request.prefix(), url))
                .marker(S3Support.encode(marker, url))
                .delimiter(S3Support.encode(request.delimiter(), url))
                .maxKeys(maxKeys)
                .isTruncated(listing.truncated())
                .encodingType(request.encodingTypeAsString())
                .contents(contents(listing, url, true))
                .commonPrefixes(commonPrefixes(listing, url));
        if (listing.truncated() && request.delimiter() != null) {
            response.nextMarker(S3Support.encode(listing.last(), url));
        }
        return response.build();
    }

    private ListObjectsV2Response listObjectsV2(Invocation invocation, ListObjectsV2Request request)
    {
        Tx tx = invocation.transaction();
        s3.bucket(tx, request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        int maxKeys = maxKeys(request.maxKeys());
        String after = request.startAfter() == null ? "" : request.startAfter();
        if (request.continuationToken() != null) {
            try {
                after = new String(Base64.getUrlDecoder().decode(request.continuationToken()), StandardCharsets.UTF_8);
            }
            catch (IllegalArgumentException e) {
                throw S3Errors.invalidArgument("The continuation token provided is incorrect");
            }
        }
        Listing listing = Listing.list(s3.s3, tx, request.bucket(), request.prefix(), request.delimiter(), after, maxKeys);
        return ListObjectsV2Response.builder()
                .name(request.bucket())
                .prefix(S3Support.encode(request.prefix() == null ? "" : request.prefix(), url))
                .delimiter(S3Support.encode(request.delimiter(), url))
                .maxKeys(maxKeys)
                .keyCount(listing.objects().size() + listing.prefixes().size())
                .isTruncated(listing.truncated())
                .encodingType(request.encodingTypeAsString())
                .continuationToken(request.continuationToken())
                .nextContinuationToken(listing.truncated()
                        ? Base64.getUrlEncoder().withoutPadding().encodeToString(listing.last().getBytes(StandardCharsets.UTF_8)) : null)
                .startAfter(S3Support.encode(request.startAfter(), url))
                .contents(contents(listing, url, Boolean.TRUE.equals(request.fetchOwner())))
                .commonPrefixes(commonPrefixes(listing, url))
                .build();
    }

    private static int maxKeys(Integer requested)
    {
        if (requested == null) {
            return MAX_KEYS;
        }
        if (requested < 0) {
            throw S3Errors.invalidArgument("Provided max-keys not an integer or within integer range");
        }
        return Math.min(requested, MAX_KEYS);
    }

    private static List<S3Object> contents(Listing listing, boolean url, boolean withOwner)
    {
        return listing.objects().stream().map(object -> {
            S3Object.Builder item = S3Object.builder().key(S3Support.encode(object.key(), url)).lastModified(object.lastModified())
                    .eTag(object.etag()).size(object.size()).storageClass("STANDARD");
            if (withOwner) {
                item.owner(S3Support.owner(object.ownerAccount()));
            }
            return item.build();
        }).toList();
    }

    private static List<CommonPrefix> commonPrefixes(Listing listing, boolean url)
    {
        return listing.prefixes().stream().map(prefix -> CommonPrefix.builder().prefix(S3Support.encode(prefix, url)).build()).toList();
    }

    private GetObjectTaggingResponse getObjectTagging(Invocation invocation, GetObjectTaggingRequest request)
    {
        StoredObject object = s3.object(invocation.transaction(), request.bucket(), request.key());
        return GetObjectTaggingResponse.builder().tagSet(BucketOperations.toTags(object.tags())).build();
    }

    private PutObjectTaggingResponse putObjectTagging(Invocation invocation, PutObjectTaggingRequest request)
    {
        Tx tx = invocation.transaction();
        s3.object(tx, request.bucket(), request.key());
        if (request.tagging() == null) {
            throw S3Errors.malformedXml();
        }
        Map<String, String> tags = tagsOf(request.tagging().tagSet());
        S3Support.checkTags(tags);
        s3.s3.updateObjectTags(tx, request.bucket(), request.key(), tags);
        return PutObjectTaggingResponse.builder().build();
    }

    private DeleteObjectTaggingResponse deleteObjectTagging(Invocation invocation, DeleteObjectTaggingRequest request)
    {
        Tx tx = invocation.transaction();
        s3.object(tx, request.bucket(), request.key());
        s3.s3.updateObjectTags(tx, request.bucket(), request.key(), Map.of());
        return DeleteObjectTaggingResponse.builder().build();
    }

    private static Map<String, String> tagsOf(List<Tag> tagSet)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Tag tag : tagSet) {
            if (tags.put(tag.key(), tag.value() == null ? "" : tag.value()) != null) {
                throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
            }
        }
        return tags;
    }

    static Map<String, String> standardHeaders(String contentType, String cacheControl, String contentDisposition, String contentEncoding,
            String contentLanguage, Instant expires)
    {
        Map<String, String> headers = new LinkedHashMap<>();
        putIfSet(headers, CONTENT_TYPE, contentType);
        putIfSet(headers, CACHE_CONTROL, cacheControl);
        putIfSet(headers, CONTENT_DISPOSITION, contentDisposition);
        // aws-chunked is the transfer framing, not the object's encoding.
        if (contentEncoding != null) {
            String kept = String.join(",", java.util.Arrays.stream(contentEncoding.split(",")).map(String::trim)
                    .filter(part -> !part.isEmpty() && !part.equalsIgnoreCase("aws-chunked")).toList());
            putIfSet(headers, CONTENT_ENCODING, kept.isEmpty() ? null : kept);
        }
        putIfSet(headers, CONTENT_LANGUAGE, contentLanguage);
        if (expires != null) {
            headers.put(EXPIRES, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(expires.atZone(java.time.ZoneOffset.UTC)));
        }
        return headers;
    }

    static Map<String, String> userMetadata(Map<String, String> metadata)
    {
        Map<String, String> user = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((name, value) -> user.put(name.toLowerCase(java.util.Locale.ROOT), value));
        }
        return user;
    }

    private static void putIfSet(Map<String, String> map, String name, String value)
    {
        if (value != null) {
            map.put(name, value);
        }
    }
}
