package dev.bulwark.server.cli;

import dev.bulwark.server.BulwarkServer;
import dev.bulwark.server.Initializer;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/** {@code bulwark serve}: runs {@code init} when the store is empty, then serves until stopped. */
final class ServeCommand
{
    private final Options options;
    private final PrintStream out;

    ServeCommand(Options options, PrintStream out)
    {
        this.options = options;
        this.out = out;
    }

    int run()
    {
        Optional<Initializer.Result> initialized = Initializer.initializeIfEmpty(options.config(), Clock.systemUTC(), Initializer.DEFAULT_ROOT_EMAIL);
        initialized.ifPresent(result -> InitCommand.report(result, options, out));
        try {
            BulwarkServer server = BulwarkServer.start(options.config(), Clock.systemUTC(), System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                }
                catch (Exception e) {
                    System.err.println("bulwark: error while stopping: " + e);
                }
            }, "bulwark-shutdown"));
            out.println("Bulwark listening on http://" + options.config().host() + ":" + server.port()
                    + (server.tlsPort() > 0 ? " and https://" + options.config().host() + ":" + server.tlsPort() : "")
                    + (options.config().devMode() ? " (dev mode: unknown access keys act as account " + options.config().defaultAccount() + ")" : ""));
            server.join();
            return 0;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        catch (Exception e) {
            System.err.println("bulwark: cannot start: " + e.getMessage());
            return 1;
        }
    }
}
