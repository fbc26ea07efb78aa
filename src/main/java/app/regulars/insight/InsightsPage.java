package app.regulars.insight;

import app.regulars.i18n.Messages;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.List;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

/**
 * The Insights page: the period's key figures as cards (each with its change, its target and
 * its formula as a tooltip), then customers per segment and per stage, the R × F grid and the
 * monthly trend.
 */
public final class InsightsPage extends BorderPane {
    private static final int CARD_COLUMNS = 4;

    private final InsightsViewModel vm;
    private final Messages messages;
    private final GridPane cards = new GridPane();
    private final GridPane heat = new GridPane();
    /** The toolbar's second row: what the figures rest on, then the page's actions. */
    private final HBox actions = new HBox(10);
    private java.util.function.Consumer<Object> openCustomers = key -> { };
    private final VBox content = new VBox(14);

    public InsightsPage(InsightsViewModel vm, Messages messages) {
        this.vm = vm;
        this.messages = messages;
        getStyleClass().add("insights-page");
        setId("insightsPage");
        setTop(toolbar());
        cards.setId("insightCards");
        cards.setHgap(12);
        cards.setVgap(12);
        for (int i = 0; i < CARD_COLUMNS; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(100.0 / CARD_COLUMNS);
            cards.getColumnConstraints().add(c);
        }
        vm.cards().addListener((ListChangeListener<InsightsViewModel.Card>) ch -> showCards());
        Label error = new Label();
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        HBox charts = new HBox(16, titled("insight.chart.segments", horizontalBars("insightSegments", vm.segments())),
                titled("insight.chart.stages", horizontalBars("insightStages", vm.stages())),
                titled("insight.chart.heat", heatMap()));
        charts.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        HBox trends = new HBox(16, titled("insight.chart.revenue", trendChart(true)), titled("insight.chart.active", trendChart(false)));
        trends.getChildren().forEach(n -> HBox.setHgrow(n, Priority.ALWAYS));
        content.getChildren().addAll(error, cards, charts, trends, titled("insight.staff.title", staffTable()));
        content.setPadding(new Insets(4, 16, 16, 16));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
    }

    public InsightsViewModel viewModel() {
        return vm;
    }

    /**
     * What a click on a bar or a cell does with what it names (a {@link Segment}, a
     * {@link Lifecycle}, an {@link InsightsViewModel.RfCell}): the feature opens the customer
     * list on those customers.
     */
    public void setOnOpenCustomers(java.util.function.Consumer<Object> open) {
        this.openCustomers = open;
    }

    /** Adds buttons to the toolbar's second row, before the rules (the review's PDF and print). */
    public void addToolbarActions(Node actions) {
        this.actions.getChildren().add(this.actions.getChildren().size() - 1, actions);
    }

    /** Adds a section under the charts (the customers at risk). */
    public void addSection(Node section) {
        content.getChildren().add(section);
    }

    private Node toolbar() {
        Label title = new Label(messages.get("insight.nav"));
        title.getStyleClass().add("page-title");
        ToggleGroup kinds = new ToggleGroup();
        HBox kindButtons = new HBox();
        kindButtons.getStyleClass().add("segmented");
        for (Period.Kind k : new Period.Kind[] {Period.Kind.MONTH, Period.Kind.QUARTER, Period.Kind.YEAR}) {
            ToggleButton b = new ToggleButton(messages.get("insight.kind." + k.name().toLowerCase(java.util.Locale.ROOT)));
            b.setId("insightKind" + k.name());
            b.setToggleGroup(kinds);
            b.setSelected(vm.kindProperty().get() == k);
            b.setOnAction(e -> {
                b.setSelected(true);
                vm.kindProperty().set(k);
            });
            kindButtons.getChildren().add(b);
        }
        Button previous = new Button(null, new FontIcon(MaterialDesignC.CHEVRON_LEFT));
        previous.setId("insightPrevious");
        previous.setOnAction(e -> vm.previous());
        previous.setTooltip(new Tooltip(messages.get("insight.previousPeriod")));
        Button next = new Button(null, new FontIcon(MaterialDesignC.CHEVRON_RIGHT));
        next.setId("insightNext");
        next.setOnAction(e -> vm.next());
        next.setTooltip(new Tooltip(messages.get("insight.nextPeriod")));
        next.disableProperty().bind(Bindings.createBooleanBinding(() -> !vm.canGoNext(), vm.periodProperty()));
        Label period = new Label();
        period.setId("insightPeriod");
        period.getStyleClass().add("section-title");
        period.setMinWidth(Region.USE_PREF_SIZE);
        period.textProperty().bind(vm.periodTextProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(vm.busyProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button settings = new Button(messages.get("insight.settings.open"), new FontIcon(MaterialDesignC.COG_OUTLINE));
        settings.setId("insightSettingsOpen");
        settings.setMinWidth(Region.USE_PREF_SIZE);
        settings.setOnAction(e -> InsightSettingsWindow.open(app.regulars.fx.Windows.windowOf(this), vm.settingsForm(), messages, vm::load));
        settings.setVisible(vm.owner()); // the owner's (decision 0033)
        settings.setManaged(vm.owner());
        for (Node n : List.of(title, kindButtons, previous, next)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        kindButtons.getChildren().forEach(b -> ((Region) b).setMinWidth(Region.USE_PREF_SIZE));
        HBox first = new HBox(10, title, grow, busy, kindButtons, previous, period, next);
        first.setAlignment(Pos.CENTER_LEFT);
        Label model = new Label();
        model.setId("insightModel");
        model.getStyleClass().add("muted");
        model.setWrapText(true);
        model.textProperty().bind(vm.modelTextProperty());
        HBox.setHgrow(model, Priority.ALWAYS);
        model.setMaxWidth(Double.MAX_VALUE);
        actions.getChildren().setAll(model, settings);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox bar = new VBox(8, first, actions);
        bar.getStyleClass().add("page-toolbar");
        return bar;
    }

    private void showCards() {
        cards.getChildren().clear();
        int i = 0;
        for (InsightsViewModel.Card c : vm.cards()) {
            cards.add(card(c), i % CARD_COLUMNS, i / CARD_COLUMNS);
            i++;
        }
    }

    private Node card(InsightsViewModel.Card c) {
        Label name = new Label(c.name());
        name.getStyleClass().add("kpi-name");
        Label value = new Label(c.value());
        value.getStyleClass().add("kpi-value");
        value.setId("kpi-" + c.kpi().code());
        name.setWrapText(true);
        Label previous = new Label(c.vsPrevious());
        previous.getStyleClass().add(c.good() == null ? "muted" : c.good() ? "success-text" : "error-text");
        Label year = new Label(c.vsYear());
        year.getStyleClass().add("muted");
        VBox box = new VBox(2, name, value, previous, year);
        if (!c.target().isEmpty()) {
            Label target = new Label(c.target() + (c.met() == null ? "" : " · " + messages.get(c.met() ? "insight.card.met" : "insight.card.missed")));
            target.getStyleClass().add(c.met() == null ? "muted" : c.met() ? "success-text" : "error-text");
            target.setWrapText(true);
            target.setId("target-" + c.kpi().code());
            box.getChildren().add(target);
        }
        box.getStyleClass().add("kpi-card");
        box.setMaxWidth(Double.MAX_VALUE);
        box.setMaxHeight(Double.MAX_VALUE); // the cards of a row as tall as the tallest
        Tooltip formula = new Tooltip(c.formula());
        formula.setWrapText(true);
        formula.setMaxWidth(360);
        formula.setShowDelay(Duration.millis(300));
        Tooltip.install(box, formula);
        return box;
    }

    private Node titled(String key, Node chart) {
        Label title = new Label(messages.get(key));
        title.getStyleClass().add("section-title");
        VBox box = new VBox(4, title, chart);
        box.getStyleClass().add("chart-box");
        box.setMinWidth(0);
        box.setPrefWidth(100);
        VBox.setVgrow(chart, Priority.ALWAYS);
        return box;
    }

    /** Customers per entry of {@code bars}, the first at the top; a bar's tooltip gives its count and hint. */
    private Node horizontalBars(String id, javafx.collections.ObservableList<InsightsViewModel.Bar> bars) {
        NumberAxis x = new NumberAxis();
        x.setMinorTickVisible(false);
        CategoryAxis y = new CategoryAxis();
        BarChart<Number, String> chart = new BarChart<>(x, y);
        chart.setId(id);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(300);
        bars.addListener((ListChangeListener<InsightsViewModel.Bar>) ch -> {
            List<InsightsViewModel.Bar> bottomUp = bars.reversed();
            XYChart.Series<Number, String> s = new XYChart.Series<>();
            bottomUp.forEach(b -> s.getData().add(new XYChart.Data<>(b.count(), b.label())));
            chart.getData().setAll(List.of(s));
            for (int i = 0; i < bottomUp.size(); i++) {
                InsightsViewModel.Bar bar = bottomUp.get(i);
                String hint = bar.hint().isEmpty() ? "" : "\n" + bar.hint();
                Node node = s.getData().get(i).getNode();
                Tooltip.install(node, new Tooltip(messages.get("insight.chart.barCount", bar.label(), bar.count()) + hint
                        + "\n" + messages.get("insight.chart.clickToList")));
                node.setCursor(javafx.scene.Cursor.HAND);
                node.setOnMouseClicked(e -> openCustomers.accept(bar.key()));
            }
        });
        return chart;
    }

    private Node heatMap() {
        heat.setId("insightHeat");
        heat.setHgap(3);
        heat.setVgap(3);
        heat.setAlignment(Pos.CENTER);
        vm.recencyByFrequencyProperty().addListener((obs, o, cells) -> showHeat(cells));
        showHeat(vm.recencyByFrequencyProperty().get());
        Label axis = new Label(messages.get("insight.chart.heatAxes"));
        axis.getStyleClass().add("muted");
        axis.setWrapText(true);
        VBox box = new VBox(8, heat, axis);
        box.setAlignment(Pos.TOP_CENTER);
        return box;
    }

    private void showHeat(int[][] cells) {
        heat.getChildren().clear();
        int max = 1;
        for (int[] row : cells) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        heat.add(header("R \\ F"), 0, 0);
        for (int f = 1; f <= 5; f++) {
            heat.add(header(String.valueOf(f)), f, 0);
        }
        for (int r = 5; r >= 1; r--) {
            int rowIndex = 6 - r;
            heat.add(header(String.valueOf(r)), 0, rowIndex);
            for (int f = 1; f <= 5; f++) {
                int v = cells[r - 1][f - 1];
                Label cell = new Label(String.valueOf(v));
                cell.getStyleClass().add("heat-cell");
                double share = (double) v / max;
                cell.setStyle("-fx-background-color: rgba(9, 105, 218, " + String.format(java.util.Locale.ROOT, "%.2f", 0.08 + 0.8 * share) + ");"
                        + (share > 0.5 ? " -fx-text-fill: white;" : ""));
                cell.setTooltip(new Tooltip(messages.get("insight.chart.heatCell", r, f, v) + "\n" + messages.get("insight.chart.clickToList")));
                cell.setId("heat-" + r + "-" + f);
                cell.setCursor(javafx.scene.Cursor.HAND);
                InsightsViewModel.RfCell key = new InsightsViewModel.RfCell(r, f);
                cell.setOnMouseClicked(e -> openCustomers.accept(key));
                heat.add(cell, f, rowIndex);
            }
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setHalignment(l, javafx.geometry.HPos.CENTER);
        return l;
    }

    private Node staffTable() {
        javafx.scene.control.TableView<InsightsViewModel.StaffRow> table = new javafx.scene.control.TableView<>(vm.staff());
        table.setId("insightStaff");
        table.getStyleClass().add("wrapped-headings"); // long headings take two lines rather than "…"
        table.setPlaceholder(new Label(messages.get("insight.staff.none")));
        table.getColumns().add(column("insight.review.owner", 150, InsightsViewModel.StaffRow::owner));
        table.getColumns().add(column("insight.staff.onTime", 170, InsightsViewModel.StaffRow::onTime));
        table.getColumns().add(column("insight.staff.resolved", 200, InsightsViewModel.StaffRow::resolved));
        table.getColumns().add(column("insight.review.followedUp", 150, InsightsViewModel.StaffRow::followedUp));
        table.getColumns().add(column("insight.review.nps", 100, InsightsViewModel.StaffRow::nps));
        table.getColumns().add(column("insight.review.csat", 100, InsightsViewModel.StaffRow::csat));
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(200);
        Label note = new Label(messages.get("insight.review.staffNote"));
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        return new VBox(6, note, table);
    }

    private javafx.scene.control.TableColumn<InsightsViewModel.StaffRow, String> column(String key, double width,
            java.util.function.Function<InsightsViewModel.StaffRow, String> value) {
        javafx.scene.control.TableColumn<InsightsViewModel.StaffRow, String> c = new javafx.scene.control.TableColumn<>(messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }

    private Node trendChart(boolean revenue) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setMinorTickVisible(false);
        y.setForceZeroInRange(true);
        LineChart<String, Number> chart = new LineChart<>(x, y);
        chart.setId(revenue ? "insightRevenueTrend" : "insightActiveTrend");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setPrefHeight(240);
        vm.trend().addListener((ListChangeListener<InsightsViewModel.Month>) ch -> {
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            vm.trend().forEach(m -> s.getData().add(new XYChart.Data<>(m.label(), revenue ? m.revenue() : m.active())));
            chart.getData().setAll(List.of(s));
        });
        return chart;
    }
}
