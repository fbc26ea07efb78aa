package app.regulars.survey;

import app.regulars.fx.TaskRunner;
import app.regulars.i18n.Messages;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The "Surveys" page: a survey's results over a period (count, NPS or CSAT figures, the score
 * distribution, the trend by month or quarter, the responses with their comments), entry for
 * a walk-in, linking a walk-in's response to a customer, export and print. The page only puts
 * together {@link SurveyToolbar}, {@link SurveyResultsPanel}, {@link SurveyResponsesPanel}
 * and the status line; {@link SurveyPageActions} opens its windows and dialogs.
 */
public final class SurveysPage extends BorderPane {
    private final SurveyResultsViewModel vm;
    private final SurveyPageActions actions;

    public SurveysPage(SurveyResultsViewModel vm, TaskRunner runner, Messages messages) {
        this.vm = vm;
        this.actions = new SurveyPageActions(this, vm, runner, messages);
        getStyleClass().add("surveys-page");
        setTop(new SurveyToolbar(vm, messages, actions));
        SurveyResponsesPanel responses = new SurveyResponsesPanel(vm, messages);
        VBox body = new VBox(12, new SurveyResultsPanel(vm, messages), responses);
        VBox.setVgrow(responses, Priority.ALWAYS);
        body.setPadding(new Insets(12, 16, 12, 16));
        setCenter(body);
        Label status = new Label();
        status.getStyleClass().add("muted");
        status.textProperty().bind(vm.statusProperty());
        HBox footer = new HBox(status);
        footer.getStyleClass().add("page-footer");
        setBottom(footer);
        vm.load();
    }

    /** Ctrl+Shift+R on this page: a walk-in's response. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> {
            if (getParent() != null) {
                actions.openWalkIn();
            }
        });
    }

    /** Reloads the surveys and figures (when the page is shown again). */
    public void reload() {
        vm.load();
    }
}
