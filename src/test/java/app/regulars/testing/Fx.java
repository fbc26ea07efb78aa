package app.regulars.testing;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.app.RegularsApp;
import app.regulars.app.Shell;
import app.regulars.fx.TaskRunner;
import app.regulars.app.Theme;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** TestFX helpers: the app's shell on a test stage, and waiting for what the background tasks bring to the screen. */
public final class Fx {
    private Fx() {
    }

    /** Waits up to 10 s for {@code condition} (checked on the FX thread), then for pending FX events. */
    public static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met in time", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Puts a new shell in {@code locale} and {@code theme} on the stage's scene and starts the
     * day in the background, as the app does (call on the FX thread).
     */
    public static Shell showShell(Stage stage, AppContext context, TaskRunner runner, Locale locale, Theme theme) {
        Messages messages = new Messages(locale);
        Shell shell = new Shell(context, runner, messages, theme, l -> { }, t -> { });
        Scene scene = stage.getScene();
        scene.setRoot(shell);
        theme.apply(scene);
        shell.installShortcuts(scene);
        RegularsApp.startDay(context, runner, messages, shell);
        return shell;
    }
}
