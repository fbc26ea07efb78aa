package app.regulars.app;

import javafx.application.Platform;
import javafx.scene.control.TextField;
import org.controlsfx.control.textfield.TextFields;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Run by {@link InstalledAppIT} in the app image's runtime, with the launcher's options and class
 * path: what the libraries do with JavaFX's internals where JavaFX is a named module. ControlsFX's
 * auto-completion (the customer editor's tag field) needs {@code com.sun.javafx.event}.
 */
public final class ImageProbe {
    private ImageProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            try {
                TextFields.bindAutoCompletion(new TextField(), List.of("VIP", "老客户"));
                System.out.println("auto-completion bound");
            } catch (RuntimeException | LinkageError e) {
                System.out.println("auto-completion failed: " + e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        Platform.exit();
    }
}
