/**
 * Amazon S3 (and S3 Control's account-level Block Public Access): the security-relevant core.
 *
 * <p>Covered: buckets (create with location constraint and S3's naming rules, head, list, delete, location, tags,
 * the versioning flag); objects (put including aws-chunked signed streaming uploads, get with a Range and the four
 * conditional headers, head, delete, delete many, copy, list v1 and v2 with prefix, delimiter, markers and
 * continuation tokens, user metadata, tags); multipart uploads with S3's ETags; bucket policies (validated,
 * {@code IsPublic} computed as S3 documents "public"); Block Public Access at bucket and account level (all on for
 * new buckets); Object Ownership (BucketOwnerEnforced by default: ACLs disabled); canned ACLs where ownership allows,
 * taking part in authorization as the policy statements they amount to (unless IgnorePublicAcls); default encryption;
 * Content-MD5 and flexible checksums (CRC32, CRC32C, SHA-1, SHA-256, from headers or aws-chunked trailers);
 * conditional writes; {@code x-amz-expected-bucket-owner}. Every object is encrypted at rest (SSE-S3, {@link dev.bulwark.server.services.s3.ObjectFiles}).
 * Authorization is declared per operation from AWS's Service Authorization Reference with S3's condition keys; the
 * bucket policy decides together with IAM (cross-account needs both, anonymous needs the policy, RestrictPublicBuckets
 * ignores public grants for outsiders).
 *
 * <p>Not yet: object versions (the versioning flag is stored and reported, reads and deletes act on the current
 * object only), the {@code aws:s3:arn} encryption context for SSE-KMS (S3 here binds data keys to the object's file,
 * and KMS's side lives in {@code kms.KmsServerSideKeys}), bucket keys, AWS managed {@code aws/s3} keys, SSE-C, explicit ACL grant lists (canned ACLs only), CRC64NVME checksums, per-key AccessDenied inside DeleteObjects (one denied key refuses the request),
 * UploadPartCopy, checksums beyond Content-MD5, lifecycle, replication, notifications, website, CORS, logging, Object
 * Lock, access points. Those operations answer NotImplemented.
 */
package dev.bulwark.server.services.s3;
