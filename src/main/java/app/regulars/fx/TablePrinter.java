package app.regulars.fx;

import app.regulars.tables.Table;
import app.regulars.tables.TableExport;
import app.regulars.tables.TableLayout;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import javafx.print.PageLayout;
import javafx.print.PageOrientation;
import javafx.print.Paper;
import javafx.print.Printer;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Prints a {@link Table} with JavaFX printing: the print dialog (printer, A4 or Letter,
 * copies), then the same pages as the PDF export — the period in the header, the column heads
 * on every page, page numbers, tick-boxes where the list has them. No printer, no spooler
 * ({@link PrintSpooler}), a cancelled dialog and a failed job each end with a message; nothing
 * is changed by printing.
 */
public final class TablePrinter {
    private static final String FAMILY = Font.getDefault().getFamily();

    private final Messages messages;
    private final Supplier<Printer> defaultPrinter;
    private final PrintSpooler spooler;

    public TablePrinter(Messages messages) {
        this(messages, Printer::getDefaultPrinter);
    }

    /** {@code defaultPrinter}: where the printer comes from (tests hand in none). */
    public TablePrinter(Messages messages, Supplier<Printer> defaultPrinter) {
        this(messages, defaultPrinter, PrintSpooler.SYSTEM);
    }

    /** {@code spooler}: what the system hands jobs to (tests hand in a missing one). */
    public TablePrinter(Messages messages, Supplier<Printer> defaultPrinter, PrintSpooler spooler) {
        this.messages = messages;
        this.defaultPrinter = defaultPrinter;
        this.spooler = spooler;
    }

    /**
     * Shows the print dialog over {@code owner} and prints {@code table} in the background.
     * {@code done} gets a message for the status line: printed, cancelled, or why it failed.
     * Call on the JavaFX thread.
     */
    public void print(Table table, Window owner, TaskRunner runner, Consumer<String> done) {
        Printer printer = defaultPrinter.get();
        if (printer == null) {
            done.accept(messages.get("exchange.print.noPrinter"));
            return;
        }
        if (spooler.missing()) {
            done.accept(messages.get("exchange.print.noSpooler"));
            return;
        }
        PrinterJob job = PrinterJob.createPrinterJob(printer);
        if (job == null) {
            done.accept(messages.get("exchange.print.noPrinter"));
            return;
        }
        Paper paper = TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry()) == TableLayout.Paper.LETTER
                ? Paper.NA_LETTER : Paper.A4;
        job.getJobSettings().setPageLayout(printer.createPageLayout(paper, PageOrientation.PORTRAIT, Printer.MarginType.DEFAULT));
        if (!job.showPrintDialog(owner)) {
            job.cancelJob();
            done.accept(messages.get("exchange.print.cancelled"));
            return;
        }
        PageLayout layout = job.getJobSettings().getPageLayout();
        List<Node> pages = pages(table, layout.getPrintableWidth(), layout.getPrintableHeight());
        runner.run(() -> {
            for (Node page : pages) {
                if (!job.printPage(layout, page)) {
                    job.cancelJob();
                    throw new UserException("exchange.print.failed", String.valueOf(job.getJobStatus()));
                }
            }
            if (!job.endJob()) {
                throw new UserException("exchange.print.failed", String.valueOf(job.getJobStatus()));
            }
            return pages.size();
        }, n -> done.accept(messages.get("exchange.print.done", n)), e -> done.accept(messages.describe(e)));
    }

    /** The pages as nodes of {@code width} × {@code height} points (the printable area; the printer adds its margins). */
    public List<Node> pages(Table table, double width, double height) {
        TableLayout layout = new TableLayout(TablePrinter::measure, width, height, 0);
        List<TableLayout.Page> pages = layout.layout(table, TableExport.cellText(messages),
                (page, total) -> messages.get("exchange.print.page", page, total));
        List<Node> nodes = new ArrayList<>(pages.size());
        for (TableLayout.Page page : pages) {
            Pane pane = new Pane();
            pane.getStyleClass().add("print-page");
            pane.setPrefSize(width, height);
            pane.setMinSize(width, height);
            pane.setMaxSize(width, height);
            pane.setStyle("-fx-background-color: white;");
            for (TableLayout.Mark mark : page.marks()) {
                pane.getChildren().add(node(mark));
            }
            nodes.add(pane);
        }
        return nodes;
    }

    private static Node node(TableLayout.Mark mark) {
        return switch (mark) {
            case TableLayout.Text t -> {
                Text text = new Text(t.x(), t.y(), t.text());
                text.setFont(font(t.size(), t.bold()));
                text.setFill(Color.BLACK);
                yield text;
            }
            case TableLayout.Box b -> {
                Rectangle r = new Rectangle(b.x(), b.y(), b.size(), b.size());
                r.setFill(Color.TRANSPARENT);
                r.setStroke(Color.gray(0.2));
                r.setStrokeWidth(0.8);
                yield r;
            }
            case TableLayout.Rule r -> {
                Line line = new Line(r.x1(), r.y1(), r.x2(), r.y2());
                line.setStroke(Color.gray(0.8));
                line.setStrokeWidth(0.5);
                yield line;
            }
            case TableLayout.Band b -> {
                Rectangle r = new Rectangle(b.x(), b.y(), b.width(), b.height());
                r.setFill(Color.gray(0.91));
                yield r;
            }
        };
    }

    private static Font font(double size, boolean bold) {
        return bold ? Font.font(FAMILY, FontWeight.BOLD, size) : Font.font(FAMILY, size);
    }

    private static double measure(String s, double size) {
        Text text = new Text(s);
        text.setFont(font(size, false));
        return text.getLayoutBounds().getWidth();
    }
}
