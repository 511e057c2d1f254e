package dev.bulwark.server.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Everything the server needs to start, validated when built so a bad setting fails at start, not mid-request.
 *
 * @param dataDir         where the embedded database, root key and TLS material live
 * @param host            listen address; 127.0.0.1 unless the operator opens it up
 * @param port            plain HTTP port (0 = any free port)
 * @param tlsPort         HTTPS port, if the TLS listener is wanted
 * @param storeUrl        empty for the embedded store, else a {@code jdbc:postgresql://} URL
 * @param devMode         unknown access keys act as the default account's root (for LocalStack/moto suites)
 * @param defaultAccount  the account unknown keys map to in dev mode
 * @param region          the home region of global services and the default of regional ones
 * @param maxBodyBytes    largest request body accepted
 * @param publicUrl       the base URL clients reach this server at ({@code http(s)://host[:port]}, no path), where
 *                        outbound federation issuers are published; when empty, {@code http://<host>:<port>} of
 *                        the plain listener (a wildcard listen address as {@code localhost})
 */
public record ServerConfig(
        Path dataDir,
        String host,
        int port,
        OptionalInt tlsPort,
        Optional<String> storeUrl,
        boolean devMode,
        String defaultAccount,
        String region,
        long maxBodyBytes,
        Optional<String> publicUrl)
{
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** 4566, the port AWS tools already know from LocalStack, so existing endpoint settings keep working. */
    public static final int DEFAULT_PORT = 4566;

    public ServerConfig
    {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(host, "host is null");
        requireNonNull(tlsPort, "tlsPort is null");
        requireNonNull(storeUrl, "storeUrl is null");
        requireNonNull(defaultAccount, "defaultAccount is null");
        requireNonNull(region, "region is null");
        checkArgument(port >= 0 && port <= 65535, "port must be between 0 and 65535: %s", port);
        tlsPort.ifPresent(p -> checkArgument(p >= 0 && p <= 65535, "TLS port must be between 0 and 65535: %s", p));
        checkArgument(ACCOUNT_ID.matcher(defaultAccount).matches(), "default account must be 12 digits: %s", defaultAccount);
        storeUrl.ifPresent(url -> checkArgument(url.startsWith("jdbc:postgresql:"), "store URL must be a jdbc:postgresql: URL: %s", url));
        checkArgument(maxBodyBytes > 0, "max body size must be positive: %s", maxBodyBytes);
        requireNonNull(publicUrl, "publicUrl is null");
        publicUrl = publicUrl.map(ServerConfig::checkPublicUrl);
    }

    /** The configuration without a public URL (derived from the listener). */
    public ServerConfig(Path dataDir, String host, int port, OptionalInt tlsPort, Optional<String> storeUrl, boolean devMode,
            String defaultAccount, String region, long maxBodyBytes)
    {
        this(dataDir, host, port, tlsPort, storeUrl, devMode, defaultAccount, region, maxBodyBytes, Optional.empty());
    }

    /** The base URL clients reach this server at, given the port the plain listener actually bound. */
    public String publicBaseUrl(int boundPort)
    {
        return publicUrl.orElseGet(() -> {
            String address = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "localhost" : host;
            if (address.contains(":") && !address.startsWith("[")) {
                address = "[" + address + "]";
            }
            return "http://" + address + ":" + boundPort;
        });
    }

    private static String checkPublicUrl(String url)
    {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        java.net.URI uri;
        try {
            uri = new java.net.URI(trimmed);
        }
        catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("public URL is not a URL: " + url, e);
        }
        checkArgument(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null && uri.getRawFragment() == null,
                "public URL must be http(s)://host[:port] without a path: %s", url);
        return trimmed;
    }

    public static ServerConfig defaults(Path dataDir)
    {
        return new ServerConfig(dataDir, "127.0.0.1", DEFAULT_PORT, OptionalInt.empty(), Optional.empty(), false,
                "123456789012", "us-east-1", 64L * 1024 * 1024);
    }

    public ServerConfig withPort(int newPort)
    {
        return new ServerConfig(dataDir, host, newPort, tlsPort, storeUrl, devMode, defaultAccount, region, maxBodyBytes, publicUrl);
    }

    public ServerConfig withTlsPort(OptionalInt newTlsPort)
    {
        return new ServerConfig(dataDir, host, port, newTlsPort, storeUrl, devMode, defaultAccount, region, maxBodyBytes, publicUrl);
    }

    public ServerConfig withStoreUrl(Optional<String> newStoreUrl)
    {
        return new ServerConfig(dataDir, host, port, tlsPort, newStoreUrl, devMode, defaultAccount, region, maxBodyBytes, publicUrl);
    }

    public ServerConfig withDevMode(boolean newDevMode)
    {
        return new ServerConfig(dataDir, host, port, tlsPort, storeUrl, newDevMode, defaultAccount, region, maxBodyBytes, publicUrl);
    }

    public ServerConfig withHost(String newHost)
    {
        return new ServerConfig(dataDir, newHost, port, tlsPort, storeUrl, devMode, defaultAccount, region, maxBodyBytes, publicUrl);
    }

    public ServerConfig withDefaultAccount(String newDefaultAccount)
    {
        return new ServerConfig(dataDir, host, port, tlsPort, storeUrl, devMode, newDefaultAccount, region, maxBodyBytes, publicUrl);
    }

    public ServerConfig withMaxBodyBytes(long newMaxBodyBytes)
    {
        return new ServerConfig(dataDir, host, port, tlsPort, storeUrl, devMode, defaultAccount, region, newMaxBodyBytes, publicUrl);
    }

    public ServerConfig withPublicUrl(Optional<String> newPublicUrl)
    {
        return new ServerConfig(dataDir, host, port, tlsPort, storeUrl, devMode, defaultAccount, region, maxBodyBytes, newPublicUrl);
    }

    private static void checkArgument(boolean condition, String format, Object... args)
    {
        if (!condition) {
            throw new IllegalArgumentException(String.format(format, args));
        }
    }
}
