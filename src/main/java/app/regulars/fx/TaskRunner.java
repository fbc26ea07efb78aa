package app.regulars.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs database and file work off the JavaFX thread and hands the result back on it.
 * View models take one of these; tests pass a synchronous one. Knows no nodes.
 */
public interface TaskRunner {
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError);

    /** Runs {@code action} on the UI thread (at once when already there). */
    void onUiThread(Runnable action);
}
