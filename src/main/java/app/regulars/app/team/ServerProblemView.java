package app.regulars.app.team;

import app.regulars.i18n.Messages;
import app.regulars.store.ServerAddress;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * What the window shows when the shared store cannot be opened (the server unreachable, no such
 * database, a newer schema, no secure connection): the reason in the user's language
 * ({@code store.server.*}), Retry, this computer's file instead (opened on its own: nothing of it
 * goes to the server, nor the server's into it), or another server.
 */
public final class ServerProblemView extends VBox {
    public ServerProblemView(Messages messages, ServerAddress server, String reason, Runnable retry, Runnable useLocal, Runnable change) {
        super(14);
        getStyleClass().addAll("unlock", "store-screen");
        Label title = new Label(messages.get("store.problem.title"));
        title.getStyleClass().add("title");
        Label why = SignInView.wrapped(reason, "danger");
        why.setId("serverProblem");
        Button again = new Button(messages.get("store.problem.retry"));
        again.setId("serverRetry");
        again.getStyleClass().add("accent");
        again.setDefaultButton(true);
        again.setOnAction(e -> retry.run());
        Button local = new Button(messages.get("store.problem.useLocal"));
        local.setId("serverUseLocal");
        local.setOnAction(e -> useLocal.run());
        Button other = new Button(messages.get("store.problem.change"));
        other.setId("serverChange");
        other.setOnAction(e -> change.run());
        HBox buttons = new HBox(8, again, local, other);
        buttons.setAlignment(Pos.CENTER);
        Label localNote = SignInView.wrapped(messages.get("store.problem.useLocal.note", server.toString()), "muted");
        getChildren().setAll(title, why, buttons, localNote);
        setAlignment(Pos.CENTER);
    }
}
