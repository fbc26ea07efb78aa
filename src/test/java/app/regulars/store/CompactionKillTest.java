package app.regulars.store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A process killed (SIGKILL) at any step of the compaction at close leaves a store that
 * opens with every row: a child JVM opens a grown store and closes it, and is killed while H2
 * copies the file (as soon as the new file appears), or at one of the later steps (the child
 * stops there). The store is then opened, which undoes what the kill left, and must hold the
 * same rows as before (every table's count and checksum); closing it compacts it after all.
 * Killed between the swap and the check, the child still holds the folder: a Regulars opening
 * meanwhile waits for it instead of being refused or reading the old file's place.
 * Size with {@code -Dregulars.compactionKill.customers=N} (default 12,000).
 */
class CompactionKillTest {
    private static final int CUSTOMERS = Integer.getInteger("regulars.compactionKill.customers", 12_000);

    @TempDir
    static Path template;
    /** A copy of the template, opened once for its rows. */
    @TempDir
    static Path look;
    static Map<String, Compaction.TableSum> rows;

    /**
     * One grown store for every case: a bulk load and many small saves in a child that is then
     * killed. Closed cleanly, H2 would spend its own 200 ms compacting it, which at this size
     * sometimes shrinks it below what is worth compacting (a flaky start for every case).
     */
    @BeforeAll
    static void grow() throws Exception {
        Process child = ChildStore.start("grow", template, Integer.toString(CUSTOMERS));
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("grown")) {
                // Flyway's and H2's log lines
            }
            assertThat(line).as("the child grew the store").isEqualTo("grown");
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        copy(template, look);
        try (Database db = Database.open(look)) {
            db.compactOnClose(false);
            assertThat(db.size().worthCompacting()).as("grown: %s", db.size()).isTrue();
            rows = CompactionTest.sums(db);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @EnumSource(value = Compaction.Step.class, names = {"STARTED", "COPIED", "SWAPPED", "VERIFIED"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKillDuringTheCompactionLosesNothing(Compaction.Step step, @TempDir Path dir) throws Exception {
        copy(template, dir);
        long copiedSize = Files.size(CompactionTest.file(dir));
        Path copying = dir.resolve(Compaction.COPYING + ".mv.db");
        List<String> seen = new ArrayList<>();
        List<String> printed = new ArrayList<>();
        CompletableFuture<Map<String, Compaction.TableSum>> waiting = null;
        Process child = ChildStore.start("compact", dir, step.name());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                printed.add(line);
                if (!line.startsWith("step ")) {
                    continue;
                }
                seen.add(line.substring("step ".length()));
                if (line.equals("step " + step)) {
                    if (step == Compaction.Step.STARTED) {
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                        while (!Files.exists(copying) && System.nanoTime() < deadline) {
                            Thread.onSpinWait();
                        }
                    }
                    if (step == Compaction.Step.SWAPPED) {
                        waiting = CompletableFuture.supplyAsync(() -> {
                            try (Database db = Database.open(dir)) {
                                db.compactOnClose(false); // the compaction at close is checked below
                                return CompactionTest.sums(db);
                            }
                        });
                        Thread.sleep(1500);
                        assertThat(waiting).as("a Regulars opening the folder while it is compacted waits").isNotDone();
                    }
                    child.destroyForcibly();
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(seen).as("steps the child reached; it printed %s; the file was %d bytes", printed, copiedSize).last().isEqualTo(step.name());
        if (waiting != null) {
            assertThat(waiting.get(60, TimeUnit.SECONDS)).as("the store the waiting Regulars opened once the child was killed").isEqualTo(rows);
        } else {
            assertLeftBy(step, dir);
        }

        List<Compaction.Progress> steps = new ArrayList<>();
        boolean grown;
        long live;
        try (Database db = Database.open(dir)) {
            assertThat(CompactionTest.sums(db)).as("every table's rows after a kill at %s", step).isEqualTo(rows);
            assertThat(CompactionTest.names(dir)).doesNotContain(Compaction.COPYING + ".mv.db", Compaction.COPIED + ".mv.db",
                    Compaction.OLD + ".mv.db", FolderLock.CLOSING);
            grown = db.size().worthCompacting(); // H2's own 200 ms of compaction at each close may have done enough
            live = db.size().liveBytes();
            db.onCompaction(steps::add);
        }
        if (grown) {
            assertThat(steps).extracting(Compaction.Progress::step).as("compacted at the next close").contains(Compaction.Step.DONE);
            // what the close left on the disk (opening again writes new, uncompressed chunks: measured before that)
            assertThat(Files.size(CompactionTest.file(dir))).as("the file after the compacting close, live %d", live)
                    .isLessThanOrEqualTo((long) (1.5 * live));
        }
        try (Database db = Database.open(dir)) {
            assertThat(CompactionTest.sums(db)).isEqualTo(rows);
        }
    }

    /** What the kill left on the disk, before anything opens the folder again. */
    private static void assertLeftBy(Compaction.Step step, Path dir) throws IOException {
        Path store = CompactionTest.file(dir);
        Path copying = dir.resolve(Compaction.COPYING + ".mv.db");
        Path copied = dir.resolve(Compaction.COPIED + ".mv.db");
        Path old = dir.resolve(Compaction.OLD + ".mv.db");
        switch (step) {
            case STARTED -> {
                assertThat(copying).as("a half-written new file").exists();
                assertThat(copied).doesNotExist();
                assertThat(Files.size(store)).as("the old file in place").isGreaterThan(Files.size(copying));
            }
            case COPIED -> {
                assertThat(Files.size(store)).as("the old file in place").isGreaterThan(Files.size(copied));
            }
            case SWAPPED, VERIFIED -> {
                assertThat(Files.size(old)).as("the old file aside, larger than the new one in place").isGreaterThan(Files.size(store));
            }
            default -> throw new IllegalArgumentException(step.name());
        }
    }
}
