/**
 * AWS Signature Version 4 verification: the {@code Authorization} header and presigned query strings, the
 * 15-minute clock-skew window, presign expiry, STS session tokens, and {@code aws-chunked} streaming payloads
 * whose every chunk is signed in a chain from the request's seed signature.
 *
 * <p>{@link dev.bulwark.protocol.sigv4.SigV4Verifier} is the entry point; it answers a
 * {@link dev.bulwark.protocol.sigv4.VerifiedRequest} or throws a {@link dev.bulwark.protocol.sigv4.SigV4Exception}
 * carrying AWS's error code, HTTP status and wording for the {@link dev.bulwark.protocol.sigv4.Dialect} of the
 * service (S3's XML errors differ from the query and JSON services). Signatures are compared in constant time
 * and derived signing keys are cached, since verification runs on every request.
 *
 * <p>{@link dev.bulwark.protocol.sigv4.CredentialScope#peek} reads the scope for routing before verification;
 * {@link dev.bulwark.protocol.sigv4.ScopeCheck} then holds the signature to the service and region it reached;
 * {@link dev.bulwark.protocol.sigv4.AwsChunkedDecoder} unwraps and verifies streaming bodies.
 */
package dev.bulwark.protocol.sigv4;
