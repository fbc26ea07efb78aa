package app.regulars.survey;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.fx.DateFields;
import app.regulars.fx.TaskRunner;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The "Surveys" page: a survey's results over a period (count, NPS or CSAT figures, the score
 * distribution, the trend by month or quarter, the responses with their comments), entry for
 * a walk-in, linking a walk-in's response to a customer, export and print.
 */
public final class SurveysPage extends BorderPane {
    private final SurveyResultsViewModel vm;
    private final Messages messages;
    private final TaskRunner runner;
    private final Formats formats;
    private final FlowPane figures = new FlowPane(12, 12);
    private final BarChart<String, Number> distribution;
    private final LineChart<String, Number> trend;
    private final NumberAxis trendAxis = new NumberAxis();
    private final NumberAxis countAxis = new NumberAxis();
    private final VBox report;
    private final Label status = new Label();
    private final TableView<ResponseRow> table = new TableView<>();

    public SurveysPage(SurveyResultsViewModel vm, TaskRunner runner, Messages messages) {
        this.vm = vm;
        this.runner = runner;
        this.messages = messages;
        this.formats = new Formats(messages);
        boolean zh = messages.isChinese();
        getStyleClass().add("surveys-page");

        Label title = new Label(messages.get("survey.page.title"));
        title.getStyleClass().add("page-title");
        ComboBox<SurveySummary> survey = new ComboBox<>(vm.surveys());
        survey.setId("resultsSurvey");
        survey.valueProperty().bindBidirectional(vm.selectedProperty());
        survey.setConverter(new StringConverter<>() {
            @Override
            public String toString(SurveySummary s) {
                return s == null ? "" : s.name(zh);
            }

            @Override
            public SurveySummary fromString(String s) {
                return null;
            }
        });
        DatePicker from = DateFields.create(messages);
        from.setId("resultsFrom");
        from.setPrefWidth(140);
        from.setMinWidth(130);
        from.valueProperty().bindBidirectional(vm.fromProperty());
        DatePicker to = DateFields.create(messages);
        to.setId("resultsTo");
        to.setPrefWidth(140);
        to.setMinWidth(130);
        to.valueProperty().bindBidirectional(vm.toProperty());
        ComboBox<String> tag = new ComboBox<>(vm.tagChoices());
        tag.setId("resultsTag");
        tag.setMinWidth(110);
        tag.setPromptText(messages.get("survey.page.allTags"));
        tag.valueProperty().bindBidirectional(vm.tagProperty());
        tag.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? messages.get("survey.page.allTags") : t);
            }
        });
        ComboBox<TierChoice> tier = new ComboBox<>(vm.tierChoices());
        tier.setId("resultsTier");
        tier.setMinWidth(110);
        tier.setPromptText(messages.get("survey.page.allTiers"));
        tier.valueProperty().bindBidirectional(vm.tierProperty());
        StringConverter<TierChoice> tierName = new StringConverter<>() {
            @Override
            public String toString(TierChoice t) {
                if (t == null) {
                    return messages.get("survey.page.allTiers");
                }
                return t.nameKey() != null && messages.has(t.nameKey()) ? messages.get(t.nameKey()) : t.name();
            }

            @Override
            public TierChoice fromString(String s) {
                return null;
            }
        };
        tier.setConverter(tierName);
        tier.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(TierChoice t, boolean empty) {
                super.updateItem(t, empty);
                setText(tierName.toString(empty ? null : t));
            }
        });
        Label tierLabel = label("survey.page.tier", tier);
        // Tiers exist only once the shop has set up membership.
        tier.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.tierChoices()));
        tier.managedProperty().bind(tier.visibleProperty());
        tierLabel.visibleProperty().bind(tier.visibleProperty());
        tierLabel.managedProperty().bind(tier.visibleProperty());
        Button clearTag = new Button(messages.get("survey.page.clearFilters"));
        clearTag.setOnAction(e -> {
            vm.tagProperty().set(null);
            vm.tierProperty().set(null);
        });
        clearTag.visibleProperty().bind(vm.tagProperty().isNotNull().or(vm.tierProperty().isNotNull()));
        clearTag.managedProperty().bind(clearTag.visibleProperty());
        ToggleGroup period = new ToggleGroup();
        ToggleButton month = new ToggleButton(messages.get("survey.page.byMonth"));
        month.setId("byMonth");
        ToggleButton quarter = new ToggleButton(messages.get("survey.page.byQuarter"));
        quarter.setId("byQuarter");
        month.setToggleGroup(period);
        quarter.setToggleGroup(period);
        month.setSelected(true);
        period.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true);
            } else {
                vm.byQuarterProperty().set(b == quarter);
            }
        });

        Button newResponse = new Button(messages.get("survey.page.newResponse"), new FontIcon(MaterialDesignP.PLUS));
        newResponse.setId("walkInResponse");
        newResponse.getStyleClass().add("accent");
        newResponse.setOnAction(e -> openWalkIn());
        Button edit = new Button(messages.get("survey.page.edit"), new FontIcon(MaterialDesignP.PENCIL));
        edit.setId("editSurvey");
        edit.disableProperty().bind(vm.surveyProperty().isNull());
        edit.setOnAction(e -> SurveyEditorView.open(getWindow(), vm.editor(vm.surveyProperty().get()), messages, s -> vm.load()));
        Button create = new Button(messages.get("survey.page.create"));
        create.setId("createSurvey");
        create.setOnAction(e -> SurveyEditorView.open(getWindow(), vm.editor(null), messages, s -> vm.load()));
        Button delete = new Button(messages.get("survey.page.delete"));
        delete.setId("deleteSurvey");
        delete.setMinWidth(Region.USE_PREF_SIZE);
        delete.disableProperty().bind(vm.surveyProperty().isNull());
        delete.setOnAction(e -> delete());
        Button thresholds = new Button(messages.get("survey.page.thresholds"));
        thresholds.setId("surveyThresholds");
        thresholds.setMinWidth(Region.USE_PREF_SIZE);
        thresholds.setOnAction(e -> vm.loadThresholds(this::editThresholds));
        Button export = new Button(messages.get("survey.page.export"), new FontIcon(MaterialDesignE.EXPORT));
        export.setId("exportResponses");
        export.disableProperty().bind(vm.surveyProperty().isNull());
        export.setOnAction(e -> export());
        Button print = new Button(messages.get("survey.page.print"), new FontIcon(MaterialDesignP.PRINTER));
        print.setId("printResults");
        print.disableProperty().bind(vm.surveyProperty().isNull());
        print.setOnAction(e -> print());

        for (Button b : new Button[] {newResponse, edit, create, export, print, clearTag}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        title.setMinWidth(Region.USE_PREF_SIZE);
        Region grow1 = new Region();
        HBox.setHgrow(grow1, Priority.ALWAYS);
        HBox row1 = new HBox(10, title, survey, grow1, newResponse, edit, create, delete, thresholds);
        row1.setAlignment(Pos.CENTER_LEFT);
        Region grow2 = new Region();
        HBox.setHgrow(grow2, Priority.ALWAYS);
        HBox row2 = new HBox(10, label("survey.page.from", from), from, label("survey.page.to", to), to,
                label("survey.page.tag", tag), tag, tierLabel, tier, clearTag, grow2, export, print);
        row2.setAlignment(Pos.CENTER_LEFT);
        VBox toolbar = new VBox(10, row1, row2);
        toolbar.getStyleClass().add("page-toolbar");
        setTop(toolbar);

        CategoryAxis scoreAxis = new CategoryAxis();
        scoreAxis.setLabel(messages.get("survey.page.score"));
        countAxis.setMinorTickVisible(false);
        countAxis.setAutoRanging(false);
        countAxis.setLowerBound(0);
        trendAxis.setAutoRanging(false);
        trendAxis.setMinorTickVisible(false);
        distribution = new BarChart<>(scoreAxis, countAxis);
        distribution.setId("distributionChart");
        distribution.setTitle(messages.get("survey.page.distribution"));
        distribution.setLegendVisible(false);
        distribution.setAnimated(false);
        distribution.setPrefHeight(260);
        CategoryAxis periodAxis = new CategoryAxis();
        trend = new LineChart<>(periodAxis, trendAxis);
        trend.setId("trendChart");
        trend.setLegendVisible(false);
        trend.setAnimated(false);
        trend.setPrefHeight(260);
        month.setMinWidth(Region.USE_PREF_SIZE);
        quarter.setMinWidth(Region.USE_PREF_SIZE);
        HBox periodBar = new HBox(6, month, quarter);
        periodBar.setAlignment(Pos.CENTER_RIGHT);
        VBox trendBox = new VBox(4, periodBar, trend);
        VBox.setVgrow(trend, Priority.ALWAYS);
        HBox charts = new HBox(12, distribution, trendBox);
        HBox.setHgrow(distribution, Priority.ALWAYS);
        HBox.setHgrow(trendBox, Priority.ALWAYS);
        distribution.setPrefWidth(400);
        trendBox.setPrefWidth(400);
        figures.setId("figures");
        report = new VBox(12, figures, charts);

        table.setId("responsesTable");
        table.setPlaceholder(new Label(messages.get("survey.page.noResponses")));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.date"), 100, r -> formats.date(r.answeredOn())));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.customer"), 160, this::who));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.score"), 60, r -> r.score() == null ? "" : r.score().toString()));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.channel"), 90, r -> messages.get(r.channel().key())));
        table.getColumns().add(SurveysSection.column(messages.get("survey.column.comment"), 360, r -> r.comment() == null ? "" : r.comment()));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setItems(vm.responses());
        CheckBox comments = new CheckBox(messages.get("survey.page.commentsOnly"));
        comments.setId("commentsOnly");
        comments.selectedProperty().bindBidirectional(vm.commentsOnlyProperty());
        CheckBox walkIns = new CheckBox(messages.get("survey.page.walkInsOnly"));
        walkIns.setId("walkInsOnly");
        walkIns.selectedProperty().bindBidirectional(vm.walkInsOnlyProperty());
        Button link = new Button(messages.get("survey.page.link"), new FontIcon(MaterialDesignL.LINK_VARIANT));
        link.setId("linkResponse");
        link.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> table.getSelectionModel().getSelectedItem() == null || !table.getSelectionModel().getSelectedItem().isWalkIn(),
                table.getSelectionModel().selectedItemProperty()));
        link.setOnAction(e -> link());
        Label error = new Label();
        error.setId("resultsError");
        error.getStyleClass().add("error-text");
        error.textProperty().bind(vm.errorProperty());
        Label listTitle = new Label(messages.get("survey.page.responsesTitle"));
        listTitle.getStyleClass().add("section-title");
        HBox listBar = new HBox(12, listTitle, comments, walkIns, link, error);
        listBar.setAlignment(Pos.CENTER_LEFT);
        VBox body = new VBox(12, report, listBar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        body.setPadding(new Insets(12, 16, 12, 16));
        setCenter(body);
        status.getStyleClass().add("muted");
        HBox footer = new HBox(status);
        footer.getStyleClass().add("page-footer");
        setBottom(footer);

        vm.resultsProperty().addListener(o -> show(vm.resultsProperty().get()));
        vm.load();
    }

    private Label label(String key, Node target) {
        Label l = new Label(messages.get(key));
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private String who(ResponseRow r) {
        if (r.customerName() != null) {
            return r.customerName() + " (" + r.customerCode() + ")";
        }
        return messages.get("survey.page.walkIn") + (r.walkInName() == null ? "" : ": " + r.walkInName());
    }

    private javafx.stage.Window getWindow() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** Ctrl+N on this page: a walk-in's response. */
    public void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> {
            if (getParent() != null) {
                openWalkIn();
            }
        });
    }

    /** Reloads the surveys and figures (when the page is shown again). */
    public void reload() {
        vm.load();
    }

    private void openWalkIn() {
        SurveyEntryViewModel entry = new SurveyEntryViewModel(vm.service(), runner, messages, null, null);
        SurveyEntryView.open(getWindow(), entry, messages, id -> vm.refresh());
        entry.load(vm.selectedProperty().get() == null ? null : vm.selectedProperty().get().id());
    }

    private Node figure(String id, String caption, String value, String detail) {
        Label v = new Label(value);
        v.setId(id);
        v.getStyleClass().add("survey-figure-value");
        Label c = new Label(caption);
        c.getStyleClass().add("muted");
        VBox box = new VBox(2, c, v);
        if (detail != null) {
            Label d = new Label(detail);
            d.getStyleClass().add("muted");
            box.getChildren().add(d);
        }
        box.getStyleClass().add("survey-figure");
        return box;
    }

    private String number(Double d, String pattern) {
        return d == null ? "–" : new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(messages.locale())).format(d);
    }

    private void show(SurveyResults r) {
        figures.getChildren().clear();
        distribution.getData().clear();
        trend.getData().clear();
        Survey s = vm.surveyProperty().get();
        if (r == null || s == null) {
            status.setText("");
            return;
        }
        figures.getChildren().add(figure("figureCount", messages.get("survey.page.responses"), Long.toString(r.responses()), null));
        boolean nps = s.kind() == SurveyKind.NPS;
        if (nps) {
            figures.getChildren().add(figure("figureNps", messages.get("survey.page.nps"), number(r.nps(), "0.0"),
                    messages.get("survey.page.npsHint")));
            figures.getChildren().add(figure("figurePromoters", messages.get("survey.page.promoters"), Long.toString(r.promoters()), share(r.promoters(), r.scored())));
            figures.getChildren().add(figure("figurePassives", messages.get("survey.page.passives"), Long.toString(r.passives()), share(r.passives(), r.scored())));
            figures.getChildren().add(figure("figureDetractors", messages.get("survey.page.detractors"), Long.toString(r.detractors()), share(r.detractors(), r.scored())));
        } else {
            figures.getChildren().add(figure("figureAverage", messages.get("survey.page.average"), number(r.csatAverage(), "0.00"), null));
            if (s.kind() == SurveyKind.CSAT) {
                figures.getChildren().add(figure("figureTop", messages.get("survey.page.topShare"), number(r.csatTopShare(), "0.0") + " %", null));
            }
        }
        Question h = s.headline();
        if (h != null) {
            XYChart.Series<String, Number> bars = new XYChart.Series<>();
            for (int i = h.scaleMin(); i <= h.scaleMax(); i++) {
                bars.getData().add(new XYChart.Data<>(Integer.toString(i), r.distribution().getOrDefault(i, 0L)));
            }
            long top = Math.max(1, r.distribution().values().stream().mapToLong(Long::longValue).max().orElse(1));
            long unit = Math.max(1, (long) Math.ceil(top / 5.0));
            countAxis.setTickUnit(unit);
            countAxis.setUpperBound(Math.ceil((double) top / unit) * unit);
            distribution.getData().add(bars);
        }
        if (nps) {
            trendAxis.setLowerBound(-100);
            trendAxis.setUpperBound(100);
            trendAxis.setTickUnit(50);
        } else if (h != null) {
            trendAxis.setLowerBound(h.scaleMin());
            trendAxis.setUpperBound(h.scaleMax());
            trendAxis.setTickUnit(1);
        }
        trend.setTitle(messages.get(nps ? "survey.page.trendNps" : "survey.page.trendAverage"));
        XYChart.Series<String, Number> line = new XYChart.Series<>();
        for (SurveyResults.TrendPoint p : r.trend()) {
            Double v = nps ? p.nps() : p.csatAverage();
            if (v != null) {
                line.getData().add(new XYChart.Data<>(p.period(), v));
            }
        }
        trend.getData().add(line);
        status.setText(messages.get("survey.page.status", s.name(messages.isChinese()), s.version(), vm.responses().size()));
    }

    private String share(long part, long whole) {
        return whole == 0 ? "" : number(100.0 * part / whole, "0.0") + " %";
    }

    /**
     * Deletes the survey after a confirmation; one with answers stays, and the message says to
     * archive it instead, which hides it from the lists and keeps its results.
     */
    /** The scores at or below which a response opens a complaint follow-up, one spinner per scale. */
    private void editThresholds(int nps, int csat) {
        javafx.scene.control.Dialog<javafx.scene.control.ButtonType> dialog = new javafx.scene.control.Dialog<>();
        dialog.initOwner(getWindow());
        dialog.setTitle(messages.get("survey.thresholds.title"));
        dialog.setHeaderText(messages.get("survey.thresholds.header"));
        javafx.scene.control.Spinner<Integer> npsSpinner = new javafx.scene.control.Spinner<>(0, 10, nps);
        npsSpinner.setId("thresholdNps");
        javafx.scene.control.Spinner<Integer> csatSpinner = new javafx.scene.control.Spinner<>(1, 5, csat);
        csatSpinner.setId("thresholdCsat");
        for (javafx.scene.control.Spinner<Integer> s : java.util.List.of(npsSpinner, csatSpinner)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane(12, 10);
        grid.addRow(0, label("survey.thresholds.nps", npsSpinner), npsSpinner);
        grid.addRow(1, label("survey.thresholds.csat", csatSpinner), csatSpinner);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK)
                .ifPresent(b -> vm.saveThresholds(npsSpinner.getValue(), csatSpinner.getValue(), () -> { }));
    }

    private void delete() {
        Survey s = vm.surveyProperty().get();
        javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                messages.get("survey.page.deleteConfirm", s.name(messages.isChinese())));
        confirm.initOwner(getWindow());
        confirm.setHeaderText(null);
        if (confirm.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).isEmpty()) {
            return;
        }
        runner.run(() -> {
            vm.service().delete(s.id());
            return s.id();
        }, id -> vm.load(), e -> {
            javafx.scene.control.Alert archive = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                    messages.describe(e), new javafx.scene.control.ButtonType(messages.get("survey.page.archive"),
                    javafx.scene.control.ButtonBar.ButtonData.OK_DONE), javafx.scene.control.ButtonType.CANCEL);
            archive.initOwner(getWindow());
            archive.setHeaderText(null);
            archive.showAndWait().filter(b -> b.getButtonData() == javafx.scene.control.ButtonBar.ButtonData.OK_DONE)
                    .ifPresent(b -> runner.run(() -> {
                        vm.service().archive(s.id(), true);
                        return s.id();
                    }, id -> vm.load(), err -> status.setText(messages.describe(err))));
        });
    }

    private void link() {
        ResponseRow row = table.getSelectionModel().getSelectedItem();
        if (row == null || !row.isWalkIn()) {
            return;
        }
        TextInputDialog d = new TextInputDialog();
        d.initOwner(getWindow());
        d.setTitle(messages.get("survey.page.link"));
        d.setHeaderText(messages.get("survey.page.linkHeader"));
        d.setContentText(messages.get("survey.page.linkCode"));
        d.showAndWait().ifPresent(code -> vm.link(row, code, () -> { }));
    }

    private void export() {
        Survey s = vm.surveyProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("survey.page.export"));
        FileChooser.ExtensionFilter csv = new FileChooser.ExtensionFilter("CSV", "*.csv");
        FileChooser.ExtensionFilter xlsx = new FileChooser.ExtensionFilter("Excel", "*.xlsx");
        FileChooser.ExtensionFilter pdf = new FileChooser.ExtensionFilter(messages.get("survey.page.pdf"), "*.pdf");
        chooser.getExtensionFilters().addAll(xlsx, csv, pdf);
        chooser.setInitialFileName(s.name(false).replaceAll("[^\\p{L}\\p{N}]+", "-") + ".xlsx");
        File file = chooser.showSaveDialog(getWindow());
        if (file == null) {
            return;
        }
        String lower = file.getName().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            // The results page as PDF (figures and the listed responses); CSV and Excel hold every response.
            app.regulars.tables.Table table = vm.resultsTable();
            Path pdfFile = file.toPath();
            runner.run(() -> {
                new app.regulars.tables.TableExport(messages).write(table, app.regulars.tables.TableExport.Format.PDF, pdfFile);
                return table.rows().size();
            }, n -> status.setText(messages.get("survey.page.pdfDone", pdfFile.toString())), e -> status.setText(messages.describe(e)));
            return;
        }
        ResponseFiles.Format format = lower.endsWith(".csv") ? ResponseFiles.Format.CSV : ResponseFiles.Format.XLSX;
        ResultFilter f = vm.filter();
        Path target = file.toPath();
        runner.run(() -> new ResponseFiles(vm.service(), messages).export(s, f, format, target),
                n -> status.setText(messages.get("survey.export.done", n, target.toString())),
                e -> status.setText(messages.describe(e)));
    }

    private void print() {
        if (vm.resultsProperty().get() == null) {
            return;
        }
        new app.regulars.fx.TablePrinter(messages).print(vm.resultsTable(), getWindow(), runner, status::setText);
    }
}
