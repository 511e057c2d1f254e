package dev.bulwark.server;

import dev.bulwark.protocol.model.ServiceModel;
import dev.bulwark.server.services.OperationRegistry;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's coverage table and docs/COVERAGE.md must match the registry the server routes with.
 * Run with {@code -Dbulwark.updateCoverage=true} to rewrite them after adding an operation.
 */
final class TestCoverageTable
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void readmeAndCoverageDocMatchTheOperationRegistry(@TempDir Path dataDir) throws Exception
    {
        List<ServiceModel> services = BulwarkServer.serviceModels();
        OperationRegistry operations;
        try (Store store = Store.embedded(dataDir)) {
            operations = BulwarkServer.operations(store, new IamStore(SecretBox.openOrCreate(dataDir), IamIds.secure(), Clock.systemUTC()));
        }
        Path readme = ROOT.resolve("README.md");
        Path coverage = ROOT.resolve("docs/COVERAGE.md");
        String expectedReadme = CoverageTable.replaceBetweenMarkers(Files.readString(readme), CoverageTable.summary(services, operations));
        String expectedCoverage = CoverageTable.full(services, operations);
        if (Boolean.getBoolean("bulwark.updateCoverage")) {
            Files.writeString(readme, expectedReadme);
            Files.writeString(coverage, expectedCoverage);
        }
        assertThat(Files.readString(readme)).as("README coverage table is stale: rerun with -Dbulwark.updateCoverage=true").isEqualTo(expectedReadme);
        assertThat(Files.readString(coverage)).as("docs/COVERAGE.md is stale: rerun with -Dbulwark.updateCoverage=true").isEqualTo(expectedCoverage);
        for (var operation : operations.all()) {
            assertThat(services).as("implemented operation %s:%s is routed", operation.service(), operation.name())
                    .anySatisfy(service -> assertThat(service.name().equals(operation.service()) && service.operation(operation.name()).isPresent()).isTrue());
        }
    }
}
