package dev.bulwark.policy.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.policy.document.MalformedPolicyException;
import dev.bulwark.policy.eval.Decision;
import dev.bulwark.policy.eval.PolicyEvaluator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code policy evaluate}: oracle-format cases (JSON Lines) on stdin, one {@code {"id":..,"decision":..}} line per
 * case on stdout; a case that cannot be read gets {@code "decision":"Error"} and an {@code error} text, like the
 * oracle. Subcommands are looked up in {@link #COMMANDS}; add new ones there.
 */
public final class PolicyCli
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Subcommand name to implementation: (arguments after the name, stdin) -> exit status; output to stdout. */
    private static final Map<String, BiFunction<List<String>, Reader, Integer>> COMMANDS = Map.of(
            "evaluate", (args, in) -> evaluate(in, new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8))));

    private PolicyCli() {}

    public static void main(String[] args)
    {
        System.exit(run(args, new InputStreamReader(System.in, StandardCharsets.UTF_8), System.err));
    }

    static int run(String[] args, Reader in, PrintStream err)
    {
        if (args.length == 0 || !COMMANDS.containsKey(args[0])) {
            err.println("usage: policy <command> [args]; commands: " + String.join(", ", COMMANDS.keySet().stream().sorted().toList()));
            return 2;
        }
        return COMMANDS.get(args[0]).apply(List.of(args).subList(1, args.length), in);
    }

    /** Evaluates every case line of {@code in}, writing one decision line per case to {@code out}. */
    public static int evaluate(Reader in, Writer out)
    {
        try (BufferedReader reader = new BufferedReader(in)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.stripLeading().startsWith("//")) {
                    continue;
                }
                out.write(decide(line));
                out.write('\n');
            }
            out.flush();
            return 0;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String decide(String line)
    {
        ObjectNode result = MAPPER.createObjectNode();
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        }
        catch (JsonProcessingException e) {
            result.putNull("id");
            result.put("decision", "Error");
            result.put("error", "bad JSON line");
            return result.toString();
        }
        result.set("id", node.path("id"));
        try {
            Decision decision = PolicyEvaluator.evaluate(OracleCase.from(node, List.of()).request());
            result.put("decision", decision.effect().text());
            decision.deniedBy().ifPresent(type -> result.put("deniedBy", type.name()));
        }
        catch (MalformedPolicyException | IllegalArgumentException e) {
            result.put("decision", "Error");
            result.put("error", e.getMessage());
        }
        return result.toString();
    }
}
