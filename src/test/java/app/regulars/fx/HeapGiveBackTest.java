package app.regulars.fx;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A full collection once the lane is idle after a long task, never after short ones, at most once per spacing. */
class HeapGiveBackTest {
    private final ThreadPoolExecutor lane = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    private final AtomicInteger collections = new AtomicInteger();
    private final HeapGiveBack giveBack = new HeapGiveBack(lane, collections::incrementAndGet, TimeUnit.MILLISECONDS.toNanos(200));

    @AfterEach
    void stop() {
        lane.shutdownNow();
    }

    private void run(long millis) throws Exception {
        Callable<Object> work = giveBack.timed(() -> {
            Thread.sleep(millis);
            return null;
        });
        lane.submit(work).get();
    }

    @Test
    void shortTasksLeaveTheHeapAlone() throws Exception {
        for (int i = 0; i < 5; i++) {
            run(50);
        }
        Thread.sleep(600);
        assertThat(collections).hasValue(0);
    }

    @Test
    void aLongTaskIsFollowedByOneCollectionOnceTheLaneIsIdleAndNoSecondWithinTheSpacing() throws Exception {
        run(HeapGiveBack.LONG / 1_000_000 + 50);
        lane.submit(giveBack.timed(() -> {
            Thread.sleep(400); // work arriving before the collection's turn: it waits for it
            return null;
        }));
        Thread.sleep(150);
        assertThat(collections).hasValue(0);
        Thread.sleep(900);
        assertThat(collections).hasValue(1);
        run(HeapGiveBack.LONG / 1_000_000 + 50);
        Thread.sleep(600);
        assertThat(collections).as("within %d s of the last", HeapGiveBack.SPACING / 1_000_000_000).hasValue(1);
    }
}
