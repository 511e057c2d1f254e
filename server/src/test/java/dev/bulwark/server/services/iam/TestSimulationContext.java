package dev.bulwark.server.services.iam;

import dev.bulwark.policy.eval.RequestContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.InvalidInputException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ContextEntries as the simulator's request context: typed values are checked, keys are case-insensitive. */
final class TestSimulationContext
{
    @ParameterizedTest
    @CsvSource({
            "string, anything at all",
            "numeric, 42.5",
            "boolean, TRUE",
            "date, 2019-04-25T11:00:00Z",
            "date, 1556190000",
            "ip, 203.0.113.0/24",
            "ip, 2001:db8::1",
            "binary, QmluYXJ5"})
    void acceptsValuesOfTheirType(String type, String value)
    {
        RequestContext context = IamSimulationOperations.context(List.of(entry("aws:Key", ContextKeyTypeEnum.fromValue(type), value)));
        assertThat(context.get("AWS:KEY")).isPresent();
    }

    @ParameterizedTest
    @CsvSource({
            "numeric, forty-two",
            "boolean, yes",
            "date, yesterday",
            "ip, 300.1.2.3",
            "ip, not-an-ip",
            "binary, not base64!"})
    void rejectsValuesNotOfTheirType(String type, String value)
    {
        assertThatThrownBy(() -> IamSimulationOperations.context(List.of(entry("aws:Key", ContextKeyTypeEnum.fromValue(type), value))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void listTypesTakeSeveralValuesScalarsOne()
    {
        RequestContext context = IamSimulationOperations.context(List.of(entry("aws:TagKeys", ContextKeyTypeEnum.STRING_LIST, "a", "b")));
        assertThat(context.get("aws:tagkeys")).contains(List.of("a", "b"));
        assertThatThrownBy(() -> IamSimulationOperations.context(List.of(entry("aws:username", ContextKeyTypeEnum.STRING, "a", "b"))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(IamSimulationOperations.context(List.of(entry("aws:SecureTransport", ContextKeyTypeEnum.BOOLEAN, "True")))
                .get("aws:SecureTransport")).contains(List.of("true"));
    }

    private static ContextEntry entry(String key, ContextKeyTypeEnum type, String... values)
    {
        return ContextEntry.builder().contextKeyName(key).contextKeyType(type).contextKeyValues(values).build();
    }
}
