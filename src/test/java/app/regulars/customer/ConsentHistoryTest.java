package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every change of a customer's consent is kept: when, the consent after it, and where it was made (issue 15, item 5). */
class ConsentHistoryTest {
    @TempDir
    Path dir;

    private static final Messages EN = new Messages(Locale.ENGLISH);
    private static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    @Test
    void theFormRecordsEachChangeOfConsentAndNothingElse() {
        try (AppContext context = TestStores.open(dir)) {
            CustomerService customers = context.customers();
            Customer li = customers.save(Customer.builder().name("李雷").phones("138 0000 2222")
                    .consent(new Consent(true, LocalDate.of(2026, 5, 1), Set.of(MarketingChannel.SMS))).build());
            Customer quiet = customers.save(Customer.builder().name("韩梅梅").phones("138 0000 3333").build());

            li = customers.save(li.toBuilder().notes("喜欢普洱").build()); // no change of consent: nothing recorded
            li = customers.save(li.toBuilder().consent(new Consent(true, LocalDate.of(2026, 5, 1),
                    Set.of(MarketingChannel.PHONE, MarketingChannel.WECHAT))).build());
            li = customers.save(li.toBuilder().consent(Consent.NONE).build());

            List<ConsentChange> history = customers.consentHistory(li.id());
            assertThat(history).extracting(ConsentChange::source).containsOnly(ConsentSource.EDITOR);
            assertThat(history).extracting(ConsentChange::consent).containsExactly(
                    new Consent(true, LocalDate.of(2026, 5, 1), Set.of(MarketingChannel.SMS)),
                    new Consent(true, LocalDate.of(2026, 5, 1), Set.of(MarketingChannel.PHONE, MarketingChannel.WECHAT)),
                    Consent.NONE);
            assertThat(history).extracting(ConsentChange::changedAt).allMatch(t -> t.toLocalDate().equals(TestStores.TODAY));
            assertThat(customers.consentHistory(quiet.id())).isEmpty(); // never agreed, never opted out

            // What each entry changed, newest first, in both languages.
            assertThat(new ConsentText(EN).history(history)).extracting(ConsentText.Line::what).containsExactly(
                    "Withdrew marketing consent; Opted back in to Phone calls, WeChat",
                    "Opted out of Phone calls, WeChat; Opted back in to SMS",
                    "Agreed to marketing on May 1, 2026; Opted out of SMS");
            assertThat(new ConsentText(EN).history(history)).extracting(ConsentText.Line::from).containsOnly("the customer form");
            assertThat(new ConsentText(ZH).history(history).getLast().what()).isEqualTo("2026年5月1日 同意接收营销信息；不再接收：短信");
        }
    }

    @Test
    void anImportRecordsTheConsentItBringsAsFromAnImportOrTheCommandLine() throws Exception {
        Path file = dir.resolve("customers.csv");
        Files.writeString(file, """
                name,phones,marketing_consent,consent_date,opt_outs
                周杰,13800004444,yes,2026-02-03,sms
                吴敏,13800005555,no,,
                """, StandardCharsets.UTF_8);
        Path store = dir.resolve("store");
        try (AppContext context = TestStores.open(store)) {
            ImportReport report = new CustomerCsvImporter(context.customers()).importFile(file, Progress.NONE, () -> false);
            assertThat(report.imported()).isEqualTo(2);
            Customer zhou = find(context.customers(), "周杰");
            assertThat(context.customers().consentHistory(zhou.id())).singleElement().satisfies(c -> {
                assertThat(c.source()).isEqualTo(ConsentSource.IMPORT);
                assertThat(c.consent()).isEqualTo(new Consent(true, LocalDate.of(2026, 2, 3), Set.of(MarketingChannel.SMS)));
            });
            assertThat(context.customers().consentHistory(find(context.customers(), "吴敏").id())).isEmpty();
        }

        Path cliStore = dir.resolve("cli");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(cliStore, Locale.ENGLISH, out, err, "import", "customers", file.toString())).as(err.toString()).isZero();
        try (AppContext context = TestStores.open(cliStore)) {
            assertThat(context.customers().consentHistory(find(context.customers(), "周杰").id()))
                    .extracting(ConsentChange::source).containsExactly(ConsentSource.COMMAND_LINE);
        }
    }

    @app.regulars.testing.H2FileOnly("an H2 file made at the schema before, upgraded")
    @Test
    void theUpgradeRecordsTheConsentCustomersAlreadyHad() throws Exception {
        Path data = dir.resolve("data");
        String url = "jdbc:h2:file:" + data.resolve(Database.FILE_NAME).toAbsolutePath();
        Flyway.configure().dataSource(url, "regulars", "").locations("classpath:db/migration", "classpath:db/vendor/h2").target("8").load().migrate();
        Timestamp added = Timestamp.valueOf(TestStores.TODAY.minusYears(1).atTime(9, 0));
        try (Connection c = DriverManager.getConnection(url, "regulars", "")) {
            var insert = c.prepareStatement("INSERT INTO customer (id, code, name, sort_name, marketing_consent, consent_date, "
                    + "opt_out_phone, opt_out_sms, opt_out_wechat, opt_out_email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            Object[][] rows = {
                    {1L, "000001", "有同意", true, java.sql.Date.valueOf("2025-06-01"), false, true, true, false},
                    {2L, "000002", "只退订", false, null, true, false, false, false},
                    {3L, "000003", "什么都没有", false, null, false, false, false, false}};
            for (Object[] r : rows) {
                insert.setLong(1, (Long) r[0]);
                insert.setString(2, (String) r[1]);
                insert.setString(3, (String) r[2]);
                insert.setString(4, (String) r[2]);
                insert.setBoolean(5, (Boolean) r[3]);
                insert.setDate(6, (java.sql.Date) r[4]);
                for (int i = 0; i < 4; i++) {
                    insert.setBoolean(7 + i, (Boolean) r[5 + i]);
                }
                insert.setTimestamp(11, added);
                insert.setTimestamp(12, added);
                insert.executeUpdate();
            }
        }
        try (AppContext context = AppContext.open(data, TestStores.CLOCK, Locale.ENGLISH)) {
            CustomerService customers = context.customers();
            assertThat(customers.consentHistory(1)).singleElement().satisfies(c -> {
                assertThat(c.source()).isEqualTo(ConsentSource.EARLIER);
                assertThat(c.changedAt()).isEqualTo(LocalDate.of(2025, 6, 1).atStartOfDay());
                assertThat(c.consent()).isEqualTo(customers.get(1).orElseThrow().consent());
                assertThat(c.consent().optOuts()).containsExactlyInAnyOrder(MarketingChannel.SMS, MarketingChannel.WECHAT);
            });
            assertThat(customers.consentHistory(2)).singleElement().satisfies(c -> {
                assertThat(c.changedAt()).isEqualTo(added.toLocalDateTime());
                assertThat(c.consent()).isEqualTo(new Consent(false, null, Set.of(MarketingChannel.PHONE)));
            });
            assertThat(customers.consentHistory(3)).isEmpty();
            assertThat(new ConsentText(EN).history(customers.consentHistory(1))).singleElement()
                    .extracting(ConsentText.Line::from).isEqualTo("before the history began");
        }
    }

    private static Customer find(CustomerService customers, String name) {
        long[] ids = customers.search(name, null, false, CustomerSort.NAME, true);
        return customers.get(ids[0]).orElseThrow();
    }
}
