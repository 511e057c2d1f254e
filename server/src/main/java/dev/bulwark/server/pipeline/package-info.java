/**
 * The request pipeline: route → authenticate → decode → authorize → invoke, then audit → encode → log, as small
 * {@code Step}s over one {@code RequestContext}. The order is assembled in {@code BulwarkServer}; services never
 * parse HTTP, check signatures, evaluate policies or write audit events themselves.
 */
package dev.bulwark.server.pipeline;
