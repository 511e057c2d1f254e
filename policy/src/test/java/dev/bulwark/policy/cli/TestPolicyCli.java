package dev.bulwark.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class TestPolicyCli
{
    @Test
    void evaluateWritesOneDecisionLinePerCase()
    {
        String input = "{\"id\":\"a\",\"identityPolicies\":[{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}],"
                + "\"request\":{\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"action\":\"s3:GetObject\",\"resource\":\"arn:aws:s3:::b/k\",\"context\":{}}}\n"
                + "\n// a comment line\n"
                + "{\"id\":\"b\",\"identityPolicies\":[],\"request\":{\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"action\":\"s3:PutObject\",\"resource\":\"arn:aws:s3:::b/k\",\"context\":{}}}\n"
                + "{\"id\":\"c\",\"identityPolicies\":[{\"Statement\":[]}],\"request\":{\"principal\":\"arn:aws:iam::111111111111:user/alice\",\"action\":\"s3:PutObject\",\"resource\":\"*\"}}\n"
                + "not json\n";
        StringWriter out = new StringWriter();

        int status = PolicyCli.evaluate(new StringReader(input), out);

        assertThat(status).isZero();
        assertThat(out.toString().split("\n")).containsExactly(
                "{\"id\":\"a\",\"decision\":\"Allow\"}",
                "{\"id\":\"b\",\"decision\":\"ImplicitDeny\",\"deniedBy\":\"IDENTITY\"}",
                "{\"id\":\"c\",\"decision\":\"Error\",\"error\":\"Syntax errors in policy.\"}",
                "{\"id\":null,\"decision\":\"Error\",\"error\":\"bad JSON line\"}");
    }

    @Test
    void unknownCommandPrintsUsage()
    {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = PolicyCli.run(new String[] {"frobnicate"}, new StringReader(""), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: policy <command>").contains("evaluate");
    }
}
