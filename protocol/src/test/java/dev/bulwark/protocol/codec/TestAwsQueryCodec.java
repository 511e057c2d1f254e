package dev.bulwark.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.bulwark.protocol.error.AwsErrorException;
import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.http.HttpResponse;
import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.protocol.route.ServiceRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.CreateSamlProviderRequest;
import software.amazon.awssdk.services.iam.model.CreateSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserResponse;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryRequest;
import software.amazon.awssdk.services.iam.model.GetAccountSummaryResponse;
import software.amazon.awssdk.services.iam.model.ListUsersRequest;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.AssumedRoleUser;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * awsQuery against the SDK's own IAM and STS clients: each request the SDK marshals must decode to an equal
 * request, and each response we encode must unmarshal in the SDK to an equal response.
 */
final class TestAwsQueryCodec
{
    static final ServiceModel IAM = ServiceModel.load("iam", IamClient.class);
    static final ServiceModel STS = ServiceModel.load("sts", StsClient.class);
    private static final Instant CREATED = Instant.parse("2024-05-06T07:08:09Z");

    private final LoopbackServer server = new LoopbackServer(ServiceRegistry.of(List.of(IAM, STS)));
    private final IamClient iam = server.client(IamClient.builder(), Region.AWS_GLOBAL);
    private final StsClient sts = server.client(StsClient.builder(), Region.US_EAST_1);

    static Stream<Arguments> roundTrips()
    {
        User user = User.builder().userName("bob").userId("AIDAEXAMPLE").arn("arn:aws:iam::123456789012:user/bob").path("/").createDate(CREATED)
                .tags(Tag.builder().key("team").value("blue").build()).build();
        List<User> twelve = IntStream.rangeClosed(1, 12).mapToObj(i -> user.toBuilder().userName("u" + i).build()).toList();
        return Stream.of(
                Arguments.of("struct list in request and response",
                        CreateUserRequest.builder().userName("bob").path("/eng/").permissionsBoundary("arn:aws:iam::aws:policy/X")
                                .tags(Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("").build()).build(),
                        CreateUserResponse.builder().user(user).build(),
                        (Call) (iam, sts, r) -> iam.createUser((CreateUserRequest) r)),
                Arguments.of("integers, booleans, twelve members in order",
                        ListUsersRequest.builder().maxItems(12).marker("m").pathPrefix("/").build(),
                        ListUsersResponse.builder().users(twelve).isTruncated(true).marker("next").build(),
                        (Call) (iam, sts, r) -> iam.listUsers((ListUsersRequest) r)),
                Arguments.of("wire name casing differs from the class name",
                        CreateSamlProviderRequest.builder().name("idp").samlMetadataDocument("<md>" + "x".repeat(1000) + "</md>").build(),
                        CreateSamlProviderResponse.builder().samlProviderArn("arn:aws:iam::123456789012:saml-provider/idp").build(),
                        (Call) (iam, sts, r) -> iam.createSAMLProvider((CreateSamlProviderRequest) r)),
                Arguments.of("operation without output",
                        DeleteUserRequest.builder().userName("bob").build(),
                        DeleteUserResponse.builder().build(),
                        (Call) (iam, sts, r) -> iam.deleteUser((DeleteUserRequest) r)),
                Arguments.of("map in response",
                        GetAccountSummaryRequest.builder().build(),
                        GetAccountSummaryResponse.builder().summaryMapWithStrings(Map.of("Users", 3, "Groups", 0)).build(),
                        (Call) (iam, sts, r) -> iam.getAccountSummary((GetAccountSummaryRequest) r)),
                Arguments.of("nested lists of structures in request",
                        SimulateCustomPolicyRequest.builder().policyInputList("{}")
                                .actionNames(IntStream.rangeClosed(1, 11).mapToObj(i -> "s3:Action" + i).toList())
                                .contextEntries(ContextEntry.builder().contextKeyName("aws:SourceIp").contextKeyType(ContextKeyTypeEnum.IP)
                                        .contextKeyValues("10.0.0.1", "10.0.0.2").build()).build(),
                        SimulateCustomPolicyResponse.builder().isTruncated(false).build(),
                        (Call) (iam, sts, r) -> iam.simulateCustomPolicy((SimulateCustomPolicyRequest) r)),
                Arguments.of("STS timestamps and nested structures",
                        AssumeRoleRequest.builder().roleArn("arn:aws:iam::123456789012:role/r").roleSessionName("sess").durationSeconds(900)
                                .policyArns(PolicyDescriptorType.builder().arn("arn:aws:iam::aws:policy/ReadOnlyAccess").build())
                                .tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("k").value("v").build())
                                .transitiveTagKeys("k").build(),
                        AssumeRoleResponse.builder()
                                .credentials(Credentials.builder().accessKeyId("ASIAEXAMPLE").secretAccessKey("secret").sessionToken("token")
                                        .expiration(Instant.parse("2024-05-06T08:08:09.123Z")).build())
                                .assumedRoleUser(AssumedRoleUser.builder().assumedRoleId("AROA:s").arn("arn:aws:sts::123456789012:assumed-role/r/s").build())
                                .packedPolicySize(6).build(),
                        (Call) (iam, sts, r) -> sts.assumeRole((AssumeRoleRequest) r)),
                Arguments.of("STS operation without input members",
                        GetCallerIdentityRequest.builder().build(),
                        GetCallerIdentityResponse.builder().account("123456789012").arn("arn:aws:iam::123456789012:user/bob").userId("AIDA").build(),
                        (Call) (iam, sts, r) -> sts.getCallerIdentity((GetCallerIdentityRequest) r)));
    }

    /** How the test calls the SDK client for one row. */
    interface Call
    {
        SdkResponse call(IamClient iam, StsClient sts, SdkRequest request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void sdkRequestDecodesEquallyAndOurResponseUnmarshalsEqually(String name, SdkRequest request, SdkResponse response, Call call)
    {
        server.respondWith(decoded -> response);
        SdkResponse received = call.call(iam, sts, request);

        assertThat(((SdkPojo) server.lastDecoded()).equalsBySdkFields(request)).as("decoded %s", server.lastDecoded()).isTrue();
        assertThat(((SdkPojo) received).equalsBySdkFields(response)).as("received %s", received).isTrue();
        assertThat(received.sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId")).contains("req-1");
    }

    @Test
    void operationWithoutOutputHasNoResultElement()
    {
        server.respondWith(decoded -> DeleteUserResponse.builder().build());
        iam.deleteUser(DeleteUserRequest.builder().userName("bob").build());

        String body = new String(server.lastResponse().body(), StandardCharsets.UTF_8);
        assertThat(body).contains("<DeleteUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">")
                .doesNotContain("DeleteUserResult")
                .contains("<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>");
    }

    @Test
    void unsetListsAreOmittedButEmptyListsAreKept()
    {
        server.respondWith(decoded -> CreateRoleResponse.builder().role(Role.builder().roleName("r").build()).build());
        iam.createRole(CreateRoleRequest.builder().roleName("r").assumeRolePolicyDocument("{}").build());

        assertThat(new String(server.lastResponse().body(), StandardCharsets.UTF_8)).doesNotContain("<Tags");
    }

    @Test
    void bareEmptyListParameterDecodesToEmptyList()
    {
        HttpRequest request = form("Action=CreateUser&Version=2010-05-08&UserName=bob&Tags=");
        CreateUserRequest decoded = (CreateUserRequest) codec(IAM).decode(IAM.operation("CreateUser").orElseThrow(), request);

        assertThat(decoded.hasTags()).isTrue();
        assertThat(decoded.tags()).isEmpty();
    }

    @Test
    void parametersInTheQueryStringAreReadToo()
    {
        HttpRequest request = new HttpRequest("GET", "/", "Action=GetUser&Version=2010-05-08&UserName=al%2Bice", Map.of(), new byte[0], false, "127.0.0.1");
        var decoded = codec(IAM).decode(IAM.operation("GetUser").orElseThrow(), request);

        assertThat(decoded).isEqualTo(software.amazon.awssdk.services.iam.model.GetUserRequest.builder().userName("al+ice").build());
    }

    static Stream<Arguments> modeledErrors()
    {
        return Stream.of(
                Arguments.of(NoSuchEntityException.builder().message("The user with name bob cannot be found.").build(), "NoSuchEntity", 404),
                Arguments.of(CredentialReportNotPresentException.builder().message("Credential report not present.").build(), "ReportNotPresent", 410),
                Arguments.of(ServiceFailureException.builder().message("oops").build(), "ServiceFailure", 500));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("modeledErrors")
    void thrownSdkExceptionReachesTheClientAsTheSameModeledException(AwsServiceException thrown, String code, int status)
    {
        server.respondWith(decoded -> {
            throw thrown;
        });

        assertThatThrownBy(() -> iam.getUser(builder -> builder.userName("bob")))
                .isInstanceOf(thrown.getClass())
                .satisfies(e -> {
                    AwsServiceException received = (AwsServiceException) e;
                    assertThat(received.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(received.awsErrorDetails().errorMessage()).isEqualTo(thrown.getMessage());
                    assertThat(received.statusCode()).isEqualTo(status);
                    assertThat(received.requestId()).isEqualTo("req-1");
                });
    }

    @Test
    void errorShapeCarriesTypeCodeMessageAndRequestId()
    {
        HttpResponse response = codec(IAM).encodeError(AwsErrorException.sender("NoSuchEntity", 404, "The user with name bob cannot be found."), "rid");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("x-amzn-RequestId", List.of("rid"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                        + "<Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The user with name bob cannot be found.</Message></Error>"
                        + "<RequestId>rid</RequestId></ErrorResponse>");
    }

    static Stream<Arguments> invalidInput()
    {
        String tooLong = "u".repeat(65);
        return Stream.of(
                Arguments.of("Action=CreateUser&Version=2010-05-08&UserName=" + tooLong, "ValidationError",
                        "1 validation error detected: Value '" + tooLong + "' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"),
                Arguments.of("Action=CreateUser&Version=2010-05-08", "ValidationError",
                        "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"),
                Arguments.of("Action=CreateUser&Version=2010-05-08&UserName=bob%21", "ValidationError",
                        "1 validation error detected: Value 'bob!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"),
                Arguments.of("Action=ListUsers&Version=2010-05-08&MaxItems=0&PathPrefix=x", "ValidationError",
                        "2 validation errors detected: Value 'x' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*; "
                                + "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                Arguments.of("Action=CreateUser&Version=2010-05-08&UserName=bob&Tags.member.1.Key=k", "ValidationError",
                        "1 validation error detected: Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null"),
                Arguments.of("Action=ListUsers&Version=2010-05-08&MaxItems=lots", "InvalidParameterValue",
                        "An invalid or out-of-range value was supplied for the input parameter."));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidInput")
    void invalidInputIsRejectedWithAwsCodeAndWording(String form, String code, String message)
    {
        String action = form.substring("Action=".length(), form.indexOf('&'));
        assertThatThrownBy(() -> codec(IAM).decode(IAM.operation(action).orElseThrow(), form(form)))
                .isInstanceOfSatisfying(AwsErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.senderFault()).isTrue();
                    assertThat(e.message()).isEqualTo(message);
                });
    }

    @Test
    void validationErrorReachesTheSdkClientAsIamException()
    {
        assertThatThrownBy(() -> iam.createUser(builder -> builder.userName("u".repeat(65))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    static ProtocolCodec codec(ServiceModel service)
    {
        return ProtocolCodecs.forService(service);
    }

    static HttpRequest form(String body)
    {
        return LoopbackServer.post("/", "application/x-www-form-urlencoded; charset=utf-8", body, Map.of());
    }
}
