package dev.bulwark.server.cli;

import java.io.PrintStream;

/** {@code bulwark policy evaluate|validate}: the policy engine's own command line, under the bulwark tool. */
final class PolicyCommand
{
    private PolicyCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err)
    {
        return dev.bulwark.policy.cli.PolicyCli.run(args, System.in, out, err);
    }
}
