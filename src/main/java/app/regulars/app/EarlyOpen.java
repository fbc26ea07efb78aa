package app.regulars.app;

import app.regulars.app.team.StoreChoice;
import app.regulars.store.Database;
import app.regulars.store.Encryption;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * This computer's data file opened on a thread of its own while JavaFX starts, with the customer
 * list's first page read ahead, for the window to take once it is shown
 * (docs/decisions/0037-the-store-opens-while-javafx-starts.md). Only where the window would open
 * that file at once, asking nothing first: a file that exists, not encrypted (its password comes
 * first), no shared server chosen for the folder. Whatever the opening throws, the window is
 * given when it takes it, as if it had opened the file itself.
 *
 * @param <T> what the opening returns (the window's opened store)
 */
final class EarlyOpen<T> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EarlyOpen.class);
    private final Path directory;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    private EarlyOpen(Path directory) {
        this.directory = directory;
    }

    /**
     * Starts {@code open} on {@code directory} on a daemon thread when the window would open its
     * file without asking anything; empty otherwise (the window then does as before).
     */
    static <T> Optional<EarlyOpen<T>> start(Path directory, Function<Path, T> open) {
        return start(directory, open, opened -> () -> { });
    }

    /**
     * As {@link #start(Path, Function)}, and once the store is open, {@code then} is asked for more
     * work for the same thread: it is run after the opened store is handed to whoever waits for it,
     * beside what they do with it (the list's first page, read while the window builds its shell).
     * What {@code then} throws is logged, never given to the window.
     */
    static <T> Optional<EarlyOpen<T>> start(Path directory, Function<Path, T> open, Function<T, Runnable> then) {
        if (!opensWithoutAsking(directory)) {
            return Optional.empty();
        }
        EarlyOpen<T> early = new EarlyOpen<>(directory);
        Thread.ofPlatform().daemon().name("regulars-store-open").start(() -> {
            T opened;
            try {
                opened = open.apply(directory);
            } catch (Throwable e) {
                early.result.completeExceptionally(e);
                return;
            }
            Runnable more = () -> { };
            try {
                more = then.apply(opened);
            } catch (RuntimeException e) {
                LOG.debug("Nothing more done on the store opened early", e);
            }
            early.result.complete(opened);
            try {
                more.run();
            } catch (RuntimeException e) {
                LOG.debug("The work after the early opening failed", e);
            }
        });
        return Optional.of(early);
    }

    /** Whether the window opens {@code directory}'s file at once: it exists, is not encrypted, and no server is chosen instead. */
    static boolean opensWithoutAsking(Path directory) {
        try {
            Optional<StoreChoice> chosen = StoreChoice.read(directory);
            return !(chosen.isPresent() && chosen.get().shared())
                    && Files.exists(directory.resolve(Database.FILE_NAME + ".mv.db"))
                    && !Encryption.encrypted(directory);
        } catch (RuntimeException e) {
            return false; // the window's own way says what is wrong
        }
    }

    /** Whether this is the opening of {@code directory} and nobody took it yet. */
    boolean isFor(Path directory) {
        return this.directory.equals(directory) && !taken.get();
    }

    /**
     * What the opening returned, waiting for it (off the JavaFX thread); what it threw, thrown
     * here as it was. Once only.
     */
    T take() {
        if (!taken.compareAndSet(false, true)) {
            throw new IllegalStateException("The early opening of " + directory + " was taken already");
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** A window that closes without taking it: {@code close} gets what was opened, once it is. */
    void discard(Consumer<T> close) {
        if (taken.compareAndSet(false, true)) {
            result.thenAccept(close);
        }
    }
}
