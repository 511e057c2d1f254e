package dev.bulwark.policy.reference;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the table written by {@code tools/iam-data/generate.mjs}: gzip'd UTF-8 lines of
 * TAB-separated fields, the first field saying what the line holds (see that script for the
 * grammar). A line this reader does not understand fails the load: a silently partial
 * reference would make the validator report valid actions as unknown.
 */
final class ServiceReferenceReader
{
    private final List<ServiceInfo> services = new ArrayList<>();
    private final List<ConditionKeyInfo> globalKeys = new ArrayList<>();
    private String sourceVersion = "unknown";

    private String prefix;
    private String serviceName;
    private boolean rcpSupported;
    private List<ActionInfo> actions;
    private List<ResourceTypeInfo> resourceTypes;
    private List<ConditionKeyInfo> conditionKeys;

    private ServiceReferenceReader() {}

    static ServiceReference read(InputStream gzipped)
    {
        ServiceReferenceReader reader = new ServiceReferenceReader();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped), UTF_8), 1 << 16)) {
            int lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    reader.accept(line.split("\t", -1));
                }
                catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    throw new IllegalStateException("service reference line " + lineNumber + " is malformed: " + e.getMessage(), e);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the service reference", e);
        }
        reader.finishService();
        return new ServiceReference(reader.sourceVersion, reader.services, reader.globalKeys);
    }

    private void accept(String[] fields)
    {
        switch (fields[0]) {
            case "V" -> sourceVersion = fields[1] + "@" + fields[2];
            case "G" -> globalKeys.add(new ConditionKeyInfo(fields[1], ConditionKeyType.fromAwsName(fields[2]), true));
            case "S" -> {
                finishService();
                prefix = fields[1];
                serviceName = fields[2];
                rcpSupported = fields[3].equals("1");
                actions = new ArrayList<>();
                resourceTypes = new ArrayList<>();
                conditionKeys = new ArrayList<>();
            }
            case "K" -> currentService().conditionKeys.add(new ConditionKeyInfo(fields[1], ConditionKeyType.fromAwsName(fields[2]), false));
            case "R" -> currentService().resourceTypes.add(new ResourceTypeInfo(prefix, fields[1], list(fields[2], ","), list(fields[3], ",")));
            case "A" -> currentService().actions.add(new ActionInfo(
                    prefix,
                    fields[1],
                    AccessLevel.fromAwsName(fields[2]),
                    actionResourceTypes(fields[3]),
                    list(fields[4], ",")));
            default -> throw new IllegalArgumentException("unknown record type " + fields[0]);
        }
    }

    private ServiceReferenceReader currentService()
    {
        if (prefix == null) {
            throw new IllegalArgumentException("record before the first service");
        }
        return this;
    }

    private void finishService()
    {
        if (prefix != null) {
            services.add(new ServiceInfo(prefix, serviceName, rcpSupported, actions, resourceTypes, conditionKeys));
        }
    }

    private static List<ActionResourceType> actionResourceTypes(String field)
    {
        List<ActionResourceType> types = new ArrayList<>();
        for (String entry : list(field, ",")) {
            int equals = entry.indexOf('=');
            String name = equals < 0 ? entry : entry.substring(0, equals);
            List<String> keys = equals < 0 ? List.of() : list(entry.substring(equals + 1), ";");
            boolean required = name.endsWith("*");
            types.add(new ActionResourceType(required ? name.substring(0, name.length() - 1) : name, required, keys));
        }
        return types;
    }

    private static List<String> list(String field, String separator)
    {
        return field.isEmpty() ? List.of() : Arrays.asList(field.split(separator, -1));
    }
}
