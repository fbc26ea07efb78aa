package app.regulars.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs database and file work off the JavaFX thread and hands the result back on it.
 * View models take one of these; tests pass a synchronous one. Knows no nodes.
 */
public interface TaskRunner {
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError);

    /**
     * Runs long work that nobody waits on at that moment (the day's jobs, computing the
     * insights) on a lane of its own, one task at a time in the order given, so that it never
     * takes a thread from the work that answers the user: a page of the customer list, a
     * search, a profile. Without such a lane (tests), the same as {@link #run}.
     */
    default <T> void runInBackground(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        run(work, onSuccess, onError);
    }

    /** Runs {@code action} on the UI thread (at once when already there). */
    void onUiThread(Runnable action);
}
