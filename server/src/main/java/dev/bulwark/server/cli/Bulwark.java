package dev.bulwark.server.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code bulwark} command: {@code init}, {@code serve}, {@code policy evaluate|validate}, {@code root-access-key}.
 * Exit codes: 0 success, 1 failure at run time, 2 bad usage.
 */
public final class Bulwark
{
    static final String USAGE = """
            usage: bulwark <command> [options]

              init      create the data directory and the first account, secured as AWS recommends
              serve     run the server (runs init first when the data directory is empty)
              policy    evaluate | validate: the IAM policy engine offline
              root-access-key   sign in as root (email, password) to a running server and create a root access key

            common options:
              --data-dir DIR        data directory (default ./data, or $BULWARK_DATA_DIR)
              --port N              HTTP port (default 4566)
              --tls-port N          also listen for HTTPS on N (self-signed certificate made at init)
              --host ADDR           listen address (default 127.0.0.1)
              --store URL           jdbc:postgresql://host:port/db instead of the embedded store
              --dev                 dev mode: unknown access keys act as the default account's root
              --default-account ID  the account dev mode uses (default 123456789012)
              --public-url URL      base URL clients reach the server at, for OIDC issuers (default http://HOST:PORT)
              --no-aws-config       init: do not write the 'bulwark' profile to ~/.aws
            """;

    private Bulwark() {}

    public static void main(String[] args)
    {
        // One line per log record (server messages go to stderr; request lines, JSON, go to stdout).
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err)
    {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "init" -> new InitCommand(Options.parse(rest), out).run();
                case "serve" -> new ServeCommand(Options.parse(rest), out).run();
                case "policy" -> PolicyCommand.run(rest, out, err);
                case "root-access-key" -> RootAccessKeyCommand.run(rest, System.in, out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("bulwark: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        }
        catch (Options.UsageException e) {
            err.println("bulwark: " + e.getMessage());
            return 2;
        }
    }
}
