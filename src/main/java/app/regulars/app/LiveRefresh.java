package app.regulars.app;

import app.regulars.store.StoreChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Live refresh on a shared store (issue 17 item 4; docs/decisions/0034-the-window-on-a-shared-store.md):
 * every {@value #PERIOD_MS} ms, on a thread of its own (never the JavaFX thread, nor the workers
 * the user waits on), reads what other computers changed ({@link StoreChanges}) and hands it to
 * the window ({@code onChanges}, on the JavaFX thread through {@code ui}). Nothing on the H2 file:
 * {@link #start} is not called there.
 */
public final class LiveRefresh implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveRefresh.class);
    static final long PERIOD_MS = 2000;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-refresh");
        t.setDaemon(true);
        return t;
    });

    private LiveRefresh() {
    }

    /** Polls {@code context}'s store every 2 s; what changed goes to {@code onChanges} through {@code ui} (Platform::runLater). */
    public static LiveRefresh start(AppContext context, Consumer<Runnable> ui, Consumer<StoreChanges.Changes> onChanges) {
        LiveRefresh live = new LiveRefresh();
        StoreChanges changes = new StoreChanges(context.database());
        live.timer.scheduleWithFixedDelay(() -> {
            try {
                StoreChanges.Changes c = changes.poll();
                if (c.any()) {
                    received(context, c);
                    ui.accept(() -> onChanges.accept(c));
                }
            } catch (RuntimeException e) { // the server gone for a while: the next poll tries again
                LOG.debug("Live refresh: {}", e.toString());
            }
        }, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return live;
    }

    /**
     * What this computer keeps of the store learns of {@code c}, other computers' changes: the
     * customers' search index looks at the customers changed, and every other cache (the insights
     * among them) counts them as a write to every table ({@code Database.changedElsewhere}).
     */
    static void received(AppContext context, StoreChanges.Changes c) {
        context.database().changedElsewhere();
        if (c.many()) {
            context.customers().manyChangedElsewhere();
        } else {
            context.customers().changedElsewhere(c.customers());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
