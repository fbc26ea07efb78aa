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
}
