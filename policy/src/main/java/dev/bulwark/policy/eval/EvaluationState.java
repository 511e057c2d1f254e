package dev.bulwark.policy.eval;

import java.util.Locale;

/** What every statement of one request is matched against, prepared once per request. */
final class EvaluationState
{
    final RequestPrincipal principal;
    /** The action lower-cased: action names are case-insensitive. */
    final String action;
    /** The service prefix of {@link #action}, the key of the statement index. */
    final String service;
    final SplitArn resource;
    final RequestContext context;
    /** AWS: Deny with NotPrincipal always applies to a principal that has a permissions boundary. */
    final boolean principalHasBoundary;

    EvaluationState(AuthorizationRequest request)
    {
        this.principal = request.principal();
        this.action = request.action().toLowerCase(Locale.ROOT);
        int colon = action.indexOf(':');
        this.service = colon < 0 ? action : action.substring(0, colon);
        this.resource = SplitArn.of(request.resource());
        this.context = request.context();
        this.principalHasBoundary = request.permissionsBoundary().isPresent();
    }
}
