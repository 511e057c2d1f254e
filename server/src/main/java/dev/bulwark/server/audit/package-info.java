/**
 * CloudTrail: one event record (eventVersion 1.11) per request — allowed, denied, failed or malformed — with
 * every principal type's {@code userIdentity} (Root, IAMUser, AssumedRole, FederatedUser, WebIdentityUser,
 * SAMLUser, and AWSAccount in a resource owner's copy of a cross-account call), the resources the call was
 * authorized on, {@code tlsDetails} on HTTPS, and secrets left out. A mutation's event commits in the mutation's
 * transaction; others are written in batches and drained on shutdown. {@link dev.bulwark.server.audit.AuditStore}
 * keeps LookupEvents' attributes indexed next to each event.
 */
package dev.bulwark.server.audit;
