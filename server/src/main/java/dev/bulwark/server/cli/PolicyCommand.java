package dev.bulwark.server.cli;

import dev.bulwark.policy.cli.PolicyCli;
import dev.bulwark.policy.validate.ValidateCommand;

import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** {@code bulwark policy evaluate|validate}: the policy engine's own command line, under the bulwark tool. */
final class PolicyCommand
{
    static final String USAGE = """
            usage: bulwark policy evaluate < cases.jsonl      decide oracle-format cases, one JSON line each
                   bulwark policy validate FILE               findings like Access Analyzer's ValidatePolicy, one JSON line each
            """;

    private PolicyCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err)
    {
        if (args.length == 1 && args[0].equals("evaluate")) {
            return PolicyCli.evaluate(new InputStreamReader(System.in, StandardCharsets.UTF_8), new OutputStreamWriter(out, StandardCharsets.UTF_8));
        }
        if (args.length == 2 && args[0].equals("validate")) {
            return new ValidateCommand().run(Path.of(args[1]), out);
        }
        err.print(USAGE);
        return 2;
    }
}
