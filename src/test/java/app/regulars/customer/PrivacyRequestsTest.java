package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.followup.Contact;
import app.regulars.followup.ContactChannel;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpFilter;
import app.regulars.followup.FollowUpKind;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Database;
import app.regulars.survey.Answer;
import app.regulars.survey.NewResponse;
import app.regulars.survey.ResponseChannel;
import app.regulars.survey.ResultFilter;
import app.regulars.survey.Survey;
import app.regulars.tables.TableLayout;
import app.regulars.testing.TestStores;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jooq.tools.json.JSONParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A customer's privacy requests on a real store (issue 15, item 4; decision 0021): the export
 * holds every record about them; the erasure leaves no trace of them in the closed, compacted
 * data file while the shop's totals stay as they were; both are logged without personal data.
 */
class PrivacyRequestsTest {
    @TempDir
    Path dir;

    static final String NAME = "王小明";
    static final String[] PHONE_FORMS = {"+8613812345678", "13812345678", "138 1234 5678"};

    /** 王小明 with a purchase, points, a coupon, contacts, follow-ups, a survey answer; others who mention him. */
    private static long fill(AppContext ctx) {
        TestStores.addKnownCustomers(ctx.customers());
        long wang = ctx.customers().byCode("000001").orElseThrow().id();
        long zeng = ctx.customers().byCode("000002").orElseThrow().id();
        ctx.membership().recordPurchase(wang, LocalDateTime.of(2026, 11, 20, 15, 0), new BigDecimal("368.00"), "龙井 250 克，王小明自取");
        ctx.membership().recordPurchase(zeng, LocalDateTime.of(2026, 11, 21, 11, 0), new BigDecimal("120.00"), "替王小明带的碧螺春");
        ctx.membership().adjustPoints(wang, 50, "老顾客回馈");
        ctx.membership().issueCoupon(wang, new BigDecimal("20.00"), null, TestStores.TODAY, TestStores.TODAY.plusDays(30), "生日礼券");
        ctx.followUps().logContact(new Contact(null, wang, LocalDateTime.of(2026, 11, 18, 10, 0), ContactChannel.PHONE,
                "问新茶口感", "很喜欢", "下周送样品", null));
        ctx.followUps().schedule(FollowUp.planned(wang, FollowUpKind.VISIT, "送新茶样品", LocalDateTime.of(2026, 11, 25, 10, 0))
                .withNotes("电话 13812345678，到了先打电话"));
        ctx.followUps().schedule(FollowUp.planned(zeng, FollowUpKind.CHECK_IN, "问曾晓燕认不认识王小明", LocalDateTime.of(2026, 11, 26, 10, 0))
                .withNotes("王小明介绍来的，138 1234 5678"));
        Survey nps = ctx.surveys().get(1);
        ctx.surveys().saveResponse(new NewResponse(1, wang, null, ResponseChannel.VISIT, TestStores.TODAY,
                List.of(Answer.score(nps.questions().get(0).id(), 3), Answer.text(nps.questions().get(1).id(), "茶叶受潮，王小明很不满意"))));
        ctx.surveys().saveResponse(new NewResponse(1, null, "王小明的朋友", ResponseChannel.VISIT, TestStores.TODAY,
                List.of(Answer.score(nps.questions().get(0).id(), 9), Answer.text(nps.questions().get(1).id(), "王小明推荐的"))));
        Customer zengNow = ctx.customers().get(zeng).orElseThrow();
        ctx.customers().save(zengNow.toBuilder().notes("王小明的表妹").build());
        return wang;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExportHoldsEveryRecordAboutTheCustomerAsJsonAndAsAReadablePdf() throws Exception {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            long wang = fill(ctx);
            PrivacyService privacy = ctx.services().get(PrivacyService.class);
            CustomerExport export = privacy.export("000001", PrivacyRequest.Source.WINDOW, new Messages(Locale.ENGLISH));
            assertThat(export.sections()).extracting(DataSection::key).containsExactly("customer", "consentHistory", "contacts",
                    "followUps", "membership", "purchases", "points", "coupons", "tierHistory", "surveyAnswers", "insights");

            Path json = dir.resolve("wang.json");
            privacy.writeJson(export, json);
            Map<String, Object> data = (Map<String, Object>) new JSONParser().parse(Files.readString(json, StandardCharsets.UTF_8));
            assertThat(data).containsEntry("format", "regulars-customer-export");
            Map<String, Object> customer = (Map<String, Object>) data.get("customer");
            assertThat(customer).containsEntry("code", "000001").containsEntry("name", NAME)
                    .containsEntry("phones", List.of("+8613812345678")).containsEntry("email", "xiaoming@example.com")
                    .containsEntry("birthday", "1988-08-15").containsEntry("birthdayCalendar", "LUNAR")
                    .containsEntry("marketingConsent", true).containsEntry("consentDate", "2025-03-01")
                    .containsEntry("optOuts", List.of("SMS")).containsEntry("tags", List.of("VIP", "茶友"));
            assertThat((List<Map<String, Object>>) data.get("consentHistory")).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("source", "EDITOR").containsEntry("optOuts", List.of("SMS")));
            assertThat((List<Map<String, Object>>) data.get("contacts")).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("channel", "PHONE").containsEntry("summary", "问新茶口感"));
            assertThat((List<Map<String, Object>>) data.get("followUps")).extracting(f -> f.get("title"))
                    .contains("送新茶样品", "Low NPS score: 3"); // the complaint the low score opened
            assertThat((List<Map<String, Object>>) data.get("purchases")).singleElement()
                    .satisfies(p -> assertThat(p).containsEntry("purchasedAt", "2026-11-20T15:00").containsEntry("note", "龙井 250 克，王小明自取")
                            .containsEntry("points", 368L).containsEntry("voided", false));
            assertThat(((List<Map<String, Object>>) data.get("purchases")).getFirst().get("amount").toString()).isEqualTo("368.0");
            assertThat((List<Map<String, Object>>) data.get("points")).extracting(p -> p.get("reason")).contains("老顾客回馈");
            assertThat((List<Map<String, Object>>) data.get("coupons")).singleElement()
                    .satisfies(c -> assertThat(c).containsEntry("note", "生日礼券").containsEntry("validUntil", "2026-12-23"));
            assertThat((List<Map<String, Object>>) data.get("tierHistory")).isEmpty(); // still Bronze
            assertThat((List<Map<String, Object>>) data.get("insights")).extracting(f -> f.get("fact")).contains("Last visit", "Stage");
            assertThat((List<Map<String, Object>>) data.get("surveyAnswers")).singleElement().satisfies(a -> {
                assertThat(a).containsEntry("score", 3L).containsEntry("comment", "茶叶受潮，王小明很不满意").containsEntry("channel", "VISIT");
                assertThat((List<String>) a.get("answers")).hasSize(2).last().asString().endsWith(": 茶叶受潮，王小明很不满意");
            });
            // Nothing of anyone else: 曾晓燕's purchase and follow-up are not his.
            assertThat(Files.readString(json, StandardCharsets.UTF_8)).doesNotContain("碧螺春", "曾晓燕", "王小明的朋友");

            Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
            Path pdf = dir.resolve("wang.pdf");
            privacy.writePdf(privacy.export(wang, PrivacyRequest.Source.WINDOW, zh), zh, TableLayout.Paper.A4, pdf);
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains("王小明（000001）的个人信息", "xiaoming@example.com", "138 1234 5678", "龙井 250 克", "茶叶受潮",
                        "生日礼券", "农历八月十五");
                for (String section : List.of("privacy.section.profile", "customer.profile.consentHistory", "followup.timeline.title",
                        "privacy.section.followUps", "privacy.section.membership", "membership.profile.purchases", "membership.profile.points",
                        "membership.profile.coupons", "membership.profile.tierHistory", "privacy.section.surveyAnswers")) {
                    assertThat(text).as(section).contains(zh.get(section));
                }
            }

            // Both requests are logged, with the card number and nothing personal.
            assertThat(privacy.requests()).extracting(PrivacyRequest::kind, PrivacyRequest::customerCode, PrivacyRequest::source)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(PrivacyRequest.Kind.EXPORT, "000001", PrivacyRequest.Source.WINDOW),
                            org.assertj.core.groups.Tuple.tuple(PrivacyRequest.Kind.EXPORT, "000001", PrivacyRequest.Source.WINDOW));
        }
    }

    @app.regulars.testing.H2FileOnly("the bytes of the closed file")
    @Test
    void afterAnErasureTheClosedFileHoldsNeitherTheNameNorThePhoneAndTheTotalsStay() throws Exception {
        Path store = dir.resolve("store");
        long wang;
        BigDecimal paidBefore;
        Double npsBefore;
        try (AppContext ctx = TestStores.open(store)) {
            wang = fill(ctx);
            paidBefore = paid(ctx);
            npsBefore = ctx.surveys().results(1, ResultFilter.all(), false).nps();
            ctx.database().compactAtClose(); // the same compaction as after an erasure, for the control below
        }
        // The control: a compacted file with him in it shows his name and phone to a raw search.
        assertThat(rawHits(store)).contains(NAME, PHONE_FORMS[0], PHONE_FORMS[1]);

        try (AppContext ctx = TestStores.open(store)) {
            PrivacyService privacy = ctx.services().get(PrivacyService.class);
            PrivacyService.Erased erased = privacy.erase("000001", PrivacyRequest.Source.WINDOW);
            assertThat(erased.code()).isEqualTo("000001");

            Customer left = ctx.customers().get(wang).orElseThrow();
            assertThat(left.erased()).isTrue();
            assertThat(left.archived()).isTrue();
            assertThat(left.code()).isEqualTo("000001");
            assertThat(left.name()).isEqualTo(PrivacyService.ERASED_NAME);
            assertThat(left.phones()).isEmpty();
            assertThat(left.email()).isNull();
            assertThat(left.birthday()).isNull();
            assertThat(left.tags()).isEmpty();
            assertThat(left.notes()).isNull();
            assertThat(left.consent()).isEqualTo(Consent.NONE);
            assertThat(ctx.customers().consentHistory(wang)).isEmpty();
            assertThat(ctx.customers().search("wxm", null, true, CustomerSort.NAME, true)).isEmpty();
            assertThat(ctx.customers().search("5678", null, true, CustomerSort.NAME, true)).isEmpty();

            // The shop's figures: the purchase stays, without its note; the NPS is unchanged.
            assertThat(paid(ctx)).isEqualByComparingTo(paidBefore);
            assertThat(ctx.membership().purchases(wang, 10)).singleElement().satisfies(p -> {
                assertThat(p.amount()).isEqualByComparingTo("368.00");
                assertThat(p.note()).isNull();
            });
            assertThat(ctx.membership().balance(wang)).isEqualTo(418);
            assertThat(ctx.surveys().results(1, ResultFilter.all(), false).nps()).isEqualTo(npsBefore);
            assertThat(ctx.surveys().ofCustomer(wang)).singleElement().satisfies(r -> assertThat(r.comment()).isNull());
            assertThat(ctx.followUps().contacts(wang, 10)).isEmpty();
            assertThat(ctx.followUps().between(LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(2100, 1, 1, 0, 0), FollowUpFilter.ALL))
                    .allSatisfy(f -> {
                        assertThat(f.customerId()).isNotEqualTo(wang);
                        assertThat(f.title() + f.notes()).doesNotContain(NAME).doesNotContain("1234 5678");
                    }).extracting(FollowUp::title).contains("问曾晓燕认不认识***");
            assertThat(ctx.customers().byCode("000002").orElseThrow().notes()).isEqualTo("***的表妹");

            // Nothing comes back: no export, no second erasure, no edit, no restore.
            assertThatThrownBy(() -> privacy.export("000001", PrivacyRequest.Source.WINDOW, new Messages(Locale.ENGLISH)))
                    .isInstanceOf(UserException.class).extracting(e -> ((UserException) e).key()).isEqualTo("privacy.error.erased");
            assertThatThrownBy(() -> privacy.erase("000001", PrivacyRequest.Source.WINDOW)).isInstanceOf(UserException.class);
            assertThatThrownBy(() -> ctx.customers().save(left.toBuilder().name("王小明").build()))
                    .isInstanceOf(UserException.class).extracting(e -> ((UserException) e).key()).isEqualTo("customer.error.erased");
            assertThat(ctx.customers().restore(List.of(wang))).isZero();
            long walkIn = ctx.surveys().responses(1, ResultFilter.all(), false, true).getFirst().id();
            assertThatThrownBy(() -> ctx.surveys().link(walkIn, "000001")).isInstanceOf(UserException.class);
            assertThatThrownBy(() -> ctx.membership().recordPurchase(wang, LocalDateTime.of(2026, 11, 23, 9, 0), BigDecimal.TEN, null))
                    .isInstanceOf(UserException.class);
            assertThat(privacy.requests()).extracting(PrivacyRequest::kind, PrivacyRequest::customerCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(PrivacyRequest.Kind.ERASE, "000001"));
        }
        // The store closed and compacted: a raw search of the file finds neither his name nor his phone.
        assertThat(rawHits(store)).isEmpty();
        try (AppContext ctx = TestStores.open(store)) {
            assertThat(paid(ctx)).isEqualByComparingTo(paidBefore); // and the file still opens, its totals as before
        }
    }

    @Test
    void theCommandLineExportsAndErasesByCardNumberOnlyWithYes() throws Exception {
        Path store = dir.resolve("cli");
        try (AppContext ctx = app.regulars.testing.TestStores.open(store, TestStores.CLOCK, Locale.ENGLISH)) {
            fill(ctx);
        }
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Path json = dir.resolve("out/000001.json");
        assertThat(app.regulars.testing.Cli.run(store, Locale.ENGLISH, out, err, "customer", "export", "000001", "--out", json.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("Wrote everything held about customer 000001 to " + json.toAbsolutePath());
        assertThat(Files.readString(json, StandardCharsets.UTF_8)).contains("\"name\": \"王小明\"", "\"surveyAnswers\": [");
        Path pdf = dir.resolve("out/000001.pdf");
        assertThat(app.regulars.testing.Cli.run(store, Locale.ENGLISH, out, err, "customer", "export", "000001", "--out", pdf.toString()))
                .isZero();
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        assertThat(app.regulars.testing.Cli.run(store, Locale.ENGLISH, out, err, "customer", "export", "000001", "--out", "x.txt"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("must end in .json or .pdf");

        err.getBuffer().setLength(0);
        assertThat(app.regulars.testing.Cli.run(store, Locale.ENGLISH, out, err, "customer", "erase", "000001")).isEqualTo(1);
        assertThat(err.toString()).contains("run it again with --yes to erase 王小明 (000001)");
        assertThat(app.regulars.testing.Cli.run(store, Locale.ENGLISH, out, err, "customer", "erase", "999999", "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("No customer has the card number 999999.");

        out.getBuffer().setLength(0);
        assertThat(app.regulars.testing.Cli.run(store, Locale.ENGLISH, out, err, "customer", "erase", "000001", "--yes"))
                .as(err.toString()).isZero();
        if (app.regulars.testing.TestStores.onPostgres()) {
            assertThat(out.toString()).contains("Customer 000001 erased", "The data is on a shared server: its own backups (pg_dump)");
        } else {
            assertThat(out.toString()).contains("Customer 000001 erased", "No backup holds their data.",
                    "The data file is compacted when Regulars closes");
            assertThat(rawHits(store)).isEmpty();
        }

        out.getBuffer().setLength(0);
        assertThat(app.regulars.testing.Cli.run(store, Locale.ENGLISH, out, err, "customer", "requests")).isZero();
        assertThat(out.toString().lines().toList()).hasSize(3).first().asString().contains("Erasure", "000001", "Command line");
        assertThat(out.toString()).doesNotContain(NAME);
    }

    /** Money paid in the shop, all customers: what the shop's totals are made of. */
    private static BigDecimal paid(AppContext ctx) {
        BigDecimal[] sum = {BigDecimal.ZERO};
        ctx.membership().forEachPurchase(row -> sum[0] = sum[0].add((BigDecimal) row.get(3)));
        return sum[0];
    }

    /**
     * Which of the name and the phone's forms (as H2 writes text, as UTF-8, as UTF-16 either way round) occur in the raw
     * bytes of the closed store's files (the data file and whatever else H2 left beside it; not backups).
     */
    static List<String> rawHits(Path store) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(store)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).contains(store.resolve(Database.FILE_NAME + ".mv.db"));
        List<String> hits = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            for (String term : Stream.concat(Stream.of(NAME), Stream.of(PHONE_FORMS)).toList()) {
                List<byte[]> forms = new ArrayList<>(List.of(h2Bytes(term)));
                for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                    forms.add(term.getBytes(cs));
                }
                if (forms.stream().anyMatch(form -> indexOf(bytes, form) >= 0) && !hits.contains(term)) {
                    hits.add(term);
                }
            }
        }
        return hits;
    }

    /**
     * A text as H2's MVStore writes it into a row (DataUtils.writeStringData): like UTF-8, but the
     * second and third bytes of a character carry no 10xxxxxx marker, so 王小明 is not its UTF-8 bytes.
     */
    static byte[] h2Bytes(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i);
            if (c < 0x80) {
                out.write(c);
            } else if (c >= 0x800) {
                out.write(0xe0 | (c >> 12));
                out.write((c >> 6) & 0x3f);
                out.write(c & 0x3f);
            } else {
                out.write(0xc0 | (c >> 6));
                out.write(c & 0x3f);
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
