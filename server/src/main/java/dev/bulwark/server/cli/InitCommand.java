package dev.bulwark.server.cli;

import dev.bulwark.server.Initializer;
import dev.bulwark.server.config.ServerConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/** {@code bulwark init}: creates the first account and the {@code bulwark} AWS CLI profile. */
final class InitCommand
{
    static final String PROFILE = "bulwark";

    private final Options options;
    private final PrintStream out;

    InitCommand(Options options, PrintStream out)
    {
        this.options = options;
        this.out = out;
    }

    int run()
    {
        Optional<Initializer.Result> result = Initializer.initializeIfEmpty(options.config(), Clock.systemUTC(), Initializer.DEFAULT_ROOT_EMAIL);
        if (result.isEmpty()) {
            out.println("bulwark: " + describeStore(options.config()) + " is already initialised; nothing to do.");
            return 0;
        }
        report(result.get(), options, out);
        return 0;
    }

    static void report(Initializer.Result result, Options options, PrintStream out)
    {
        ServerConfig config = options.config();
        out.println("Bulwark initialised " + describeStore(config));
        out.println("  account ID      " + result.accountId());
        out.println("  root user       " + result.rootEmail() + " (no access keys, as AWS recommends)");
        out.println("  root password   " + result.rootPassword() + "   <- shown once; store it safely");
        out.println("  admin user      " + result.adminArn() + " in group " + Initializer.ADMIN_GROUP + " (AdministratorAccess)");
        out.println("  access key ID   " + result.accessKeyId());
        if (!options.writeAwsConfig()) {
            out.println("  secret key      " + result.secretAccessKey() + "   <- shown once");
            return;
        }
        AwsConfigFiles files = AwsConfigFiles.fromEnvironment();
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        String endpoint = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + (config.port() == 0 ? ServerConfig.DEFAULT_PORT : config.port());
        try {
            files.writeProfile(PROFILE, result.accessKeyId(), result.secretAccessKey(), endpoint, config.region());
            out.println("  AWS CLI profile '" + PROFILE + "' written to " + files.credentialsFile() + " and " + files.configFile());
            out.println("  try: aws --profile " + PROFILE + " sts get-caller-identity");
        }
        catch (IOException e) {
            out.println("  could not write the AWS CLI profile (" + e.getMessage() + "); secret key: " + result.secretAccessKey());
        }
    }

    private static String describeStore(ServerConfig config)
    {
        return config.storeUrl().map(url -> "the PostgreSQL store").orElse("the data directory " + config.dataDir());
    }
}
