/**
 * Request routing: which registered AWS service and operation an HTTP request is for, by SigV4 signing
 * service and {@code Action} (awsQuery), {@code X-Amz-Target} (awsJson), or method and URI template (REST).
 */
package dev.bulwark.protocol.route;
