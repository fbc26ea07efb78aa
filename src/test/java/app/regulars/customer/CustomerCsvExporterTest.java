package app.regulars.customer;

import app.regulars.tables.ImportReport;
import app.regulars.tables.Progress;

import app.regulars.app.AppContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerCsvExporterTest {
    @TempDir
    Path dir;

    @Test
    void exportThenImportIntoAnEmptyStoreThenExportGivesTheSameBytes() throws IOException {
        Path first = dir.resolve("first.csv");
        Path second = dir.resolve("second.csv");
        try (AppContext a = app.regulars.testing.TestStores.open(dir.resolve("a"), CustomerCsvImporterTest.CLOCK, Locale.SIMPLIFIED_CHINESE)) {
            a.customers().save(Customer.builder().code("V001").name("王小明").gender(Gender.MALE)
                    .birthday(Birthday.lunar(1990, 8, 15, false)).phones("13812345678", "+44 20 7946 0958")
                    .email("wang@example.cn").wechat("wxm_88").address("上海市徐汇区, 漕溪北路 1 号")
                    .company("\"好\"公司").jobTitle("经理").source("朋友介绍").tags("常客", "绿茶")
                    .notes("第一行\n第二行, 带逗号").preferences("靠窗")
                    .consent(new Consent(true, LocalDate.of(2024, 1, 2), Set.of(MarketingChannel.WECHAT, MarketingChannel.PHONE)))
                    .build());
            a.customers().save(Customer.builder().code("V002").name("Alice").gender(Gender.FEMALE)
                    .birthday(Birthday.lunar(null, 4, 10, true)).build());
            a.customers().save(Customer.builder().code("V003").name("Bo").birthday(new Birthday(Birthday.Kind.SOLAR, null, 2, 29, false))
                    .consent(new Consent(true, null, Set.of())).build());
            Customer gone = a.customers().save(Customer.builder().code("V004").name("Archived").build());
            a.customers().archive(Set.of(gone.id()));
            assertThat(new CustomerCsvExporter(a.customers()).export(first, Progress.NONE, () -> false)).isEqualTo(3);
        }
        try (AppContext b = app.regulars.testing.TestStores.open(dir.resolve("b"), CustomerCsvImporterTest.CLOCK, Locale.SIMPLIFIED_CHINESE)) {
            ImportReport r = new CustomerCsvImporter(b.customers()).importFile(first, Progress.NONE, () -> false);
            assertThat(r.rejected()).isEmpty();
            assertThat(r.imported()).isEqualTo(3);
            assertThat(r.ignoredColumns()).isEmpty();
            new CustomerCsvExporter(b.customers()).export(second, Progress.NONE, () -> false);
            assertThat(b.customers().byCode("V001").orElseThrow().notes()).isEqualTo("第一行\n第二行, 带逗号");
        }
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void writesUtf8WithBomAndCanonicalHeaders() throws IOException {
        Path out = dir.resolve("out.csv");
        try (AppContext a = app.regulars.testing.TestStores.open(dir.resolve("a"), CustomerCsvImporterTest.CLOCK, Locale.SIMPLIFIED_CHINESE)) {
            a.customers().save(Customer.builder().code("000007").name("李芳").phones("139 8765 4321").tags("VIP").build());
            new CustomerCsvExporter(a.customers()).export(out, Progress.NONE, () -> false);
        }
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(
                "code,name,phones,email,wechat,gender,birthday,address,company,role,source,tags,notes,preferences,marketing_consent,consent_date,opt_outs,created\r\n"
                        + "000007,李芳,'+8613987654321,,,,,,,,,VIP,,,no,,,2025-06-01 12:00:00\r\n");
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreDefusedAndImportedBackUnchanged() throws IOException {
        Path first = dir.resolve("first.csv");
        Customer original;
        try (AppContext a = app.regulars.testing.TestStores.open(dir.resolve("a"), CustomerCsvImporterTest.CLOCK, Locale.SIMPLIFIED_CHINESE)) {
            original = a.customers().save(Customer.builder().code("F001").name("=HYPERLINK(\"http://x.example\",\"click\")")
                    .phones("+86 138 1234 5678").wechat("@tea_lover").company("-Minus Ltd").jobTitle("+1 buyer")
                    .source("'quoted").tags("=SUM(A1)", "@vip").notes("=1+1\nsecond line").preferences("\tindented")
                    .address("'=already quoted").build());
            new CustomerCsvExporter(a.customers()).export(first, Progress.NONE, () -> false);
        }
        String text = Files.readString(first, StandardCharsets.UTF_8).substring(1);
        String row = text.substring(text.indexOf("\r\n") + 2);
        // no cell of the data row begins with a character that starts a formula
        assertThat(row).startsWith("F001,\"'=HYPERLINK(").contains(",'+8613812345678,,'@tea_lover,", ",'-Minus Ltd,'+1 buyer,''quoted,",
                "\"'=1+1\nsecond line\"", "''=already quoted");
        try (AppContext b = app.regulars.testing.TestStores.open(dir.resolve("b"), CustomerCsvImporterTest.CLOCK, Locale.SIMPLIFIED_CHINESE)) {
            ImportReport r = new CustomerCsvImporter(b.customers()).importFile(first, Progress.NONE, () -> false);
            assertThat(r.rejected()).isEmpty();
            Customer back = b.customers().byCode("F001").orElseThrow();
            assertThat(back.name()).isEqualTo(original.name());
            assertThat(back.phones()).containsExactly("+8613812345678");
            assertThat(back.wechat()).isEqualTo("@tea_lover");
            assertThat(back.company()).isEqualTo("-Minus Ltd");
            assertThat(back.jobTitle()).isEqualTo("+1 buyer");
            assertThat(back.source()).isEqualTo("'quoted");
            assertThat(back.address()).isEqualTo("'=already quoted");
            assertThat(back.tags()).containsExactlyInAnyOrderElementsOf(original.tags());
            assertThat(back.notes()).isEqualTo("=1+1\nsecond line");
            assertThat(back.preferences()).isEqualTo(original.preferences());
        }
    }
}
