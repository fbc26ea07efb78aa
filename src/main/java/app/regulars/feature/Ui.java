package app.regulars.feature;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import javafx.stage.Window;

import java.util.function.Supplier;

/**
 * What a feature's views get from the window: the store's services, what other features
 * added for them, the background runner, the language, the window to own dialogs, and a way
 * to say that data changed (the page on screen reloads).
 */
public record Ui(Services services, Extensions extensions, TaskRunner runner, Messages messages,
                 Supplier<Window> window, Runnable dataChanged) {
}
