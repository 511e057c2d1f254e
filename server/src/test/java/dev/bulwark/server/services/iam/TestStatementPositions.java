package dev.bulwark.server.services.iam;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.Position;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

final class TestStatementPositions
{
    @Test
    void singleStatementObjectOnOneLineMatchesAwsExample()
    {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}";
        assertThat(StatementPositions.of(policy)).containsExactly(new StatementPositions.Span(position(1, 38), position(1, 167)));
    }

    @Test
    void statementsOfAnArrayAcrossLines()
    {
        String policy = "{\n  \"Statement\": [\n    {\"Effect\": \"Allow\",\n     \"Action\": \"s3:*\", \"Resource\": \"*\"},\n"
                + "    {\"Effect\": \"Deny\", \"Action\": \"s3:Delete*\", \"Resource\": {\"x\": [1]}}\n  ],\n  \"Version\": \"2012-10-17\"\n}";
        List<StatementPositions.Span> spans = StatementPositions.of(policy);
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0)).isEqualTo(new StatementPositions.Span(position(3, 6), position(4, 40)));
        assertThat(spans.get(1).start()).isEqualTo(position(5, 6));
        assertThat(spans.get(1).end().line()).isEqualTo(5);
    }

    @Test
    void textWithoutStatementsHasNoSpans()
    {
        assertThat(StatementPositions.of("[]")).isEmpty();
        assertThat(StatementPositions.of("{\"Version\":\"2012-10-17\"}")).isEmpty();
        assertThat(StatementPositions.of("{not json")).isEmpty();
    }

    private static Position position(int line, int column)
    {
        return Position.builder().line(line).column(column).build();
    }
}
