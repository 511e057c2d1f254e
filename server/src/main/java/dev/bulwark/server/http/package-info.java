/**
 * The HTTP front (Jetty 12 core: HTTP/1.1, keep-alive, chunked bodies, 100-continue, body size limit, optional
 * TLS with a self-signed certificate made at init or the operator's PEM files) and Bulwark's own endpoints under
 * {@code /_bulwark/}.
 */
package dev.bulwark.server.http;
