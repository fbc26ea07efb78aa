package app.regulars.survey;

import app.regulars.fx.TablePrinter;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;

import java.io.File;
import java.util.List;

/**
 * What the results page's buttons open: the entry and editor windows, the confirmations, the
 * thresholds dialog, the file chooser and the print dialog. Each asks the user, then hands the
 * work to the view model (which runs it on the TaskRunner); windows and dialogs come from
 * {@link Windows}, owned by the window that shows the page.
 */
final class SurveyPageActions {
    private final Node page;
    private final SurveyResultsViewModel vm;
    private final TaskRunner runner;
    private final Messages messages;

    SurveyPageActions(Node page, SurveyResultsViewModel vm, TaskRunner runner, Messages messages) {
        this.page = page;
        this.vm = vm;
        this.runner = runner;
        this.messages = messages;
    }

    /** A walk-in's response, on the shown survey; the figures refresh after a save. */
    void openWalkIn() {
        SurveyEntryView.open(Windows.windowOf(page), vm.walkInEntry(), messages, id -> vm.refresh());
    }

    void editSurvey() {
        SurveyEditorView.open(Windows.windowOf(page), vm.surveyEditor(), messages, s -> vm.load());
    }

    void createSurvey() {
        SurveyEditorView.open(Windows.windowOf(page), vm.newSurveyEditor(), messages, s -> vm.load());
    }

    /**
     * Deletes the survey after a confirmation; one with answers stays, and the message says to
     * archive it instead, which hides it from the lists and keeps its results.
     */
    void deleteSurvey() {
        Survey s = vm.surveyProperty().get();
        Alert confirm = Windows.dialog(page, new Alert(Alert.AlertType.CONFIRMATION,
                messages.get("survey.page.deleteConfirm", s.name(messages.isChinese()))));
        confirm.setHeaderText(null);
        if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return;
        }
        vm.delete(s, reason -> offerArchive(s, reason));
    }

    private void offerArchive(Survey s, String reason) {
        Alert archive = Windows.dialog(page, new Alert(Alert.AlertType.CONFIRMATION, reason,
                new ButtonType(messages.get("survey.page.archive"), ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL));
        archive.setHeaderText(null);
        archive.showAndWait().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).ifPresent(b -> vm.archive(s));
    }

    /** The scores at or below which a response opens a complaint follow-up, one spinner per scale. */
    void editThresholds() {
        vm.loadThresholds(this::editThresholds);
    }

    private void editThresholds(int nps, int csat) {
        Dialog<ButtonType> dialog = Windows.dialog(page, new Dialog<>());
        dialog.setTitle(messages.get("survey.thresholds.title"));
        dialog.setHeaderText(messages.get("survey.thresholds.header"));
        Spinner<Integer> npsSpinner = new Spinner<>(0, 10, nps);
        npsSpinner.setId("thresholdNps");
        Spinner<Integer> csatSpinner = new Spinner<>(1, 5, csat);
        csatSpinner.setId("thresholdCsat");
        for (Spinner<Integer> s : List.of(npsSpinner, csatSpinner)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        GridPane grid = new GridPane(12, 10);
        grid.addRow(0, SurveyToolbar.label(messages, "survey.thresholds.nps", npsSpinner), npsSpinner);
        grid.addRow(1, SurveyToolbar.label(messages, "survey.thresholds.csat", csatSpinner), csatSpinner);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK)
                .ifPresent(b -> vm.saveThresholds(npsSpinner.getValue(), csatSpinner.getValue(), () -> { }));
    }

    /** Excel, CSV (every response) or PDF (the results page), as the user picks in the file chooser. */
    void export() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("survey.page.export"));
        FileChooser.ExtensionFilter csv = new FileChooser.ExtensionFilter("CSV", "*.csv");
        FileChooser.ExtensionFilter xlsx = new FileChooser.ExtensionFilter("Excel", "*.xlsx");
        FileChooser.ExtensionFilter pdf = new FileChooser.ExtensionFilter(messages.get("survey.page.pdf"), "*.pdf");
        chooser.getExtensionFilters().addAll(xlsx, csv, pdf);
        chooser.setInitialFileName(vm.exportFileName());
        File file = chooser.showSaveDialog(Windows.windowOf(page));
        if (file != null) {
            vm.export(file.toPath());
        }
    }

    void print() {
        if (vm.resultsProperty().get() == null) {
            return;
        }
        new TablePrinter(messages).print(vm.resultsTable(), Windows.windowOf(page), runner, vm::showStatus);
    }
}
