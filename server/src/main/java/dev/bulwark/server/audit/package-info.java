/**
 * CloudTrail: one event record (eventVersion 1.11) per request — allowed, denied, failed or malformed — with
 * secrets left out. A mutation's event commits in the mutation's transaction; others are written in batches and
 * drained on shutdown.
 */
package dev.bulwark.server.audit;
