package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.followup.Contact;
import app.regulars.followup.ContactChannel;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.followup.FollowUpStatus;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.membership.TierChange;
import app.regulars.membership.TierChangeReason;
import app.regulars.store.jooq.DefaultSchema;
import app.regulars.store.jooq.tables.records.CustomerRecord;
import app.regulars.survey.Answer;
import app.regulars.survey.NewResponse;
import app.regulars.survey.ResponseChannel;
import app.regulars.survey.Survey;
import app.regulars.tables.Progress;
import app.regulars.testing.TestStores;
import org.jooq.DSLContext;
import org.jooq.ForeignKey;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Merging customers on a real store (issue 16, item 6; decision 0025): every kind of record moves
 * to the kept customer through each feature's hook, totals, points and tier are counted again,
 * the merge is recorded and the old card numbers find the kept customer; all or nothing.
 */
class MergeTest {
    static final Messages EN = new Messages(Locale.ENGLISH);

    @TempDir
    Path dir;

    /** 王小明 (000001, kept) and 王晓明 (the other), each with something in every table that points at a customer. */
    private record Shop(long kept, long other, long bystander, String otherCode, String earlierCode) {
    }

    private static Shop fill(AppContext ctx) {
        TestStores.addKnownCustomers(ctx.customers());
        long kept = ctx.customers().byCode("000001").orElseThrow().id();
        long bystander = ctx.customers().byCode("000002").orElseThrow().id();
        Customer other = ctx.customers().save(Customer.builder().name("王晓明").phones("139 0000 1111", "138 1234 5678")
                .email("wxm@example.com").company("西湖茶社").tags("新客", "vip")
                .birthday(Birthday.solar(LocalDate.of(1988, 9, 26)))
                .consent(new Consent(true, LocalDate.of(2026, 1, 5), Set.of(MarketingChannel.EMAIL))).build());
        // Custom fields (decision 0027): the kept customer has a shoe size, the other a size and a stylist.
        CustomField size = ctx.customers().saveField(new CustomField(null, "鞋码", FieldKind.NUMBER, List.of(), false));
        CustomField stylist = ctx.customers().saveField(new CustomField(null, "发型师", FieldKind.TEXT, List.of(), false));
        ctx.customers().save(ctx.customers().get(kept).orElseThrow().toBuilder()
                .fields(Map.of(size.id(), new FieldValue(FieldKind.NUMBER, "40"))).build());
        other = ctx.customers().save(other.toBuilder().fields(Map.of(size.id(), new FieldValue(FieldKind.NUMBER, "42"),
                stylist.id(), new FieldValue(FieldKind.TEXT, "Tony"))).build());
        ctx.customers().save(other.toBuilder().notes("第一次来买白茶").build()); // consent unchanged: one history entry
        // Someone merged into him before: their card number must find the kept customer in the end.
        Customer earlier = ctx.customers().save(Customer.builder().name("小明").phones("137 0000 2222").build());
        MergeService merges = ctx.services().get(MergeService.class);
        merges.merge(merges.plan(other.id(), List.of(earlier.id())), MergeRecord.Source.WINDOW, EN);

        ctx.membership().recordPurchase(kept, LocalDateTime.of(2026, 11, 2, 10, 0), new BigDecimal("400.00"), "龙井");
        ctx.membership().recordPurchase(other.id(), LocalDateTime.of(2026, 10, 12, 15, 0), new BigDecimal("1200.00"), "白茶饼");
        ctx.membership().adjustPoints(other.id(), 30, "开业活动");
        ctx.membership().issueCoupon(other.id(), new BigDecimal("20.00"), null, TestStores.TODAY, TestStores.TODAY.plusDays(30), "新客券");
        ctx.followUps().logContact(new Contact(null, other.id(), LocalDateTime.of(2026, 11, 18, 10, 0), ContactChannel.PHONE,
                "问白茶口感", "满意", null, null));
        ctx.followUps().schedule(FollowUp.planned(other.id(), FollowUpKind.VISIT, "送白茶样品", LocalDateTime.of(2026, 11, 27, 10, 0)));
        ctx.settings().put(app.regulars.followup.AutoFollowUps.CADENCE_DEFAULT, "1");
        ctx.autoFollowUps().generate(EN); // a planned check-in for each of them
        Survey nps = ctx.surveys().get(1);
        ctx.surveys().saveResponse(new NewResponse(1, other.id(), null, ResponseChannel.VISIT, TestStores.TODAY,
                List.of(Answer.score(nps.questions().get(0).id(), 3), Answer.text(nps.questions().get(1).id(), "太贵")))); // opens a complaint
        merges.dismiss(other.id(), bystander);
        return new Shop(kept, other.id(), bystander, other.code(), earlier.code());
    }

    /** Every foreign key to a customer in the schema, as table.column. */
    private static Map<String, TableField<?, Long>> keysToCustomers() {
        Map<String, TableField<?, Long>> out = new LinkedHashMap<>();
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (ForeignKey<?, CustomerRecord> key : table.getReferencesTo(CUSTOMER)) {
                @SuppressWarnings("unchecked")
                TableField<?, Long> field = (TableField<?, Long>) key.getFields().getFirst();
                out.put((table.getName() + "." + field.getName()).toLowerCase(Locale.ROOT), field);
            }
        }
        return out;
    }

    /** How many rows of each table point at {@code customerId} (a table pointing twice counts its rows once a column). */
    private static Map<String, Integer> rowsOf(DSLContext dsl, long customerId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        keysToCustomers().forEach((name, field) -> out.put(name, dsl.fetchCount(DSL.selectOne().from(field.getTable()).where(field.eq(customerId)))));
        return out;
    }

    private static int tableRows(Map<String, Integer> rows, String table) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(table + ".")).mapToInt(Map.Entry::getValue).sum();
    }

    @Test
    void everyKindOfRecordMovesToTheKeptCustomerAndTotalsPointsAndTierAreCountedAgain() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            Shop shop = fill(ctx);
            DSLContext dsl = ctx.database().dsl();
            Map<String, Integer> otherRows = rowsOf(dsl, shop.other());
            Map<String, Integer> keptRows = rowsOf(dsl, shop.kept());
            // The test covers every table that points at a customer: a table added later fails it until it is filled here and
            // its feature moves its records in a merge.
            Set<String> tables = new java.util.HashSet<>();
            otherRows.keySet().forEach(k -> tables.add(k.substring(0, k.indexOf('.'))));
            for (String table : tables) {
                assertThat(tableRows(otherRows, table)).as("rows of the other customer in " + table).isPositive();
            }
            assertThat(ctx.membership().tierOf(shop.other()).position()).isEqualTo(1); // Silver on 1,200
            assertThat(ctx.membership().tierOf(shop.kept()).position()).isZero();
            int balance = ctx.membership().balance(shop.kept()) + ctx.membership().balance(shop.other());
            Customer keptBefore = ctx.customers().get(shop.kept()).orElseThrow();

            MergeService merges = ctx.services().get(MergeService.class);
            MergePlan plan = merges.plan("000001", List.of(shop.otherCode()));
            assertThat(plan.moving()).containsEntry("merge.count.purchases", 1).containsEntry("merge.count.points", 2)
                    .containsEntry("merge.count.coupons", 1).containsEntry("merge.count.tierChanges", 1)
                    .containsEntry("merge.count.contacts", 1).containsEntry("merge.count.surveyAnswers", 1)
                    .containsEntry("merge.count.consentChanges", 1);
            assertThat(plan.differing()).contains(MergeField.NAME, MergeField.BIRTHDAY, MergeField.EMAIL, MergeField.COMPANY,
                    MergeField.NOTES).doesNotContain(MergeField.JOB_TITLE);
            // By default the kept customer's values, the other's where the kept customer has none.
            assertThat(plan.pick(MergeField.NAME)).isZero();
            assertThat(plan.pick(MergeField.COMPANY)).isEqualTo(1);
            MergeService.Merged merged = merges.merge(plan.with(MergeField.BIRTHDAY, 1), MergeRecord.Source.WINDOW, EN);

            // The other customer is gone, and nothing of theirs stayed behind or was lost.
            assertThat(ctx.customers().get(shop.other())).isEmpty();
            assertThat(rowsOf(dsl, shop.other()).values()).allMatch(n -> n == 0);
            Map<String, Integer> after = rowsOf(dsl, shop.kept());
            for (String table : List.of("purchase", "point_entry", "coupon", "interaction", "survey_response")) {
                assertThat(tableRows(after, table)).as(table).isEqualTo(tableRows(keptRows, table) + tableRows(otherRows, table));
            }
            // The tier history: the other's, and the move to Silver the merge made.
            assertThat(tableRows(after, "tier_change")).isEqualTo(tableRows(keptRows, "tier_change") + tableRows(otherRows, "tier_change") + 1);
            assertThat(tableRows(after, "consent_change"))
                    .isEqualTo(tableRows(keptRows, "consent_change") + tableRows(otherRows, "consent_change") + 1);
            assertThat(tableRows(after, "customer_membership")).isEqualTo(1);

            // Totals, points and tier counted again: 400 + 1,200 in the last 12 months is Silver.
            assertThat(ctx.membership().totals(shop.kept()).last12Months()).isEqualByComparingTo("1600.00");
            assertThat(ctx.membership().totals(shop.kept()).count()).isEqualTo(2);
            assertThat(ctx.membership().balance(shop.kept())).isEqualTo(balance);
            assertThat(ctx.membership().tierOf(shop.kept()).position()).isEqualTo(1);
            assertThat(ctx.membership().tierHistory(shop.kept())).extracting(TierChange::reason).first().isEqualTo(TierChangeReason.MERGE);
            assertThat(ctx.membership().coupons(shop.kept())).extracting(c -> c.note()).contains("新客券");
            assertThat(ctx.followUps().contacts(shop.kept(), 10)).extracting(Contact::summary).contains("问白茶口感");
            assertThat(ctx.surveys().ofCustomer(shop.kept())).singleElement().satisfies(r -> assertThat(r.comment()).isEqualTo("太贵"));

            // Follow-ups: all moved; of the two planned check-ins the kept customer's stays, the other's is cancelled.
            List<FollowUp> followUps = ctx.followUps().between(LocalDateTime.of(2000, 1, 1, 0, 0), LocalDateTime.of(2100, 1, 1, 0, 0),
                    app.regulars.followup.FollowUpFilter.ALL).stream().filter(f -> f.customerId() == shop.kept()).toList();
            assertThat(followUps).filteredOn(f -> f.kind() == FollowUpKind.CHECK_IN && f.status() == FollowUpStatus.PLANNED).hasSize(1)
                    .allSatisfy(f -> assertThat(f.generationKey()).startsWith("CADENCE:" + shop.kept() + ":"));
            assertThat(followUps).filteredOn(f -> f.kind() == FollowUpKind.CHECK_IN && f.status() == FollowUpStatus.CANCELLED).hasSize(1)
                    .allSatisfy(f -> assertThat(f.generationKey()).startsWith("CADENCE:" + shop.kept() + ":"));
            assertThat(followUps).extracting(FollowUp::kind).contains(FollowUpKind.VISIT, FollowUpKind.COMPLAINT);
            assertThat(ctx.autoFollowUps().generate(EN).checkIns()).isZero(); // nothing planned twice

            // The merged profile: the chosen fields, phones, tags and emails put together, opt-outs kept.
            Customer c = merged.kept();
            assertThat(c.code()).isEqualTo("000001");
            assertThat(c.name()).isEqualTo("王小明");
            assertThat(c.birthday()).isEqualTo(Birthday.solar(LocalDate.of(1988, 9, 26)));
            assertThat(c.company()).isEqualTo("西湖茶社");
            assertThat(c.email()).isEqualTo("xiaoming@example.com");
            assertThat(c.notes()).isEqualTo("每周六下午来\nEmail: wxm@example.com");
            assertThat(c.phones()).containsExactly("+8613812345678", "+8613900001111", "+8613700002222");
            assertThat(c.fields().values()).as("the kept customer's shoe size; the other's stylist, which the kept one had not")
                    .extracting(FieldValue::text).containsExactlyInAnyOrder("40", "Tony");
            assertThat(c.tags()).containsExactlyInAnyOrder("VIP", "茶友", "新客");
            assertThat(c.consent().marketing()).isTrue();
            assertThat(c.consent().date()).isEqualTo(keptBefore.consent().date());
            assertThat(c.consent().optOuts()).containsExactlyInAnyOrder(MarketingChannel.SMS, MarketingChannel.EMAIL);
            assertThat(ctx.customers().consentHistory(shop.kept()).getLast().source()).isEqualTo(ConsentSource.MERGE);

            // Recorded on the profile, and both old card numbers find the kept customer.
            assertThat(merges.mergedInto(shop.kept())).extracting(MergeRecord::code, MergeRecord::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(shop.earlierCode(), "小明"),
                            org.assertj.core.groups.Tuple.tuple(shop.otherCode(), "王晓明"));
            assertThat(merged.mergedCodes()).containsExactly(shop.otherCode());
            assertThat(ctx.customers().byCode(shop.otherCode()).orElseThrow().id()).isEqualTo(shop.kept());
            assertThat(ctx.customers().byCode(shop.earlierCode()).orElseThrow().id()).isEqualTo(shop.kept());
            assertThat(ctx.customers().search(shop.otherCode(), null, false, CustomerSort.NAME, true)).containsExactly(shop.kept());
            assertThat(ctx.customers().buildSearchIndex()).isTrue();
            assertThat(ctx.customers().search(shop.earlierCode(), null, false, CustomerSort.NAME, true)).containsExactly(shop.kept());
            assertThat(ctx.customers().search("1111", null, false, CustomerSort.NAME, true)).containsExactly(shop.kept());
            // ... and no new customer gets them.
            assertThatThrownBy(() -> ctx.customers().save(Customer.builder().code(shop.otherCode()).name("新人").build()))
                    .isInstanceOf(InvalidCustomerException.class);
            assertThat(ctx.customers().codeExists(shop.earlierCode())).isTrue();
        }
    }

    @Test
    void aMergeIsAllOrNothing() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            Shop shop = fill(ctx);
            DSLContext dsl = ctx.database().dsl();
            Map<String, Integer> otherRows = rowsOf(dsl, shop.other());
            Map<String, Integer> keptRows = rowsOf(dsl, shop.kept());
            MergeService merges = ctx.services().get(MergeService.class);
            merges.add(new MergeHook() { // after every feature has moved its records, one fails
                @Override
                public Map<String, Integer> count(DSLContext d, java.util.Collection<Long> ids) {
                    return Map.of();
                }

                @Override
                public void move(DSLContext tx, CustomerMerge merge) {
                    throw new IllegalStateException("a hook failed");
                }
            });
            assertThatThrownBy(() -> merges.merge(merges.plan(shop.kept(), List.of(shop.other())), MergeRecord.Source.WINDOW, EN))
                    .hasMessageContaining("a hook failed");
            assertThat(rowsOf(dsl, shop.other())).isEqualTo(otherRows);
            assertThat(rowsOf(dsl, shop.kept())).isEqualTo(keptRows);
            assertThat(ctx.customers().get(shop.other())).isPresent();
            assertThat(ctx.customers().byCode(shop.otherCode()).orElseThrow().id()).isEqualTo(shop.other());
            assertThat(merges.mergedInto(shop.kept())).isEmpty();
        }
    }

    @Test
    void aMergeThatWouldLeaveRecordsBehindIsRefused() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            Shop shop = fill(ctx);
            DSLContext dsl = ctx.database().dsl();
            Map<String, Integer> otherRows = rowsOf(dsl, shop.other());
            // A merge service that no feature told how to move its records: the purchases would go with the customer.
            MergeService bare = new MergeService(ctx.database(), ctx.customers(), new CustomerRepository(), new MergeRepository(),
                    TestStores.CLOCK);
            assertThatThrownBy(() -> bare.merge(bare.plan(shop.kept(), List.of(shop.other())), MergeRecord.Source.WINDOW, EN))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("PURCHASE.CUSTOMER_ID")
                    .hasMessageContaining("SURVEY_RESPONSE.CUSTOMER_ID");
            assertThat(rowsOf(dsl, shop.other())).isEqualTo(otherRows);
        }
    }

    @Test
    void twoOrMoreMergeIntoOneWithFieldsChosenFromAny() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer a = ctx.customers().save(Customer.builder().name("Li Na").phones("135 0000 0001").build());
            Customer b = ctx.customers().save(Customer.builder().name("李娜").phones("135 0000 0002").jobTitle("店长").build());
            Customer c = ctx.customers().save(Customer.builder().name("Lina").phones("135 0000 0001").email("lina@example.com").build());
            ctx.membership().recordPurchase(b.id(), LocalDateTime.of(2026, 11, 1, 9, 0), new BigDecimal("88.00"), null);
            ctx.membership().recordPurchase(c.id(), LocalDateTime.of(2026, 11, 3, 9, 0), new BigDecimal("12.00"), null);
            MergeService merges = ctx.services().get(MergeService.class);
            MergePlan plan = merges.plan(a.code(), List.of(b.code(), c.code()));
            assertThat(plan.all()).extracting(Customer::code).containsExactly(a.code(), b.code(), c.code());
            assertThat(plan.pick(MergeField.JOB_TITLE)).isEqualTo(1);
            assertThat(plan.pick(MergeField.EMAIL)).isEqualTo(2);
            MergeService.Merged merged = merges.merge(plan.with(MergeField.NAME, 1), MergeRecord.Source.COMMAND_LINE, EN);
            assertThat(merged.kept().name()).isEqualTo("李娜");
            assertThat(merged.kept().jobTitle()).isEqualTo("店长");
            assertThat(merged.kept().email()).isEqualTo("lina@example.com");
            assertThat(merged.kept().phones()).containsExactly("+8613500000001", "+8613500000002");
            assertThat(merged.moved()).containsEntry("merge.count.purchases", 2);
            assertThat(ctx.membership().totals(a.id()).total()).isEqualByComparingTo("100.00");
            assertThat(merges.mergedInto(a.id())).extracting(MergeRecord::code, MergeRecord::source).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(b.code(), MergeRecord.Source.COMMAND_LINE),
                    org.assertj.core.groups.Tuple.tuple(c.code(), MergeRecord.Source.COMMAND_LINE));
        }
    }

    @Test
    void whatCannotBeMergedIsRefusedWithAReason() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            TestStores.addKnownCustomers(ctx.customers());
            MergeService merges = ctx.services().get(MergeService.class);
            assertThat(key(() -> merges.plan("000001", List.of("000001")))).isEqualTo("merge.error.same");
            assertThat(key(() -> merges.plan("000001", List.of("999999")))).isEqualTo("merge.error.noCode");
            ctx.services().get(PrivacyService.class).erase("000002", PrivacyRequest.Source.WINDOW);
            assertThat(key(() -> merges.plan("000001", List.of("000002")))).isEqualTo("merge.error.erased");
            // More than five phones in all: the merged profile would not save.
            Customer many = ctx.customers().save(Customer.builder().name("多号码").phones("135 0000 0001", "135 0000 0002",
                    "135 0000 0003", "135 0000 0004", "135 0000 0005").build());
            assertThatThrownBy(() -> merges.merge(merges.plan("000001", List.of(many.code())), MergeRecord.Source.WINDOW, EN))
                    .isInstanceOf(InvalidCustomerException.class);
            assertThat(ctx.customers().get(many.id())).isPresent();
        }
    }

    @Test
    void theFinderLeavesOutArchivedErasedAndDismissedCustomers() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            TestStores.addKnownCustomers(ctx.customers()); // 张伟 archived
            ctx.customers().save(Customer.builder().name("张伟").phones("186 0000 1111").build());
            Customer wang = ctx.customers().save(Customer.builder().name("汪小明").build());
            Customer alice = ctx.customers().save(Customer.builder().name("Alice Smyth").email("ALICE@example.org").build());
            MergeService merges = ctx.services().get(MergeService.class);
            DuplicateFinder.Result result = merges.findDuplicates(Progress.NONE, () -> false);
            assertThat(result.customers()).isEqualTo(6);
            assertThat(result.pairs()).extracting(p -> p.a().code() + " " + p.b().code() + " " + p.reasonsInOrder() + " " + p.score())
                    .containsExactly("000003 " + alice.code() + " [EMAIL, SIMILAR_NAME] 86", "000001 " + wang.code() + " [PINYIN] 35");
            merges.dismiss(wang.id(), ctx.customers().byCode("000001").orElseThrow().id());
            ctx.services().get(PrivacyService.class).erase("000003", PrivacyRequest.Source.WINDOW);
            assertThat(merges.findDuplicates(Progress.NONE, () -> false).pairs()).isEmpty();
        }
    }

    @Test
    void erasingTheKeptCustomerErasesTheNamesMergedInAndKeepsTheCardNumbers() {
        try (AppContext ctx = TestStores.open(dir.resolve("store"))) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer twin = ctx.customers().save(Customer.builder().name("王小明").phones("137 0000 2222").build());
            MergeService merges = ctx.services().get(MergeService.class);
            merges.merge(merges.plan("000001", List.of(twin.code())), MergeRecord.Source.WINDOW, EN);
            PrivacyService privacy = ctx.services().get(PrivacyService.class);
            CustomerExport export = privacy.export("000001", PrivacyRequest.Source.WINDOW, EN);
            assertThat(export.sections().getFirst().rows().getFirst().toString()).contains(twin.code() + " 王小明 (Nov 23, 2026, Window)");

            privacy.erase(twin.code(), PrivacyRequest.Source.WINDOW); // the old card number finds them
            assertThat(merges.mergedInto(ctx.customers().byCode("000001").orElseThrow().id()))
                    .extracting(MergeRecord::code, MergeRecord::name).containsExactly(org.assertj.core.groups.Tuple.tuple(twin.code(), null));
            assertThat(ctx.customers().codeExists(twin.code())).isTrue();
        }
    }

    private static String key(Runnable r) {
        try {
            r.run();
        } catch (UserException e) {
            return e.key();
        }
        return null;
    }
}
