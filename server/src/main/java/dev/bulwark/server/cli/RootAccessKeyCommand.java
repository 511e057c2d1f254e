package dev.bulwark.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code bulwark root-access-key}: signs in to a running server as an account's root user (email and password,
 * as in the AWS console) and creates one of root's access keys, printed as {@code aws iam create-access-key}
 * prints one. The password comes from {@code $BULWARK_ROOT_PASSWORD} or the first line of standard input, never
 * from the command line, where other users of the machine could read it.
 */
public final class RootAccessKeyCommand
{
    static final String USAGE = """
            usage: bulwark root-access-key [--endpoint URL] [--email EMAIL]
              --endpoint URL   the running server (default http://127.0.0.1:4566)
              --email EMAIL    the root user's email (default root@bulwark.localhost)
            The root password is read from $BULWARK_ROOT_PASSWORD, else from the first line of standard input.
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private RootAccessKeyCommand() {}

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err)
    {
        String endpoint = "http://127.0.0.1:4566";
        String email = "root@bulwark.localhost";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--endpoint" -> endpoint = value(args, ++i);
                case "--email" -> email = value(args, ++i);
                default -> throw new Options.UsageException("unknown option '" + args[i] + "'\n" + USAGE);
            }
        }
        String password = System.getenv("BULWARK_ROOT_PASSWORD");
        try {
            if (password == null || password.isEmpty()) {
                password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            }
            if (password == null || password.isEmpty()) {
                err.println("bulwark: no root password on $BULWARK_ROOT_PASSWORD or standard input");
                return 2;
            }
            ObjectNode body = JSON.createObjectNode();
            body.put("email", email);
            body.put("password", password);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(endpoint.replaceAll("/+$", "") + "/_bulwark/console/root-access-key"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                err.println("bulwark: " + JSON.readTree(response.body()).path("Message").asText(response.body()));
                return 1;
            }
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(response.body())));
            return 0;
        }
        catch (IOException e) {
            err.println("bulwark: cannot reach " + endpoint + ": " + e.getMessage());
            return 1;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static String value(String[] args, int index)
    {
        if (index >= args.length) {
            throw new Options.UsageException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
