package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.testing.Cli;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class WinbackCommandTest {
    @TempDir
    Path dir;

    /** The command line runs on the real clock: the shop is looked at as of its test day. */
    static final String AS_OF = TestStores.TODAY.toString();

    List<String> codes = List.of();

    void shop() {
        try (AppContext ctx = TestStores.open(dir)) {
            WinbackShop s = new WinbackShop(ctx);
            codes = java.util.stream.Stream.of(s.ann, s.eve, s.bo, s.fay, s.dee)
                    .map(id -> ctx.customers().get(id).orElseThrow().code()).toList();
        }
    }

    int run(Locale locale, StringWriter out, StringWriter err, String... args) {
        return Cli.run(dir, locale, out, err, args);
    }

    @Test
    void winbackPrintsTheCustomersAtRiskTheMostValuableFirst() {
        shop();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(Locale.ENGLISH, out, err, "insights", "winback", "--as-of", AS_OF)).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList()).containsExactly(
                codes.get(0) + "\tAnn\t200\tusually every 21 days, now 112 days",
                codes.get(1) + "\tEve\t90\tusually every 30 days, now 175 days",
                codes.get(2) + "\tBo\t40\tusually every 10 days, now 115 days",
                codes.get(3) + "\tFay\t26\tusually every 10 days, now 21 days",
                codes.get(4) + "\tDee\t0\tno purchase for 1,048 days");
        assertThat(err.toString()).contains("value at risk is each customer's spend of the last 12 months");
    }

    @Test
    void createPlansTheWinbacksOnceAndIsSafeToRepeat() {
        shop();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(Locale.ENGLISH, out, err, "insights", "winback", "--as-of", AS_OF, "--create")).as(err.toString()).isZero();
        assertThat(out.toString().lines().toList()).hasSize(6).last().isEqualTo("Planned 3 win-backs (0 with a coupon); "
                + "skipped 0 already planned, 1 without marketing consent, 1 opted out of every channel.");
        StringWriter again = new StringWriter();
        assertThat(run(Locale.SIMPLIFIED_CHINESE, again, err, "insights", "winback", "--as-of", AS_OF, "--create")).isZero();
        assertThat(again.toString().lines().toList()).last().isEqualTo(
                "已安排 0 个挽回跟进（其中 0 个附优惠券）；跳过：已有安排 3 位，未同意营销 1 位，已退订全部渠道 1 位。");
        try (AppContext ctx = TestStores.open(dir)) {
            assertThat(ctx.followUps().between(TestStores.TODAY.atStartOfDay(), TestStores.TODAY.plusYears(5).atStartOfDay(),
                    new app.regulars.followup.FollowUpFilter(app.regulars.followup.FollowUpKind.WIN_BACK, null, null, null))).hasSize(3);
        }
    }

    @Test
    void winbackSaysInWordsWhenNobodyIsAtRiskOrTheDateIsWrong() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(Locale.ENGLISH, out, err, "insights", "winback")).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip()).isEqualTo("No purchases yet: nobody can be at risk.");
        shop();
        err = new StringWriter();
        assertThat(run(Locale.ENGLISH, out, err, "insights", "winback", "--as-of", "2026-08-01")).isZero();
        assertThat(out.toString()).doesNotContain("NaN");
        err = new StringWriter();
        assertThat(run(Locale.ENGLISH, out, err, "insights", "winback", "--as-of", "soon")).isEqualTo(1);
        assertThat(err.toString()).contains("soon");
    }
}
