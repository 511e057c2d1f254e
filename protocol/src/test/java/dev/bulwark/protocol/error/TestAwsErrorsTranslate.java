package dev.bulwark.protocol.error;

import dev.bulwark.protocol.model.ServiceModel;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;

import static org.assertj.core.api.Assertions.assertThat;

final class TestAwsErrorsTranslate
{
    private static final ServiceModel IAM = ServiceModel.load("iam", IamClient.class);

    @Test
    void awsErrorPassesThroughUnchanged()
    {
        AwsErrorException error = AwsErrorException.sender("NoSuchEntity", 404, "gone");

        assertThat(AwsErrors.translate(IAM, error)).isSameAs(error);
    }

    @Test
    void modeledSdkExceptionTakesCodeStatusAndFaultFromTheTable()
    {
        AwsErrorException error = AwsErrors.translate(IAM, EntityAlreadyExistsException.builder().message("User with name bob already exists.").build());

        assertThat(error.code()).isEqualTo("EntityAlreadyExists");
        assertThat(error.httpStatus()).isEqualTo(409);
        assertThat(error.senderFault()).isTrue();
        assertThat(error.message()).isEqualTo("User with name bob already exists.");
    }

    @Test
    void modeledMembersBesidesTheMessageBecomeExtraFields()
    {
        ServiceModel s3 = ServiceModel.load("s3", software.amazon.awssdk.services.s3.S3Client.class);
        AwsErrorException error = AwsErrors.translate(s3, software.amazon.awssdk.services.s3.model.InvalidObjectStateException.builder()
                .message("The operation is not valid for the object's storage class").storageClass("GLACIER").build());

        assertThat(error.code()).isEqualTo("InvalidObjectState");
        assertThat(error.extraFields()).containsExactly(java.util.Map.entry("StorageClass", "GLACIER"));
    }

    @Test
    void unsetMembersAndTheTypeMemberAreLeftOut()
    {
        ServiceModel guardDuty = ServiceModel.load("guardduty", software.amazon.awssdk.services.guardduty.GuardDutyClient.class);
        AwsErrorException error = AwsErrors.translate(guardDuty, software.amazon.awssdk.services.guardduty.model.BadRequestException.builder()
                .message("bad").type("BadRequestException").build());

        assertThat(error.extraFields()).isEmpty();
        assertThat(AwsErrors.translate(IAM, EntityAlreadyExistsException.builder().message("x").build()).extraFields()).isEmpty();
    }

    @Test
    void unmodeledSdkExceptionWithDetailsKeepsThem()
    {
        IamException thrown = (IamException) IamException.builder().statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("User: x is not authorized").build()).build();

        AwsErrorException error = AwsErrors.translate(IAM, thrown);

        assertThat(error.code()).isEqualTo("AccessDenied");
        assertThat(error.httpStatus()).isEqualTo(403);
        assertThat(error.message()).isEqualTo("User: x is not authorized");
    }

    @Test
    void anythingElseIsInternalFailure()
    {
        AwsErrorException error = AwsErrors.translate(IAM, new IllegalStateException("bug"));

        assertThat(error.code()).isEqualTo("InternalFailure");
        assertThat(error.httpStatus()).isEqualTo(500);
        assertThat(error.senderFault()).isFalse();
        assertThat(error.getCause()).isInstanceOf(IllegalStateException.class);
    }
}
