package app.regulars.fx;

import org.junit.jupiter.api.Test;

import javax.management.Notification;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The old generation collected a margin over its live data instead of at the heap's limit: the
 * threshold it keeps, the spacing between collections, and the heap of a JVM with the window's
 * collector and limit that reads like the day's jobs, with and without it.
 */
class HeapCeilingTest {
    private static final long MB = 1L << 20;

    /** An old generation whose use the test sets; a collection leaves {@link #live} in it. */
    private static final class Pool {
        final AtomicLong used = new AtomicLong();
        final AtomicLong live = new AtomicLong();
        final AtomicLong threshold = new AtomicLong();
        final AtomicLong afterCollection = new AtomicLong();
        final AtomicInteger collections = new AtomicInteger();
        final long max = 240 * MB;
        final MemoryPoolMXBean bean = (MemoryPoolMXBean) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MemoryPoolMXBean.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUsage" -> new MemoryUsage(0, used.get(), max, max);
                    case "getCollectionUsage" -> new MemoryUsage(0, afterCollection.get(), max, max);
                    case "getUsageThreshold" -> threshold.get();
                    case "setUsageThreshold" -> {
                        threshold.set((Long) args[0]);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        void collect() {
            collections.incrementAndGet();
            used.set(live.get());
            afterCollection.set(live.get());
        }
    }

    private static Notification over() {
        return new Notification(MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED, "test", 1);
    }

    @Test
    void theThresholdIsAMarginOverTheLiveDataAndAtMostSevenEighthsOfTheLimit() {
        long max = 240 * MB;
        assertThat(HeapCeiling.threshold(20 * MB, max)).isEqualTo(HeapCeiling.FLOOR);
        assertThat(HeapCeiling.threshold(100 * MB, max)).isEqualTo(100 * MB + HeapCeiling.MARGIN);
        assertThat(HeapCeiling.threshold(170 * MB, max)).as("at most seven eighths of the limit").isEqualTo(210 * MB);
        assertThat(HeapCeiling.threshold(230 * MB, max)).isEqualTo(210 * MB);
    }

    @Test
    void aCrossingCollectsThenWaitsForTheSpacingAndCollectsOnlyIfStillOver() throws Exception {
        Pool pool = new Pool();
        HeapCeiling ceiling = new HeapCeiling(pool.bean, pool::collect, TimeUnit.SECONDS.toNanos(1));

        pool.used.set(150 * MB);
        pool.live.set(90 * MB);
        ceiling.handleNotification(over(), null);
        assertThat(pool.collections).hasValue(1);
        assertThat(pool.threshold).as("the live data and the margin").hasValue(90 * MB + HeapCeiling.MARGIN);

        pool.used.set(160 * MB); // over again at once: not now, once the spacing allows
        ceiling.handleNotification(over(), null);
        ceiling.handleNotification(over(), null);
        assertThat(pool.collections).hasValue(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.collections.get() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.collections).as("one look again, still over").hasValue(2);

        pool.used.set(170 * MB); // over again within the spacing
        ceiling.handleNotification(over(), null);
        pool.used.set(100 * MB); // a collection of the JVM's own meanwhile
        Thread.sleep(1_500);
        assertThat(pool.collections).as("under the threshold when the spacing allows").hasValue(2);

        ceiling.handleNotification(new Notification(MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED, "test", 2), null);
        assertThat(pool.collections).as("only the usage threshold counts").hasValue(2);
    }

    @Test
    void theWindowsHeapStaysNearItsLiveDataThroughLongReads() throws Exception {
        long without = heapOfAChild(false);
        long with = heapOfAChild(true);
        assertThat(without).as("without the ceiling the old generation grows to its limit (MB)").isGreaterThan(200);
        assertThat(with).as("with it, the old generation's largest size (MB)").isLessThan(190);
    }

    /** The old generation's largest committed size in MB, in a child JVM with the window's collector and limit. */
    private static long heapOfAChild(boolean ceiling) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx320m", "-Xms48m", "-XX:NewRatio=3", "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:-ShrinkHeapInSteps",
                "-Dregulars.heapCeiling=" + ceiling, "-cp", System.getProperty("java.class.path"), Reader.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("old ")) { // a log line
                line = out.readLine();
            }
            System.out.println("HeapCeilingTest: ceiling " + ceiling + ", " + line + " MB");
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(line).startsWith("old ");
            return Long.parseLong(line.substring(4).trim());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Reads like the day's jobs: 20 MB of entries that each live a little while (a cache turning
     * over), and ten times as much that dies at once, 50 MB of the former a second for 6 s.
     * Prints the old generation's largest committed size.
     */
    public static final class Reader {
        public static void main(String[] args) throws Exception {
            HeapCeiling.install();
            MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP && HeapCeiling.SERIAL_OLD.equals(p.getName())).findFirst().orElseThrow();
            byte[][] cache = new byte[20_000][];
            long largest = 0;
            long sink = 0;
            for (int i = 0; i < 300_000; i++) {
                cache[i % cache.length] = new byte[1024];
                for (int k = 0; k < 10; k++) {
                    byte[] row = new byte[1024];
                    row[k] = (byte) i;
                    sink += row[0];
                }
                if (i % 1_000 == 999) {
                    Thread.sleep(20); // 50 MB a second into the cache
                    largest = Math.max(largest, old.getUsage().getCommitted());
                }
            }
            System.out.println("old " + (largest >> 20) + (sink == 42 ? " " : ""));
        }
    }
}
