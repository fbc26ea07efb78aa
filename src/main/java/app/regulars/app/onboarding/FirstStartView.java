package app.regulars.app.onboarding;

import app.regulars.i18n.Messages;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

import java.io.File;

/**
 * The welcome screen of a new data folder: sample shop, empty, or import a customer list (with
 * what rows for the same customer do); the import's result with "Undo this import" and
 * "Continue"; and, when given, the offer of a password over the data (the window's Password section).
 */
public final class FirstStartView extends VBox {
    public FirstStartView(FirstStartViewModel vm, Messages messages, java.util.function.Consumer<java.util.Locale> switchLanguage) {
        this(vm, messages, switchLanguage, null);
    }

    public FirstStartView(FirstStartViewModel vm, Messages messages, java.util.function.Consumer<java.util.Locale> switchLanguage,
                          javafx.scene.Node password) {
        getStyleClass().add("first-start");
        Label title = new Label(messages.get("onboarding.title"));
        title.getStyleClass().add("title");
        Label subtitle = new Label(messages.get("onboarding.subtitle"));
        subtitle.getStyleClass().add("muted");
        subtitle.setWrapText(true);

        Button sample = card(messages.get("onboarding.sample", FirstStartViewModel.SAMPLE_SIZE), new FontIcon(MaterialDesignS.STORE));
        sample.setId("startSample");
        sample.setOnAction(e -> vm.startWithSamples());
        Button empty = card(messages.get("onboarding.empty"), new FontIcon(MaterialDesignF.FILE_OUTLINE));
        empty.setId("startEmpty");
        empty.setOnAction(e -> vm.startEmpty());
        Button importList = card(messages.get("onboarding.import"), new FontIcon(MaterialDesignT.TABLE_ARROW_LEFT));
        importList.setId("startImport");
        importList.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(messages.get("onboarding.chooseFile"));
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter(messages.get("onboarding.tableFiles"), "*.csv", "*.txt", "*.xlsx", "*.vcf"),
                    new FileChooser.ExtensionFilter(messages.get("onboarding.csvFiles"), "*.csv", "*.txt"),
                    new FileChooser.ExtensionFilter("Excel", "*.xlsx"),
                    new FileChooser.ExtensionFilter("vCard", "*.vcf"));
            File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                vm.importFile(file.toPath());
            }
        });
        HBox cards = new HBox(16, sample, empty, importList);
        cards.setAlignment(Pos.CENTER);
        cards.disableProperty().bind(vm.runningProperty());
        cards.visibleProperty().bind(vm.importedProperty().not());
        cards.managedProperty().bind(cards.visibleProperty());

        // What rows for a customer already there (or earlier in the list) do.
        javafx.scene.control.ChoiceBox<app.regulars.customer.OnDuplicate> rule = new javafx.scene.control.ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList(app.regulars.customer.OnDuplicate.values()));
        rule.setId("startOnDuplicate");
        rule.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(app.regulars.customer.OnDuplicate d) {
                return d == null ? "" : messages.get(d.key());
            }

            @Override
            public app.regulars.customer.OnDuplicate fromString(String text) {
                return null;
            }
        });
        rule.valueProperty().bindBidirectional(vm.onDuplicateProperty());
        Label ruleLabel = new Label(messages.get("onboarding.onDuplicate"));
        ruleLabel.setLabelFor(rule);
        ruleLabel.getStyleClass().add("muted");
        HBox duplicates = new HBox(8, ruleLabel, rule);
        duplicates.setAlignment(Pos.CENTER);
        duplicates.disableProperty().bind(vm.runningProperty());
        duplicates.visibleProperty().bind(cards.visibleProperty());
        duplicates.managedProperty().bind(duplicates.visibleProperty());

        // After an import: take it back, or go on.
        Button undo = new Button(messages.get("import.undo.button"), new FontIcon(MaterialDesignU.UNDO));
        undo.setId("startUndoImport");
        undo.setOnAction(e -> vm.undoImport());
        undo.setVisible(vm.undoOffered());
        undo.setManaged(vm.undoOffered());
        Button proceed = new Button(messages.get("onboarding.continue"));
        proceed.setId("startContinue");
        proceed.getStyleClass().add("accent");
        proceed.setDefaultButton(true);
        proceed.setOnAction(e -> vm.proceed());
        HBox result = new HBox(12, undo, proceed);
        result.setAlignment(Pos.CENTER);
        result.disableProperty().bind(vm.runningProperty());
        result.visibleProperty().bind(vm.importedProperty());
        result.managedProperty().bind(result.visibleProperty());

        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(420);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        Button cancel = new Button(messages.get("common.cancel"));
        cancel.setId("startCancel");
        cancel.visibleProperty().bind(vm.runningProperty());
        cancel.setOnAction(e -> vm.cancel());
        HBox progress = new HBox(12, bar, cancel);
        progress.setAlignment(Pos.CENTER);
        progress.visibleProperty().bind(vm.runningProperty());
        progress.managedProperty().bind(vm.runningProperty());
        Label message = new Label();
        message.setId("startMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        TextArea problems = new TextArea();
        problems.setId("startProblems");
        problems.setEditable(false);
        problems.setMaxWidth(760);
        problems.setPrefRowCount(8);
        problems.textProperty().bind(vm.problemsProperty());
        problems.visibleProperty().bind(vm.problemsProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());
        HBox language = new HBox(app.regulars.app.LanguageSwitch.create(messages, switchLanguage));
        language.setAlignment(Pos.CENTER);
        // not while an import's result is shown: a new language starts the welcome afresh
        language.disableProperty().bind(vm.runningProperty().or(vm.importedProperty()));
        getChildren().setAll(title, subtitle, cards, duplicates, progress, message, result, problems, language);
        if (password != null) {
            javafx.scene.layout.VBox offer = new javafx.scene.layout.VBox(password);
            offer.setId("startPassword");
            offer.setMaxWidth(760);
            offer.disableProperty().bind(vm.runningProperty());
            getChildren().add(getChildren().size() - 1, offer);
        }
        setAlignment(Pos.CENTER);
    }

    private static Button card(String text, FontIcon icon) {
        Button b = new Button(text, icon);
        b.getStyleClass().add("choice-card");
        return b;
    }
}
