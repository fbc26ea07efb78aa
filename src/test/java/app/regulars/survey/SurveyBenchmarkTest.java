package app.regulars.survey;

import app.regulars.app.AppContext;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Times the results figures, the response list and the CSV export over many responses. Runs
 * only when asked: {@code ./mvnw -q verify -Dtest=SurveyBenchmarkTest -Dsurvey.bench.responses=1000000}.
 */
class SurveyBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void resultsOverManyResponses() throws Exception {
        int n = Integer.getInteger("survey.bench.responses", 0);
        assumeTrue(n > 0, "set -Dsurvey.bench.responses=N to run");
        try (AppContext ctx = TestStores.open(dir)) {
            SurveyService s = ctx.surveys();
            Survey nps = s.get(1);
            long t0 = System.nanoTime();
            // Responses spread over two years, scores 0-10, a comment on every tenth.
            ctx.database().write(cfg -> cfg.dsl().execute(
                    "INSERT INTO survey_response (survey_id, version_id, channel, answered_on, score, comment, created_at) "
                            + "SELECT ?, ?, 'VISIT', DATEADD('DAY', -MOD(X, 730), DATE '2026-11-23'), MOD(X * 7, 11), "
                            + "CASE WHEN MOD(X, 10) = 0 THEN 'comment ' || X END, TIMESTAMP '2026-11-23 10:00:00' "
                            + "FROM SYSTEM_RANGE(1, ?)", nps.id(), nps.versionId(), n));
            double load = (System.nanoTime() - t0) / 1e9;
            System.out.printf("survey bench: loaded %,d in %.1f s%n", n, load);
            ResultFilter year = new ResultFilter(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 11, 23), null);
            ResultFilter month = new ResultFilter(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31), null);
            s.results(nps.id(), year, false); // warm up
            double all = time(() -> s.results(nps.id(), ResultFilter.all(), false));
            double y = time(() -> s.results(nps.id(), year, false));
            double m = time(() -> s.results(nps.id(), month, true));
            double list = time(() -> s.responses(nps.id(), year, true, false));
            long t1 = System.nanoTime();
            try (OutputStream out = OutputStream.nullOutputStream()) {
                int rows = new ResponseFiles(s, new app.regulars.i18n.Messages(java.util.Locale.ENGLISH)).writeCsv(nps, ResultFilter.all(), out);
                assertThat(rows).isEqualTo(n);
            }
            double export = (System.nanoTime() - t1) / 1e9;
            System.out.printf("survey bench: %,d responses loaded in %.1f s; results all %.0f ms, this year %.0f ms, "
                    + "one month by quarter %.0f ms; comment list (500) %.0f ms; CSV export of all %.1f s%n",
                    n, load, all, y, m, list, export);
            assertThat(s.results(nps.id(), ResultFilter.all(), false).responses()).isEqualTo(n);
        }
    }

    private static double time(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1e6;
    }
}
