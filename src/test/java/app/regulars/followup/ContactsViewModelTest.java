package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerSort;
import app.regulars.i18n.Messages;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The Contacts tab's view model on a real store with a synchronous runner, no window (now is 2026-11-23 10:00). */
class ContactsViewModelTest {
    @TempDir
    Path dir;
    private AppContext context;
    private FollowUpService service;
    private ContactsViewModel vm;
    private Customer wang;

    @BeforeEach
    void open() {
        context = TestStores.open(dir);
        TestStores.addKnownCustomers(context.customers());
        service = context.followUps();
        Messages en = new Messages(Locale.ENGLISH);
        long id = context.customers().search("王小明", null, false, CustomerSort.NAME, true)[0];
        wang = context.customers().get(id).orElseThrow();
        vm = new ContactsViewModel(service, context.customers(),
                new FollowUpReports(service, context.customers(), context.membership(), en), new SyncTaskRunner(), en);
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void theFormLogsEditsAndDeletesAContact() {
        vm.show(wang);
        assertThat(vm.dateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(vm.timeProperty().get()).isEqualTo("10:00");
        vm.summaryProperty().set("Asked about the new tea");
        vm.timeProperty().set("14:30");
        assertThat(vm.save()).isTrue();
        assertThat(vm.contacts()).extracting(Contact::summary).containsExactly("Asked about the new tea");
        assertThat(vm.contacts().getFirst().occurredAt()).isEqualTo(LocalDateTime.of(2026, 11, 23, 14, 30));
        assertThat(vm.summaryProperty().get()).as("the form is cleared after a save").isEmpty();

        vm.startEdit(vm.contacts().getFirst());
        vm.channelProperty().set(ContactChannel.WECHAT);
        vm.save();
        assertThat(service.contacts(wang.id(), 10)).extracting(Contact::channel).containsExactly(ContactChannel.WECHAT);

        vm.delete(vm.contacts().getFirst());
        assertThat(vm.contacts()).isEmpty();
    }

    @Test
    void aTimeThatIsNotOneIsRefusedWithAMessage() {
        vm.show(wang);
        vm.summaryProperty().set("Called");
        vm.timeProperty().set("half past two");
        assertThat(vm.save()).isFalse();
        assertThat(vm.errorProperty().get()).isEqualTo("Enter the time as hours:minutes, for example 14:30.");
        assertThat(service.contacts(wang.id(), 10)).isEmpty();
    }

    @Test
    void completingAnOpenFollowUpLogsTheFormAsItsOutcome() {
        service.schedule(FollowUp.planned(wang.id(), FollowUpKind.CHECK_IN, "Check in", LocalDateTime.of(2026, 11, 23, 15, 0)));
        vm.show(wang);
        assertThat(vm.openFollowUps()).hasSize(1);
        vm.summaryProperty().set("Will come on Saturday");
        vm.complete(vm.openFollowUps().getFirst());
        assertThat(vm.openFollowUps()).isEmpty();
        assertThat(vm.contacts()).extracting(Contact::summary).containsExactly("Will come on Saturday");
        assertThat(vm.contacts().getFirst().followUpId()).isNotNull();
    }

    @Test
    void aFollowUpIsPlannedForTheShownCustomerTomorrowAtTen() {
        assertThat(vm.planFollowUp()).as("no customer shown").isNull();
        vm.show(wang);
        FollowUpEditorViewModel editor = vm.planFollowUp();
        assertThat(editor.customerProperty().get().id()).isEqualTo(wang.id());
        assertThat(editor.dateProperty().get()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(editor.timeProperty().get()).isEqualTo("10:00");
        assertThat(editor.newFollowUpProperty().get()).isTrue();
        assertThat(vm.archivedProperty().get()).isFalse();
    }

    @Test
    void theVisitBriefIsWrittenUnderTheCustomersNameOrHandedOnForPrinting() {
        assertThat(vm.briefFileName()).isNull();
        vm.show(wang);
        assertThat(vm.briefFileName()).isEqualTo("王小明-" + wang.code() + ".pdf");
        Path file = dir.resolve("brief.pdf");
        vm.exportBrief(file);
        assertThat(file).exists();
        assertThat(vm.briefMessageProperty().get()).isEqualTo("Saved " + file);

        List<FollowUpReports.Brief> printed = new ArrayList<>();
        vm.brief(printed::add);
        assertThat(printed).extracting(b -> b.customer().name()).containsExactly("王小明");
        vm.briefPrinted("No printer is installed.");
        assertThat(vm.briefMessageProperty().get()).isEqualTo("No printer is installed.");
    }
}
