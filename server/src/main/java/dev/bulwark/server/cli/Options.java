package dev.bulwark.server.cli;

import dev.bulwark.server.config.ServerConfig;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Command-line options shared by {@code init} and {@code serve}, turned into a validated {@link ServerConfig}. */
record Options(ServerConfig config, boolean writeAwsConfig)
{
    static Options parse(String[] args)
    {
        String env = System.getenv("BULWARK_DATA_DIR");
        ServerConfig config = ServerConfig.defaults(Path.of(env == null || env.isBlank() ? "data" : env));
        boolean writeAwsConfig = true;
        Path dataDir = config.dataDir();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "--port" -> config = config.withPort(integer(args, ++i, arg));
                    case "--tls-port" -> config = config.withTlsPort(OptionalInt.of(integer(args, ++i, arg)));
                    case "--host" -> config = config.withHost(value(args, ++i, arg));
                    case "--store" -> config = config.withStoreUrl(Optional.of(value(args, ++i, arg)));
                    case "--dev" -> config = config.withDevMode(true);
                    case "--default-account" -> config = config.withDefaultAccount(value(args, ++i, arg));
                    case "--public-url" -> config = config.withPublicUrl(Optional.of(value(args, ++i, arg)));
                    case "--no-aws-config" -> writeAwsConfig = false;
                    default -> throw new UsageException("unknown option '" + arg + "'");
                }
            }
            config = new ServerConfig(dataDir.toAbsolutePath().normalize(), config.host(), config.port(), config.tlsPort(),
                    config.storeUrl(), config.devMode(), config.defaultAccount(), config.region(), config.maxBodyBytes(), config.publicUrl());
        }
        catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Options(config, writeAwsConfig);
    }

    private static String value(String[] args, int index, String option)
    {
        if (index >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    private static int integer(String[] args, int index, String option)
    {
        String text = value(args, index, option);
        try {
            return Integer.parseInt(text);
        }
        catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not '" + text + "'");
        }
    }

    static final class UsageException extends RuntimeException
    {
        UsageException(String message)
        {
            super(message);
        }
    }
}
