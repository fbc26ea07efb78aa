package app.regulars.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations of the two engines (docs/decisions/0030-two-engines.md): the steps every engine
 * runs are in {@code db/migration}; a step whose SQL differs by engine is in {@code db/vendor/h2}
 * and {@code db/vendor/postgresql} under the same name, and nowhere else. A new step written for
 * H2 alone (a {@code V014} in {@code db/vendor/h2}) fails here until PostgreSQL's form is beside it.
 */
class MigrationsTest {
    private static Set<String> scripts(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationsTest.class.getClassLoader().getResource(folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> versions(Set<String> scripts) {
        return scripts.stream().map(n -> n.substring(1, n.indexOf("__"))).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void eachStepThatDiffersByEngineHasItsFormForEveryEngineUnderOneNameAndNoCommonOne() throws Exception {
        Set<String> common = scripts(Database.MIGRATIONS);
        Set<String> h2 = scripts(Database.VENDOR_MIGRATIONS + Database.Engine.H2_FILE.vendor());
        Set<String> postgresql = scripts(Database.VENDOR_MIGRATIONS + Database.Engine.POSTGRESQL.vendor());
        assertThat(postgresql).as("PostgreSQL's forms of the steps H2's differ in").isEqualTo(h2);
        assertThat(h2).as("the steps that differ by engine").isNotEmpty()
                .contains("V008__search_text.sql", "V013__import_duplicates_and_undo.sql");
        Set<String> both = new TreeSet<>(versions(common));
        both.retainAll(versions(h2));
        assertThat(both).as("versions both common and by engine").isEmpty();
        assertThat(versions(common).size() + versions(h2).size()).as("every version once")
                .isEqualTo(common.size() + h2.size());
        String newest = versions(h2).stream().map(java.math.BigInteger::new).max(java.math.BigInteger::compareTo)
                .map(java.math.BigInteger::toString).orElse("0");
        assertThat(Database.newestMigration(getClass().getClassLoader()).compareTo(new java.math.BigInteger(newest))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theStepsOfAFileAreTheOnesEveryH2FileWasMadeWith() throws Exception {
        // H2's forms moved into db/vendor/h2 unchanged: Flyway's checksums in every existing file still match them
        Path dir = Path.of(MigrationsTest.class.getClassLoader().getResource("db/vendor/h2").toURI());
        assertThat(Files.readString(dir.resolve("V008__search_text.sql")))
                .contains("LISTAGG(CHAR(31) || t.token, '') WITHIN GROUP (ORDER BY t.token)");
        assertThat(Files.readString(dir.resolve("V013__import_duplicates_and_undo.sql")))
                .contains("GENERATED ALWAYS AS (LOWER(email));", "VARBINARY(1048576)");
    }

    @TempDir
    Path dir;

    @Test
    void noIndexOfAnH2StoreRepeatsAnotherOnTheSameColumns() {
        // H2 makes an index for each foreign key unless one on exactly its columns is there: an index
        // the migrations make on those columns after it is kept twice, written twice by every row (V018)
        try (Database db = Database.open(dir.resolve("fresh"))) {
            java.util.Map<String, java.util.List<String>> byColumns = new java.util.TreeMap<>();
            for (org.jooq.Record r : db.dsl().fetch("SELECT i.TABLE_NAME, i.INDEX_NAME,"
                    + " LISTAGG(c.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY c.ORDINAL_POSITION) AS COLS"
                    + " FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c"
                    + " ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME"
                    + " WHERE i.TABLE_SCHEMA = 'PUBLIC' GROUP BY i.TABLE_NAME, i.INDEX_NAME")) {
                byColumns.computeIfAbsent(r.get(0, String.class) + "(" + r.get(2, String.class) + ")", k -> new java.util.ArrayList<>())
                        .add(r.get(1, String.class));
            }
            assertThat(byColumns).as("the store's indexes by table and columns").containsKey("POINT_ENTRY(PURCHASE_ID)");
            assertThat(byColumns.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Object::toString).toList())
                    .as("indexes on the same columns of the same table").isEmpty();
        }
    }
}
