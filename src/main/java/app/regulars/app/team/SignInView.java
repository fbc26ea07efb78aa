package app.regulars.app.team;

import app.regulars.i18n.Messages;
import app.regulars.store.ServerAddress;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The shared store's password, asked when the server wants one: the field, "Remember on this
 * computer" (in the system's credential store; where there is none, said so, and asked at each
 * start), a refused password said as such, and the ways out: this computer's file, another server.
 */
public final class SignInView extends VBox {
    /** What the user does on this screen. */
    public interface Actions {
        /** {@code password} is cleared once used. */
        void signIn(char[] password, boolean remember);

        void useLocalFile();

        void changeServer();
    }

    public SignInView(Messages messages, ServerAddress server, boolean canRemember, String problem, Actions actions) {
        super(14);
        getStyleClass().addAll("unlock", "store-screen");
        Label title = new Label(messages.get("store.signIn.title"));
        title.getStyleClass().add("title");
        Label where = wrapped(messages.get("store.signIn.where", server.user(), server.toString()), "muted");
        PasswordField field = new PasswordField();
        field.setId("serverPassword");
        field.setPromptText(messages.get("store.signIn.password"));
        field.setPrefColumnCount(24);
        Button go = new Button(messages.get("store.signIn.open"));
        go.setId("serverSignIn");
        go.setDefaultButton(true);
        go.getStyleClass().add("accent");
        go.disableProperty().bind(field.textProperty().isEmpty());
        CheckBox remember = new CheckBox(messages.get("store.signIn.remember"));
        remember.setId("serverRemember");
        remember.setDisable(!canRemember);
        Label rememberNote = wrapped(messages.get(canRemember ? "store.signIn.remember.note" : "store.signIn.noCredentialStore"), "muted");
        rememberNote.setId("serverRememberNote");
        go.setOnAction(e -> {
            char[] chars = field.getText().toCharArray(); // cleared by ServerSignIn once used
            field.clear();
            actions.signIn(chars, canRemember && remember.isSelected());
        });
        HBox row = new HBox(8, field, go);
        row.setAlignment(Pos.CENTER);
        Label error = wrapped(problem == null ? "" : problem, "danger");
        error.setId("serverSignInError");
        Button local = new Button(messages.get("store.problem.useLocal"));
        local.setId("serverUseLocal");
        local.setOnAction(e -> actions.useLocalFile());
        Button change = new Button(messages.get("store.problem.change"));
        change.setId("serverChange");
        change.setOnAction(e -> actions.changeServer());
        HBox ways = new HBox(8, local, change);
        ways.setAlignment(Pos.CENTER);
        getChildren().setAll(title, where, row, remember, rememberNote, error, ways);
        setAlignment(Pos.CENTER);
        Platform.runLater(field::requestFocus);
    }

    static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMaxWidth(560);
        return l;
    }
}
