package app.regulars.insight;

import app.regulars.app.AppContext;
import app.regulars.testing.Cdnow;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key figures read the history once: the customers' tables of the periods' ends, which the
 * average lifetime value needs, come from the figures' own pass over the purchases. They must be
 * the tables each day's own snapshot gives.
 */
class KpiHistoryPassTest {
    @TempDir
    Path dir;

    /** The defaults with a window: the tables from the last {@code months} of the history only. */
    private static InsightSettings lastMonths(int months) {
        InsightSettings d = InsightSettings.DEFAULTS;
        return new InsightSettings(months, d.horizonWeeks(), d.marginPercent(), d.discountPercent(), d.newDays(), d.matureDays(),
                d.decliningFactor(), d.decliningAlive(), d.churnedAlive(), d.churnedDays(), d.corePercent(), d.importantPercent(),
                d.coreYearlySpend(), d.importantYearlySpend(), d.churnTarget(), d.repurchaseTarget(), d.satisfactionTarget());
    }

    @Test
    void theAverageClvOfEachPeriodFromTheFiguresPassIsThatOfItsDaysOwnSnapshot() throws IOException {
        Cdnow.sample().importInto(dir); // 2,357 customers, 1997-01 to 1998-06

        Period june = Period.month(1998, 6);
        LocalDate asOf = LocalDate.of(1998, 6, 20); // the period clipped: its table is of the 20th
        try (AppContext ctx = TestStores.open(dir)) {
            for (InsightSettings settings : List.of(InsightSettings.DEFAULTS, lastMonths(12))) {
                InsightService onePass = new InsightService(ctx.database(), new InsightRepository(), TestStores.CLOCK);
                InsightService apart = new InsightService(ctx.database(), new InsightRepository(), TestStores.CLOCK);
                for (LocalDate day : List.of(asOf, LocalDate.of(1998, 5, 31), LocalDate.of(1997, 6, 30))) {
                    apart.snapshot(day, settings); // each day's table from its own read of the history
                }
                KpiReport shared = onePass.kpis(june, asOf, settings);
                KpiReport own = apart.kpis(june, asOf, settings);
                List<Double> clv = List.of(shared.current().get(Kpi.AVERAGE_CLV), shared.previous().get(Kpi.AVERAGE_CLV),
                        shared.yearEarlier().get(Kpi.AVERAGE_CLV));
                assertThat(clv).as("window %s", settings.window()).doesNotContainNull().doesNotHaveDuplicates()
                        .containsExactly(own.current().get(Kpi.AVERAGE_CLV), own.previous().get(Kpi.AVERAGE_CLV),
                                own.yearEarlier().get(Kpi.AVERAGE_CLV));
                assertThat(shared.current().values()).isEqualTo(own.current().values());
                assertThat(shared.yearEarlier().values()).isEqualTo(own.yearEarlier().values());
            }
        }
    }
}
