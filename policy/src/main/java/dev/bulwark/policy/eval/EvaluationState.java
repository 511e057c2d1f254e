package dev.bulwark.policy.eval;

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
        ActionName name = ActionName.of(request.action());
        this.action = name.lower();
        this.service = name.service();
        this.resource = SplitArn.of(request.resource());
        this.context = request.context();
        this.principalHasBoundary = request.permissionsBoundary().isPresent();
    }
}
