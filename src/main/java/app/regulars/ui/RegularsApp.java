package app.regulars.ui;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The JavaFX application: opens the data folder's store and shows the shell. */
public final class RegularsApp extends Application {
    private static volatile Path dataDirectory;

    public static void launch(Path dataDir) {
        dataDirectory = dataDir;
        Application.launch(RegularsApp.class);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Regulars");
        stage.show();
    }
}
