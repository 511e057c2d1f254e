package dev.bulwark.server.services.s3;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.services.s3.model.PublicAccessBlock;
import software.amazon.awssdk.services.s3control.model.DeletePublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.DeletePublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.GetPublicAccessBlockResponse;
import software.amazon.awssdk.services.s3control.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3control.model.PutPublicAccessBlockRequest;
import software.amazon.awssdk.services.s3control.model.PutPublicAccessBlockResponse;

import java.util.List;
import java.util.Map;

/**
 * S3 Control's account-level Block Public Access. The request names the account ({@code x-amz-account-id}); only
 * the caller's own account can be configured, as in AWS (another account's id is AccessDenied).
 */
public final class S3ControlOperations implements ServiceOperations
{
    static final String SERVICE = "s3control";

    private final S3Support s3;

    S3ControlOperations(S3Support s3)
    {
        this.s3 = s3;
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                new Operation<>(SERVICE, "PutPublicAccessBlock", PutPublicAccessBlockRequest.class,
                        (invocation, request) -> List.of(account(invocation, "s3:PutAccountPublicAccessBlock", request.accountId())), false, this::put),
                new Operation<>(SERVICE, "GetPublicAccessBlock", GetPublicAccessBlockRequest.class,
                        (invocation, request) -> List.of(account(invocation, "s3:GetAccountPublicAccessBlock", request.accountId())), true, this::get),
                new Operation<>(SERVICE, "DeletePublicAccessBlock", DeletePublicAccessBlockRequest.class,
                        (invocation, request) -> List.of(account(invocation, "s3:PutAccountPublicAccessBlock", request.accountId())), false, this::delete));
    }

    private static Access account(Invocation invocation, String action, String accountId)
    {
        if (accountId == null || !accountId.equals(invocation.accountId())) {
            throw S3Errors.accessDenied();
        }
        return new Access(action, "*", Map.of());
    }

    private PutPublicAccessBlockResponse put(Invocation invocation, PutPublicAccessBlockRequest request)
    {
        PublicAccessBlockConfiguration config = request.publicAccessBlockConfiguration();
        if (config == null) {
            throw S3Errors.malformedXml();
        }
        s3.s3.putAccountPublicAccessBlock(invocation.transaction(), invocation.accountId(), new PublicAccessBlock(Boolean.TRUE.equals(config.blockPublicAcls()),
                Boolean.TRUE.equals(config.ignorePublicAcls()), Boolean.TRUE.equals(config.blockPublicPolicy()), Boolean.TRUE.equals(config.restrictPublicBuckets())));
        return PutPublicAccessBlockResponse.builder().build();
    }

    private GetPublicAccessBlockResponse get(Invocation invocation, GetPublicAccessBlockRequest request)
    {
        PublicAccessBlock block = s3.s3.accountPublicAccessBlock(invocation.transaction(), invocation.accountId())
                .orElseThrow(() -> new dev.bulwark.protocol.error.AwsErrorException("NoSuchPublicAccessBlockConfiguration", 404, true,
                        "The public access block configuration was not found").withExtraFields(Map.of("AccountId", invocation.accountId())));
        return GetPublicAccessBlockResponse.builder().publicAccessBlockConfiguration(PublicAccessBlockConfiguration.builder()
                .blockPublicAcls(block.blockPublicAcls()).ignorePublicAcls(block.ignorePublicAcls()).blockPublicPolicy(block.blockPublicPolicy())
                .restrictPublicBuckets(block.restrictPublicBuckets()).build()).build();
    }

    private DeletePublicAccessBlockResponse delete(Invocation invocation, DeletePublicAccessBlockRequest request)
    {
        s3.s3.deleteAccountPublicAccessBlock(invocation.transaction(), invocation.accountId());
        return DeletePublicAccessBlockResponse.builder().build();
    }
}
