package dev.bulwark.server.cli;

import dev.bulwark.policy.cli.PolicyCli;

import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code bulwark policy evaluate|validate}: the policy engine's own command line, under the bulwark tool. */
final class PolicyCommand
{
    static final String USAGE = """
            usage: bulwark policy evaluate < cases.jsonl      decide oracle-format cases, one JSON line each
                   bulwark policy validate FILE               (not available yet)
            """;

    private PolicyCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err)
    {
        if (args.length == 1 && args[0].equals("evaluate")) {
            return PolicyCli.evaluate(new InputStreamReader(System.in, StandardCharsets.UTF_8), new OutputStreamWriter(out, StandardCharsets.UTF_8));
        }
        err.print(USAGE);
        return 2;
    }
}
