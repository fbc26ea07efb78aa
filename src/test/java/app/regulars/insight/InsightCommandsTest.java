package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

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
}
