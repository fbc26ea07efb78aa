package app.regulars.app;

import app.regulars.customer.Customer;
import app.regulars.customer.PrivacyRequest;
import app.regulars.customer.PrivacyService;
import app.regulars.followup.FollowUp;
import app.regulars.i18n.Messages;
import app.regulars.membership.Purchase;
import app.regulars.membership.Reward;
import app.regulars.store.ShopArchive;
import app.regulars.testing.Cli;
import app.regulars.testing.SampleStores;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code export all} and {@code import all} (decision 0026), through the command line as a user runs them. */
class ShopArchiveTest {
    @TempDir
    static Path base;
    /** The sample shop with its story, and what the sample lacks: an erased customer, a void, a reward, a reschedule. */
    static Path shop;

    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void fill() {
        shop = SampleStores.fill(base.resolve("shop"), true);
        try (AppContext ctx = TestStores.open(shop)) {
            TestStores.addKnownCustomers(ctx.customers());
            Customer odd = ctx.customers().save(Customer.builder().name("=HYPERLINK(\"http://x\",\"y\")").phones("+86 138 0000 9999")
                    .notes("two lines\nand \"quotes\", commas").preferences("'quoted' at the start").tags("a;b", "c,d").build());
            Customer gone = ctx.customers().save(Customer.builder().name("Erased Person").phones("139 0000 7777").build());
            // Custom fields and their values (decision 0027), one of them a choice
            app.regulars.customer.CustomField size = ctx.customers().saveField(new app.regulars.customer.CustomField(null, "鞋码",
                    app.regulars.customer.FieldKind.NUMBER, java.util.List.of(), true));
            app.regulars.customer.CustomField club = ctx.customers().saveField(new app.regulars.customer.CustomField(null, "会员等级",
                    app.regulars.customer.FieldKind.CHOICE, java.util.List.of("金卡", "银卡"), false));
            ctx.customers().save(ctx.customers().get(odd.id()).orElseThrow().toBuilder().fields(Map.of(
                    size.id(), new app.regulars.customer.FieldValue(app.regulars.customer.FieldKind.NUMBER, "42.5"),
                    club.id(), new app.regulars.customer.FieldValue(app.regulars.customer.FieldKind.CHOICE, "金卡"))).build());
            PrivacyService privacy = ctx.services().get(PrivacyService.class);
            privacy.export(odd.code(), PrivacyRequest.Source.COMMAND_LINE, new Messages(Locale.ENGLISH));
            privacy.erase(gone.code(), PrivacyRequest.Source.WINDOW);
            Reward tea = ctx.membership().saveReward(new Reward(null, "A pot of tea", 10, true));
            Purchase p = ctx.membership().recordPurchase(odd.id(), TestStores.TODAY.atTime(9, 30), new BigDecimal("120.50"), "first");
            ctx.membership().recordPurchase(odd.id(), TestStores.TODAY.atTime(9, 45), new BigDecimal("3.00"), null);
            ctx.membership().voidPurchase(p.id(), "typed twice");
            ctx.membership().recordPurchase(odd.id(), TestStores.TODAY.atTime(9, 50), new BigDecimal("99.99"), "again");
            ctx.membership().redeem(odd.id(), tea.id());
            FollowUp f = ctx.followUps().between(TestStores.TODAY.minusYears(2).atStartOfDay(), TestStores.TODAY.plusYears(1).atStartOfDay(),
                    app.regulars.followup.FollowUpFilter.ALL).stream().filter(x -> x.status() == app.regulars.followup.FollowUpStatus.PLANNED)
                    .findFirst().orElseThrow();
            ctx.followUps().reschedule(f.id(), f.dueAt().plusDays(2), f.allDay());
            ctx.settings().put("ui.language", "zh-CN");
            ctx.settings().put("bulk.somethingElse.pending", "12"); // a bulk load's flag: not the shop's data
        }
    }

    int run(Path data, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Cli.run(data, Locale.ENGLISH, out, err, args);
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                all.put(e.getName(), z.getInputStream(e).readAllBytes());
            }
        }
        return all;
    }

    @Test
    void exportThenImportIntoEmptyDataThenExportGivesTheSameBytes() throws IOException {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        Path first = dir.resolve("first.zip");
        assertThat(run(data, "export", "all", "--out", first.toString())).as(err.toString()).isZero();
        System.out.println(out);
        Map<String, byte[]> a = entries(first);
        a.forEach((n, b) -> System.out.println(n + " " + b.length));

        Path fresh = dir.resolve("fresh");
        assertThat(run(fresh, "import", "all", first.toString())).as(err.toString()).isZero();
        System.out.println(out);
        Path second = dir.resolve("second.zip");
        assertThat(run(fresh, "export", "all", "--out", second.toString())).as(err.toString()).isZero();
        Map<String, byte[]> b = entries(second);
        assertThat(b.keySet()).containsExactlyElementsOf(a.keySet());
        for (String name : a.keySet()) {
            assertThat(new String(b.get(name), java.nio.charset.StandardCharsets.UTF_8)).as(name)
                    .isEqualTo(new String(a.get(name), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(fresh.resolve(ArchiveJobs.IMPORTING)).doesNotExist();
    }

    /** A copy of {@code zip} with its entries as {@code change} leaves them (the manifest as it was unless changed). */
    static Path rewrite(Path zip, Path to, java.util.function.Consumer<Map<String, byte[]>> change) throws IOException {
        Map<String, byte[]> all = entries(zip);
        change.accept(all);
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return to;
    }

    static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The manifest's lines for {@code file} made true again for its bytes now (rows and SHA-256). */
    static void reseal(Map<String, byte[]> all, String file) {
        long rows;
        try (var csv = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(text(all.get(file)))) {
            rows = csv.stream().count() - 1;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String sha = java.util.HexFormat.of().formatHex(sha256(all.get(file)));
        String manifest = text(all.get("manifest.properties"))
                .replaceAll("(?m)^file\\." + java.util.regex.Pattern.quote(file) + "\\.rows=.*$", "file." + file + ".rows=" + rows)
                .replaceAll("(?m)^file\\." + java.util.regex.Pattern.quote(file) + "\\.sha256=.*$", "file." + file + ".sha256=" + sha);
        all.put("manifest.properties", bytes(manifest));
    }

    static byte[] sha256(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shop's export, made once per test into {@link #dir}. */
    Path exported() {
        Path zip = dir.resolve("shop.zip");
        if (!Files.exists(zip)) {
            assertThat(run(SampleStores.copy(shop, dir.resolve("exported")), "export", "all", "--out", zip.toString())).as(err.toString()).isZero();
        }
        return zip;
    }

    /** {@code import all zip} into a new data folder is refused with {@code message}; the folder is left empty, and nothing of the import stays. */
    void refused(Path zip, String message) {
        Path fresh = dir.resolve("fresh");
        assertThat(run(fresh, "import", "all", zip.toString())).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo(message);
        assertThat(out.toString()).isEmpty();
        assertThat(fresh.resolve(ArchiveJobs.IMPORTING)).doesNotExist();
        try (AppContext ctx = TestStores.open(fresh)) {
            assertThat(ctx.services().get(ShopArchive.class).records()).isEmpty();
            assertThat(ctx.membership().tiers()).hasSize(4); // the new store's default tiers, as before
        }
    }

    @Test
    void theImportedDataWorksOn() throws IOException {
        Path fresh = dir.resolve("fresh");
        assertThat(run(fresh, "import", "all", exported().toString())).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Imported everything from " + exported().toAbsolutePath() + ": 306 customers, 2,519 purchases; ");
        try (AppContext before = TestStores.open(shop); AppContext ctx = TestStores.open(fresh)) {
            assertThat(ctx.customers().countAll()).isEqualTo(before.customers().countAll());
            // the search texts were made again: pinyin initials, the last digits of a phone, a tag
            assertThat(ctx.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true))
                    .containsExactly(before.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true));
            assertThat(ctx.customers().search("9999", null, false, app.regulars.customer.CustomerSort.NAME, true)).hasSize(1);
            // the counters go on where the shop left them: the next card number, the next purchase
            Customer next = ctx.customers().save(Customer.builder().name("New After Import").build());
            Customer nextThere = before.customers().save(Customer.builder().name("New After Import").build());
            assertThat(next.code()).isEqualTo(nextThere.code());
            assertThat(next.id()).isEqualTo(nextThere.id());
            Purchase p = ctx.membership().recordPurchase(next.id(), TestStores.TODAY.atTime(11, 0), new BigDecimal("10.00"), null);
            Purchase pThere = before.membership().recordPurchase(nextThere.id(), TestStores.TODAY.atTime(11, 0), new BigDecimal("10.00"), null);
            assertThat(p.id()).isEqualTo(pThere.id());
            assertThat(ctx.membership().balance(2)).isEqualTo(before.membership().balance(2));
            assertThat(ctx.customers().byCode("000001").orElseThrow().name()).isEqualTo(before.customers().byCode("000001").orElseThrow().name());
            assertThat(ctx.settings().get("ui.language")).contains("zh-CN");
            assertThat(ctx.settings().get("bulk.somethingElse.pending")).isEmpty();
        }
    }

    @Test
    void dataThatIsNotEmptyIsRefusedAndKeptAsItWas() {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        int customers;
        try (AppContext ctx = TestStores.open(data)) {
            customers = ctx.customers().countAll();
        }
        assertThat(run(data, "import", "all", exported().toString())).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("The data in " + data + " is not empty: it holds ").contains(" records (customers " + customers + ", customer_phones ")
                .endsWith("open Regulars on a new data folder and import it there (regulars --data-dir NEW_FOLDER import all FILE.zip). Nothing was changed.");
        try (AppContext ctx = TestStores.open(data)) {
            assertThat(ctx.customers().countAll()).isEqualTo(customers);
        }
        assertThat(data.resolve(ArchiveJobs.IMPORTING)).doesNotExist();
    }

    @Test
    void aFileThatIsNotAnExportOfRegularsIsRefused() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip at all");
        refused(text, "The file " + text + " is not a ZIP file, or it is damaged. Nothing was imported.");
        Path other = rewrite(exported(), dir.resolve("other.zip"), all -> all.remove("manifest.properties"));
        refused(other, "The file " + other + " is not an export of Regulars: it has no manifest.properties written by \"export all\". Nothing was imported.");
        Path missing = dir.resolve("nowhere.zip");
        refused(missing, "The file " + missing + " does not exist.");
    }

    @Test
    void anExportOfANewerRegularsIsRefused() throws IOException {
        Path format = rewrite(exported(), dir.resolve("format2.zip"), all -> all.put("manifest.properties",
                bytes(text(all.get("manifest.properties")).replace("format-version=1", "format-version=2"))));
        refused(format, "The export " + format + " was made by a newer Regulars. Update Regulars on this computer, then import it again. Nothing was imported.");
        Path schema = rewrite(exported(), dir.resolve("schema999.zip"), all -> all.put("manifest.properties",
                bytes(text(all.get("manifest.properties")).replaceAll("schema-version=\\d+", "schema-version=999"))));
        refused(schema, "The export " + schema + " was made by a newer Regulars. Update Regulars on this computer, then import it again. Nothing was imported.");
    }

    @Test
    void aChangedOrDamagedFileIsRefusedWithNothingImported() throws IOException {
        // a purchase changed in a spreadsheet, the manifest left as it was: the checksum tells
        Path edited = rewrite(exported(), dir.resolve("edited.zip"), all -> all.put("purchases.csv",
                bytes(text(all.get("purchases.csv")).replaceFirst("\r\n(\\d+),(\\d+),", "\r\n$1,2,"))));
        refused(edited, "The export " + edited + " is damaged, or was changed after it was made: purchases.csv is not as the export wrote it."
                + " Nothing was imported. Export again from the shop's Regulars.");
        // a file cut short (its last rows lost)
        Path cut = rewrite(exported(), dir.resolve("cut.zip"), all -> {
            String csv = text(all.get("points.csv"));
            all.put("points.csv", bytes(csv.substring(0, csv.length() / 2)));
        });
        refused(cut, "The export " + cut + " is damaged, or was changed after it was made: points.csv is not as the export wrote it."
                + " Nothing was imported. Export again from the shop's Regulars.");
        // a cell that is not what its column holds, the manifest made to match: the line is named
        Path badCell = rewrite(exported(), dir.resolve("badcell.zip"), all -> {
            String[] lines = text(all.get("purchases.csv")).split("\r\n", -1);
            lines[3] = lines[3].replaceFirst("^(\\d+),(\\d+),([^,]+),", "$1,$2,yesterday,");
            all.put("purchases.csv", bytes(String.join("\r\n", lines)));
            reseal(all, "purchases.csv");
        });
        refused(badCell, "The export " + badCell + " is damaged: purchases.csv, line 4 does not hold what the export writes. Nothing was imported.");
        // a purchase of a customer who is not in the export
        Path orphan = rewrite(exported(), dir.resolve("orphan.zip"), all -> {
            String[] lines = text(all.get("purchases.csv")).split("\r\n", -1);
            lines[2] = lines[2].replaceFirst("^(\\d+),(\\d+),", "$1,999999,");
            all.put("purchases.csv", bytes(String.join("\r\n", lines)));
            reseal(all, "purchases.csv");
        });
        refused(orphan, "The rows of the export " + orphan + " do not fit together: purchases.csv, line 3 refers to a row that is not there,"
                + " or repeats one. Nothing was imported.");
    }

    @Test
    void cancellingTheImportChangesNothing() {
        Path fresh = dir.resolve("fresh");
        try (AppContext ctx = TestStores.open(fresh)) {
            long[] seen = {0};
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ArchiveJobs.prepare(ctx, exported(), TestStores.CLOCK,
                            (done, all) -> seen[0] = done, () -> seen[0] >= 3000))
                    .isInstanceOf(app.regulars.i18n.UserException.class).hasMessage("common.cancelled");
            assertThat(fresh.resolve(ArchiveJobs.IMPORTING)).doesNotExist();
            assertThat(ctx.services().get(ShopArchive.class).records()).isEmpty();
        }
    }

    @Test
    void anExportOfAnOlderRegularsIsMigratedAsAnOlderStoreIs() throws IOException {
        // as Regulars wrote it at schema version 8: no consent history, no privacy log, no erased_at, no merges, no custom fields
        Path older = rewrite(exported(), dir.resolve("older.zip"), all -> {
            all.remove("consent_history.csv");
            all.remove("privacy_requests.csv");
            all.remove("customer_merges.csv");
            all.remove("duplicate_dismissals.csv");
            all.remove("custom_fields.csv");
            all.remove("custom_values.csv");
            String[] lines = text(all.get("customers.csv")).split("\r\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isEmpty()) {
                    String withoutVersion = lines[i].substring(0, lines[i].lastIndexOf(',')); // row_version (V015)
                    lines[i] = withoutVersion.substring(0, withoutVersion.lastIndexOf(',')); // erased_at (V010)
                }
            }
            all.put("customers.csv", bytes(String.join("\r\n", lines)));
            reseal(all, "customers.csv");
            String manifest = text(all.get("manifest.properties")).replaceAll("schema-version=\\d+", "schema-version=8")
                    .replace("consent_history.csv,", "").replace("privacy_requests.csv,", "")
                    .replace("customer_merges.csv,", "").replace("duplicate_dismissals.csv,", "")
                    .replace("custom_fields.csv,", "").replace("custom_values.csv,", "");
            all.put("manifest.properties", bytes(manifest));
        });
        Path fresh = dir.resolve("fresh");
        assertThat(run(fresh, "import", "all", older.toString())).as(err.toString()).isZero();
        try (AppContext before = TestStores.open(shop); AppContext ctx = TestStores.open(fresh)) {
            assertThat(ctx.customers().countAll()).isEqualTo(before.customers().countAll());
            Customer wang = java.util.Arrays.stream(ctx.customers().search("wxm", null, false, app.regulars.customer.CustomerSort.NAME, true))
                    .mapToObj(id -> ctx.customers().get(id).orElseThrow()).filter(c -> c.name().equals("王小明")).findFirst().orElseThrow();
            // V009 wrote the consent a customer already had, as it does for any older store
            assertThat(ctx.customers().consentHistory(wang.id())).extracting(c -> c.source().name()).containsExactly("EARLIER");
        }
    }

    @Test
    void theUndoOfTheLastImportStaysBehind() throws IOException {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        Path csv = dir.resolve("new.csv");
        Files.writeString(csv, "name,phone\n韩梅梅,139 0000 2222\n");
        assertThat(run(data, "import", "customers", csv.toString())).as(err.toString()).isZero();
        Path zip = dir.resolve("moving.zip");
        assertThat(run(data, "export", "all", "--out", zip.toString())).as(err.toString()).isZero();
        assertThat(entries(zip).keySet()).noneMatch(n -> n.startsWith("import"));

        Path fresh = dir.resolve("fresh");
        assertThat(run(fresh, "import", "all", zip.toString())).as(err.toString()).isZero();
        assertThat(run(fresh, "find", "韩梅梅")).isZero();
        assertThat(out.toString()).contains("韩梅梅");
        assertThat(run(fresh, "import", "undo")).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("There is no import to undo.");
        assertThat(run(data, "import", "undo")).as("the shop it came from can still undo it").isZero();
    }

    @Test
    void everyTableOfTheSchemaIsExportedOrMadeAgain() {
        try (AppContext ctx = TestStores.open(dir.resolve("empty"))) {
            java.util.Set<String> exported = new java.util.HashSet<>();
            ctx.services().get(ShopArchive.class).tables().forEach(t -> exported.add(t.tableName()));
            java.util.Set<String> schema = new java.util.HashSet<>();
            app.regulars.store.jooq.DefaultSchema.DEFAULT_SCHEMA.getTables().forEach(t -> schema.add(t.getName().toLowerCase(Locale.ROOT)));
            java.util.Set<String> expected = new java.util.HashSet<>(schema);
            expected.removeAll(ShopArchive.neverExported());
            assertThat(exported).as("a new table goes into its feature's archiveTables(), or into ShopArchive.neverExported() when it is computed again")
                    .isEqualTo(expected);
        }
    }

    @Test
    void aColumnTheDatabaseGeneratesIsLeftOutOfTheFilesAndEveryOtherIsIn() {
        try (AppContext ctx = TestStores.open(dir.resolve("empty"))) {
            for (app.regulars.store.ArchiveTable t : ctx.services().get(ShopArchive.class).tables()) {
                java.util.List<String> generated = new java.util.ArrayList<>();
                java.util.List<String> stored = new java.util.ArrayList<>();
                ctx.database().dsl().resultQuery("SELECT COLUMN_NAME, IS_GENERATED FROM INFORMATION_SCHEMA.COLUMNS"
                        + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", t.tableName().toUpperCase(Locale.ROOT))
                        .fetch().forEach(r -> ("ALWAYS".equals(r.get(1, String.class)) ? generated : stored)
                                .add(r.get(0, String.class).toLowerCase(Locale.ROOT)));
                assertThat(t.columns()).as(t.file() + ": every column but the generated ones").containsExactlyElementsOf(stored);
                assertThat(t.computed()).as(t.file() + ": the generated columns, declared with computed(...)").containsExactlyInAnyOrderElementsOf(generated);
            }
        }
    }

    @Test
    void everyFileAndColumnIsDescribedInTheReadmeInBothLanguages() throws IOException {
        String readme = text(entries(exported()).get("README.txt"));
        try (AppContext ctx = TestStores.open(dir.resolve("empty"))) {
            for (Locale locale : java.util.List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                Messages m = new Messages(locale);
                for (app.regulars.store.ArchiveTable t : ctx.services().get(ShopArchive.class).tables()) {
                    assertThat(m.has("archive.file." + t.file())).as(t.file()).isTrue();
                    assertThat(readme).contains(t.fileName() + ": " + m.get("archive.file." + t.file()));
                    for (String column : t.columns()) {
                        String own = "archive.column." + t.file() + "." + column;
                        assertThat(m.has(own) || m.has("archive.column." + column)).as(t.file() + "." + column + " has a description").isTrue();
                        assertThat(readme).contains("  " + column + " ");
                    }
                }
            }
        }
        assertThat(readme).contains("gender             Gender (empty: not given). Values: FEMALE, MALE, OTHER.")
                .contains("gender             性别（空：未填写）。取值：FEMALE, MALE, OTHER。");
    }

    @Test
    void aColumnOfWordsHoldsOnlyTheWordsTheReadmeLists() throws IOException {
        Map<String, byte[]> all = entries(exported());
        try (AppContext ctx = TestStores.open(dir.resolve("empty"))) {
            for (app.regulars.store.ArchiveTable t : ctx.services().get(ShopArchive.class).tables()) {
                if (t.values().isEmpty()) {
                    continue;
                }
                java.util.List<String> lines = text(all.get(t.fileName())).substring(1).lines().toList();
                java.util.List<String> header = java.util.Arrays.asList(lines.getFirst().split(","));
                t.values().forEach((column, words) -> {
                    int at = header.indexOf(column);
                    java.util.Set<String> seen = new java.util.TreeSet<>();
                    try (var csv = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(text(all.get(t.fileName())).substring(1))) {
                        csv.stream().skip(1).forEach(r -> seen.add(r.getField(at)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    seen.remove("");
                    assertThat(words).as(t.file() + "." + column).containsAll(seen);
                });
            }
        }
    }

    int run(Path data, Map<String, String> env, String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return Cli.run(data, Locale.ENGLISH, env, out, err, args);
    }

    @Test
    void aShopWithAPasswordMovesToDataWithAPasswordOfItsOwn() throws IOException {
        Path data = SampleStores.copy(shop, dir.resolve("shop"));
        Map<String, String> old = Map.of("REGULARS_PASSWORD", "龙井 2026");
        assertThat(run(data, old, "security", "encrypt")).as(err.toString()).isZero();
        Path zip = dir.resolve("moving.zip");
        assertThat(run(data, old, "export", "all", "--out", zip.toString())).as(err.toString()).isZero();
        assertThat(out.toString().lines()).last().isEqualTo("The ZIP file is not protected by your password: keep it somewhere safe, and delete it once it has served.");
        assertThat(entries(zip)).containsKey("customers.csv");

        // the new computer: empty data protected by a password of its own
        Path fresh = dir.resolve("fresh");
        Map<String, String> mine = Map.of("REGULARS_PASSWORD", "碧螺春");
        TestStores.open(fresh).close();
        assertThat(run(fresh, mine, "security", "encrypt")).as(err.toString()).isZero();
        assertThat(run(fresh, mine, "import", "all", zip.toString())).as(err.toString()).isZero();
        assertThat(new String(Files.readAllBytes(fresh.resolve("regulars.mv.db")), 0, 9, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the imported data is encrypted under the new password").isEqualTo("H2encrypt");
        assertThat(run(fresh, mine, "find", "wxm")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("王小明");
        assertThat(fresh.resolve(ArchiveJobs.IMPORTING)).doesNotExist();
        Path again = dir.resolve("again.zip");
        assertThat(run(fresh, mine, "export", "all", "--out", again.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(zip));
    }
}
