package dev.bulwark.policy.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestValidateCommand
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, UTF_8);

    private List<JsonNode> lines()
            throws IOException
    {
        String text = output.toString(UTF_8);
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void testCleanPolicyPrintsNothingAndExitsZero()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("ok.json"),
                "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}");

        assertThat(new ValidateCommand().run(file, out)).isEqualTo(ValidateCommand.OK);
        assertThat(output.toString(UTF_8)).isEmpty();
    }

    @Test
    void testWarningsAloneExitZero()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("warn.json"),
                "{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}");

        assertThat(new ValidateCommand().run(file, out)).isEqualTo(ValidateCommand.OK);
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line.get("issueCode").asText()).isEqualTo("MISSING_VERSION"));
    }

    @Test
    void testErrorFindingPrintsJsonLineAndExitsOne()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("bad.json"),
                "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObjects\", \"Resource\": \"*\"}}");

        assertThat(new ValidateCommand().run(file, out)).isEqualTo(ValidateCommand.ERRORS_FOUND);
        JsonNode finding = lines().get(0);
        assertThat(finding.get("findingType").asText()).isEqualTo("ERROR");
        assertThat(finding.get("issueCode").asText()).isEqualTo("INVALID_ACTION");
        assertThat(finding.get("findingDetails").asText()).isEqualTo("The action s3:GetObjects does not exist. Did you mean s3:GetObject?");
        assertThat(finding.get("learnMoreLink").asText()).endsWith("#access-analyzer-reference-policy-checks-error-invalid-action");
        JsonNode location = finding.get("locations").get(0);
        assertThat(location.get("path").toString()).isEqualTo("[{\"value\":\"Statement\"},{\"value\":\"Action\"}]");
        assertThat(location.get("span").get("start").get("line").asInt()).isEqualTo(2);
        assertThat(location.get("span").get("end").get("offset").asInt() - location.get("span").get("start").get("offset").asInt())
                .isEqualTo("\"s3:GetObjects\"".length());
    }

    @Test
    void testUnreadableFileExitsTwo()
    {
        assertThat(new ValidateCommand().run(directory.resolve("missing.json"), out)).isEqualTo(ValidateCommand.CANNOT_READ);
        assertThat(output.toString(UTF_8)).contains("missing.json");
    }

    @Test
    void testPolicyTypeIsHonoured()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("bucket.json"),
                "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}");

        assertThat(new ValidateCommand(PolicyValidator.create(), PolicyType.RESOURCE_POLICY).run(file, out)).isEqualTo(ValidateCommand.OK);
        assertThat(new ValidateCommand(PolicyValidator.create(), PolicyType.IDENTITY_POLICY).run(file, out)).isEqualTo(ValidateCommand.ERRORS_FOUND);
    }
}
