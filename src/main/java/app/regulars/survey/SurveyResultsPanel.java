package app.regulars.survey;

import app.regulars.i18n.Messages;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;

/**
 * The figures of the shown survey over the period (count, NPS and its groups, or the CSAT
 * average and top share), the score distribution, and the trend by month or quarter.
 */
final class SurveyResultsPanel extends VBox {
    private final SurveyResultsViewModel vm;
    private final Messages messages;
    private final FlowPane figures = new FlowPane(12, 12);
    private final NumberAxis countAxis = new NumberAxis();
    private final NumberAxis trendAxis = new NumberAxis();
    private final BarChart<String, Number> distribution;
    private final LineChart<String, Number> trend;

    SurveyResultsPanel(SurveyResultsViewModel vm, Messages messages) {
        super(12);
        this.vm = vm;
        this.messages = messages;
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
        distribution.setPrefWidth(400);
        trend = new LineChart<>(new CategoryAxis(), trendAxis);
        trend.setId("trendChart");
        trend.setLegendVisible(false);
        trend.setAnimated(false);
        trend.setPrefHeight(260);
        VBox trendBox = new VBox(4, periodBar(), trend);
        VBox.setVgrow(trend, Priority.ALWAYS);
        trendBox.setPrefWidth(400);
        HBox charts = new HBox(12, distribution, trendBox);
        HBox.setHgrow(distribution, Priority.ALWAYS);
        HBox.setHgrow(trendBox, Priority.ALWAYS);
        figures.setId("figures");
        getChildren().addAll(figures, charts);
        vm.resultsProperty().addListener(o -> show(vm.resultsProperty().get()));
    }

    /** By month or by quarter: one of the two is always chosen. */
    private HBox periodBar() {
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
        month.setMinWidth(Region.USE_PREF_SIZE);
        quarter.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, month, quarter);
        bar.setAlignment(Pos.CENTER_RIGHT);
        return bar;
    }

    private void show(SurveyResults r) {
        figures.getChildren().clear();
        distribution.getData().clear();
        trend.getData().clear();
        Survey s = vm.surveyProperty().get();
        if (r == null || s == null) {
            return;
        }
        boolean nps = s.kind() == SurveyKind.NPS;
        showFigures(r, s.kind());
        Question h = s.headline();
        if (h != null) {
            showDistribution(r, h);
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
    }

    private void showFigures(SurveyResults r, SurveyKind kind) {
        figures.getChildren().add(figure("figureCount", messages.get("survey.page.responses"), Long.toString(r.responses()), null));
        if (kind == SurveyKind.NPS) {
            figures.getChildren().add(figure("figureNps", messages.get("survey.page.nps"), number(r.nps(), "0.0"),
                    messages.get("survey.page.npsHint")));
            figures.getChildren().add(figure("figurePromoters", messages.get("survey.page.promoters"), Long.toString(r.promoters()), share(r.promoters(), r.scored())));
            figures.getChildren().add(figure("figurePassives", messages.get("survey.page.passives"), Long.toString(r.passives()), share(r.passives(), r.scored())));
            figures.getChildren().add(figure("figureDetractors", messages.get("survey.page.detractors"), Long.toString(r.detractors()), share(r.detractors(), r.scored())));
        } else {
            figures.getChildren().add(figure("figureAverage", messages.get("survey.page.average"), number(r.csatAverage(), "0.00"), null));
            if (kind == SurveyKind.CSAT) {
                figures.getChildren().add(figure("figureTop", messages.get("survey.page.topShare"), number(r.csatTopShare(), "0.0") + " %", null));
            }
        }
    }

    /** One bar per score of the headline question's scale; the count axis in whole steps. */
    private void showDistribution(SurveyResults r, Question h) {
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
        return d == null ? "–" : new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(messages.locale())).format(d);
    }

    private String share(long part, long whole) {
        return whole == 0 ? "" : number(100.0 * part / whole, "0.0") + " %";
    }
}
