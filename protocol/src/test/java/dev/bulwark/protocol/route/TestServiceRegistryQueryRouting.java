package dev.bulwark.protocol.route;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import dev.bulwark.protocol.http.HttpRequest;
import dev.bulwark.protocol.model.ServiceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestServiceRegistryQueryRouting
{
    private static final ServiceRegistry REGISTRY = ServiceRegistry.of(List.of(
            ServiceModel.load("iam", IamClient.class),
            ServiceModel.load("sts", StsClient.class)));

    static Stream<Arguments> routes()
    {
        return Stream.of(
                Arguments.of("iam", "", "Action=GetUser&Version=2010-05-08", "iam", "GetUser"),
                Arguments.of("sts", "", "Action=GetCallerIdentity&Version=2011-06-15", "sts", "GetCallerIdentity"),
                Arguments.of("iam", "", "Action=CreateSAMLProvider&Version=2010-05-08", "iam", "CreateSAMLProvider"),
                Arguments.of("iam", "Action=ListUsers&Version=2010-05-08", "", "iam", "ListUsers"),
                Arguments.of(null, "", "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=a", "sts", "AssumeRoleWithWebIdentity"));
    }

    @ParameterizedTest(name = "{2} signed for {0}")
    @MethodSource("routes")
    void routesBySigningServiceAndAction(String signingService, String query, String body, String service, String operation)
    {
        Route route = REGISTRY.route(post(query, body), signingService).orElseThrow();

        assertThat(route.service().name()).isEqualTo(service);
        assertThat(route.operation().name()).isEqualTo(operation);
        assertThat(route.codec().service()).isSameAs(route.service());
    }

    @Test
    void unknownActionOfASignedServiceIsInvalidAction()
    {
        assertThatThrownBy(() -> REGISTRY.route(post("", "Action=CreateUsers&Version=2010-05-08"), "iam"))
                .isInstanceOfSatisfying(UnknownOperationException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("InvalidAction");
                    assertThat(e.error().httpStatus()).isEqualTo(400);
                    assertThat(e.error().message()).isEqualTo("Could not find operation CreateUsers for version 2010-05-08");
                    assertThat(e.codec().service().name()).isEqualTo("iam");
                });
    }

    @Test
    void missingActionOfASignedServiceIsMissingAction()
    {
        assertThatThrownBy(() -> REGISTRY.route(post("", "Version=2011-06-15"), "sts"))
                .isInstanceOfSatisfying(UnknownOperationException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("MissingAction");
                    assertThat(e.error().message()).isEqualTo("The request is missing an action or a required parameter.");
                });
    }

    @Test
    void requestForNoRegisteredServiceIsNotRouted()
    {
        assertThat(REGISTRY.route(post("", "Action=GetUser"), "sqs")).isEmpty();
        assertThat(REGISTRY.route(post("", "Action=NoSuchThing"), null)).isEmpty();
    }

    static HttpRequest post(String query, String body)
    {
        return new HttpRequest("POST", "/", query, HttpRequest.headersOf("Content-Type", "application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8), true, "10.0.0.1");
    }

}
