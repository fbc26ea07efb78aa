package app.regulars.app;

import app.regulars.testing.ImportFuzz;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short version of the importer fuzzing ({@link ImportFuzz}; the long one is
 * {@code ./mvnw -Pfaults verify}): generated files through the three importers of one store,
 * none ending in an uncaught exception or a partial import.
 */
class ImporterFuzzTest {
    private static Path dir;
    private static ImportFuzz fuzz;

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("regulars-fuzz");
        fuzz = new ImportFuzz(dir);
    }

    @AfterContainer
    static void close() throws IOException {
        fuzz.close();
        System.out.println("importer fuzzing: " + fuzz.figures);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<ImportFuzz.Input> files() {
        return ImportFuzz.inputs();
    }

    @Property(tries = 300, seed = "20261123")
    void everyImportEndsInAReportOrAMessageAndIsAllOrNothing(@ForAll("files") ImportFuzz.Input input) throws IOException {
        assertThat(fuzz.check(input)).isNull();
    }
}
