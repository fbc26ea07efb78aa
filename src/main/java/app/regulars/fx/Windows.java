package app.regulars.fx;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Dialog;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.Objects;

/**
 * The one place that makes windows and dialogs: each is owned by the window it was opened
 * from (modal to it) and carries the app's stylesheets, so no view copies that code.
 */
public final class Windows {
    /** The app's own stylesheet, on top of the AtlantaFX theme (see {@code Theme}). */
    public static final String STYLESHEET = Objects.requireNonNull(Windows.class.getResource("regulars.css")).toExternalForm();

    private Windows() {
    }

    /**
     * A new window for {@code root}, modal to {@code owner} when there is one, with the
     * owner's stylesheets (the app's when there is no owner). Size {@code <= 0}: the root's own.
     */
    public static Stage stage(Window owner, String title, Parent root, double width, double height) {
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle(title);
        Scene scene = width > 0 && height > 0 ? new Scene(root, width, height) : new Scene(root);
        style(scene, owner);
        stage.setScene(scene);
        return stage;
    }

    /** {@code dialog}, owned by the window that shows {@code anchor} (if it is shown) and styled like it. */
    public static <D extends Dialog<?>> D dialog(Node anchor, D dialog) {
        return dialog(windowOf(anchor), dialog);
    }

    /** {@code dialog}, owned by {@code owner} (if any) and styled like it. */
    public static <D extends Dialog<?>> D dialog(Window owner, D dialog) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        style(dialog.getDialogPane().getScene(), owner);
        return dialog;
    }

    /** The window that shows {@code node}, or null while it is not shown. */
    public static Window windowOf(Node node) {
        return node == null || node.getScene() == null ? null : node.getScene().getWindow();
    }

    private static void style(Scene scene, Window owner) {
        if (scene == null) {
            return;
        }
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        } else if (!scene.getStylesheets().contains(STYLESHEET)) {
            scene.getStylesheets().add(STYLESHEET);
        }
    }

    /**
     * Runs {@code action} once, in the layout phase of the next pulse of {@code node}'s scene (after
     * its CSS and layout pass, before it is drawn); at once when the node is in no window on screen,
     * where no pulse would lay it out.
     */
    public static void afterNextLayout(javafx.scene.Node node, Runnable action) {
        Scene scene = node.getScene();
        if (scene == null || scene.getWindow() == null || !scene.getWindow().isShowing()) {
            action.run();
            return;
        }
        Runnable[] once = new Runnable[1];
        boolean[] done = {false};
        once[0] = () -> {
            if (!done[0]) {
                done[0] = true;
                action.run();
                javafx.application.Platform.runLater(() -> scene.removePostLayoutPulseListener(once[0])); // not while the scene runs its listeners
            }
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }
}
