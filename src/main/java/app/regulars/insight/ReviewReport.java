package app.regulars.insight;

import app.regulars.i18n.Formats;
import app.regulars.i18n.Messages;
import app.regulars.tables.AtomicFile;
import app.regulars.tables.PdfFonts;
import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.tables.TableLayout;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The review report (复盘) of a month, quarter or year as one PDF: the key figures against the
 * previous period, the same period a year earlier and the targets; customers per segment and
 * per lifecycle stage and the monthly trend as vector charts; the top customers at risk; the
 * staff figures; and how many customers moved between segments since the end of the previous
 * period. Every text comes from the bundles, in the language of the {@link Messages} given.
 * <p>The sections are {@link Table}s laid out by {@link TableLayout} (the same pages as every
 * exported list), stacked on the page while they fit; the charts are drawn beside them.
 * A figure a period gives no meaning prints a dash.
 */
public final class ReviewReport {
    private static final Logger LOG = LoggerFactory.getLogger(ReviewReport.class);
    /** How many customers at risk the report lists. */
    public static final int AT_RISK = 20;
    /** How many months the trend charts show. */
    public static final int TREND_MONTHS = 12;
    static final String DASH = "–";

    private static final double MARGIN = 40;
    private static final double GAP = 18;
    private static final float[] BAR = {0.035f, 0.412f, 0.855f};
    private static final float[] LINE = {0.114f, 0.55f, 0.306f};

    /** A customer the report lists as at risk, with the code and name to find them by. */
    public record AtRisk(CustomerInsight insight, String code, String name) {
    }

    /**
     * Everything the report shows, gathered in one go (off the JavaFX thread).
     *
     * @param period   the period asked for
     * @param asOf     the day the figures go up to (today, inside the current period)
     * @param snapshot the insights at the end of the period (or {@code asOf})
     */
    public record Contents(Period period, LocalDate asOf, KpiReport kpis, InsightSnapshot snapshot, SegmentMovement movement,
                           List<StaffFigures> staff, List<AtRisk> atRisk, Currency currency) {
        public Contents {
            staff = List.copyOf(staff);
            atRisk = List.copyOf(atRisk);
        }

        /** The days the figures cover: the period, cut at {@code asOf} when it runs past it. */
        public Period shown() {
            return kpis.current().period();
        }
    }

    /** Reads what the report of {@code period} shows, as of {@code today}. */
    public static Contents gather(InsightService insights, Period period, LocalDate today, InsightSettings settings, Currency currency) {
        KpiReport kpis = insights.kpis(period, today, settings, TREND_MONTHS);
        LocalDate end = kpis.current().period().end();
        // The snapshot at the end first: the movement reuses it (and keeps the page's).
        InsightSnapshot snapshot = insights.snapshot(end, settings);
        SegmentMovement movement = insights.segmentMovement(period, today, settings);
        List<StaffFigures> staff = insights.staffFigures(period, today);
        List<CustomerInsight> risky = atRisk(snapshot, AT_RISK);
        Set<Long> ids = new HashSet<>();
        risky.forEach(c -> ids.add(c.customerId()));
        Map<Long, String[]> names = new HashMap<>();
        insights.forEachActiveCustomer((id, code, name) -> {
            if (ids.contains(id)) {
                names.put(id, new String[] {code, name});
            }
        });
        List<AtRisk> atRisk = risky.stream().map(c -> {
            String[] n = names.getOrDefault(c.customerId(), new String[] {"", ""});
            return new AtRisk(c, n[0], n[1]);
        }).toList();
        return new Contents(period, today, kpis, snapshot, movement, staff, atRisk, currency);
    }

    /**
     * The customers the report lists as at risk, by the at-risk list's own rule
     * ({@link WinbackService#isAtRisk}), the most valuable first (predicted lifetime value, spend
     * so far where there is no prediction), at most {@code limit}.
     */
    static List<CustomerInsight> atRisk(InsightSnapshot snapshot, int limit) {
        return snapshot.customers().stream()
                .filter(c -> WinbackService.isAtRisk(c.lifecycle(), c.valueClass()))
                .sorted(Comparator.comparingDouble(ReviewReport::worth).reversed().thenComparingLong(CustomerInsight::customerId))
                .limit(limit)
                .toList();
    }

    private static double worth(CustomerInsight c) {
        return c.prediction() != null ? c.prediction().clv() : c.metrics().monetary().doubleValue();
    }

    private final Messages messages;
    private final Formats formats;
    private final TableLayout.Paper paper;

    public ReviewReport(Messages messages, TableLayout.Paper paper) {
        this.messages = messages;
        this.formats = new Formats(messages);
        this.paper = paper;
    }

    /** A file name for the report of {@code period}: {@code review-2026-11.pdf}, {@code 复盘-2026-11.pdf}. */
    public String fileName(Period period) {
        return messages.get("insight.review.fileName", period.code()) + ".pdf";
    }

    /** The report's title: "Review November 2026". */
    public String title(Period period) {
        return messages.get("insight.review.title", periodText(period));
    }

    /** Writes the report to {@code file} (replaced; whole or not at all). */
    public void write(Contents c, Path file) {
        int pages = AtomicFile.write(file, out -> pdf(c, out));
        LOG.info("Wrote the review of {} ({} pages) to {}", c.period().code(), pages, file);
    }

    /** Writes the report as PDF to {@code out}; returns the number of pages. */
    public int pdf(Contents c, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument(); PdfFonts fonts = PdfFonts.open(doc)) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(title(c.period()));
            info.setCreator("Regulars");
            List<Sheet> sheets = sheets(c, fonts::width);
            for (Sheet sheet : sheets) {
                PDPage page = new PDPage(new PDRectangle((float) paper.width, (float) paper.height));
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    draw(cs, sheet.shapes(), paper.height);
                    TableExport.draw(cs, fonts, sheet.marks(), paper.height);
                }
            }
            doc.save(out);
            return sheets.size();
        }
    }

    /**
     * The report's pages as PNG images at {@code dpi} dots per inch, for printing: the same
     * pages as the PDF (rendered from it), so paper and file match.
     */
    public List<byte[]> pageImages(Contents c, int dpi) throws IOException {
        java.io.ByteArrayOutputStream pdf = new java.io.ByteArrayOutputStream();
        pdf(c, pdf);
        List<byte[]> images = new ArrayList<>();
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.toByteArray())) {
            org.apache.pdfbox.rendering.PDFRenderer renderer = new org.apache.pdfbox.rendering.PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                java.awt.image.BufferedImage image = renderer.renderImageWithDPI(i, dpi, org.apache.pdfbox.rendering.ImageType.RGB);
                java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
                javax.imageio.ImageIO.write(image, "png", png);
                images.add(png.toByteArray());
            }
        }
        return images;
    }

    // ---- the sections as tables ----------------------------------------------------------------

    /** The tables of the report, in order: key figures, customers at risk, staff figures, segment movement. */
    public List<Table> tables(Contents c) {
        return List.of(kpiTable(c), atRiskTable(c), staffTable(c), movementTable(c));
    }

    Table kpiTable(Contents c) {
        KpiReport r = c.kpis();
        List<List<Object>> rows = new ArrayList<>();
        for (Kpi kpi : Kpi.values()) {
            Double target = r.target(kpi);
            Boolean met = r.meets(kpi);
            rows.add(List.of(messages.get(kpi.key()), value(kpi, r.current().get(kpi), c.currency()),
                    value(kpi, r.previous().get(kpi), c.currency()), value(kpi, r.yearEarlier().get(kpi), c.currency()),
                    target == null ? DASH : (kpi.higherIsBetter() ? "≥ " : "≤ ") + value(kpi, target, c.currency()),
                    met == null ? DASH : messages.get(met ? "insight.card.met" : "insight.card.missed")));
        }
        return new Table(messages.get("insight.review.kpis"), messages.get("insight.review.kpisNote",
                periodText(r.previous().period()), periodText(r.yearEarlier().period())),
                List.of(Table.Column.text(messages.get("insight.review.kpi"), 3), Table.Column.number(messages.get("insight.review.value"), 1.6),
                        Table.Column.number(messages.get("insight.review.previous"), 1.6),
                        Table.Column.number(messages.get("insight.review.yearEarlier"), 1.6),
                        Table.Column.number(messages.get("insight.review.target"), 1.4), Table.Column.text(messages.get("insight.review.met"), 1)),
                rows, false);
    }

    Table atRiskTable(Contents c) {
        List<List<Object>> rows = new ArrayList<>();
        for (AtRisk a : c.atRisk()) {
            CustomerInsight i = a.insight();
            Prediction p = i.prediction();
            rows.add(List.of(a.code(), a.name(), messages.get(i.segment().key()), formats.integer(i.metrics().recencyDays()),
                    formats.money(i.metrics().monetary(), c.currency()),
                    p == null ? DASH : formats.money(BigDecimal.valueOf(p.clv()), c.currency()),
                    p == null ? DASH : messages.get("insight.percent", 100 * p.pAlive())));
        }
        return new Table(messages.get("insight.review.atRisk"), messages.get("insight.review.atRiskNote", AT_RISK, formats.date(c.snapshot().asOf())),
                List.of(Table.Column.text(messages.get("insight.review.code"), 1.1), Table.Column.text(messages.get("insight.review.name"), 2),
                        Table.Column.text(messages.get("insight.review.segment"), 2),
                        Table.Column.number(messages.get("insight.review.daysSince"), 1.2),
                        Table.Column.number(messages.get("insight.review.spent"), 1.5),
                        Table.Column.number(messages.get("insight.review.clv"), 1.5),
                        Table.Column.number(messages.get("insight.review.pAlive"), 1.1)),
                rows, false);
    }

    Table staffTable(Contents c) {
        List<List<Object>> rows = new ArrayList<>();
        for (StaffFigures s : c.staff()) {
            rows.add(List.of(s.unassigned() ? messages.get("insight.review.noOwner") : s.owner(), formats.integer(s.due()),
                    withRate(s.doneOnTime(), s.onTimeRate()), formats.integer(s.complaints()), withRate(s.resolvedIn24h(), s.resolvedRate()),
                    formats.integer(s.followedUp()), withCount(s.nps() == null ? null : messages.get("insight.number", s.nps()), s.npsAnswers()),
                    withCount(s.csat() == null ? null : messages.get("insight.percent", s.csat()), s.csatAnswers())));
        }
        return new Table(messages.get("insight.review.staff"), messages.get("insight.review.staffNote"),
                List.of(Table.Column.text(messages.get("insight.review.owner"), 1.6), Table.Column.number(messages.get("insight.review.due"), 0.9),
                        Table.Column.number(messages.get("insight.review.onTime"), 1.5),
                        Table.Column.number(messages.get("insight.review.complaints"), 1.2),
                        Table.Column.number(messages.get("insight.review.resolved24h"), 1.8),
                        Table.Column.number(messages.get("insight.review.followedUp"), 1.4),
                        Table.Column.number(messages.get("insight.review.nps"), 1.1),
                        Table.Column.number(messages.get("insight.review.csat"), 1.1)),
                rows, false);
    }

    private String withRate(int count, Double rate) {
        return rate == null ? formats.integer(count) : messages.get("insight.review.withRate", count, messages.get("insight.percent", rate));
    }

    private String withCount(String value, int count) {
        return value == null ? DASH : messages.get("insight.review.withCount", value, count);
    }

    /** Rows: the segment at the end of the previous period, then "new"; columns: the segment now (numbered as the rows), then "left". */
    Table movementTable(Contents c) {
        SegmentMovement m = c.movement();
        Segment[] segments = Segment.values();
        List<Table.Column> columns = new ArrayList<>();
        columns.add(Table.Column.text(messages.get("insight.review.fromTo"), 4));
        for (int j = 0; j < segments.length; j++) {
            columns.add(Table.Column.number(String.valueOf(j + 1), 1));
        }
        columns.add(Table.Column.number(messages.get("insight.review.left"), 1.3));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            List<Object> row = new ArrayList<>();
            row.add((i + 1) + "  " + messages.get(segments[i].key()));
            for (int j = 0; j < segments.length; j++) {
                row.add(formats.integer(m.counts()[i][j]));
            }
            row.add(formats.integer(m.left()[i]));
            rows.add(row);
        }
        List<Object> arrived = new ArrayList<>();
        arrived.add(messages.get("insight.review.arrived"));
        for (int j = 0; j < segments.length; j++) {
            arrived.add(formats.integer(m.arrived()[j]));
        }
        arrived.add(DASH);
        rows.add(arrived);
        int in = 0;
        int out = 0;
        for (int j = 0; j < segments.length; j++) {
            in += m.arrived()[j];
            out += m.left()[j];
        }
        return new Table(messages.get("insight.review.movement"), messages.get("insight.review.movementNote", formats.date(m.from()),
                formats.date(m.to()), m.moved(), m.stayed(), in, out), columns, rows, false);
    }

    // ---- pages -----------------------------------------------------------------------------------

    /** A filled rectangle or a polyline, in points from the page's top-left corner, in a colour (RGB 0–1). */
    sealed interface Shape {
        Shape down(double dy);
    }

    record Rect(double x, double y, double width, double height, float[] rgb) implements Shape {
        @Override
        public Shape down(double dy) {
            return new Rect(x, y + dy, width, height, rgb);
        }
    }

    record Polyline(double[] xs, double[] ys, double width, float[] rgb) implements Shape {
        @Override
        public Shape down(double dy) {
            double[] moved = ys.clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += dy;
            }
            return new Polyline(xs, moved, width, rgb);
        }
    }

    /** One page: the text and rules as {@link TableLayout} marks, and the charts' shapes. */
    record Sheet(List<TableLayout.Mark> marks, List<Shape> shapes) {
    }

    /** A piece of a page, its top at y = 0; {@code newPage}: it starts a page (a table's later page). */
    private record Block(List<TableLayout.Mark> marks, List<Shape> shapes, double height, boolean newPage) {
    }

    /** The report's pages, each text measured by {@code measure}. */
    List<Sheet> sheets(Contents c, TableLayout.Measure measure) {
        TableLayout layout = new TableLayout(measure, paper.width, paper.height, MARGIN);
        List<Block> blocks = new ArrayList<>();
        blocks.add(titleBlock(c, layout));
        blocks.addAll(tableBlocks(kpiTable(c), layout));
        blocks.add(chartBlock(c, measure, layout, true));
        blocks.add(chartBlock(c, measure, layout, false));
        blocks.addAll(tableBlocks(atRiskTable(c), layout));
        blocks.addAll(tableBlocks(staffTable(c), layout));
        blocks.addAll(tableBlocks(movementTable(c), layout));
        return compose(blocks, measure);
    }

    private List<Sheet> compose(List<Block> blocks, TableLayout.Measure measure) {
        double bottom = paper.height - MARGIN - 16;
        List<List<TableLayout.Mark>> marks = new ArrayList<>();
        List<List<Shape>> shapes = new ArrayList<>();
        marks.add(new ArrayList<>());
        shapes.add(new ArrayList<>());
        double y = MARGIN;
        for (Block b : blocks) {
            if (y > MARGIN && (b.newPage() || y + b.height() > bottom)) {
                marks.add(new ArrayList<>());
                shapes.add(new ArrayList<>());
                y = MARGIN;
            }
            for (TableLayout.Mark m : b.marks()) {
                marks.getLast().add(down(m, y));
            }
            for (Shape s : b.shapes()) {
                shapes.getLast().add(s.down(y));
            }
            y += b.height() + GAP;
        }
        List<Sheet> sheets = new ArrayList<>();
        for (int p = 0; p < marks.size(); p++) {
            List<TableLayout.Mark> page = marks.get(p);
            String label = messages.get("exchange.print.page", p + 1, marks.size());
            page.add(new TableLayout.Text(paper.width - MARGIN - measure.width(label, 8), paper.height - MARGIN - 2, 8, false, label));
            sheets.add(new Sheet(List.copyOf(page), List.copyOf(shapes.get(p))));
        }
        return sheets;
    }

    private Block titleBlock(Contents c, TableLayout layout) {
        List<TableLayout.Mark> marks = new ArrayList<>();
        double y = 0;
        for (String line : layout.wrap(title(c.period()), 20, paper.width - 2 * MARGIN)) {
            y += 22;
            marks.add(new TableLayout.Text(MARGIN, y, 20, true, line));
        }
        y += 16;
        marks.add(new TableLayout.Text(MARGIN, y, 9.5, false, messages.get("insight.review.subtitle",
                formats.date(c.shown().start()), formats.date(c.shown().end()), formats.date(c.asOf()))));
        y += 4;
        marks.add(new TableLayout.Rule(MARGIN, y, paper.width - MARGIN, y));
        return new Block(marks, List.of(), y, false);
    }

    /** A table's pages as blocks: the first goes where it fits, each later one starts a page. */
    private List<Block> tableBlocks(Table table, TableLayout layout) {
        List<Block> blocks = new ArrayList<>();
        List<TableLayout.Page> pages = layout.layout(table, TableExport.cellText(messages), (page, total) -> "");
        for (TableLayout.Page page : pages) {
            List<TableLayout.Mark> marks = new ArrayList<>();
            double bottom = MARGIN;
            for (TableLayout.Mark m : page.marks()) {
                if (m instanceof TableLayout.Text t && t.text().isEmpty()) {
                    continue; // the footer: the report numbers its own pages
                }
                marks.add(down(m, -MARGIN));
                bottom = Math.max(bottom, bottomOf(m));
            }
            blocks.add(new Block(marks, List.of(), bottom - MARGIN, page.number() > 1));
        }
        return blocks;
    }

    private static double bottomOf(TableLayout.Mark m) {
        return switch (m) {
            case TableLayout.Text t -> t.y() + t.size() * 0.3;
            case TableLayout.Rule r -> Math.max(r.y1(), r.y2());
            case TableLayout.Band b -> b.y() + b.height();
            case TableLayout.Box b -> b.y() + b.size();
        };
    }

    private static TableLayout.Mark down(TableLayout.Mark m, double dy) {
        return switch (m) {
            case TableLayout.Text t -> new TableLayout.Text(t.x(), t.y() + dy, t.size(), t.bold(), t.text());
            case TableLayout.Rule r -> new TableLayout.Rule(r.x1(), r.y1() + dy, r.x2(), r.y2() + dy);
            case TableLayout.Band b -> new TableLayout.Band(b.x(), b.y() + dy, b.width(), b.height());
            case TableLayout.Box b -> new TableLayout.Box(b.x(), b.y() + dy, b.size());
        };
    }

    // ---- charts ----------------------------------------------------------------------------------

    /** Two charts side by side: customers per segment and per stage, or revenue and active customers by month. */
    private Block chartBlock(Contents c, TableLayout.Measure measure, TableLayout layout, boolean customers) {
        List<TableLayout.Mark> marks = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        double width = (paper.width - 2 * MARGIN - 24) / 2;
        double right = MARGIN + width + 24;
        double height;
        if (customers) {
            List<String> segLabels = new ArrayList<>();
            List<Double> segCounts = new ArrayList<>();
            c.snapshot().segmentCounts().forEach((s, n) -> {
                segLabels.add(messages.get(s.key()));
                segCounts.add((double) n);
            });
            List<String> stageLabels = new ArrayList<>();
            List<Double> stageCounts = new ArrayList<>();
            c.snapshot().lifecycleCounts().forEach((s, n) -> {
                stageLabels.add(messages.get(s.key()));
                stageCounts.add((double) n);
            });
            String asOf = messages.get("insight.review.asOf", formats.date(c.snapshot().asOf()));
            height = Math.max(
                    bars(marks, shapes, measure, layout, MARGIN, width, messages.get("insight.chart.segments") + " " + asOf, segLabels, segCounts),
                    bars(marks, shapes, measure, layout, right, width, messages.get("insight.chart.stages") + " " + asOf, stageLabels, stageCounts));
        } else {
            List<KpiValues> months = c.kpis().months();
            List<String> labels = months.stream().map(m -> monthLabel(m.period().start())).toList();
            List<Double> revenue = months.stream().map(m -> orZero(m.get(Kpi.REVENUE))).toList();
            List<Double> active = months.stream().map(m -> orZero(m.get(Kpi.ACTIVE_CUSTOMERS))).toList();
            height = Math.max(
                    trend(marks, shapes, measure, MARGIN, width, messages.get("insight.chart.revenue"), labels, revenue, true,
                            v -> formats.money(BigDecimal.valueOf(v), c.currency())),
                    trend(marks, shapes, measure, right, width, messages.get("insight.chart.active"), labels, active, false,
                            v -> formats.integer(Math.round(v))));
        }
        return new Block(marks, shapes, height, false);
    }

    private static double orZero(Double v) {
        return v == null || !Double.isFinite(v) ? 0 : v;
    }

    /** Horizontal bars, the first at the top, each with its count; returns the height used. */
    private double bars(List<TableLayout.Mark> marks, List<Shape> shapes, TableLayout.Measure measure, TableLayout layout,
                        double x, double width, String title, List<String> labels, List<Double> values) {
        double y = heading(marks, layout, x, width, title);
        double labelWidth = width * 0.42;
        double barX = x + labelWidth + 4;
        double room = width - labelWidth - 4 - 34;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double row = 14;
        for (int i = 0; i < labels.size(); i++) {
            double top = y + i * row;
            String label = layout.wrap(labels.get(i), 8, labelWidth).getFirst();
            marks.add(new TableLayout.Text(x, top + 10, 8, false, label));
            double v = values.get(i);
            double length = max > 0 ? room * v / max : 0;
            if (length > 0) {
                shapes.add(new Rect(barX, top + 2.5, Math.max(length, 0.8), 9, BAR));
            }
            marks.add(new TableLayout.Text(barX + length + 3, top + 10, 8, false, formats.integer(Math.round(v))));
        }
        double bottom = y + labels.size() * row;
        marks.add(new TableLayout.Rule(barX, y, barX, bottom));
        return bottom;
    }

    /** A title over a chart; returns where the chart starts. */
    private double heading(List<TableLayout.Mark> marks, TableLayout layout, double x, double width, String title) {
        double y = 0;
        for (String line : layout.wrap(title, 10.5, width)) {
            y += 13;
            marks.add(new TableLayout.Text(x, y, 10.5, true, line));
        }
        return y + 6;
    }

    /** The months as vertical bars ({@code asBars}) or a line with dots, the highest value marked; returns the height used. */
    private double trend(List<TableLayout.Mark> marks, List<Shape> shapes, TableLayout.Measure measure, double x, double width,
                         String title, List<String> labels, List<Double> values, boolean asBars, java.util.function.DoubleFunction<String> text) {
        double y = 13;
        marks.add(new TableLayout.Text(x, y, 10.5, true, title));
        double top = y + 18;
        double plot = 100;
        double base = top + plot;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int n = Math.max(1, values.size());
        double slot = width / n;
        marks.add(new TableLayout.Rule(x, base, x + width, base));
        marks.add(new TableLayout.Rule(x, top, x + width, top));
        String maxText = max > 0 ? text.apply(max) : DASH;
        marks.add(new TableLayout.Text(x, top - 3, 7.5, false, messages.get("insight.review.highest", maxText)));
        double[] xs = new double[values.size()];
        double[] ys = new double[values.size()];
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            double h = max > 0 ? plot * v / max : 0;
            double cx = x + slot * i + slot / 2;
            xs[i] = cx;
            ys[i] = base - h;
            if (asBars) {
                if (h > 0) {
                    shapes.add(new Rect(cx - slot * 0.3, base - h, slot * 0.6, h, BAR));
                }
            } else {
                shapes.add(new Rect(cx - 1.8, base - h - 1.8, 3.6, 3.6, LINE));
            }
            String label = labels.get(i);
            double size = 7;
            marks.add(new TableLayout.Text(cx - measure.width(label, size) / 2, base + 10, size, false, label));
        }
        if (!asBars && values.size() > 1) {
            shapes.add(new Polyline(xs, ys, 1.4, LINE));
        }
        return base + 14;
    }

    private String monthLabel(LocalDate start) {
        return messages.isChinese() ? start.getMonthValue() + "月" : start.getMonth().getDisplayName(TextStyle.SHORT, messages.locale());
    }

    /** Draws the charts' shapes ({@code height}: the page height, as PDF counts y upwards). */
    private static void draw(PDPageContentStream cs, List<Shape> shapes, double height) throws IOException {
        for (Shape shape : shapes) {
            switch (shape) {
                case Rect r -> {
                    cs.setNonStrokingColor(r.rgb()[0], r.rgb()[1], r.rgb()[2]);
                    cs.addRect((float) r.x(), (float) (height - r.y() - r.height()), (float) r.width(), (float) r.height());
                    cs.fill();
                }
                case Polyline l -> {
                    cs.setStrokingColor(l.rgb()[0], l.rgb()[1], l.rgb()[2]);
                    cs.setLineWidth((float) l.width());
                    cs.moveTo((float) l.xs()[0], (float) (height - l.ys()[0]));
                    for (int i = 1; i < l.xs().length; i++) {
                        cs.lineTo((float) l.xs()[i], (float) (height - l.ys()[i]));
                    }
                    cs.stroke();
                }
            }
        }
        cs.setNonStrokingColor(0f);
        cs.setStrokingColor(0f);
    }

    // ---- numbers -----------------------------------------------------------------------------------

    /** A figure in its unit; a dash when there is none. */
    String value(Kpi kpi, Double v, Currency currency) {
        if (v == null || !Double.isFinite(v)) {
            return DASH;
        }
        return switch (kpi.unit()) {
            case COUNT -> formats.integer(Math.round(v));
            case MONEY -> formats.money(BigDecimal.valueOf(v), currency);
            case PERCENT -> messages.get("insight.percent", v);
            case NUMBER -> messages.get("insight.number", v);
        };
    }

    /** "November 2026", "2026 年 11 月", "Q4 2026", "2026". */
    String periodText(Period p) {
        return switch (p.kind()) {
            case MONTH -> messages.get("insight.period.month", p.start().getYear(), p.start().getMonthValue(),
                    p.start().getMonth().getDisplayName(TextStyle.FULL, messages.locale()));
            case QUARTER -> messages.get("insight.period.quarter", p.start().getYear(), (p.start().getMonthValue() - 1) / 3 + 1);
            case YEAR -> messages.get("insight.period.year", p.start().getYear());
            case DAYS -> formats.date(p.start()) + " – " + formats.date(p.end());
        };
    }
}
