package dev.bulwark.policy.validate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bulwark policy validate FILE}: validates a policy file and prints one JSON object per finding
 * and line, in the shape of Access Analyzer's {@code ValidatePolicyFinding}. The exit status is 0
 * when no finding is an {@code ERROR}, 1 when one is, and 2 when the file cannot be read.
 */
public final class ValidateCommand
{
    public static final int OK = 0;
    public static final int ERRORS_FOUND = 1;
    public static final int CANNOT_READ = 2;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final PolicyValidator validator;
    private final PolicyType policyType;

    public ValidateCommand(PolicyValidator validator, PolicyType policyType)
    {
        this.validator = requireNonNull(validator, "validator is null");
        this.policyType = requireNonNull(policyType, "policyType is null");
    }

    /** Validates identity policies with the shipped service reference. */
    public ValidateCommand()
    {
        this(PolicyValidator.create(), PolicyType.IDENTITY_POLICY);
    }

    public int run(Path file, PrintStream out)
    {
        requireNonNull(file, "file is null");
        requireNonNull(out, "out is null");
        String document;
        try {
            document = Files.readString(file, UTF_8);
        }
        catch (IOException e) {
            out.println(errorLine("cannot read " + file + ": " + e.getMessage()));
            return CANNOT_READ;
        }
        List<Finding> findings = validator.validate(document, policyType);
        for (Finding finding : findings) {
            out.println(toJson(finding));
        }
        return findings.stream().anyMatch(finding -> finding.findingType() == FindingType.ERROR) ? ERRORS_FOUND : OK;
    }

    static String toJson(Finding finding)
    {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("findingType", finding.findingType().name());
            json.writeStringField("issueCode", finding.issueCode().name());
            json.writeStringField("findingDetails", finding.findingDetails());
            json.writeStringField("learnMoreLink", finding.learnMoreLink());
            json.writeArrayFieldStart("locations");
            for (Location location : finding.locations()) {
                writeLocation(json, location);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }

    private static void writeLocation(JsonGenerator json, Location location)
            throws IOException
    {
        json.writeStartObject();
        json.writeArrayFieldStart("path");
        for (PathElement element : location.path()) {
            json.writeStartObject();
            if (element instanceof PathElement.Index index) {
                json.writeNumberField("index", index.index());
            }
            else if (element instanceof PathElement.Key key) {
                json.writeStringField("key", key.key());
            }
            else if (element instanceof PathElement.Value value) {
                json.writeStringField("value", value.value());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectFieldStart("span");
        writePosition(json, "start", location.span().start());
        writePosition(json, "end", location.span().end());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writePosition(JsonGenerator json, String name, Position position)
            throws IOException
    {
        json.writeObjectFieldStart(name);
        json.writeNumberField("line", position.line());
        json.writeNumberField("column", position.column());
        json.writeNumberField("offset", position.offset());
        json.writeEndObject();
    }

    private static String errorLine(String message)
    {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("error", message);
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return text.toString();
    }
}
