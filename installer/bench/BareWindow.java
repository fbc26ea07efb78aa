import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor for the start benchmark (installer/bench/StartRatio.java): a bare JavaFX window with
 * one label, the size of Regulars' window. Prints {@code bare-window MILLISECONDS_SINCE_1970}
 * once the stage is shown, as Regulars prints {@code regulars-milestone window ...}.
 */
public class BareWindow extends Application {
    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(new Label("Regulars")), 1280, 800));
        stage.setTitle("Bare");
        stage.show();
        System.out.println("bare-window " + System.currentTimeMillis());
        System.out.flush();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
