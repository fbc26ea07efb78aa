package app.regulars.followup;

import app.regulars.tables.TableLayout;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.fx.PrintSpooler;
import app.regulars.fx.TaskRunner;
import javafx.print.PageLayout;
import javafx.print.PageOrientation;
import javafx.print.Paper;
import javafx.print.Printer;
import javafx.print.PrinterJob;
import javafx.scene.image.ImageView;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Prints visit briefs: the same pages as the PDF, rendered at 200 dpi and printed with JavaFX
 * printing, so paper and PDF never differ. No printer, no spooler ({@link PrintSpooler}), a
 * cancelled dialog and a failed job end with a message.
 */
public final class BriefPrinter {
    private final Messages messages;
    private final Supplier<Printer> defaultPrinter;
    private final PrintSpooler spooler;

    public BriefPrinter(Messages messages, Supplier<Printer> defaultPrinter) {
        this(messages, defaultPrinter, PrintSpooler.SYSTEM);
    }

    /** {@code spooler}: what the system hands jobs to (tests hand in a missing one). */
    public BriefPrinter(Messages messages, Supplier<Printer> defaultPrinter, PrintSpooler spooler) {
        this.messages = messages;
        this.defaultPrinter = defaultPrinter;
        this.spooler = spooler;
    }

    public void print(List<FollowUpReports.Brief> briefs, FollowUpReports reports, Window owner, TaskRunner runner, Consumer<String> done) {
        Printer printer = defaultPrinter.get();
        if (printer != null && spooler.missing()) {
            done.accept(messages.get("exchange.print.noSpooler"));
            return;
        }
        PrinterJob job = printer == null ? null : PrinterJob.createPrinterJob(printer);
        if (job == null) {
            done.accept(messages.get("exchange.print.noPrinter"));
            return;
        }
        boolean letter = TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry()) == TableLayout.Paper.LETTER;
        job.getJobSettings().setPageLayout(printer.createPageLayout(letter ? Paper.NA_LETTER : Paper.A4,
                PageOrientation.PORTRAIT, Printer.MarginType.HARDWARE_MINIMUM));
        if (!job.showPrintDialog(owner)) {
            job.cancelJob();
            done.accept(messages.get("exchange.print.cancelled"));
            return;
        }
        PageLayout layout = job.getJobSettings().getPageLayout();
        TableLayout.Paper paper = layout.getPaper() == Paper.NA_LETTER ? TableLayout.Paper.LETTER : TableLayout.Paper.A4;
        runner.run(() -> {
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            reports.briefsPdf(briefs, paper, pdf);
            List<WritableImage> pages = new ArrayList<>();
            try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
                PDFRenderer renderer = new PDFRenderer(doc);
                for (int i = 0; i < doc.getNumberOfPages(); i++) {
                    pages.add(toFx(renderer.renderImageWithDPI(i, 200)));
                }
            }
            for (WritableImage page : pages) {
                ImageView view = new ImageView(page);
                view.setPreserveRatio(true);
                view.setFitWidth(layout.getPrintableWidth());
                view.setFitHeight(layout.getPrintableHeight());
                if (!job.printPage(layout, view)) {
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

    private static WritableImage toFx(BufferedImage image) {
        WritableImage out = new WritableImage(image.getWidth(), image.getHeight());
        var writer = out.getPixelWriter();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                writer.setArgb(x, y, image.getRGB(x, y));
            }
        }
        return out;
    }
}
