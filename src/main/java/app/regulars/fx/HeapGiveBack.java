package app.regulars.fx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Gives the heap that the background lane's long jobs grew back to the system: after a task of
 * the lane that took {@link #LONG} or more (the day's jobs, the insights), once nothing waits on
 * the lane, it asks for a full collection ({@link System#gc()}), at most once a
 * {@link #SPACING}. The serial collector shrinks the heap at a full collection to what
 * {@code -XX:MaxHeapFreeRatio} allows ({@code jvm.options}); without one it keeps every page those
 * jobs touched, up to {@code -Xmx}. At 100,000 customers the collection takes 0.1-0.4 s
 * (decision 0028). Off with {@code -Dregulars.heapGiveBack=false}. During those jobs
 * {@link HeapCeiling} keeps the old generation near its live data (decision 0042).
 */
final class HeapGiveBack {
    private static final Logger LOG = LoggerFactory.getLogger(HeapGiveBack.class);
    /** A task of the lane this long is worth a collection after it. */
    static final long LONG = TimeUnit.SECONDS.toNanos(1);
    /** How long after such a task to look whether the lane is idle. */
    static final long AFTER = TimeUnit.SECONDS.toNanos(2);
    /** At most one collection in this long. */
    static final long SPACING = TimeUnit.SECONDS.toNanos(30);
    private static final boolean ON = !"false".equals(System.getProperty("regulars.heapGiveBack"));

    private final ThreadPoolExecutor lane;
    private final Runnable collection;
    private final long after;
    private long lastCollection = System.nanoTime() - SPACING; // guarded by this
    private boolean pending;

    HeapGiveBack(ThreadPoolExecutor lane) {
        this(lane, HeapGiveBack::collect, AFTER);
    }

    /** With another collection and wait (tests). */
    HeapGiveBack(ThreadPoolExecutor lane, Runnable collection, long afterNanos) {
        this.lane = lane;
        this.collection = collection;
        this.after = afterNanos;
    }

    /** {@code work} timed: when it is long, a collection follows once the lane is idle. */
    <T> Callable<T> timed(Callable<T> work) {
        if (!ON) {
            return work;
        }
        return () -> {
            long t0 = System.nanoTime();
            try {
                return work.call();
            } finally {
                if (System.nanoTime() - t0 >= LONG) {
                    ended();
                }
            }
        };
    }

    private synchronized void ended() {
        if (!pending) {
            pending = true;
            later(after);
        }
    }

    /** Looks again in {@code nanos} (and no sooner than the spacing allows), on the lane itself. */
    private synchronized void later(long nanos) {
        long wait = Math.max(nanos, lastCollection + SPACING - System.nanoTime());
        try {
            CompletableFuture.delayedExecutor(Math.max(wait, 0), TimeUnit.NANOSECONDS, lane).execute(this::maybeCollect);
        } catch (RuntimeException e) { // the lane is shut down: the window is closing
            pending = false;
        }
    }

    private void maybeCollect() {
        synchronized (this) {
            if (!lane.getQueue().isEmpty()) { // more work waits: after it
                later(after);
                return;
            }
            pending = false;
            lastCollection = System.nanoTime();
        }
        collection.run();
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
