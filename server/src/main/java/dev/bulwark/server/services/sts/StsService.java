package dev.bulwark.server.services.sts;

import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.List;

/**
 * STS (awsQuery): {@code GetCallerIdentity}. As in AWS it needs no permission — an explicit deny cannot stop
 * it — so its authorization declares no access at all.
 */
public final class StsService implements ServiceOperations
{
    public static final String SERVICE = "sts";

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(new Operation<>(SERVICE, "GetCallerIdentity", GetCallerIdentityRequest.class,
                (invocation, request) -> List.of(), true, StsService::getCallerIdentity, Operation.StoreUse.NONE));
    }

    private static GetCallerIdentityResponse getCallerIdentity(Invocation invocation, GetCallerIdentityRequest request)
    {
        return GetCallerIdentityResponse.builder()
                .userId(invocation.caller().principalId())
                .account(invocation.caller().accountId())
                .arn(invocation.caller().arn())
                .build();
    }
}
