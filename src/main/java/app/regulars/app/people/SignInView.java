package app.regulars.app.people;

import app.regulars.i18n.Messages;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** What the window shows before the shell in team mode: name and PIN, or the owner making themself (decision 0033). */
public final class SignInView extends VBox {
    public SignInView(SignInViewModel vm, Messages messages, String store) {
        super(14);
        getStyleClass().add("unlock");
        setId("signIn");
        Label title = new Label(messages.get(vm.first() ? "people.first.title" : "people.signIn.title"));
        title.getStyleClass().add("page-title");
        Label where = new Label(messages.get(vm.first() ? "people.first.intro" : "people.signIn.where", store));
        where.getStyleClass().add("muted");
        where.setWrapText(true);
        where.setMaxWidth(520);
        TextField name = new TextField();
        name.setId("signInName");
        name.setPrefColumnCount(20);
        name.textProperty().bindBidirectional(vm.nameProperty());
        PasswordField pin = new PasswordField();
        pin.setId("signInPin");
        pin.textProperty().bindBidirectional(vm.pinProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setAlignment(Pos.CENTER);
        grid.addRow(0, new Label(messages.get("people.name")), name);
        grid.addRow(1, new Label(messages.get("people.pin")), pin);
        if (vm.first()) {
            PasswordField again = new PasswordField();
            again.setId("signInPinAgain");
            again.textProperty().bindBidirectional(vm.pinAgainProperty());
            grid.addRow(2, new Label(messages.get("people.pinAgain")), again);
        }
        Button go = new Button(messages.get(vm.first() ? "people.first.create" : "people.signIn.button"));
        go.setId("signInButton");
        go.setDefaultButton(true);
        go.getStyleClass().add("accent");
        go.disableProperty().bind(vm.busyProperty().or(vm.pinProperty().isEmpty()).or(vm.nameProperty().isEmpty()));
        go.setOnAction(e -> vm.signIn());
        Label problem = new Label();
        problem.setId("signInProblem");
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.setMaxWidth(520);
        problem.textProperty().bind(vm.problemProperty());
        Label hint = new Label(messages.get(vm.first() ? "people.first.hint" : "people.signIn.hint"));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        hint.setMaxWidth(520);
        getChildren().setAll(title, where, grid, go, problem, hint);
        setAlignment(Pos.CENTER);
        Platform.runLater(name::requestFocus);
    }
}
