package app.regulars.followup;

import app.regulars.app.AppContext;
import app.regulars.customer.Consent;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerSort;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated follow-ups are shown with titles in the language of the moment, typed ones as typed
 * (issue 12, item 4). Today is 2026-11-23.
 */
class FollowUpTitlesTest {
    static final Messages EN = new Messages(Messages.ENGLISH);
    static final Messages ZH = new Messages(Messages.CHINESE);

    @TempDir
    Path dir;

    /**
     * With the English shell: 曾晓燕 (now with consent) gets her birthday greeting (1 December,
     * due 24 November), both she and 王小明 a New Year greeting (due 2 December), and she,
     * last called 100 days ago, a check-in due today.
     */
    static AutoFollowUps.Result generateInEnglish(AppContext ctx) {
        ctx.settings().put(AutoFollowUps.HOLIDAY_DAYS, "30");
        ctx.settings().put(AutoFollowUps.BIRTHDAY_DAYS, "7");
        ctx.settings().put(AutoFollowUps.HORIZON_DAYS, "14");
        ctx.settings().put(AutoFollowUps.CADENCE_DEFAULT, "90");
        long zeng = id(ctx, "曾晓燕");
        Customer z = ctx.customers().get(zeng).orElseThrow();
        ctx.customers().save(z.toBuilder().consent(new Consent(true, TestStores.TODAY, null)).build());
        ctx.followUps().logContact(new Contact(null, zeng, LocalDateTime.of(2026, 8, 15, 10, 0), ContactChannel.PHONE, "Called", null, null, null));
        return ctx.autoFollowUps().generate(EN);
    }

    static long id(AppContext ctx, String name) {
        return ctx.customers().search(name, null, false, CustomerSort.NAME, true)[0];
    }

    static List<FollowUp> all(AppContext ctx) {
        return ctx.followUps().between(LocalDate.of(2026, 1, 1).atStartOfDay(), LocalDate.of(2028, 1, 1).atStartOfDay(), FollowUpFilter.ALL);
    }

    static List<String> shown(List<FollowUp> list, Messages messages) {
        return list.stream().map(f -> FollowUpTitles.of(f, messages)).toList();
    }

    @Test
    void followUpsGeneratedInEnglishAreShownInChinese() {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            assertThat(generateInEnglish(ctx)).isEqualTo(new AutoFollowUps.Result(1, 2, 1));
            List<FollowUp> all = all(ctx);
            // in due order: the check-in today, the birthday tomorrow, the two New Year greetings
            assertThat(all).extracting(FollowUp::title).as("stored as generated")
                    .containsExactly("Routine check-in", "Birthday on 12/1", "New Year greeting", "New Year greeting");
            // the customer's name stands beside the title wherever it is shown: not in it twice
            assertThat(shown(all, ZH)).containsExactly("例行回访", "生日问候（12月1日）", "元旦问候", "元旦问候");
            assertThat(shown(all, EN)).containsExactly("Routine check-in", "Birthday on 12/1", "New Year greeting", "New Year greeting");
        }
    }

    @Test
    void typedTitlesStayAsTypedInBothLanguagesAndAGeneratedTitleAPersonChangesBecomesTyped() {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            generateInEnglish(ctx);
            long wang = id(ctx, "王小明");
            FollowUp typed = ctx.followUps().schedule(FollowUp.planned(wang, FollowUpKind.BIRTHDAY, "生日送茶饼",
                    LocalDateTime.of(2026, 11, 30, 10, 0)));
            assertThat(FollowUpTitles.of(typed, EN)).isEqualTo("生日送茶饼");
            assertThat(FollowUpTitles.of(typed, ZH)).isEqualTo("生日送茶饼");

            // The form in Chinese shows the check-in's title in Chinese; saving other changes keeps it generated.
            FollowUp checkIn = all(ctx).getFirst();
            FollowUpEditorViewModel editor = new FollowUpEditorViewModel(ctx.followUps(), ctx.customers(), new SyncTaskRunner(), ZH);
            editor.startEdit(checkIn);
            assertThat(editor.titleProperty().get()).isEqualTo("例行回访");
            editor.notesProperty().set("问问新茶");
            assertThat(editor.save(f -> { })).isTrue();
            FollowUp kept = ctx.followUps().get(checkIn.id()).orElseThrow();
            assertThat(kept.notes()).isEqualTo("问问新茶");
            assertThat(FollowUpTitles.of(kept, EN)).isEqualTo("Routine check-in");
            assertThat(FollowUpTitles.of(kept, ZH)).isEqualTo("例行回访");

            // A title the person changes is theirs, in every language.
            editor.startEdit(kept);
            editor.titleProperty().set("问问新茶的口感");
            assertThat(editor.save(f -> { })).isTrue();
            FollowUp changed = ctx.followUps().get(checkIn.id()).orElseThrow();
            assertThat(changed.titleTyped()).isTrue();
            assertThat(FollowUpTitles.of(changed, EN)).isEqualTo("问问新茶的口感");
            assertThat(FollowUpTitles.of(changed, ZH)).isEqualTo("问问新茶的口感");
        }
    }

    @Test
    void markingAGeneratedFollowUpDoneInTheChineseCalendarLogsItsTitleInChinese() {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            generateInEnglish(ctx);
            FollowUp checkIn = all(ctx).getFirst();
            CalendarViewModel vm = new CalendarViewModel(ctx.followUps(), ctx.customers(), new SyncTaskRunner(), ZH);
            vm.setStatus(checkIn, FollowUpStatus.DONE);
            assertThat(ctx.followUps().contacts(checkIn.customerId(), 1).getFirst().summary()).isEqualTo("例行回访");
        }
    }

    @app.regulars.testing.H2FileOnly("an H2 file made at the schema before, upgraded")
    @Test
    void generatedRowsOfAnOlderStoreAreShownRenderedAfterTheUpgradeAndChangedOnesAsTheyWere() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(Database.FILE_NAME).toAbsolutePath();
        Flyway.configure().dataSource(url, "regulars", "").locations("classpath:db/migration", "classpath:db/vendor/h2").target("5").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "regulars", ""); Statement s = c.createStatement()) {
            s.execute("INSERT INTO customer (id, code, name, sort_name, created_at, updated_at) VALUES "
                    + "(1, '000001', '曾晓燕', 'zeng xiao yan', TIMESTAMP '2026-01-05 10:00:00', TIMESTAMP '2026-01-05 10:00:00')");
            String[][] rows = {
                    {"CHECK_IN", "Routine check-in", "'CADENCE:1:2026-08-15'"},
                    {"HOLIDAY", "元旦问候", "'HOLIDAY:NEW_YEAR:2027:1'"},
                    {"BIRTHDAY", "Birthday of 曾晓燕 on 12/1", "'BIRTHDAY:1:2026-12-01'"},
                    {"WIN_BACK", "Win back: a regular at risk", "'WIN_BACK:1:2026-05-01'"},
                    {"CHECK_IN", "Ask about the new tea", "'CADENCE:1:2026-05-17'"}, // changed by a person
                    {"VISIT", "Bring samples", "NULL"},
                    {"COMPLAINT", "Low score in \"Net Promoter Score (NPS)\": 4", "NULL"}, // a low score's, linked below
                    {"COMPLAINT", "Tea arrived damp", "NULL"}}; // typed by a person
            for (int i = 0; i < rows.length; i++) {
                s.execute("INSERT INTO follow_up (customer_id, kind, title, due_at, all_day, status, generation_key, created_at, updated_at) "
                        + "VALUES (1, '" + rows[i][0] + "', '" + rows[i][1] + "', TIMESTAMP '2026-11-" + (21 + i) + " 00:00:00', TRUE, 'PLANNED', "
                        + rows[i][2] + ", TIMESTAMP '2026-11-20 10:00:00', TIMESTAMP '2026-11-20 10:00:00')");
            }
            s.execute("INSERT INTO survey (id, kind, template_key, name, name_zh, current_version, created_at) "
                    + "VALUES (101, 'NPS', NULL, 'Net Promoter Score (NPS)', '净推荐值 (NPS)', 1, TIMESTAMP '2026-01-01 00:00:00')");
            s.execute("INSERT INTO survey_version (id, survey_id, version_no, created_at) VALUES (101, 101, 1, TIMESTAMP '2026-01-01 00:00:00')");
            s.execute("INSERT INTO survey_response (id, survey_id, version_id, customer_id, channel, answered_on, score, complaint_followup_id, created_at) "
                    + "SELECT 9, 101, 101, 1, 'VISIT', DATE '2026-11-20', 4, id, TIMESTAMP '2026-11-20 10:00:00' FROM follow_up WHERE title LIKE 'Low score%'");
        }
        try (AppContext ctx = TestStores.open(dir)) {
            List<FollowUp> all = all(ctx);
            assertThat(all).extracting(FollowUp::titleTyped).containsExactly(false, false, false, false, true, true, false, true);
            assertThat(all.get(6).generationKey()).isEqualTo("COMPLAINT:NPS:4:9");
            assertThat(shown(all, ZH)).containsExactly("例行回访", "元旦问候", "生日问候（12月1日）", "挽回：有流失风险的老顾客",
                    "Ask about the new tea", "Bring samples", "净推荐值 (NPS) 低分：4", "Tea arrived damp");
            assertThat(shown(all, EN)).containsExactly("Routine check-in", "New Year greeting", "Birthday on 12/1",
                    "Win back: a regular at risk", "Ask about the new tea", "Bring samples", "Low NPS score: 4", "Tea arrived damp");
        }
    }
}
