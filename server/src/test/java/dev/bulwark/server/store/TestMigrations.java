package dev.bulwark.server.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class TestMigrations
{
    @StoreTest
    void firstStartAppliesEveryMigrationAndRecordsIt(Store store)
    {
        List<Long> versions = store.readOnly(tx -> tx.query("SELECT version FROM schema_version ORDER BY version", row -> row.getLong(1)));
        assertThat(versions).containsExactlyElementsOf(Migrations.standard().migrations().stream().map(migration -> (long) migration.version()).toList());
    }

    @StoreTest
    void secondStartAppliesNothing(StoreTarget target)
    {
        target.open().close();
        Store reopened = target.open();

        assertThat(Migrations.standard().apply(reopened)).isEmpty();
        long recorded = reopened.readOnly(tx -> tx.queryLong("SELECT count(*) FROM schema_version"));
        assertThat(recorded).isEqualTo(Migrations.standard().migrations().size());
    }

    @StoreTest
    void laterMigrationIsAppliedOnTopOfAnExistingSchema(Store store)
    {
        List<Migration> withNext = new java.util.ArrayList<>(Migrations.standard().migrations());
        int next = withNext.get(withNext.size() - 1).version() + 1;
        withNext.add(new Migration(next, "add_scratch", "CREATE TABLE scratch_next (id BIGINT PRIMARY KEY);\nINSERT INTO scratch_next (id) VALUES (7);\n"));

        assertThat(new Migrations(withNext).apply(store)).containsExactly(next);
        long id = store.readOnly(tx -> tx.queryLong("SELECT id FROM scratch_next"));
        assertThat(id).isEqualTo(7);
        assertThat(new Migrations(withNext).apply(store)).isEmpty();
    }

    @StoreTest
    void failingMigrationLeavesNoTraceAndIsNotRecorded(Store store)
    {
        List<Migration> withBroken = new java.util.ArrayList<>(Migrations.standard().migrations());
        int next = withBroken.get(withBroken.size() - 1).version() + 1;
        withBroken.add(new Migration(next, "broken", "CREATE TABLE half_done (id BIGINT);\nTHIS IS NOT SQL;\n"));

        assertThatThrownBy(() -> new Migrations(withBroken).apply(store)).isInstanceOf(StoreException.class);

        long recorded = store.readOnly(tx -> tx.queryLong("SELECT count(*) FROM schema_version WHERE version = ?", (long) next));
        assertThat(recorded).isZero();
        // the table the broken migration created before failing was rolled back with it
        assertThatThrownBy(() -> store.readOnly(tx -> tx.queryLong("SELECT count(*) FROM half_done"))).isInstanceOf(StoreException.class);
    }

    @StoreTest
    void migrationChangedAfterItWasAppliedIsRefused(Store store)
    {
        List<Migration> shipped = new java.util.ArrayList<>(Migrations.standard().migrations());
        Migration original = shipped.get(0);
        shipped.set(0, new Migration(original.version(), original.description(), original.sql() + "\n-- edited\n"));
        Migrations edited = new Migrations(shipped);

        assertThatThrownBy(() -> edited.apply(store))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("changed after it was applied");
    }

    @StoreTest
    void databaseFromANewerBuildIsRefused(StoreTarget target)
    {
        Store store = target.open();
        store.inTransaction(tx -> tx.update("INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)", 999L, "future", "x", 0L));
        store.close();

        assertThatThrownBy(target::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database schema version 999 is newer than this build knows");
    }

    @Test
    void indexListsExactlyTheMigrationFilesShipped()
            throws IOException, URISyntaxException
    {
        Path folder = Path.of(getClass().getClassLoader().getResource(Migrations.LOCATION).toURI());
        List<String> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".sql")).sorted().toList();
        }
        List<String> indexed = Migrations.standard().migrations().stream()
                .map(migration -> "V%03d__%s.sql".formatted(migration.version(), migration.description()))
                .toList();
        assertThat(indexed).isEqualTo(files);
    }

    @Test
    void statementsSplitAtSemicolonsEndingALineAndDropCommentLines()
    {
        Migration migration = new Migration(1, "split", """
                -- a comment; with a semicolon
                CREATE TABLE a (x TEXT DEFAULT 'a;b');
                CREATE INDEX a_x ON a (x);   \r
                """);
        assertThat(migration.statements()).containsExactly("CREATE TABLE a (x TEXT DEFAULT 'a;b')", "CREATE INDEX a_x ON a (x)");
    }

    @Test
    void checksumDependsOnTheTextButNotOnLineEndings()
    {
        assertThat(new Migration(1, "a", "SELECT 1;\r\n").checksum()).isEqualTo(new Migration(1, "a", "SELECT 1;\n").checksum());
        assertThat(new Migration(1, "a", "SELECT 1;\n").checksum()).isNotEqualTo(new Migration(1, "a", "SELECT 2;\n").checksum());
    }

    @Test
    void twoMigrationsWithOneVersionAreRejected()
    {
        assertThatThrownBy(() -> new Migrations(List.of(new Migration(1, "a", "SELECT 1"), new Migration(1, "b", "SELECT 2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two migrations with version 1");
    }
}
