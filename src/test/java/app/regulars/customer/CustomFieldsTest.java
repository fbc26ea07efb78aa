package app.regulars.customer;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.testing.SyncTaskRunner;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Custom fields on a real store (issue 16 item 8, decision 0027): definitions, values by kind, search, filters, erasure. */
class CustomFieldsTest {
    static final Messages EN = new Messages(Locale.ENGLISH);
    static final Messages ZH = new Messages(Locale.SIMPLIFIED_CHINESE);

    @TempDir
    Path dir;

    /** 鞋码 (number), 常找的发型师 (text), 会员等级 (choice), 到店日 (date), Newsletter (yes/no). */
    static Map<String, CustomField> define(CustomerService s) {
        Map<String, CustomField> out = new LinkedHashMap<>();
        for (CustomField f : List.of(
                new CustomField(null, "鞋码", FieldKind.NUMBER, List.of(), true),
                new CustomField(null, "常找的发型师", FieldKind.TEXT, List.of(), false),
                new CustomField(null, "会员等级", FieldKind.CHOICE, List.of("金卡", "银卡", "Bronze"), false),
                new CustomField(null, "到店日", FieldKind.DATE, List.of(), false),
                new CustomField(null, "Newsletter", FieldKind.YES_NO, List.of(), false))) {
            CustomField saved = s.saveField(f);
            out.put(saved.name(), saved);
        }
        return out;
    }

    static Map<Long, FieldValue> values(Map<String, CustomField> f, String... nameValue) {
        Map<Long, FieldValue> out = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            CustomField field = f.get(nameValue[i]);
            out.put(field.id(), new FieldValue(field.kind(), nameValue[i + 1]));
        }
        return out;
    }

    @Test
    void fieldsAreDefinedRenamedReorderedAndRemovedWithNamesUniqueIgnoringCase() {
        try (AppContext ctx = TestStores.open(dir)) {
            CustomerService s = ctx.customers();
            Map<String, CustomField> f = define(s);
            assertThat(s.customFields().all()).extracting(CustomField::name)
                    .containsExactly("鞋码", "常找的发型师", "会员等级", "到店日", "Newsletter");
            assertThatThrownBy(() -> s.saveField(new CustomField(null, "  NEWSLETTER ", FieldKind.TEXT, List.of(), false)))
                    .isInstanceOf(UserException.class).satisfies(e -> assertThat(((UserException) e).localizedMessage(EN))
                            .isEqualTo("There is already a field called \u201CNEWSLETTER\u201D."));
            assertThatThrownBy(() -> s.saveField(new CustomField(null, "Colour", FieldKind.CHOICE, List.of(" ", ""), false)))
                    .isInstanceOf(UserException.class).hasMessage("customer.custom.error.optionsRequired");
            assertThatThrownBy(() -> s.saveField(new CustomField(null, " ", FieldKind.TEXT, List.of(), false)))
                    .hasMessage("customer.custom.error.nameRequired");

            CustomField renamed = s.saveField(new CustomField(f.get("Newsletter").id(), "Newsletter 订阅", FieldKind.TEXT, List.of(), true));
            assertThat(renamed.kind()).as("a field's kind never changes").isEqualTo(FieldKind.YES_NO);
            assertThat(renamed.inList()).isTrue();
            s.reorderFields(List.of(renamed.id(), f.get("鞋码").id()));
            assertThat(s.customFields().all()).extracting(CustomField::name)
                    .containsExactly("Newsletter 订阅", "鞋码", "常找的发型师", "会员等级", "到店日");

            Customer c = s.save(Customer.builder().name("王小明").fields(values(f, "会员等级", "金卡")).build());
            assertThatThrownBy(() -> s.saveField(new CustomField(f.get("会员等级").id(), "会员等级", FieldKind.CHOICE,
                    List.of("银卡", "Bronze", "Platinum"), false)))
                    .satisfies(e -> assertThat(((UserException) e).localizedMessage(ZH)).isEqualTo("选项“金卡”是 1 位客户的值，不能删除。"));
            assertThat(s.saveField(new CustomField(f.get("会员等级").id(), "会员等级", FieldKind.CHOICE,
                    List.of("金卡", "银卡", "bronze", "Platinum"), false)).options())
                    .as("an option kept (case aside) and one added").containsExactly("金卡", "银卡", "bronze", "Platinum");

            assertThat(s.valuesOf(f.get("会员等级").id())).isEqualTo(1);
            assertThat(s.removeField(f.get("会员等级").id())).isEqualTo(1);
            assertThat(s.get(c.id()).orElseThrow().fields()).isEmpty();
            assertThat(s.search("金卡", null, false, CustomerSort.NAME, true)).as("the search text lost the value").isEmpty();
            assertThat(s.customFields().all()).hasSize(4);
        }
    }

    @Test
    void valuesAreCheckedAndStoredByKind() {
        try (AppContext ctx = TestStores.open(dir)) {
            CustomerService s = ctx.customers();
            Map<String, CustomField> f = define(s);
            Customer saved = s.save(Customer.builder().name("曾晓燕").fields(values(f,
                    "鞋码", " 38.50 ", "常找的发型师", "  Tony 老师 ", "会员等级", "bronze", "到店日", "2026年3月8日", "Newsletter", "是")).build());
            Map<Long, FieldValue> stored = s.get(saved.id()).orElseThrow().fields();
            assertThat(stored.get(f.get("鞋码").id()).text()).isEqualTo("38.5");
            assertThat(stored.get(f.get("常找的发型师").id()).text()).isEqualTo("Tony 老师");
            assertThat(stored.get(f.get("会员等级").id()).text()).as("the option as defined").isEqualTo("Bronze");
            assertThat(stored.get(f.get("到店日").id()).text()).isEqualTo("2026-03-08");
            assertThat(stored.get(f.get("Newsletter").id()).text()).isEqualTo("true");
            assertThat(stored.keySet()).as("in field order").containsExactly(f.values().stream().map(CustomField::id).toArray(Long[]::new));

            for (var bad : List.of(
                    List.of("鞋码", "三十八", "鞋码: \u201C三十八\u201D is not a number.", "鞋码：“三十八”不是数字。"),
                    List.of("到店日", "3/8", "到店日: \u201C3/8\u201D is not a date. Write it like 2026-11-23.", "到店日：“3/8”不是日期，请写成 2026-11-23 这样。"),
                    List.of("到店日", "2026-02-30", "到店日: \u201C2026-02-30\u201D is not a date. Write it like 2026-11-23.", "到店日：“2026-02-30”不是日期，请写成 2026-11-23 这样。"),
                    List.of("会员等级", "钻石", "会员等级: \u201C钻石\u201D is not one of the options (金卡 / 银卡 / Bronze).", "会员等级：“钻石”不是可选项之一（金卡 / 银卡 / Bronze）。"),
                    List.of("Newsletter", "maybe", "Newsletter: \u201Cmaybe\u201D is neither yes nor no.", "Newsletter：“maybe”既不是“是”也不是“否”。"))) {
                InvalidCustomerException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidCustomerException.class,
                        () -> s.save(saved.toBuilder().fields(values(f, bad.get(0), bad.get(1))).build()));
                assertThat(e.problems()).containsOnlyKeys(CustomerField.CUSTOM);
                assertThat(e.localizedMessage(EN)).isEqualTo(bad.get(2));
                assertThat(e.localizedMessage(ZH)).isEqualTo(bad.get(3));
            }
            assertThat(s.get(saved.id()).orElseThrow().fields()).as("nothing saved by a refused value").isEqualTo(stored);

            // A save without values (another part of the program changing the profile) keeps them.
            s.save(s.get(saved.id()).orElseThrow().toBuilder().fields(null).notes("来过").build());
            assertThat(s.get(saved.id()).orElseThrow().fields()).isEqualTo(stored);
            assertThat(s.addTag(List.of(saved.id()), "常客")).isEqualTo(1);
            assertThat(s.get(saved.id()).orElseThrow().fields()).isEqualTo(stored);
            // A value emptied goes.
            Map<Long, FieldValue> fewer = new LinkedHashMap<>(stored);
            fewer.remove(f.get("鞋码").id());
            s.save(s.get(saved.id()).orElseThrow().toBuilder().fields(fewer).build());
            assertThat(s.get(saved.id()).orElseThrow().fields()).doesNotContainKey(f.get("鞋码").id()).hasSize(4);
        }
    }

    @Test
    void textAndChoiceValuesAreFoundBySearchFromSqlAndFromTheIndex() {
        try (AppContext ctx = TestStores.open(dir)) {
            CustomerService s = ctx.customers();
            TestStores.addKnownCustomers(s);
            Map<String, CustomField> f = define(s);
            Customer wang = s.byCode("000001").orElseThrow();
            s.save(wang.toBuilder().fields(values(f, "常找的发型师", "Tony 老师", "会员等级", "银卡", "鞋码", "42")).build());
            for (boolean index : new boolean[] {false, true}) {
                if (index) {
                    assertThat(s.buildSearchIndex()).isTrue();
                    assertThat(s.searchIndexReady()).isTrue();
                }
                assertThat(s.search("tony", null, false, CustomerSort.NAME, true)).as("index " + index).containsExactly(wang.id());
                assertThat(s.search("老师", null, false, CustomerSort.NAME, true)).containsExactly(wang.id());
                assertThat(s.search("银卡", null, false, CustomerSort.NAME, true)).containsExactly(wang.id());
                assertThat(s.search("yk", null, false, CustomerSort.NAME, true)).as("pinyin initials of a choice").contains(wang.id());
                assertThat(s.search("42", null, false, CustomerSort.NAME, true)).as("numbers are not search words").isEmpty();
            }
            // Through the bulk insert (an import) too.
            s.insertAll(List.of(s.normalize(Customer.builder().name("Bob").fields(values(f, "常找的发型师", "Kevin")).build())),
                    ConsentSource.IMPORT, n -> { }, () -> false);
            long bob = s.search("kevin", null, false, CustomerSort.NAME, true)[0];
            assertThat(s.get(bob).orElseThrow().name()).isEqualTo("Bob");
            assertThat(s.get(bob).orElseThrow().fields().values()).containsExactly(new FieldValue(FieldKind.TEXT, "Kevin"));
        }
    }

    @Test
    void aFilterFindsCustomersByValueAndTheListShowsTheColumnFromThePageQuery() {
        try (AppContext ctx = TestStores.open(dir)) {
            CustomerService s = ctx.customers();
            TestStores.addKnownCustomers(s);
            Map<String, CustomField> f = define(s);
            Customer wang = s.byCode("000001").orElseThrow();
            Customer zeng = s.byCode("000002").orElseThrow();
            Customer alice = s.byCode("000003").orElseThrow();
            s.save(wang.toBuilder().fields(values(f, "鞋码", "42", "常找的发型师", "Tony 老师", "会员等级", "金卡", "到店日", "2026-01-05", "Newsletter", "yes")).build());
            s.save(zeng.toBuilder().fields(values(f, "鞋码", "36.5", "常找的发型师", "小李", "会员等级", "银卡", "到店日", "2026-06-01", "Newsletter", "no")).build());
            s.save(alice.toBuilder().fields(values(f, "鞋码", "39")).build());

            CustomerListViewModel vm = new CustomerListViewModel(s, new SyncTaskRunner(), EN);
            vm.refresh();
            assertThat(vm.customFields()).extracting(CustomField::name).containsExactly("鞋码", "常找的发型师", "会员等级", "到店日", "Newsletter");
            vm.rows().get(0);
            assertThat(names(vm)).containsExactly("Alice Smith", "王小明", "曾晓燕");
            assertThat(vm.rows().get(1).customProperty(f.get("鞋码").id()).get()).isEqualTo("42");
            assertThat(vm.rows().get(2).customProperty(f.get("鞋码").id()).get()).isEqualTo("36.5");
            assertThat(vm.rows().get(2).customProperty(f.get("到店日").id()).get()).isEqualTo("Jun 1, 2026");
            assertThat(vm.rows().get(1).customProperty(f.get("Newsletter").id()).get()).isEqualTo("Yes");

            assertThat(filtered(vm, vm.fieldFilter(f.get("鞋码"), null, "37", null))).containsExactly("Alice Smith", "王小明");
            assertThat(vm.statusProperty().get()).isEqualTo("2 customers  ·  鞋码: 37 or more");
            assertThat(filtered(vm, vm.fieldFilter(f.get("鞋码"), null, "36", "39"))).containsExactly("Alice Smith", "曾晓燕");
            assertThat(filtered(vm, vm.fieldFilter(f.get("常找的发型师"), "TONY", null, null))).containsExactly("王小明");
            assertThat(filtered(vm, vm.fieldFilter(f.get("会员等级"), "银卡", null, null))).containsExactly("曾晓燕");
            assertThat(filtered(vm, vm.fieldFilter(f.get("到店日"), null, null, "2026-03-01"))).containsExactly("王小明");
            assertThat(filtered(vm, vm.fieldFilter(f.get("Newsletter"), "true", null, null))).containsExactly("王小明");
            assertThat(filtered(vm, vm.fieldFilter(f.get("Newsletter"), "false", null, null)))
                    .as("no: everyone not ticked").containsExactly("Alice Smith", "曾晓燕");
            assertThatThrownBy(() -> vm.fieldFilter(f.get("鞋码"), null, "abc", null)).isInstanceOf(UserException.class)
                    .satisfies(e -> assertThat(EN.describe(e)).isEqualTo("鞋码: \u201Cabc\u201D is not a number."));
            assertThatThrownBy(() -> vm.fieldFilter(f.get("鞋码"), null, " ", null)).hasMessage("customer.custom.filterEmpty");
        }
    }

    private static List<String> names(CustomerListViewModel vm) {
        return vm.rows().stream().map(r -> r.nameProperty().get()).toList();
    }

    private static List<String> filtered(CustomerListViewModel vm, ListFilter filter) {
        vm.applyFilter(filter);
        for (int i = 0; i < vm.rows().size(); i++) {
            vm.rows().get(i);
        }
        return names(vm);
    }

    @Test
    void theValuesArePersonalDataExportedAndErased() {
        try (AppContext ctx = TestStores.open(dir)) {
            CustomerService s = ctx.customers();
            TestStores.addKnownCustomers(s);
            Map<String, CustomField> f = define(s);
            Customer wang = s.save(s.byCode("000001").orElseThrow().toBuilder()
                    .fields(values(f, "常找的发型师", "Tony 老师", "鞋码", "42", "Newsletter", "yes")).build());
            PrivacyService privacy = ctx.services().get(PrivacyService.class);
            CustomerExport export = privacy.export(wang.id(), PrivacyRequest.Source.WINDOW, EN);
            DataSection section = export.sections().stream().filter(x -> x.key().equals("customFields")).findFirst().orElseThrow();
            assertThat(section.title()).isEqualTo("Custom fields");
            assertThat(section.rows()).extracting(r -> r.get(0)).containsExactly("鞋码", "常找的发型师", "Newsletter");
            assertThat(section.rows()).extracting(r -> ((DataSection.Shown) r.get(1)).text()).containsExactly("42", "Tony 老师", "Yes");
            assertThat(section.rows()).extracting(r -> ((DataSection.Shown) r.get(1)).value())
                    .containsExactly(new java.math.BigDecimal("42"), "Tony 老师", true);

            privacy.erase("000001", PrivacyRequest.Source.WINDOW);
            assertThat(s.get(wang.id()).orElseThrow().fields()).isEmpty();
            assertThat(s.withValue(f.get("常找的发型师"), "tony", null, null)).isEmpty();
            assertThat(s.search("tony", null, true, CustomerSort.NAME, true)).isEmpty();
            assertThat(ctx.database().dsl().fetchCount(app.regulars.store.jooq.Tables.CUSTOM_VALUE)).isZero();
        }
    }

    @Test
    void valuesGoOutAndComeBackInFilesUnderTheFieldNamesAndABadValueRejectsItsRow() throws Exception {
        Path csv = dir.resolve("out/customers.csv");
        Path xlsx = dir.resolve("out/customers.xlsx");
        Map<Long, Map<String, String>> before;
        try (AppContext ctx = TestStores.open(dir.resolve("a"))) {
            CustomerService s = ctx.customers();
            TestStores.addKnownCustomers(s);
            Map<String, CustomField> f = define(s);
            s.save(s.byCode("000001").orElseThrow().toBuilder().fields(values(f,
                    "鞋码", "42.5", "常找的发型师", "Tony, \"老师\"", "会员等级", "金卡", "到店日", "2026-03-08", "Newsletter", "yes")).build());
            s.save(s.byCode("000002").orElseThrow().toBuilder().fields(values(f, "Newsletter", "no", "鞋码", "-3")).build());
            assertThatThrownBy(() -> s.saveField(new CustomField(null, "Phone", FieldKind.TEXT, List.of(), false)))
                    .satisfies(e -> assertThat(((UserException) e).localizedMessage(EN)).startsWith("\u201CPhone\u201D is the name of a profile field"));
            new CustomerCsvExporter(s).export(csv, CustomerCsvExporter.Format.CSV, false, (d, t) -> { }, () -> false);
            new CustomerCsvExporter(s).export(xlsx, CustomerCsvExporter.Format.XLSX, false, (d, t) -> { }, () -> false);
            String header = java.nio.file.Files.readAllLines(csv).getFirst();
            assertThat(header).endsWith(",created,鞋码,常找的发型师,会员等级,到店日,Newsletter");
            before = byCode(s);
        }
        assertThat(before.get(1L)).containsEntry("鞋码", "42.5").containsEntry("Newsletter", "true").containsEntry("常找的发型师", "Tony, \"老师\"");
        for (Path file : List.of(csv, xlsx)) {
            try (AppContext ctx = TestStores.open(dir.resolve("b-" + file.getFileName()))) {
                CustomerService s = ctx.customers();
                // The same fields, by name, in another order and case: the columns are found by name.
                s.saveField(new CustomField(null, "newsletter", FieldKind.YES_NO, List.of(), false));
                s.saveField(new CustomField(null, "会员等级", FieldKind.CHOICE, List.of("银卡", "金卡"), false));
                s.saveField(new CustomField(null, "鞋码", FieldKind.NUMBER, List.of(), false));
                s.saveField(new CustomField(null, "常找的发型师", FieldKind.TEXT, List.of(), false));
                s.saveField(new CustomField(null, "到店日", FieldKind.DATE, List.of(), false));
                var report = new CustomerCsvImporter(s).importFile(file, (d, t) -> { }, () -> false);
                assertThat(report.rejected()).as(file.toString()).isEmpty();
                assertThat(report.ignoredColumns()).isEmpty();
                Map<Long, Map<String, String>> after = byCode(s);
                assertThat(after).as(file.toString()).isEqualTo(renamed(before));
                assertThat(s.search("tony", null, false, CustomerSort.NAME, true)).hasSize(1);
            }
        }
        // A value a field cannot take rejects its row, with its line and the reason.
        Path bad = dir.resolve("bad.csv");
        java.nio.file.Files.writeString(bad, "name,鞋码,会员等级,到店日\n王一,38,金卡,2026-01-01\n李二,很大,金卡,\n张三,40,钻石,2026/13/01\n");
        try (AppContext ctx = TestStores.open(dir.resolve("c"))) {
            CustomerService s = ctx.customers();
            define(s);
            var report = new CustomerCsvImporter(s).importFile(bad, (d, t) -> { }, () -> false);
            assertThat(report.imported()).isZero();
            assertThat(report.rejected()).extracting(app.regulars.tables.RejectedRow::line).containsExactly(3L, 4L);
            assertThat(report.rejected().get(0).reason(EN)).isEqualTo("鞋码: \u201C很大\u201D is not a number.");
            assertThat(report.rejected().get(1).reason(ZH)).contains("会员等级：“钻石”不是可选项之一（金卡 / 银卡 / Bronze）。")
                    .contains("到店日：“2026/13/01”不是日期");
            assertThat(s.countAll()).isZero();
        }
    }

    @Test
    void anImportFillsOrOverwritesValuesItsUndoPutsThemBackAndAMergeUnitesThem() throws Exception {
        try (AppContext ctx = TestStores.open(dir)) {
            CustomerService s = ctx.customers();
            TestStores.addKnownCustomers(s);
            Map<String, CustomField> f = define(s);
            s.save(s.byCode("000001").orElseThrow().toBuilder().fields(values(f, "鞋码", "42")).build());
            Path again = dir.resolve("again.csv");
            java.nio.file.Files.writeString(again, "name,phone,鞋码,常找的发型师\n王小明,13812345678,44,Tony\n");
            ImportUndoService undo = ctx.services().get(ImportUndoService.class);
            CustomerImport window = new CustomerImport(s, undo, EN);
            assertThat(window.fields(null)).extracting(app.regulars.tables.MappedImport.Field::label).as("the import window maps columns to fields too")
                    .endsWith("鞋码", "常找的发型师", "会员等级", "到店日", "Newsletter");
            assertThat(window.automatic(List.of("name", "鞋码", "Hobby"), null).fields())
                    .containsExactly("NAME", CustomerCsvImporter.FIELD_KEY + f.get("鞋码").id(), null);

            var fill = new CustomerCsvImporter(s, ConsentSource.IMPORT, OnDuplicate.FILL).importFile(again, (d, t) -> { }, () -> false);
            assertThat(fill.updated()).isEqualTo(1);
            assertThat(byCode(s).get(1L)).as("filled in where empty only").isEqualTo(Map.of("鞋码", "42", "常找的发型师", "Tony"));
            assertThat(undo.undoLast().done()).isTrue();
            assertThat(byCode(s).get(1L)).as("the undo puts the values back").isEqualTo(Map.of("鞋码", "42"));

            new CustomerCsvImporter(s, ConsentSource.IMPORT, OnDuplicate.OVERWRITE).importFile(again, (d, t) -> { }, () -> false);
            assertThat(byCode(s).get(1L)).isEqualTo(Map.of("鞋码", "44", "常找的发型师", "Tony"));
            s.save(s.byCode("000001").orElseThrow().toBuilder().fields(values(f, "鞋码", "45", "常找的发型师", "Tony")).build());
            ImportUndoService.Outcome refused = undo.undoLast();
            assertThat(refused.done()).as("a value changed since the import stops its undo").isFalse();
            assertThat(refused.describe(EN)).contains("王小明 (000001) was changed.");

            s.save(s.byCode("000002").orElseThrow().toBuilder().fields(values(f, "鞋码", "37")).build());
            MergeService merges = ctx.services().get(MergeService.class);
            merges.merge(merges.plan("000002", List.of("000001")), MergeRecord.Source.COMMAND_LINE, EN);
            assertThat(byCode(s).get(2L)).as("the kept customer's value stays; the other's fill the fields it had empty")
                    .isEqualTo(Map.of("鞋码", "37", "常找的发型师", "Tony"));
            assertThat(s.search("tony", null, false, CustomerSort.NAME, true)).containsExactly(s.byCode("000002").orElseThrow().id());
        }
    }

    /** Every customer's values by field name, by card number. */
    private static Map<Long, Map<String, String>> byCode(CustomerService s) {
        Map<Long, Map<String, String>> out = new java.util.TreeMap<>();
        CustomFields fields = s.customFields();
        for (long id : s.search("", null, false, CustomerSort.CODE, true)) {
            Customer c = s.get(id).orElseThrow();
            Map<String, String> named = new java.util.TreeMap<>();
            c.fields().forEach((fid, v) -> named.put(fields.byId(fid).orElseThrow().name(), v.text()));
            out.put(Long.parseLong(c.code()), named);
        }
        return out;
    }

    /** "Newsletter" is "newsletter" in the second store. */
    private static Map<Long, Map<String, String>> renamed(Map<Long, Map<String, String>> in) {
        Map<Long, Map<String, String>> out = new java.util.TreeMap<>();
        in.forEach((code, values) -> {
            Map<String, String> v = new java.util.TreeMap<>();
            values.forEach((k, x) -> v.put(k.equals("Newsletter") ? "newsletter" : k, x));
            out.put(code, v);
        });
        return out;
    }
}
