package app.regulars.feature;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import javafx.stage.Window;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a feature's views get from the window: the store's services, what other features
 * added for them, the background runner, the language, the window to own dialogs, a way
 * to say that data changed (the page on screen reloads), and a way to go to another page
 * ({@code navigate}: given a {@link Page#navId()}, the window shows that page; an unknown id
 * does nothing).
 */
public record Ui(Services services, Extensions extensions, TaskRunner runner, Messages messages,
                 Supplier<Window> window, Runnable dataChanged, Consumer<String> navigate) {
    /** Without navigation (a test that shows one feature's views on their own). */
    public Ui(Services services, Extensions extensions, TaskRunner runner, Messages messages,
              Supplier<Window> window, Runnable dataChanged) {
        this(services, extensions, runner, messages, window, dataChanged, navId -> { });
    }
}
