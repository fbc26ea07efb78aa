package app.regulars.insight;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps today's insights and this month's key figures up to date in the background while the
 * window is open: once the data has changed and no write has come for a few seconds (the
 * counter is quiet), it recomputes them, so the Insights page opens on results already
 * there instead of reading the whole history while the user waits.
 */
final class InsightRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InsightRefresher.class);
    static final long QUIET_SECONDS = 5;

    private final InsightService insights;
    private final Supplier<InsightSettings> settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "insight-refresh");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private long lastSeen = -1;

    InsightRefresher(InsightService insights, Supplier<InsightSettings> settings) {
        this.insights = insights;
        this.settings = settings;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::tick, QUIET_SECONDS, QUIET_SECONDS, TimeUnit.SECONDS);
    }

    /** Recomputes when the data changed and has been quiet since the last tick. */
    void tick() {
        try {
            long now = insights.dataVersion();
            boolean quiet = now == lastSeen;
            lastSeen = now;
            if (quiet && insights.stale()) {
                refresh();
            }
        } catch (RuntimeException e) {
            LOG.warn("Insights not refreshed", e);
        }
    }

    void refresh() {
        refresh(insights, settings.get());
    }

    /** Today's snapshot and this month's report with its trend, as the page asks for them. */
    static void refresh(InsightService insights, InsightSettings s) {
        var today = insights.today();
        insights.snapshot(today, s);
        insights.kpis(Period.containing(Period.Kind.MONTH, today), today, s, InsightsViewModel.TREND_MONTHS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
