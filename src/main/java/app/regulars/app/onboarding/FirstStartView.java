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

import java.io.File;

/**
 * The welcome screen of a new data folder: sample shop, empty, or import a customer list; and,
 * when given, the offer of a password over the data (the window's Password section).
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
        language.disableProperty().bind(vm.runningProperty());
        getChildren().setAll(title, subtitle, cards, progress, message, problems, language);
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
