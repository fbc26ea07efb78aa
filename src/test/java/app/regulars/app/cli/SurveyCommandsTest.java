package app.regulars.app.cli;

import app.regulars.testing.Cli;
import app.regulars.app.AppContext;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyCommandsTest {
    @TempDir
    Path dir;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Cli.run(dir.resolve("data"), Locale.ENGLISH, out, err, args);
    }

    void customers() {
        try (AppContext ctx = app.regulars.testing.TestStores.openNow(dir.resolve("data"))) {
            TestStores.addKnownCustomers(ctx.customers());
        }
    }

    @Test
    void listImportResultsAndExport() throws IOException {
        customers();
        assertThat(run("surveys", "list")).isZero();
        assertThat(out.toString()).contains("1\tNet Promoter Score (NPS)\tNPS\t0", "2\tCustomer satisfaction (CSAT)\tCSAT\t0");

        // 10 10 9 8 6 -> 3 promoters, 1 passive, 1 detractor of 5: NPS 40
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "code,date,q1,q2\n000001,2026-10-02,10,great\n,2026-10-03,10,\n000003,2026-10-04,9,\n"
                + ",2026-10-05,8,\n000002,2026-11-01,6,slow\n", StandardCharsets.UTF_8);
        assertThat(run("import", "responses", "--survey", "Net Promoter Score (NPS)", f.toString())).isZero();
        assertThat(out.toString().strip()).isEqualTo("5 responses imported.");
        assertThat(run("survey", "results", "--survey", "1")).isZero();
        assertThat(out.toString()).contains("Responses: 5", "NPS: 40.0 (promoters 3, passives 1, detractors 1)");
        assertThat(run("survey", "results", "--survey", "1", "--from", "2026-10-01", "--to", "2026-10-31")).isZero();
        assertThat(out.toString()).contains("Responses: 4", "NPS: 75.0");

        assertThat(run("export", "responses", "--survey", "1")).isZero();
        assertThat(out.toString()).startsWith("code,date,channel,name,q1,q2\r\n000001,2026-10-02,other,王小明,10,great\r\n");
        Path x = dir.resolve("r.xlsx");
        assertThat(run("export", "responses", "--survey", "1", "--format", "xlsx", "--out", x.toString())).isZero();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(x.toFile())) {
            String strings = new String(zip.getInputStream(zip.getEntry("xl/sharedStrings.xml")).readAllBytes(), StandardCharsets.UTF_8);
            String sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
            assertThat(strings).contains("Alice Smith", "&#x738b;&#x5c0f;&#x660e;", "How likely are you to recommend us");
            assertThat(sheet).contains("<row r=\"6\"").doesNotContain("<row r=\"7\"");
        }
    }

    @Test
    void badRowsAreListedAndNothingIsImported() throws IOException {
        customers();
        Path f = dir.resolve("r.csv");
        Files.writeString(f, "code,date,q1\n000001,2026-10-02,4\n,2026-10-03,11\nX9,2026-10-03,5\n,03.10.2026,5\n,2026-10-03,\n",
                StandardCharsets.UTF_8);
        assertThat(run("import", "responses", "--survey", "顾客满意度 (CSAT)", f.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("line 3", "from 1 to 5", "line 4", "no customer \"X9\"", "line 5", "is not a date",
                "line 6", "needs an answer", "4 rows are wrong; nothing was imported.");
        assertThat(run("survey", "results", "--survey", "csat2")).isEqualTo(1);
        assertThat(err.toString()).contains("There is no survey \"csat2\".");
        assertThat(run("survey", "results", "--survey", "2")).isZero();
        assertThat(out.toString()).contains("Responses: 0", "No scores in this period.");
        assertThat(run("export", "responses", "--survey", "2", "--format", "pdf")).isEqualTo(1);
        assertThat(err.toString()).contains("Unknown format \"pdf\"");
    }
}
