package app.regulars.app.team;

import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.layout.Region;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.util.function.Consumer;

/**
 * "Where the data lives": this computer only (the file in the data folder) or a shared server
 * (host, port, database, user, secure connection). Shown at the first start and in Settings; the
 * button opens the chosen store ({@code onChoose}). Switching does not copy data: said under it.
 */
public final class StoreChoiceView extends VBox {
    public StoreChoiceView(StoreForm form, Messages messages, String action, Consumer<StoreChoice> onChoose) {
        super(10);
        getStyleClass().add("store-choice");
        ToggleGroup group = new ToggleGroup();
        RadioButton local = new RadioButton(messages.get("store.choice.local"));
        local.setId("storeLocal");
        local.setToggleGroup(group);
        RadioButton server = new RadioButton(messages.get("store.choice.server"));
        server.setId("storeServer");
        server.setToggleGroup(group);
        (form.sharedProperty().get() ? server : local).setSelected(true);
        server.selectedProperty().addListener((obs, o, n) -> form.sharedProperty().set(n));
        form.sharedProperty().addListener((obs, o, n) -> (n ? server : local).setSelected(true));
        Label localNote = muted(messages.get("store.choice.local.note"));
        Label serverNote = muted(messages.get("store.choice.server.note"));

        TextField host = field("storeHost", form.hostProperty(), 20);
        host.setPromptText("shop-server");
        TextField port = field("storePort", form.portProperty(), 6);
        TextField database = field("storeDatabase", form.databaseProperty(), 14);
        TextField user = field("storeUser", form.userProperty(), 14);
        ComboBox<StoreForm.Tls> tls = new ComboBox<>();
        tls.setId("storeTls");
        tls.getItems().setAll(StoreForm.Tls.values());
        tls.valueProperty().bindBidirectional(form.tlsProperty());
        tls.setConverter(new StringConverter<>() {
            @Override
            public String toString(StoreForm.Tls t) {
                return t == null ? "" : messages.get("store.choice.tls." + t.name());
            }

            @Override
            public StoreForm.Tls fromString(String s) {
                return null;
            }
        });
        TextField cert = field("storeRootCert", form.rootCertificateProperty(), 24);
        cert.setPromptText(messages.get("store.choice.rootCert.prompt"));
        Button chooseCert = new Button(messages.get("store.choice.rootCert.choose"));
        chooseCert.setId("storeRootCertChoose");
        chooseCert.setMinWidth(Region.USE_PREF_SIZE); // the field beside it gives way, never the button's word
        chooseCert.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(messages.get("store.choice.rootCert"));
            File f = chooser.showOpenDialog(Windows.windowOf(this));
            if (f != null) {
                form.rootCertificateProperty().set(f.getAbsolutePath());
            }
        });
        HBox certRow = new HBox(8, cert, chooseCert);
        certRow.visibleProperty().bind(form.tlsProperty().isEqualTo(StoreForm.Tls.VERIFY_FULL));
        certRow.managedProperty().bind(certRow.visibleProperty());
        Label certLabel = label(messages.get("store.choice.rootCert"));
        certLabel.visibleProperty().bind(certRow.visibleProperty());
        certLabel.managedProperty().bind(certRow.visibleProperty());

        GridPane grid = new GridPane(10, 8);
        grid.setPadding(new Insets(0, 0, 0, 28));
        grid.addRow(0, label(messages.get("store.choice.host")), host, label(messages.get("store.choice.port")), port);
        grid.addRow(1, label(messages.get("store.choice.database")), database, label(messages.get("store.choice.user")), user);
        grid.addRow(2, label(messages.get("store.choice.tls")), tls);
        GridPane.setColumnSpan(tls, 3);
        grid.addRow(3, certLabel, certRow);
        GridPane.setColumnSpan(certRow, 3);
        Label passwordNote = muted(messages.get("store.choice.passwordNote"));
        passwordNote.setPadding(new Insets(0, 0, 0, 28));
        VBox serverFields = new VBox(8, grid, passwordNote);
        serverFields.visibleProperty().bind(form.sharedProperty());
        serverFields.managedProperty().bind(form.sharedProperty());

        Label problem = new Label();
        problem.setId("storeProblem");
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.textProperty().bind(form.problemProperty());
        problem.visibleProperty().bind(Bindings.isNotEmpty(form.problemProperty()));
        problem.managedProperty().bind(problem.visibleProperty());
        Label noCopy = muted(messages.get("store.choice.noCopy"));
        Button go = new Button(action);
        go.setId("storeOpen");
        go.getStyleClass().add("accent");
        go.setDefaultButton(true);
        go.setOnAction(e -> form.choice().ifPresent(onChoose));
        getChildren().setAll(local, indent(localNote), server, indent(serverNote), serverFields, problem, noCopy, go);
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        return l;
    }

    /** A field's name, never cut short ("..."): its column is as wide as the longest. */
    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    private static Label indent(Label l) {
        l.setPadding(new Insets(0, 0, 0, 28));
        return l;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}
