package app.regulars.fx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gives the heap that the background lane's long jobs grew back to the system: once the lane
 * has worked {@link #BUSY} in all since the last time and then has nothing to do for
 * {@link #QUIET}, it asks for a full collection ({@link System#gc()}). The serial collector
 * shrinks the heap at a full collection to what {@code -XX:MaxHeapFreeRatio} allows
 * ({@code jvm.options}); without one it keeps every page the day's jobs or the insights touched,
 * up to {@code -Xmx}. At 100,000 customers the collection takes 0.1-0.3 s, at most once a
 * minute (decision 0028).
 */
final class HeapGiveBack {
    private static final Logger LOG = LoggerFactory.getLogger(HeapGiveBack.class);
    /** Work on the lane since the last collection that makes one worth it. */
    static final long BUSY = TimeUnit.SECONDS.toNanos(2);
    /** How long the lane must have been idle. */
    static final long QUIET = TimeUnit.SECONDS.toNanos(3);
    /** At most one collection in this long. */
    static final long SPACING = TimeUnit.SECONDS.toNanos(60);
    /** Off with {@code -Dregulars.heapGiveBack=false}. */
    private static final boolean ON = !"false".equals(System.getProperty("regulars.heapGiveBack"));

    private final ThreadPoolExecutor lane;
    private long busy; // guarded by this
    private long lastWork = System.nanoTime();
    private long lastCollection = System.nanoTime() - SPACING;
    private boolean pending;

    HeapGiveBack(ThreadPoolExecutor lane) {
        this.lane = lane;
    }

    /** {@code work} timed: its time counts as the lane's work, and when it ends a collection may follow. */
    <T> Callable<T> timed(Callable<T> work) {
        if (!ON) {
            return work;
        }
        return () -> {
            long t0 = System.nanoTime();
            try {
                return work.call();
            } finally {
                ended(System.nanoTime() - t0);
            }
        };
    }

    private synchronized void ended(long nanos) {
        busy += nanos;
        lastWork = System.nanoTime();
        if (busy >= BUSY && !pending) {
            pending = true;
            later();
        }
    }

    /** Checks again after the quiet time (and no sooner than the spacing allows), on the lane itself. */
    private void later() {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            wait = Math.max(lastWork + QUIET - now, lastCollection + SPACING - now);
        }
        try {
            CompletableFuture.delayedExecutor(Math.max(wait, 0), TimeUnit.NANOSECONDS, lane).execute(this::maybeCollect);
        } catch (RuntimeException e) { // the lane is shut down: the window is closing
            synchronized (this) {
                pending = false;
            }
        }
    }

    private void maybeCollect() {
        synchronized (this) {
            long now = System.nanoTime();
            if (!lane.getQueue().isEmpty() || now - lastWork < QUIET || now - lastCollection < SPACING) {
                later();
                return;
            }
            pending = false;
            busy = 0;
            lastCollection = now;
        }
        collect();
    }

    /** A full collection, and what it gave back in the log. */
    static void collect() {
        Runtime rt = Runtime.getRuntime();
        long committed = rt.totalMemory();
        long used = committed - rt.freeMemory();
        long t0 = System.nanoTime();
        System.gc();
        LOG.info("Full collection after the background work: heap {} MB used of {} MB committed, now {} MB of {} MB, in {} ms",
                used >> 20, committed >> 20, (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
