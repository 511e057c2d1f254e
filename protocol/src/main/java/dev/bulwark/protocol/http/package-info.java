/**
 * Transport-neutral HTTP request and response values: the protocol layer (SigV4, codecs) works on these,
 * so it never depends on the HTTP server that carries the bytes.
 */
package dev.bulwark.protocol.http;
