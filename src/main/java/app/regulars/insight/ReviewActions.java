package app.regulars.insight;

import app.regulars.feature.Services;
import app.regulars.feature.Ui;
import app.regulars.fx.TaskRunner;
import app.regulars.fx.Windows;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.membership.MembershipService;
import app.regulars.store.Settings;
import app.regulars.tables.TableLayout;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.print.PageLayout;
import javafx.print.PageOrientation;
import javafx.print.Paper;
import javafx.print.Printer;
import javafx.print.PrinterJob;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Insights page's "Review PDF…" and "Print review…" buttons: the review report
 * ({@link ReviewReport}) of the period the page shows, saved where the user picks or printed.
 * The report is gathered and drawn in the background; the outcome is a line beside the buttons.
 * Windows come from {@link Windows}, owned by the window that shows the page.
 */
public final class ReviewActions {
    /** Print resolution of the report's pages. */
    static final int PRINT_DPI = 200;

    private final InsightService insights;
    private final Settings settings;
    private final MembershipService membership;
    private final TaskRunner runner;
    private final Messages messages;
    private final Supplier<Period> period;
    private final Node anchor;
    private final Consumer<String> say;

    ReviewActions(InsightService insights, Settings settings, MembershipService membership, TaskRunner runner, Messages messages,
                  Supplier<Period> period, Node anchor, Consumer<String> say) {
        this.insights = insights;
        this.settings = settings;
        this.membership = membership;
        this.runner = runner;
        this.messages = messages;
        this.period = period;
        this.anchor = anchor;
        this.say = say;
    }

    /**
     * Adds the two buttons (and their status line) to the right end of {@code page}'s toolbar,
     * for the period the page shows. One line in {@code InsightFeature.page}:
     * {@code ReviewActions.install(page, services, ui);}
     */
    public static Node install(InsightsPage page, Services services, Ui ui) {
        Node controls = controls(page, services, ui, page.viewModel().periodProperty());
        page.addToolbarActions(controls);
        return controls;
    }

    /** The buttons and their status line, for the period in {@code period} (nothing happens while it is null). */
    public static Node controls(Node anchor, Services services, Ui ui, ObservableValue<Period> period) {
        Label status = new Label();
        status.setId("reviewStatus");
        status.getStyleClass().add("muted");
        ReviewActions actions = new ReviewActions(services.get(InsightService.class), services.get(Settings.class),
                services.get(MembershipService.class), ui.runner(), ui.messages(), period::getValue, anchor, status::setText);
        Button pdf = new Button(ui.messages().get("insight.review.pdfButton"));
        pdf.setId("reviewPdf");
        pdf.setOnAction(e -> actions.savePdf());
        Button print = new Button(ui.messages().get("insight.review.printButton"));
        print.setId("reviewPrint");
        print.setOnAction(e -> actions.print());
        pdf.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> period.getValue() == null, period));
        print.disableProperty().bind(pdf.disableProperty());
        HBox box = new HBox(8, status, pdf, print);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private ReviewReport report() {
        return new ReviewReport(messages, paper());
    }

    private static TableLayout.Paper paper() {
        return TableLayout.Paper.forCountry(Locale.getDefault(Locale.Category.FORMAT).getCountry());
    }

    private ReviewReport.Contents gather(Period p) {
        return ReviewReport.gather(insights, p, insights.today(), InsightSettings.load(settings), membership.settings().currency());
    }

    /** Asks where, then writes the review of the shown period there. */
    void savePdf() {
        Period p = period.get();
        if (p == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.get("insight.review.pdfButton").replace("…", ""));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(messages.get("insight.review.pdfFiles"), "*.pdf"));
        chooser.setInitialFileName(report().fileName(p));
        File file = chooser.showSaveDialog(Windows.windowOf(anchor));
        if (file != null) {
            saveTo(p, file.toPath());
        }
    }

    /** Writes the review of {@code p} to {@code file} in the background. */
    void saveTo(Period p, Path file) {
        runner.run(() -> {
            report().write(gather(p), file);
            return file;
        }, f -> say.accept(messages.get("insight.review.saved", f.toString())), e -> say.accept(messages.describe(e)));
    }

    /**
     * The print dialog, then the review's pages, the same as the PDF's, each scaled to the
     * printable area. No printer, a cancelled dialog and a failed job each end with a message.
     */
    void print() {
        Period p = period.get();
        if (p == null) {
            return;
        }
        Printer printer = Printer.getDefaultPrinter();
        PrinterJob job = printer == null ? null : PrinterJob.createPrinterJob(printer);
        if (job == null) {
            say.accept(messages.get("exchange.print.noPrinter"));
            return;
        }
        Paper paper = paper() == TableLayout.Paper.LETTER ? Paper.NA_LETTER : Paper.A4;
        job.getJobSettings().setPageLayout(printer.createPageLayout(paper, PageOrientation.PORTRAIT, Printer.MarginType.HARDWARE_MINIMUM));
        if (!job.showPrintDialog(Windows.windowOf(anchor))) {
            job.cancelJob();
            say.accept(messages.get("exchange.print.cancelled"));
            return;
        }
        PageLayout layout = job.getJobSettings().getPageLayout();
        runner.run(() -> report().pageImages(gather(p), PRINT_DPI), images -> {
            List<Node> pages = new ArrayList<>(images.size());
            for (byte[] png : images) {
                ImageView view = new ImageView(new Image(new ByteArrayInputStream(png)));
                view.setPreserveRatio(true);
                view.setSmooth(true);
                view.setFitWidth(layout.getPrintableWidth());
                view.setFitHeight(layout.getPrintableHeight());
                pages.add(view);
            }
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
            }, n -> say.accept(messages.get("exchange.print.done", n)), e -> say.accept(messages.describe(e)));
        }, e -> {
            job.cancelJob();
            say.accept(messages.describe(e));
        });
    }
}
