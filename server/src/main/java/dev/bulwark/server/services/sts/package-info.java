/** STS (awsQuery): {@code GetCallerIdentity}, which needs no permission, as in AWS. Role sessions are not built yet. */
package dev.bulwark.server.services.sts;
