package app.regulars.fx;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The app's {@link TaskRunner}: two daemon threads for what the user waits on (a page, a
 * search, a profile, a save) and one low-priority thread for the background lane (the day's
 * jobs, the insights), results via {@code Platform.runLater}. Long jobs on the two workers
 * would make a page of the list wait for them: at 100,000 customers the day's jobs and the
 * insights take seconds each (docs/decisions/0014-start-and-memory.md).
 *
 * <p>After a long task on the background lane, once nothing more waits there, the lane asks
 * the JVM for a full collection ({@link HeapGiveBack}): the heap those jobs grew is given back
 * to the system (decision 0028).
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskRunner.class);
    private final ExecutorService executor;
    private final java.util.concurrent.ThreadPoolExecutor background;
    private final HeapGiveBack giveBack;

    public FxTaskRunner() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "regulars-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        background = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "regulars-background");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        giveBack = new HeapGiveBack(background);
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        submit(executor, work, onSuccess, onError);
    }

    @Override
    public <T> void runInBackground(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        submit(background, giveBack.timed(work), onSuccess, onError);
    }

    private static <T> void submit(ExecutorService lane, Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        if (lane.isShutdown()) {
            LOG.debug("Task dropped: the window is closing");
            return;
        }
        lane.execute(() -> {
            if (lane.isShutdown()) {
                LOG.debug("Task dropped: the window closed while it waited");
                return;
            }
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable e) {
                LOG.warn("Background task failed", e);
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    @Override
    public void onUiThread(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    @Override
    public void close() {
        // Work under way finishes first, uninterrupted (an interrupt while H2 reads closes its
        // file for every session, and the store closes right after this); work still waiting
        // is dropped.
        executor.shutdown();
        background.shutdown();
        try {
            executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            background.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
