package app.regulars.feature;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A value made the first time it is asked for: a page's content, built when the page is first
 * shown rather than when the window opens (building every page at once took a second of the
 * JavaFX thread, and some pages load data as they are built, while the customer list waited for
 * its first rows: docs/decisions/0014-start-and-memory.md). Used on the JavaFX thread only.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> maker;
    private T value;

    public Lazy(Supplier<T> maker) {
        this.maker = maker;
    }

    @Override
    public T get() {
        if (value == null) {
            value = maker.get();
        }
        return value;
    }

    /** Runs {@code action} on the value if it has been made; does not make it. */
    public void ifMade(Consumer<? super T> action) {
        if (value != null) {
            action.accept(value);
        }
    }
}
