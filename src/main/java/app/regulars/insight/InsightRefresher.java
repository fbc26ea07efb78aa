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
 * there instead of reading the whole history while the user waits. The recomputing runs on the
 * lane it is given (the window's background lane, behind the day's jobs, which compute the same
 * results first): never two computations of all customers at once.
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
    private final java.util.concurrent.Executor lane;
    /** A recomputing handed to the lane and not yet done: no second one is queued behind it. */
    private final java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
    private long lastSeen = -1;

    /** Recomputing on the timer's own thread. */
    InsightRefresher(InsightService insights, Supplier<InsightSettings> settings) {
        this(insights, settings, Runnable::run);
    }

    InsightRefresher(InsightService insights, Supplier<InsightSettings> settings, java.util.concurrent.Executor lane) {
        this.insights = insights;
        this.settings = settings;
        this.lane = lane;
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
            if (quiet && insights.stale() && queued.compareAndSet(false, true)) {
                lane.execute(() -> {
                    try {
                        if (insights.stale()) { // the day's jobs may have done it meanwhile
                            refresh();
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("Insights not refreshed", e);
                    } finally {
                        queued.set(false);
                    }
                });
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
        // The next ticks are cancelled; a refresh under way ends uninterrupted, since an interrupt
        // while H2 reads closes its file for every session and the store closes next.
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
