/**
 * AWS errors as values: {@link dev.bulwark.protocol.error.AwsErrorException} carries code, HTTP status, fault side
 * and message; {@link dev.bulwark.protocol.error.AwsErrors} holds AWS's protocol-level errors and maps the SDK's
 * modeled exceptions thrown by service handlers to their wire code and status. The codecs write the shapes.
 */
package dev.bulwark.protocol.error;
