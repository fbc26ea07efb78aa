package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.Cdnow;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InsightCommandsTest {
    @TempDir
    Path dir;

    void shop() {
        try (AppContext ctx = TestStores.open(dir)) {
            long a = ctx.customers().save(Customer.builder().name("A").build()).id();
            long b = ctx.customers().save(Customer.builder().name("B").build()).id();
            long c = ctx.customers().save(Customer.builder().name("C").build()).id();
            buy(ctx, a, "2026-09-03", "10.00");
            buy(ctx, b, "2026-09-10", "20.00");
            buy(ctx, c, "2026-09-20", "30.00");
            buy(ctx, a, "2026-10-02", "40.00");
            buy(ctx, a, "2026-10-20", "60.00");
        }
    }

    static void buy(AppContext ctx, long customer, String day, String amount) {
        ctx.membership().recordPurchase(customer, LocalDate.parse(day).atTime(12, 0), new BigDecimal(amount), null);
    }

    @Test
    void kpisPrintsOneLinePerFigureWithItsTarget() {
        shop();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(dir, Locale.ENGLISH, out, err, "insights", "kpis", "--from", "2026-10-01", "--to", "2026-10-31");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).hasSize(Kpi.values().length).contains(
                "active_customers\t1\t-",
                "repurchase_rate\t100\t>=40",
                "churn_rate\t66.67\t<=5",
                "revenue\t100\t-",
                "nps\t-\t-",
                "csat\t-\t>=90");
    }

    @Test
    void kpisRefusesHalfARangeOrAWrongDateInTheUsersLanguage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(dir, Locale.ENGLISH, out, err, "insights", "kpis", "--from", "2026-10-01")).isEqualTo(1);
        assertThat(err.toString()).contains("Give both --from and --to");
        StringWriter zh = new StringWriter();
        assertThat(Cli.run(dir, Locale.SIMPLIFIED_CHINESE, out, zh, "insights", "kpis", "--from", "2026-10-01", "--to", "十月")).isEqualTo(1);
        assertThat(zh.toString()).contains("不是日期：十月");
        assertThat(out.toString()).isEmpty();
    }

    int run(StringWriter out, StringWriter err, String... args) {
        return Cli.run(dir, Locale.ENGLISH, out, err, args);
    }

    /** The CDNOW sample imported as a shop would, then fitted as of the end of the papers' 39-week calibration period. */
    @Test
    void fitReproducesThePublishedCdnowParametersFromImportedPurchases() throws IOException {
        Cdnow.sample().importInto(dir);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "insights", "fit", "--as-of", "1997-09-30")).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("customers 2357 repeaters 946");
        Map<String, Double> bg = values(lines.get(1), "bgnbd");
        assertThat(bg.get("r")).isCloseTo(0.243, within(0.005));
        assertThat(bg.get("alpha")).isCloseTo(4.414, within(0.02));
        assertThat(bg.get("a")).isCloseTo(0.793, within(0.02));
        assertThat(bg.get("b")).isCloseTo(2.426, within(0.02));
        assertThat(bg.get("loglik")).isCloseTo(-9582.4, within(0.5));
        Map<String, Double> gg = values(lines.get(2), "gammagamma");
        assertThat(gg.get("p")).isCloseTo(6.25, within(0.02));
        assertThat(gg.get("q")).isCloseTo(3.74, within(0.02));
        assertThat(gg.get("gamma")).isCloseTo(15.44, within(0.05));
        assertThat(lines.get(1)).matches("bgnbd r=\\d+\\.\\d{4} alpha=\\d+\\.\\d{4} a=\\d+\\.\\d{4} b=\\d+\\.\\d{4} loglik=-\\d+\\.\\d{4}");

        // The calibration's last quarter: its active customers' mean CLV comes from the model fitted up to 1997-09-30.
        out = new StringWriter();
        assertThat(run(out, err, "insights", "kpis", "--from", "1997-07-01", "--to", "1997-09-30")).isZero();
        String clv = out.toString().lines().filter(l -> l.startsWith("average_clv\t")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(clv.split("\t")[1])).isBetween(10.0, 500.0);

        Path csv = dir.resolveSibling(dir.getFileName() + "-insights.csv");
        out = new StringWriter();
        assertThat(run(out, err, "insights", "customers", "--as-of", "1997-09-30", "--horizon-weeks", "39", "--out", csv.toString()))
                .as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(2358);
        assertThat(rows.get(0)).isEqualTo("\uFEFFcode,name,first_purchase,last_purchase,recency_days,frequency,monetary,r,f,m,"
                + "segment,lifecycle,value_class,p_alive,expected_purchases,expected_spend,clv");
        // Every customer bought in 1997's first quarter; the columns are filled and in range.
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertThat(f).hasSize(17);
            assertThat(f[2]).startsWith("1997-0");
            assertThat(Integer.parseInt(f[7])).isBetween(1, 5);
            assertThat(f[10]).matches("(important|general)_(value|development|retention|winback)");
            assertThat(f[11]).matches("new|growing|mature|declining|churned");
            assertThat(f[12]).matches("core|important|general");
            assertThat(Double.parseDouble(f[13])).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(f[16])).isGreaterThanOrEqualTo(0.0);
        }

        // The same as an Excel workbook (from the extension): the same columns, dates and figures typed.
        Path xlsx = dir.resolveSibling(dir.getFileName() + "-insights.xlsx");
        assertThat(run(out, err, "insights", "customers", "--as-of", "1997-09-30", "--horizon-weeks", "39", "--out", xlsx.toString()))
                .as(err.toString()).isZero();
        try (org.dhatim.fastexcel.reader.ReadableWorkbook wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(xlsx.toFile())) {
            List<org.dhatim.fastexcel.reader.Row> sheet = wb.getFirstSheet().read();
            assertThat(sheet).hasSize(2358);
            assertThat(String.join(",", sheet.getFirst().stream().map(org.dhatim.fastexcel.reader.Cell::getText).toList()))
                    .isEqualTo(rows.get(0).substring(1));
            org.dhatim.fastexcel.reader.Row first = sheet.get(1);
            String[] f = rows.get(1).split(",", -1);
            assertThat(first.getCell(0).getText()).isEqualTo(f[0]);
            assertThat(first.getCell(2).asDate().toLocalDate().toString()).isEqualTo(f[2]);
            assertThat(first.getCell(6).asNumber()).isEqualByComparingTo(f[6]);
            assertThat(first.getCell(16).asNumber()).isEqualByComparingTo(f[16]);
        }
        assertThat(run(out, err, "insights", "customers", "--out", xlsx.toString(), "--format", "pdf")).isEqualTo(1);
    }

    @Test
    void fitSaysInWordsWhenTheHistoryIsTooThin() {
        shop();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "insights", "fit")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("Not enough history yet: 1 customer has bought on more than one day; "
                + "at least 50 are needed. Stages and value classes follow the rules alone.");
    }

    static Map<String, Double> values(String line, String model) {
        assertThat(line).startsWith(model + " ");
        Map<String, Double> v = new java.util.HashMap<>();
        for (String part : line.substring(model.length() + 1).split(" ")) {
            String[] kv = part.split("=");
            v.put(kv[0], Double.parseDouble(kv[1]));
        }
        return v;
    }
}
