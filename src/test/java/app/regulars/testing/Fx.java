package app.regulars.testing;

import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.app.RegularsApp;
import app.regulars.app.Shell;
import app.regulars.fx.TaskRunner;
import app.regulars.app.Theme;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** TestFX helpers: the app's shell on a test stage, and waiting for what the background tasks bring to the screen. */
public final class Fx {
    private Fx() {
    }

    /**
     * Waits up to 10 s for {@code condition}, then for pending FX events. The condition is checked
     * on the FX thread: a lookup or a read of a control from the test's thread can meet the scene
     * graph while the FX thread changes it (one CI run: an IndexOutOfBounds in {@code Parent.lookupAll}).
     */
    public static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met in time", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** {@code read} run on the FX thread (at once when called there), its result returned. */
    public static <T> T onFx(Supplier<T> read) {
        if (Platform.isFxApplicationThread()) {
            return read.get();
        }
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the FX thread did not answer within 10 s", e);
        }
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
