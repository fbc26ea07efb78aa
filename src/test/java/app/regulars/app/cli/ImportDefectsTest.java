package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.InvalidCustomerException;
import app.regulars.customer.CustomerField;
import app.regulars.i18n.Messages;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.SURVEY_RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The import defects found by testing the built jar (issue 15): each changed data without
 * saying so, or reported a problem as something it was not.
 */
class ImportDefectsTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir.resolve("data"), Locale.ENGLISH, out, err, args);
    }

    Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    void customers() {
        try (AppContext ctx = app.regulars.testing.TestStores.openNow(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
        }
    }

    int count(org.jooq.Table<?> table) {
        try (AppContext ctx = app.regulars.testing.TestStores.openNow(dir.resolve("data"))) {
            return ctx.database().dsl().fetchCount(table);
        }
    }

    @Test
    void lettersInAPhoneNumberAreARowProblemNotKeypadDigits() throws IOException {
        Path f = file("c.csv", "name,phone\n张三,138abcd1234\n李四,13912345678\n");
        assertThat(run("import", "customers", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: phone: \"138abcd1234\" has letters in it");
        assertThat(run("find", "张三")).isZero();
        assertThat(out.toString()).doesNotContain("张三");

        customers();
        Path p = file("p.csv", "phone,date,amount\n138abcd5678,2026-11-01,10\n");
        assertThat(run("import", "purchases", p.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: phone: \"138abcd5678\" has letters in it");
    }

    @Test
    void theProfileEditorRefusesLettersInAPhoneNumberInTheUsersLanguage() {
        try (AppContext ctx = app.regulars.testing.TestStores.openNow(dir.resolve("data"))) {
            Customer typed = Customer.builder().name("张三").phones("138abcd1234").build();
            assertThatThrownBy(() -> ctx.customers().save(typed)).isInstanceOfSatisfying(InvalidCustomerException.class, e ->
                    assertThat(e.problems().get(CustomerField.PHONES).text(new Messages(Locale.SIMPLIFIED_CHINESE)))
                            .isEqualTo("“138abcd1234”里有字母：电话号码只能由数字（以及 + - ( ) 或空格）组成。"));
            assertThat(ctx.customers().countAll()).isZero();
        }
    }

    @Test
    void aPurchaseFileMixingUtf8AndGbkLinesIsRefusedNotGarbled() throws IOException {
        customers();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("code,date,amount,note\n000001,2026-11-01,10,绿茶UTF8\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("000002,2026-11-02,12,红茶GBK\n".getBytes(Charset.forName("GBK")));
        Path f = dir.resolve("mixed.csv");
        Files.write(f, bytes.toByteArray());

        assertThat(run("import", "purchases", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("mixes two encodings: line 2 is in UTF-8");
        assertThat(count(PURCHASE)).isZero();

        // each encoding alone still imports
        Path gbk = dir.resolve("gbk.csv");
        Files.write(gbk, "code,date,amount,note\n000001,2026-11-01,10,绿茶\n000002,2026-11-02,12,红茶\n".getBytes(Charset.forName("GBK")));
        assertThat(run("import", "purchases", gbk.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("2 purchases imported.");
    }

    @Test
    void aFileWithOnlyAHeaderSaysItHasNoRows() throws IOException {
        customers();
        Path r = file("r.csv", "code,date,q1\n");
        assertThat(run("import", "responses", "--survey", "1", r.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has no rows under its first line").doesNotContain("1 response imported.");
        assertThat(out.toString()).isEmpty();
        assertThat(count(SURVEY_RESPONSE)).isZero();

        assertThat(run("import", "customers", file("c.csv", "name,phone\n").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has no rows under its first line");
        assertThat(run("import", "purchases", file("p.csv", "code,date,amount\n\n").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("has no rows under its first line");

        Path one = file("r1.csv", "code,date,q1\n000001,2026-11-01,9\n");
        assertThat(run("import", "responses", "--survey", "1", one.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("1 response imported.");
        assertThat(count(SURVEY_RESPONSE)).isEqualTo(1);
    }

    @Test
    void anUnbalancedQuoteInAResponsesFileIsReportedAsOne() throws IOException {
        customers();
        Path unclosed = file("r.csv", "code,date,q1,q2\n000001,\"2026-11-01,9,good\n000002,2026-11-02,8,ok\n");
        assertThat(run("import", "responses", "--survey", "1", unclosed.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: A quotation mark opened in this row is never closed.")
                .doesNotContain("not a date").doesNotContain("score");

        Path unmatched = file("r2.csv", "code,date,q1,q2\n000001,2026-11-01,9,\"go\"od\n000002,2026-11-02,8,ok\n");
        assertThat(run("import", "responses", "--survey", "1", unmatched.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 2: The quotation marks in this row do not match")
                .doesNotContain("Something went wrong");
        assertThat(count(SURVEY_RESPONSE)).isZero();
    }

    @Test
    void aSurveyIsFoundByItsKindAndShortNameToo() throws IOException {
        customers();
        Path f = file("r.csv", "code,date,q1\n000001,2026-11-01,9\n");
        assertThat(run("import", "responses", "--survey", "NPS", f.toString())).isZero();
        assertThat(run("import", "responses", "--survey", "nps", f.toString())).isZero();
        assertThat(run("survey", "results", "--survey", "NPS")).isZero();
        assertThat(out.toString()).startsWith("Net Promoter Score (NPS)").contains("Responses: 2");
        assertThat(run("survey", "results", "--survey", "csat")).isZero();
        assertThat(out.toString()).startsWith("Customer satisfaction (CSAT)");
        assertThat(run("survey", "results", "--survey", "Net Promoter Score (NPS)")).isZero();
        assertThat(run("survey", "results", "--survey", "NPX")).isEqualTo(1);
        assertThat(err.toString()).contains("There is no survey \"NPX\".");
    }
}
