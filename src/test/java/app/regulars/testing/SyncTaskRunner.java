package app.regulars.testing;

import app.regulars.fx.TaskRunner;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work at once on the calling thread: view-model tests without threads or a window. */
public final class SyncTaskRunner implements TaskRunner {
    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onError.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void onUiThread(Runnable action) {
        action.run();
    }
}
