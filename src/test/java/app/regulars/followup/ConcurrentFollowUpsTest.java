package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.i18n.UserException;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people closing the same follow-up at once (issue 17, item 4; decision 0031): on PostgreSQL two
 * stores on one database, as two computers are; on H2 two threads over the one store. The follow-up's
 * row is locked by whichever change reads it first, so it is completed once: one contact, one next
 * occurrence of its series; the other person is told it is already closed.
 */
class ConcurrentFollowUpsTest {
    @TempDir
    Path dir;
    AppContext mine;
    AppContext theirsContext;
    FollowUpService theirs;
    long wang;

    @BeforeEach
    void open() {
        mine = TestStores.open(dir);
        TestStores.addKnownCustomers(mine.customers());
        wang = mine.customers().byCode("000001").orElseThrow().id();
        if (TestStores.onPostgres()) {
            theirsContext = TestStores.open(dir);
            theirs = theirsContext.followUps();
        } else {
            theirs = mine.followUps();
        }
    }

    @AfterEach
    void close() {
        if (theirsContext != null) {
            theirsContext.close();
        }
        mine.close();
    }

    @Test
    void aFollowUpCompletedAtTwoComputersAtOnceIsCompletedOnce() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                FollowUp weekly = mine.followUps().schedule(FollowUp.planned(wang, FollowUpKind.CHECK_IN, "Weekly call " + round,
                        LocalDateTime.of(2026, 11, 24 + round, 10, 0)).withRecurrence(Recurrence.WEEKLY, java.time.LocalDate.of(2027, 6, 30)));
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> outcomes = new ArrayList<>();
                for (FollowUpService counter : List.of(mine.followUps(), theirs)) {
                    Callable<String> complete = () -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            counter.complete(weekly.id(), ContactChannel.PHONE, null, "done", null);
                            return "completed";
                        } catch (UserException e) {
                            return e.key();
                        }
                    };
                    outcomes.add(two.submit(complete));
                }
                List<String> seen = new ArrayList<>();
                for (Future<String> f : outcomes) {
                    seen.add(f.get(30, TimeUnit.SECONDS));
                }
                assertThat(seen).as("round " + round).containsExactlyInAnyOrder("completed", "followup.error.notPlanned");
                String title = "Weekly call " + round;
                assertThat(mine.followUps().contacts(wang, 1000)).filteredOn(c -> title.equals(c.summary())).hasSize(1);
                assertThat(mine.followUps().openFor(wang)).filteredOn(f -> title.equals(f.title())).hasSize(1); // one next occurrence
            }
        } finally {
            two.shutdownNow();
        }
    }

    @Test
    void anEditRefusedAfterSomeoneElsesChangeThenReloadOrKeepMine() {
        app.regulars.i18n.Messages english = new app.regulars.i18n.Messages(java.util.Locale.ENGLISH);
        FollowUp visit = mine.followUps().schedule(FollowUp.planned(wang, FollowUpKind.VISIT, "Bring the new oolong",
                LocalDateTime.of(2026, 11, 25, 15, 0)));
        FollowUpEditorViewModel myForm = new FollowUpEditorViewModel(mine.followUps(), mine.customers(),
                new app.regulars.testing.SyncTaskRunner(), english);
        myForm.startEdit(mine.followUps().get(visit.id()).orElseThrow());
        FollowUp read = theirs.get(visit.id()).orElseThrow();
        theirs.update(new FollowUp(read.id(), read.customerId(), null, null, read.kind(), read.title(), "He asked for pu'er too",
                "Anna", read.dueAt(), read.allDay(), read.status(), read.recurrence(), read.recurUntil(), read.openedAt(),
                read.resolveBy(), read.completedAt(), read.generationKey(), read.titleTyped()), read);

        myForm.notesProperty().set("Call first");
        List<FollowUp> saved = new ArrayList<>();
        myForm.save(saved::add);
        assertThat(saved).isEmpty();
        assertThat(myForm.conflictProperty().get()).isEqualTo("Changed by someone else at 10:00 \u2014 reload or keep mine?");
        assertThat(mine.followUps().get(visit.id()).orElseThrow().notes()).isEqualTo("He asked for pu'er too");

        myForm.reload();
        assertThat(myForm.notesProperty().get()).isEqualTo("He asked for pu'er too");
        assertThat(myForm.ownerProperty().get()).isEqualTo("Anna");
        assertThat(myForm.conflictProperty().get()).isEmpty();

        theirs.reschedule(visit.id(), LocalDateTime.of(2026, 11, 26, 15, 0), false);
        myForm.notesProperty().set("Call first");
        myForm.save(saved::add);
        assertThat(myForm.conflictProperty().get()).isNotEmpty();
        myForm.keepMine();
        assertThat(saved).hasSize(1);
        FollowUp stored = mine.followUps().get(visit.id()).orElseThrow();
        assertThat(stored.notes()).isEqualTo("Call first");
        assertThat(stored.owner()).isEqualTo("Anna");
        // the form still held their first version's time: keeping mine kept what the form showed
        assertThat(stored.dueAt()).isEqualTo(LocalDateTime.of(2026, 11, 25, 15, 0));
    }
}
