/**
 * AWS wire protocols, driven by the AWS SDK for Java v2 model classes.
 *
 * <ul>
 * <li>{@code http}: transport-neutral request/response values.</li>
 * <li>{@code sigv4}: Signature Version 4 verification.</li>
 * <li>{@code model}: per service, the protocol, operations bound to SDK classes, errors and constraints, from a
 *     data table generated from the AWS service models ({@code tools/aws-models}).</li>
 * <li>{@code route}: which service and operation a request is for.</li>
 * <li>{@code codec}: one codec per protocol (awsQuery, awsJson 1.0/1.1, restJson1, restXml) turning HTTP into the
 *     SDK's typed requests and typed responses and errors back into HTTP.</li>
 * <li>{@code error}: AWS errors as values, and the mapping from the SDK's modeled exceptions.</li>
 * </ul>
 */
package dev.bulwark.protocol;
