package dev.bulwark.server.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a {@link StoreTest} once per engine: embedded SQLite always, PostgreSQL when reachable. Each invocation
 * gets its own fresh database (a temporary data directory; a new PostgreSQL schema, dropped afterwards).
 *
 * <p>PostgreSQL is found at {@value #URL_ENV} (default {@value #DEFAULT_URL}). When it is not reachable the
 * PostgreSQL invocations are skipped with a notice saying so, unless {@value #REQUIRE_ENV}{@code =1} (CI), which
 * makes them fail instead.
 */
public final class StoreKinds
        implements TestTemplateInvocationContextProvider
{
    /** JDBC URL of a PostgreSQL database where tests may create and drop schemas. */
    public static final String URL_ENV = "BULWARK_TEST_POSTGRES_URL";
    /** Set to 1 to make an unreachable PostgreSQL a test failure rather than a skip. */
    public static final String REQUIRE_ENV = "BULWARK_REQUIRE_POSTGRES";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&connectTimeout=3";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreKinds.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Probed once per test JVM: null = not yet, else the reason it is unreachable ("" when reachable). */
    private static String postgresProblem;

    @Override
    public boolean supportsTestTemplate(ExtensionContext context)
    {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(StoreTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context)
    {
        return Stream.of(invocation(StoreKind.SQLITE), invocation(StoreKind.POSTGRES));
    }

    /** Opens a fresh target of {@code kind} outside the extension (for example from a main or a test helper); the caller closes it. */
    public static StoreTarget freshTarget(StoreKind kind)
    {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("bulwark-store-");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runnable deleteDir = () -> deleteRecursively(dataDir);
        return switch (kind) {
            case SQLITE -> new StoreTarget(kind, dataDir, null, deleteDir);
            case POSTGRES -> {
                requirePostgres();
                String schema = "bw_test_" + HexFormat.of().formatHex(randomBytes());
                adminExecute("CREATE SCHEMA " + schema);
                String url = baseUrl() + (baseUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
                yield new StoreTarget(kind, dataDir, url, () -> {
                    try {
                        adminExecute("DROP SCHEMA " + schema + " CASCADE");
                    }
                    finally {
                        deleteDir.run();
                    }
                });
            }
        };
    }

    private static TestTemplateInvocationContext invocation(StoreKind kind)
    {
        return new TestTemplateInvocationContext()
        {
            @Override
            public String getDisplayName(int invocationIndex)
            {
                return kind.name().toLowerCase(java.util.Locale.ROOT);
            }

            @Override
            public List<Extension> getAdditionalExtensions()
            {
                return List.of(new Resolver(kind));
            }
        };
    }

    /**
     * Skips (or, when required, fails) a PostgreSQL invocation before anything is resolved, since an abort thrown
     * during parameter resolution would surface as an error; then supplies Store, StoreTarget and StoreKind
     * parameters, one target per test invocation.
     */
    private record Resolver(StoreKind kind)
            implements BeforeEachCallback, ParameterResolver
    {
        @Override
        public void beforeEach(ExtensionContext context)
        {
            if (kind == StoreKind.POSTGRES) {
                requirePostgres();
            }
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context)
        {
            Class<?> type = parameter.getParameter().getType();
            return type == Store.class || type == StoreTarget.class || type == StoreKind.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
        {
            Class<?> type = parameter.getParameter().getType();
            if (type == StoreKind.class) {
                return kind;
            }
            StoreTarget target = context.getStore(NAMESPACE).getOrComputeIfAbsent("target", ignored -> new ClosingTarget(freshTarget(kind)), ClosingTarget.class).target();
            if (type == StoreTarget.class) {
                return target;
            }
            if (type == Store.class) {
                return context.getStore(NAMESPACE).getOrComputeIfAbsent("store", ignored -> target.open(), Store.class);
            }
            throw new ParameterResolutionException("unsupported parameter " + parameter.getParameter());
        }
    }

    /** Closes the target (and every store it opened) when the test's extension context ends. */
    private record ClosingTarget(StoreTarget target)
            implements ExtensionContext.Store.CloseableResource
    {
        @Override
        public void close()
        {
            target.close();
        }
    }

    private static synchronized void requirePostgres()
    {
        String problem = postgresProblem;
        boolean firstProbe = problem == null;
        if (firstProbe) {
            problem = probe();
            postgresProblem = problem;
        }
        if (problem.isEmpty()) {
            return;
        }
        String message = "PostgreSQL not reachable at " + baseUrl() + " (" + problem + "); set " + URL_ENV + " to point at one";
        if (firstProbe) {
            // once per JVM on the console too: surefire's quiet output shows no skip reasons
            System.err.println("[StoreKinds] " + message + "; PostgreSQL cases are " + ("1".equals(System.getenv(REQUIRE_ENV)) ? "FAILING" : "SKIPPED"));
        }
        if ("1".equals(System.getenv(REQUIRE_ENV))) {
            throw new IllegalStateException(message + "; failing because " + REQUIRE_ENV + "=1");
        }
        Assumptions.abort("SKIPPED: " + message + ", or " + REQUIRE_ENV + "=1 to fail instead");
    }

    private static String probe()
    {
        try (Connection ignored = DriverManager.getConnection(baseUrl())) {
            return "";
        }
        catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String baseUrl()
    {
        String url = System.getenv(URL_ENV);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    private static void adminExecute(String sql)
    {
        try (Connection connection = DriverManager.getConnection(baseUrl()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new StoreException("PostgreSQL test setup failed [" + sql + "]", e);
        }
    }

    private static byte[] randomBytes()
    {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteRecursively(Path root)
    {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>()
            {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                        throws IOException
                {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure)
                        throws IOException
                {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
