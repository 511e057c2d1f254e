package dev.bulwark.server.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes one named profile into the AWS CLI's shared files (credentials and config) and leaves every other
 * profile, comment and line exactly as it was. Honors {@code AWS_SHARED_CREDENTIALS_FILE} and
 * {@code AWS_CONFIG_FILE} like the CLI does.
 */
public final class AwsConfigFiles
{
    private final Path credentialsFile;
    private final Path configFile;

    public AwsConfigFiles(Path credentialsFile, Path configFile)
    {
        this.credentialsFile = requireNonNull(credentialsFile, "credentialsFile is null");
        this.configFile = requireNonNull(configFile, "configFile is null");
    }

    public static AwsConfigFiles fromEnvironment()
    {
        Path home = Path.of(System.getProperty("user.home"), ".aws");
        String credentials = System.getenv("AWS_SHARED_CREDENTIALS_FILE");
        String config = System.getenv("AWS_CONFIG_FILE");
        return new AwsConfigFiles(
                credentials == null || credentials.isBlank() ? home.resolve("credentials") : Path.of(credentials),
                config == null || config.isBlank() ? home.resolve("config") : Path.of(config));
    }

    public Path credentialsFile()
    {
        return credentialsFile;
    }

    public Path configFile()
    {
        return configFile;
    }

    /** Sets the profile's keys, endpoint and region, replacing only that profile's own sections. */
    public void writeProfile(String profile, String accessKeyId, String secretAccessKey, String endpointUrl, String region)
            throws IOException
    {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("aws_access_key_id", accessKeyId);
        credentials.put("aws_secret_access_key", secretAccessKey);
        replaceSection(credentialsFile, profile, credentials, true);

        Map<String, String> config = new LinkedHashMap<>();
        config.put("region", region);
        config.put("output", "json");
        config.put("endpoint_url", endpointUrl);
        replaceSection(configFile, "profile " + profile, config, false);
    }

    static List<String> withSection(List<String> lines, String section, Map<String, String> values)
    {
        List<String> result = new ArrayList<>();
        boolean inTarget = false;
        boolean written = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
                String name = trimmed.substring(1, trimmed.length() - 1).trim();
                inTarget = name.equals(section);
                if (inTarget) {
                    result.add("[" + section + "]");
                    values.forEach((key, value) -> result.add(key + " = " + value));
                    written = true;
                    continue;
                }
            }
            if (!inTarget) {
                result.add(line);
            }
        }
        if (!written) {
            if (!result.isEmpty() && !result.get(result.size() - 1).isBlank()) {
                result.add("");
            }
            result.add("[" + section + "]");
            values.forEach((key, value) -> result.add(key + " = " + value));
        }
        return result;
    }

    private static void replaceSection(Path file, String section, Map<String, String> values, boolean secret) throws IOException
    {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<String> updated = withSection(lines, section, values);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".bulwark", ".tmp");
        if (secret) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        }
        Files.write(temp, updated, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
