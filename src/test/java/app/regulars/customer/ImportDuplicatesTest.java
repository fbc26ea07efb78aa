package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.i18n.Messages;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static app.regulars.store.jooq.Tables.CONSENT_CHANGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Duplicates on import and the undo of the last import (issue 16, items 2 and 3), on a real H2
 * file: each rule, rows that repeat a customer within the file, the same file twice, the undo
 * and its refusal once something touched the customers.
 */
class ImportDuplicatesTest {
    private static final Messages EN = new Messages(Locale.ENGLISH);
    private static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    @TempDir
    Path dir;
    AppContext ctx;
    CustomerService customers;
    Customer wang;
    Customer alice;

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir.resolve("data"));
        customers = ctx.customers();
        TestStores.addKnownCustomers(customers);
        wang = find("王小明");
        alice = find("Alice Smith");
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private Customer find(String name) {
        long[] ids = customers.search(name, null, false, CustomerSort.NAME, true);
        assertThat(ids).hasSize(1);
        return customers.get(ids[0]).orElseThrow();
    }

    private Path file(String csv) throws IOException {
        Path f = dir.resolve("in-" + System.nanoTime() + ".csv");
        Files.writeString(f, csv, StandardCharsets.UTF_8);
        return f;
    }

    private ImportReport importFile(Path file, OnDuplicate rule) {
        return new CustomerCsvImporter(customers, ConsentSource.COMMAND_LINE, rule).importFile(file, Progress.NONE, () -> false);
    }

    private ImportUndoService undo() {
        return ctx.services().get(ImportUndoService.class);
    }

    /**
     * Three rows that are customers already there, each by another key: 王小明 by his phone typed
     * another way, Alice by her email in capitals, 曾晓燕 by her card number; and one new customer.
     */
    private String threeKnownAndOneNew() {
        Customer zeng = find("曾晓燕");
        return "code,name,phone,email,company,tags,notes\n"
                + ",王小明 (from the till),+86 138-1234-5678,,西湖茶社,新客,\n"
                + ",Alice S.,,ALICE@EXAMPLE.ORG,Other Co,,Likes oolong\n"
                + zeng.code() + ",曾晓燕,,yan@example.com,,VIP,\n"
                + ",李雷,139 0000 1111,lilei@example.com,,,\n";
    }

    @Test
    void skipLeavesEveryCustomerAlreadyThereAsTheyAreAndAddsTheNewOne() throws IOException {
        int before = customers.countAll();
        ImportReport r = importFile(file(threeKnownAndOneNew()), OnDuplicate.SKIP);

        assertThat(r.succeeded()).isTrue();
        assertThat(List.of(r.rowsRead(), r.added(), r.updated(), r.skipped())).containsExactly(4, 1, 0, 3);
        assertThat(customers.countAll()).isEqualTo(before + 1);
        assertThat(customers.get(wang.id()).orElseThrow()).isEqualTo(wang);
        assertThat(customers.get(alice.id()).orElseThrow()).isEqualTo(alice);
        assertThat(find("李雷").phones()).containsExactly("+8613900001111");
    }

    @Test
    void theDefaultRuleIsSkip() throws IOException {
        ImportReport r = new CustomerCsvImporter(customers).importFile(file(threeKnownAndOneNew()), Progress.NONE, () -> false);
        assertThat(List.of(r.added(), r.updated(), r.skipped())).containsExactly(1, 0, 3);
    }

    @Test
    void aSecondPhoneOfTheCustomerMatchesToo() throws IOException {
        Customer li = customers.save(Customer.builder().name("李四").phones("138 0000 0001", "021 6432 0000").build());
        ImportReport r = importFile(file("name,phone\n李四,02164320000\n"), OnDuplicate.SKIP);
        assertThat(List.of(r.added(), r.skipped())).containsExactly(0, 1);
        assertThat(customers.get(li.id()).orElseThrow()).isEqualTo(li);
    }

    @Test
    void updateFillsOnlyTheEmptyFieldsAndAddsNewPhonesAndTags() throws IOException {
        ImportReport r = importFile(file(threeKnownAndOneNew()), OnDuplicate.FILL);

        assertThat(List.of(r.added(), r.updated(), r.skipped())).containsExactly(1, 3, 0);
        Customer w = customers.get(wang.id()).orElseThrow();
        assertThat(w.name()).isEqualTo("王小明"); // a name is never empty: kept
        assertThat(w.company()).isEqualTo("西湖茶社"); // was empty
        assertThat(w.tags()).containsExactlyInAnyOrder("VIP", "茶友", "新客");
        assertThat(w.phones()).containsExactly("+8613812345678");
        assertThat(w.notes()).isEqualTo(wang.notes());
        assertThat(w.code()).isEqualTo(wang.code());
        Customer a = customers.get(alice.id()).orElseThrow();
        assertThat(a.company()).isEqualTo("Blue Bottle Trading"); // not empty: kept
        assertThat(a.notes()).isEqualTo("Likes oolong");
        assertThat(a.email()).isEqualTo("alice@example.org");
        assertThat(find("曾晓燕").email()).isEqualTo("yan@example.com");
        // found by what changed
        assertThat(customers.search("西湖茶社", null, false, CustomerSort.NAME, true)).containsExactly(wang.id());
    }

    @Test
    void overwriteWritesEveryFieldTheRowHasAndLeavesTheOthers() throws IOException {
        ImportReport r = importFile(file(threeKnownAndOneNew()), OnDuplicate.OVERWRITE);

        assertThat(List.of(r.added(), r.updated(), r.skipped())).containsExactly(1, 3, 0);
        Customer w = customers.get(wang.id()).orElseThrow();
        assertThat(w.name()).isEqualTo("王小明 (from the till)");
        assertThat(w.company()).isEqualTo("西湖茶社");
        assertThat(w.tags()).containsExactly("新客");
        assertThat(w.email()).isEqualTo("xiaoming@example.com"); // an empty cell leaves the field
        assertThat(w.notes()).isEqualTo(wang.notes());
        assertThat(w.birthday()).isEqualTo(wang.birthday()); // no such column
        Customer a = customers.get(alice.id()).orElseThrow();
        assertThat(a.company()).isEqualTo("Other Co");
        assertThat(a.email()).isEqualTo("ALICE@EXAMPLE.ORG");
        assertThat(a.phones()).isEqualTo(alice.phones());
    }

    @Test
    void consentFillsOnlyWhenTheCustomerHasNoneAndOverwritesOnlyWhenTheRowSaysSomething() throws IOException {
        Customer zeng = find("曾晓燕");
        Path f = file("code,name,marketing_consent,consent_date\n"
                + wang.code() + ",王小明,no,\n"
                + zeng.code() + ",曾晓燕,yes,2026-01-05\n"
                + alice.code() + ",Alice Smith,,\n");
        importFile(f, OnDuplicate.FILL);
        assertThat(customers.get(wang.id()).orElseThrow().consent()).isEqualTo(wang.consent()); // had one: kept
        assertThat(find("曾晓燕").consent()).isEqualTo(new Consent(true, LocalDate.of(2026, 1, 5), Set.of()));
        assertThat(customers.consentHistory(zeng.id())).extracting(ConsentChange::source).containsExactly(ConsentSource.COMMAND_LINE);

        importFile(f, OnDuplicate.OVERWRITE);
        assertThat(customers.get(wang.id()).orElseThrow().consent().marketing()).isFalse(); // "no" said: withdrawn
        assertThat(customers.get(alice.id()).orElseThrow().consent()).isEqualTo(alice.consent()); // said nothing
    }

    @Test
    void addMakesAnotherCustomerOfADuplicatePhoneButNeverReusesACardNumber() throws IOException {
        int before = customers.countAll();
        ImportReport r = importFile(file("name,phone\n王小明,138 1234 5678\n"), OnDuplicate.ADD);
        assertThat(List.of(r.added(), r.updated(), r.skipped())).containsExactly(1, 0, 0);
        assertThat(customers.countAll()).isEqualTo(before + 1);

        ImportReport taken = importFile(file("code,name\n" + wang.code() + ",Someone\n"), OnDuplicate.ADD);
        assertThat(taken.succeeded()).isFalse();
        assertThat(taken.rejected().getFirst().reason(EN)).contains("already belongs to another customer");
    }

    @Test
    void rowsThatRepeatACustomerWithinTheFileMakeOneCustomer() throws IOException {
        String csv = "name,phone,email,company,tags\n"
                + "韩梅梅,139 2222 3333,,,A\n"
                + "Han Meimei,,,Li Ning,B\n"                    // nothing shared: a customer of her own
                + "韩梅梅,13922223333,meimei@example.com,,C\n"  // row 2's phone
                + "梅梅,,MEIMEI@example.com,Anta,D\n";           // row 4's email: row 2's customer too
        int before = customers.countAll();
        ImportReport skip = importFile(file(csv), OnDuplicate.SKIP);
        assertThat(List.of(skip.added(), skip.updated(), skip.skipped())).containsExactly(2, 0, 2);
        assertThat(customers.countAll()).isEqualTo(before + 2);
        assertThat(undo().undoLast().done()).isTrue();

        ImportReport fill = importFile(file(csv), OnDuplicate.FILL);
        assertThat(List.of(fill.added(), fill.updated(), fill.skipped())).containsExactly(2, 2, 0);
        assertThat(customers.countAll()).isEqualTo(before + 2);
        Customer han = find("韩梅梅");
        assertThat(han.email()).isEqualTo("meimei@example.com");
        assertThat(han.company()).isEqualTo("Anta");
        assertThat(han.tags()).containsExactly("A", "C", "D");
        assertThat(han.phones()).containsExactly("+8613922223333");
    }

    @Test
    void theSameFileTwiceNeverMakesCopiesWhateverTheRule() throws IOException {
        Path f = file(threeKnownAndOneNew());
        for (OnDuplicate rule : List.of(OnDuplicate.SKIP, OnDuplicate.FILL, OnDuplicate.OVERWRITE)) {
            importFile(f, rule);
            int count = customers.countAll();
            List<Customer> all = customers.summaries(customers.search("", null, false, CustomerSort.CODE, true)).stream()
                    .map(s -> customers.get(s.id()).orElseThrow()).toList();

            ImportReport again = importFile(f, rule);
            assertThat(again.added()).as(rule.name()).isZero();
            assertThat(again.updated()).as(rule.name()).isZero();
            assertThat(again.skipped()).as(rule.name()).isEqualTo(4);
            assertThat(customers.countAll()).as(rule.name()).isEqualTo(count);
            assertThat(customers.summaries(customers.search("", null, false, CustomerSort.CODE, true)).stream()
                    .map(s -> customers.get(s.id()).orElseThrow()).toList()).as(rule.name()).isEqualTo(all);
        }
    }

    @Test
    void undoRemovesWhatTheImportAddedAndPutsBackWhatItChanged() throws IOException {
        Customer zeng = find("曾晓燕");
        int before = customers.countAll();
        int consentEntries = ctx.database().dsl().fetchCount(CONSENT_CHANGE);
        Path f = file(threeKnownAndOneNew().replace("code,name,phone,email,company,tags,notes", "code,name,phone,email,company,tags,notes,consent")
                .replace("VIP,\n", "VIP,,yes\n"));
        ImportReport r = importFile(f, OnDuplicate.OVERWRITE);
        assertThat(r.updated()).isEqualTo(3);
        assertThat(find("曾晓燕").consent().marketing()).isTrue();

        var last = undo().last().orElseThrow();
        assertThat(List.of(last.added(), last.updated(), last.skipped())).containsExactly(1, 3, 0);
        assertThat(last.shortName()).startsWith("in-");

        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isTrue();
        assertThat(outcome.removed()).isEqualTo(1);
        assertThat(outcome.restored()).isEqualTo(3);
        assertThat(outcome.describe(EN)).startsWith("The import of " + last.shortName() + " (")
                .endsWith("is undone: the customer it added is removed, and the 3 it changed are as they were before it.");
        assertThat(outcome.describe(ZH)).contains("已撤销").contains("新增的 1 位客户已删除");

        assertThat(customers.countAll()).isEqualTo(before);
        assertThat(customers.search("李雷", null, false, CustomerSort.NAME, true)).isEmpty();
        assertThat(customers.get(wang.id()).orElseThrow()).usingRecursiveComparison().ignoringFields("updatedAt", "version").isEqualTo(wang);
        assertThat(customers.get(alice.id()).orElseThrow()).usingRecursiveComparison().ignoringFields("updatedAt", "version").isEqualTo(alice);
        assertThat(customers.get(zeng.id()).orElseThrow()).usingRecursiveComparison().ignoringFields("updatedAt", "version").isEqualTo(zeng);
        assertThat(customers.consentHistory(zeng.id())).isEmpty(); // the import's entry went with it
        assertThat(ctx.database().dsl().fetchCount(CONSENT_CHANGE)).isEqualTo(consentEntries);
        assertThat(customers.search("西湖茶社", null, false, CustomerSort.NAME, true)).isEmpty();
        assertThat(customers.search("王小明", null, false, CustomerSort.NAME, true)).containsExactly(wang.id());

        // once is all
        assertThatThrownBy(() -> undo().undoLast()).hasMessage("import.undo.already");
        assertThat(undo().last().orElseThrow().undone()).isTrue();
    }

    @Test
    void undoIsRefusedOnceACustomerOfTheImportIsEditedAndNamesThem() throws IOException {
        importFile(file(threeKnownAndOneNew()), OnDuplicate.FILL);
        Customer li = find("李雷");
        customers.save(li.toBuilder().notes("来过两次").build());

        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isFalse();
        assertThat(outcome.describe(EN)).contains("can no longer be undone").endsWith("李雷 (" + li.code() + ") was changed.");
        assertThat(outcome.describe(ZH)).contains("李雷（" + li.code() + "）的资料被修改过");
        // nothing changed
        assertThat(find("李雷").notes()).isEqualTo("来过两次");
        assertThat(customers.get(wang.id()).orElseThrow().company()).isEqualTo("西湖茶社");
        assertThat(undo().last().orElseThrow().undone()).isFalse();
    }

    @Test
    void undoIsRefusedAfterAPurchaseOfACustomerItChangedButNotForWhatTheProgramPlansByItself() throws IOException {
        importFile(file(threeKnownAndOneNew()), OnDuplicate.FILL);
        ctx.autoFollowUps().generate(EN); // the start of the day: birthday greetings, check-ins for the new customer
        assertThat(undo().check(latestRun())).isEmpty();

        ctx.membership().recordPurchase(alice.id(), TestStores.TODAY.atTime(11, 0), new BigDecimal("88.00"), null);
        ImportUndoService.Outcome afterPurchase = undo().undoLast();
        assertThat(afterPurchase.done()).isFalse();
        assertThat(afterPurchase.describe(EN)).endsWith("Alice Smith (" + alice.code() + ") has a purchase recorded after it.");
        assertThat(afterPurchase.describe(ZH)).endsWith("Alice Smith（" + alice.code() + "）在导入之后有了消费记录。");
    }

    @Test
    void aFollowUpPlannedByHandForANewCustomerStopsTheUndoToo() throws IOException {
        importFile(file(threeKnownAndOneNew()), OnDuplicate.SKIP);
        Customer li = find("李雷");
        ctx.followUps().schedule(FollowUp.planned(li.id(), FollowUpKind.VISIT, "问问新茶", TestStores.TODAY.atTime(15, 0)));
        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isFalse();
        assertThat(outcome.describe(EN)).endsWith("李雷 (" + li.code() + ") has a follow-up recorded after it.");
        assertThat(find("李雷")).isNotNull();
    }

    @Test
    void anErasedCustomerStopsTheUndoAndTheProfileBeforeTheImportIsForgotten() throws IOException {
        importFile(file(threeKnownAndOneNew()), OnDuplicate.OVERWRITE);
        ctx.services().get(PrivacyService.class).erase(alice.code(), PrivacyRequest.Source.COMMAND_LINE);
        assertThat(ctx.database().dsl().fetchCount(app.regulars.store.jooq.Tables.IMPORT_UPDATED,
                app.regulars.store.jooq.Tables.IMPORT_UPDATED.CUSTOMER_ID.eq(alice.id())
                        .and(app.regulars.store.jooq.Tables.IMPORT_UPDATED.PREVIOUS.isNotNull()))).isZero();
        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).isFalse();
        assertThat(outcome.describe(EN)).endsWith("(" + alice.code() + ") was changed.");
    }

    @Test
    void aMergeStopsTheUndoEvenWhenItLeavesTheKeptProfileAsTheImportLeftIt() throws IOException {
        // Customers already there, with nothing the import's customers lack: a merge changes no field of the kept one.
        Customer twin = customers.save(Customer.builder().name("李雷").build());
        Customer wangTwin = customers.save(Customer.builder().name("王小明").build());
        importFile(file(threeKnownAndOneNew()), OnDuplicate.FILL);
        Customer li = find2("李雷", twin.id());
        Customer wangNow = customers.get(wang.id()).orElseThrow();
        assertThat(undo().check(latestRun())).isEmpty();

        MergeService merges = ctx.services().get(MergeService.class);
        // 李雷, whom the import added, keeps his profile and takes in the customer who was there before it
        MergeService.Merged merged = merges.merge(merges.plan(li.id(), List.of(twin.id())), MergeRecord.Source.WINDOW, EN);
        assertThat(CustomerSnapshot.digest(merged.kept())).isEqualTo(CustomerSnapshot.digest(li));
        ImportUndoService.Outcome outcome = undo().undoLast();
        assertThat(outcome.done()).as("the undo would delete 李雷 and with him the customer merged into him").isFalse();
        assertThat(outcome.describe(EN)).endsWith("李雷 (" + li.code() + ") has a merge recorded after it.");
        assertThat(outcome.describe(ZH)).endsWith("李雷（" + li.code() + "）在导入之后有了合并记录。");
        assertThat(customers.byCode(twin.code()).orElseThrow().id()).isEqualTo(li.id());

        // 王小明, whom the import changed, the same way
        merges.merge(merges.plan(wang.id(), List.of(wangTwin.id())), MergeRecord.Source.COMMAND_LINE, EN);
        assertThat(CustomerSnapshot.digest(customers.get(wang.id()).orElseThrow())).isEqualTo(CustomerSnapshot.digest(wangNow));
        ImportUndoService.Outcome again = undo().undoLast();
        assertThat(again.done()).isFalse();
        assertThat(again.describe(EN)).contains("has a merge recorded after it.").endsWith("One more customer it added or changed was touched too.");
        assertThat(undo().last().orElseThrow().undone()).isFalse();
    }

    @Test
    void aMergeBeforeTheImportDoesNotStopItsUndo() throws IOException {
        Customer twin = customers.save(Customer.builder().name("王小明").build());
        MergeService merges = ctx.services().get(MergeService.class);
        merges.merge(merges.plan(wang.id(), List.of(twin.id())), MergeRecord.Source.WINDOW, EN);
        importFile(file(threeKnownAndOneNew()), OnDuplicate.FILL);
        assertThat(undo().undoLast().done()).isTrue();
    }

    @Test
    void aRowWithTheCardNumberOfACustomerMergedAwayIsTheKeptCustomer() throws IOException {
        Customer twin = customers.save(Customer.builder().name("王晓明").build());
        MergeService merges = ctx.services().get(MergeService.class);
        merges.merge(merges.plan(wang.id(), List.of(twin.id())), MergeRecord.Source.WINDOW, EN);
        Path f = file("code,name,company\n" + twin.code() + ",王晓明,西湖茶社\n");

        ImportReport skip = importFile(f, OnDuplicate.SKIP);
        assertThat(List.of(skip.added(), skip.updated(), skip.skipped())).containsExactly(0, 0, 1);
        ImportReport fill = importFile(f, OnDuplicate.FILL);
        assertThat(List.of(fill.added(), fill.updated(), fill.skipped())).containsExactly(0, 1, 0);
        assertThat(customers.get(wang.id()).orElseThrow().company()).isEqualTo("西湖茶社");
        assertThat(customers.byCode(twin.code()).orElseThrow().id()).isEqualTo(wang.id());
        ImportReport add = importFile(f, OnDuplicate.ADD);
        assertThat(add.succeeded()).as("a merged card number stays taken").isFalse();
    }

    /** The customer named {@code name} who is not {@code other}. */
    private Customer find2(String name, long other) {
        long[] ids = customers.search(name, null, false, CustomerSort.NAME, true);
        return java.util.Arrays.stream(ids).filter(id -> id != other).mapToObj(id -> customers.get(id).orElseThrow()).findFirst().orElseThrow();
    }

    @Test
    void thereIsNothingToUndoBeforeAnyImport() {
        assertThat(undo().last()).isEmpty();
        assertThatThrownBy(() -> undo().undoLast()).hasMessage("import.undo.nothing");
    }

    @Test
    void onlyTheLastImportCanBeUndone() throws IOException {
        importFile(file("name,phone\n李雷,139 0000 1111\n"), OnDuplicate.SKIP);
        importFile(file("name,phone\n韩梅梅,139 0000 2222\n"), OnDuplicate.SKIP);
        assertThat(undo().undoLast().removed()).isEqualTo(1);
        assertThat(customers.search("韩梅梅", null, false, CustomerSort.NAME, true)).isEmpty();
        assertThat(customers.search("李雷", null, false, CustomerSort.NAME, true)).hasSize(1);
        assertThatThrownBy(() -> undo().undoLast()).hasMessage("import.undo.already");
    }

    @Test
    void anImportThatFailsHalfWayPutsBackTheCustomersItHadChanged() throws Exception {
        // 6,000 rows: the first slice (5,000) updates 王小明 and is committed, then the store fails.
        StringBuilder csv = new StringBuilder("name,phone,company\n王小明,138 1234 5678,西湖茶社\n");
        for (int i = 1; i < 6_000; i++) {
            csv.append(i == 5_500 ? app.regulars.testing.FailingInsert.MARK : "客户" + i).append(",,\n");
        }
        int before = customers.countAll();
        ctx.database().dsl().connection(c -> app.regulars.testing.FailingInsert.install(c, "customer"));
        Path f = file(csv.toString());
        assertThatThrownBy(() -> importFile(f, OnDuplicate.FILL)).hasStackTraceContaining("injected store error");
        ctx.database().dsl().connection(c -> app.regulars.testing.FailingInsert.remove(c, "customer"));

        assertThat(customers.countAll()).isEqualTo(before);
        assertThat(customers.get(wang.id()).orElseThrow()).usingRecursiveComparison().ignoringFields("updatedAt", "version").isEqualTo(wang);
        assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
        assertThat(undo().last()).isEmpty();
    }

    @Test
    void anImportKilledHalfWayIsPutBackWhenTheStoreOpens() throws Exception {
        Path data = dir.resolve("killed");
        Customer before;
        try (AppContext c = TestStores.open(data)) {
            TestStores.addKnownCustomers(c.customers());
            before = c.customers().get(wang.id()).orElseThrow();
            StringBuilder csv = new StringBuilder("name,phone,company\n王小明,138 1234 5678,西湖茶社\n");
            for (int i = 1; i < 6_000; i++) {
                csv.append("客户").append(i).append(",,\n");
            }
            Path f = file(csv.toString());
            // The process "dies" after the first slice: an Error, which nothing catches to clean up.
            class Killed extends Error {
            }
            CustomerCsvImporter importer = new CustomerCsvImporter(c.customers(), ConsentSource.IMPORT, OnDuplicate.FILL);
            assertThatThrownBy(() -> importer.importFile(f, (done, total) -> {
                if (done > 6_000 + CustomerService.SLICE) {
                    throw new Killed();
                }
            }, () -> false)).isInstanceOf(Killed.class);
            assertThat(c.customers().get(wang.id()).orElseThrow().company()).isEqualTo("西湖茶社");
            assertThat(c.customers().countAll()).isGreaterThan(4);
        }
        try (AppContext c = TestStores.open(data)) {
            assertThat(c.customers().countAll()).isEqualTo(4);
            assertThat(c.customers().get(wang.id()).orElseThrow()).usingRecursiveComparison().ignoringFields("updatedAt", "version").isEqualTo(before);
            assertThat(c.settings().get(CustomerService.FILL_PENDING)).isEmpty();
            assertThat(c.services().get(ImportUndoService.class).last()).isEmpty();
        }
    }

    private ImportRepository.Run latestRun() {
        return new ImportRepository().newest(ctx.database().dsl(), ImportRepository.State.DONE).orElseThrow();
    }
}
