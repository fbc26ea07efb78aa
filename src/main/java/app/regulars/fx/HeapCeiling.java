package app.regulars.fx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the garbage that long reads leave in the old generation from growing the heap to its
 * limit. While the day's backup, the day's jobs or the insights read the store, young
 * collections come every few tens of milliseconds, and what lives a little longer than that (H2's
 * cache entries of the pages read, a query's rows) is promoted and dies in the old generation.
 * The serial collector grows the old generation to take it rather than collect it, and collects
 * it only at {@code -Xmx}: at 100,000 customers the heap went to 255-278 MB committed with 75-105
 * MB live, again and again through that work.
 *
 * <p>This sets a usage threshold on the old generation a {@link #MARGIN} above what the last of
 * its collections left live (at least {@link #FLOOR}). When a young collection leaves it above
 * that, it asks for a full collection, which gives the garbage's pages back to the system
 * ({@code -XX:MaxHeapFreeRatio} in {@code jvm.options}), with at least ten times the last one's
 * pause and {@link #SPACING} between two. The threshold is never over seven eighths of the limit:
 * when the live data itself comes near it (an import, the duplicate finder), the old generation
 * stays over the threshold, the JVM tells of no crossing, and the collector works as without this.
 * Only under the serial collector of {@code jvm.options}, installed once by the window's JVM (on a
 * thread of its own as the window starts: the management classes take some 20 ms to load); off with
 * {@code -Dregulars.heapCeiling=false}. Decision 0042.
 */
public final class HeapCeiling implements NotificationListener {
    private static final Logger LOG = LoggerFactory.getLogger(HeapCeiling.class);
    /**
     * How much garbage the old generation may gather over its live data before a collection; another
     * with {@code -Dregulars.heapMarginMb=N} (for measuring).
     */
    static final long MARGIN = (long) Integer.getInteger("regulars.heapMarginMb", 48) << 20;
    /** The lowest threshold: below it a collection would free too little to be worth its pause. */
    static final long FLOOR = 128L << 20;
    /** The least time between two of these collections. */
    static final long SPACING = TimeUnit.SECONDS.toNanos(1);
    /** The serial collector's old generation, as HotSpot names its pool. */
    static final String SERIAL_OLD = "Tenured Gen";
    private static HeapCeiling installed; // guarded by HeapCeiling.class

    private final MemoryPoolMXBean old;
    private final Runnable collection;
    private final long spacing;
    private long next = System.nanoTime(); // guarded by this: no collection before
    private boolean pending; // guarded by this: a look again is planned
    private boolean collecting; // guarded by this

    /** Watches {@code old}; {@code collection} is a full collection ({@link System#gc()} but in tests). */
    HeapCeiling(MemoryPoolMXBean old, Runnable collection, long spacingNanos) {
        this.old = old;
        this.collection = collection;
        this.spacing = spacingNanos;
    }

    /** Watches the old generation of this JVM, once; nothing under another collector than the serial one. */
    public static synchronized void install() {
        if (installed != null || "false".equals(System.getProperty("regulars.heapCeiling"))) {
            return;
        }
        Optional<MemoryPoolMXBean> pool = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && SERIAL_OLD.equals(p.getName()) && p.isUsageThresholdSupported())
                .findFirst();
        if (pool.isEmpty() || pool.get().getUsage().getMax() <= 0) {
            LOG.debug("No serial old generation with a limit to watch");
            return;
        }
        installed = new HeapCeiling(pool.get(), System::gc, SPACING);
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(installed, null, null);
        installed.setThreshold(pool.get().getUsage().getUsed());
    }

    /**
     * The threshold for {@code live} bytes in an old generation of at most {@code max}: never over
     * seven eighths of the limit, so that a crossing is still told (and the threshold set again
     * from what is live) once the live data came near the limit and went down again.
     */
    static long threshold(long live, long max) {
        return Math.min(Math.max(FLOOR, live + MARGIN), max - max / 8);
    }

    private void setThreshold(long live) {
        long t = threshold(live, old.getUsage().getMax());
        old.setUsageThreshold(t);
        LOG.debug("Old generation: {} MB live, a collection at {} MB", live >> 20, t >> 20);
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED.equals(notification.getType())) {
            over();
        }
    }

    /** Over the threshold: a collection now, or when the spacing allows if the old generation is still over it then. */
    private void over() {
        synchronized (this) {
            if (collecting) {
                return;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                if (!pending) { // the JVM tells of a crossing once: look again when the spacing allows
                    pending = true;
                    CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(this::again);
                }
                return;
            }
            collecting = true;
        }
        long before = old.getUsage().getUsed();
        long t0 = System.nanoTime();
        long pause;
        try {
            collection.run();
        } finally {
            pause = System.nanoTime() - t0;
            synchronized (this) {
                next = System.nanoTime() + Math.max(spacing, 10 * pause);
                collecting = false;
            }
        }
        long live = old.getCollectionUsage().getUsed();
        LOG.debug("Old generation over its threshold: {} MB, {} MB after a full collection in {} ms", before >> 20, live >> 20,
                pause / 1_000_000);
        setThreshold(live);
    }

    private void again() {
        synchronized (this) {
            pending = false;
        }
        if (old.getUsage().getUsed() > old.getUsageThreshold()) {
            over();
        }
    }
}
