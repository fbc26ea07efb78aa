package app.regulars.app;

import app.regulars.customer.Customer;
import app.regulars.customer.CustomersPage;
import app.regulars.followup.BriefFacts;
import app.regulars.followup.BriefPrinter;
import app.regulars.followup.CalendarPage;
import app.regulars.followup.CalendarViewModel;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.followup.FollowUpReports;
import app.regulars.followup.FollowUpService;
import app.regulars.fx.FxTaskRunner;
import app.regulars.fx.PrintSpooler;
import app.regulars.fx.TablePrinter;
import app.regulars.i18n.Messages;
import app.regulars.membership.MembersPage;
import app.regulars.membership.MembersViewModel;
import app.regulars.membership.MembershipService;
import app.regulars.tables.Table;
import app.regulars.tables.TableLayout;
import app.regulars.testing.Fx;
import app.regulars.testing.PrintQueue;
import app.regulars.testing.PrintedPages;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.print.PageLayout;
import javafx.print.PageOrientation;
import javafx.print.Paper;
import javafx.print.Printer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Print… buttons on a real print queue: CUPS with CUPS-PDF ({@code .ci/print-queue}), which
 * turns each job into a PDF file. Each test clicks a button as a user does (the print dialog is
 * accepted at once, since the tests run with {@code java.awt.headless=true}), waits for the file,
 * and checks its pages, their paper size, and that every page shows what the program drew:
 * the Chinese names in their glyphs and places. Skipped where no queue is set up.
 */
@ExtendWith(ApplicationExtension.class)
class PrintingTest {
    /**
     * The share of ink that must match, both ways (recall and precision, within a pixel), between
     * what was drawn and what was printed: over each name, and over each whole page. Measured on
     * Debian 12 (CUPS 2.4, Ghostscript 10.0): 1.0 for every page and every name. The day's list
     * drawn with 王小明 and 曾晓燕 swapped scores 0.72 to 0.76 on one side for each name, and 0.986
     * over the page; "Alice Smyth" for "Alice Smith" scored 0.91. Without a Chinese font on the
     * machine (the app's own Noto Sans SC stands in: src/test/fontconfig/without-cjk.conf), 曾晓燕
     * on the Letter page scored 0.958 (recall; the snapshot's anti-aliased strokes sit a pixel
     * further than the printed ones in places), everything else 0.998 to 1.0: hence 0.95 for a name.
     */
    private static final double MATCH = 0.95;
    private static final double PAGE_MATCH = 0.99;

    @TempDir
    static Path base;
    private static int counter;

    private PrintQueue queue;
    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Shell shell;
    private Locale machine;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @BeforeEach
    void openAStoreWhenThereIsAQueue() {
        queue = PrintQueue.assumeSetUp();
        queue.assertDefault();
        machine = Locale.getDefault(Locale.Category.FORMAT);
        context = TestStores.open(base.resolve("store" + (++counter)));
        TestStores.addKnownCustomers(context.customers());
        runner = new FxTaskRunner();
    }

    @AfterEach
    void close() {
        if (runner != null) {
            Locale.setDefault(Locale.Category.FORMAT, machine);
            runner.close();
            context.close();
        }
    }

    private long id(String code) {
        return context.customers().byCode(code).map(Customer::id).orElseThrow();
    }

    private Messages show(Locale language, Locale machineLocale) {
        Locale.setDefault(Locale.Category.FORMAT, machineLocale);
        WaitForAsyncUtils.waitForFxEvents();
        try {
            WaitForAsyncUtils.asyncFx(() -> shell = Fx.showShell(stage, context, runner, language, Theme.LIGHT)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Messages(language);
    }

    @Test
    void theDaysFollowUpListArrivesOnTwoA4PagesWithTheChineseNamesInPlace(FxRobot robot) throws Exception {
        FollowUpService s = context.followUps();
        s.schedule(FollowUp.planned(id("000002"), FollowUpKind.VISIT, "送新茶样品", LocalDateTime.of(2026, 11, 23, 10, 30)).withOwner("小李"));
        s.schedule(FollowUp.planned(id("000001"), FollowUpKind.CHECK_IN, "问问龙井口感", LocalDateTime.of(2026, 11, 23, 15, 0)));
        s.schedule(FollowUp.planned(id("000003"), FollowUpKind.WIN_BACK, "Quarterly price review", LocalDateTime.of(2026, 11, 23, 16, 0)));
        for (int i = 0; i < 27; i++) { // a day's list of two pages
            s.schedule(FollowUp.planned(id(i % 2 == 0 ? "000001" : "000002"), FollowUpKind.CHECK_IN, "电话回访 " + (i + 1),
                    LocalDateTime.of(2026, 11, 23, 8, 0).plusMinutes(20L * i)));
        }
        Messages zh = show(Locale.SIMPLIFIED_CHINESE, Locale.SIMPLIFIED_CHINESE);
        waitUntil(() -> shell.getCenter() == shell.page(CalendarPage.class) && robot.lookup("#calendarModeDAY").tryQuery().isPresent());
        robot.clickOn("#calendarModeDAY");
        CalendarViewModel vm = shell.page(CalendarPage.class).viewModel();
        waitUntil(() -> vm.getMode() == CalendarViewModel.Mode.DAY && vm.items().size() == 30);

        Set<Path> before = queue.files();
        robot.clickOn("#calendarPrint");
        awaitStatus(robot, "#calendarMessage", "已将 2 页发送到打印机。");
        Path pdf = queue.awaitJob(before, "followups-day-zh");

        Table table = shell.page(CalendarPage.class).table();
        assertThat(table.rows()).hasSize(30);
        assertPrintedAsDrawn(pdf, table, zh, Paper.A4, "print-followups-day-zh", List.of("曾晓燕", "王小明", "Alice Smith"));

        // The check tells one name from another: the same list drawn with 王小明 and 曾晓燕 swapped does not pass it.
        List<List<Object>> swappedRows = table.rows().stream().map(r -> r.stream().map(v -> v instanceof String t
                ? (Object) String.join("曾晓燕", Arrays.stream(t.split("王小明", -1)).map(part -> part.replace("曾晓燕", "王小明")).toList())
                : v).toList()).toList();
        Table swapped = new Table(table.title(), table.subtitle(), table.columns(), swappedRows, table.tickBoxes());
        PageLayout layout = layout(Paper.A4, Printer.MarginType.DEFAULT);
        Node wrong = pages(swapped, zh, layout).getFirst();
        PrintedPages.Alignment a = align(PrintedPages.snapshot(wrong), PrintedPages.render(pdf, 0), layout);
        assertThat(nameMatches(wrong, a, List.of("王小明", "曾晓燕"))).hasSizeGreaterThan(2).noneMatch(n -> n.match().atLeast(MATCH));
    }

    @Test
    void aMembersListArrivesOnLetterOnAnAmericanMachine(FxRobot robot) throws Exception {
        MembershipService m = context.membership();
        m.settings().setExpiryMonths(12);
        m.recordPurchase(id("000001"), LocalDateTime.of(2026, 6, 1, 10, 0), new BigDecimal("950.00"), null);
        m.recordPurchase(id("000002"), LocalDateTime.of(2025, 12, 1, 10, 0), new BigDecimal("1100.00"), null);
        m.recordPurchase(id("000003"), LocalDateTime.of(2025, 12, 10, 10, 0), new BigDecimal("300.00"), null);
        Messages en = show(Locale.ENGLISH, Locale.US);
        robot.clickOn("#navMembers");
        MembersPage page = shell.page(MembersPage.class);
        waitUntil(() -> page.viewModel().list(MembersViewModel.Watch.EXPIRING).size() == 2);
        robot.interact(() -> selectTab(page.tabs(), "#watchEXPIRING"));

        Set<Path> before = queue.files();
        robot.clickOn("#watchPrintEXPIRING");
        awaitStatus(robot, "#membersStatus", "One page was sent to the printer.");
        Path pdf = queue.awaitJob(before, "members-expiring-en");

        Table table = page.viewModel().table(MembersViewModel.Watch.EXPIRING);
        assertPrintedAsDrawn(pdf, table, en, Paper.NA_LETTER, "print-members-expiring-en", List.of("曾晓燕", "Alice Smith"));
    }

    @Test
    void aVisitBriefArrivesAsTheBriefsPdfPrintedOnA4(FxRobot robot) throws Exception {
        long wang = id("000001");
        context.membership().recordPurchase(wang, LocalDateTime.of(2026, 10, 3, 15, 30), new BigDecimal("880.00"), "龙井 半斤");
        Messages zh = show(Locale.SIMPLIFIED_CHINESE, Locale.SIMPLIFIED_CHINESE);
        robot.interact(() -> {
            ((javafx.scene.control.ToggleButton) shell.lookup("#navCustomers")).fire();
            shell.page(CustomersPage.class).openProfile(wang);
        });
        waitUntil(() -> robot.lookup("#profileTabs").tryQuery().isPresent());
        robot.interact(() -> selectTab((TabPane) robot.lookup("#profileTabs").query(), "#timelinePrintBrief"));

        Set<Path> before = queue.files();
        robot.clickOn("#timelinePrintBrief");
        awaitStatus(robot, "#timelineBriefStatus", "已将 1 页发送到打印机。");
        Path pdf = queue.awaitJob(before, "brief-zh");

        // What the brief printer prints: the brief's PDF, page by page, fitted into the printable area.
        FollowUpReports reports = new FollowUpReports(context.followUps(), context.customers(), context.membership(),
                context.services().find(BriefFacts.class).orElse(null), zh);
        ByteArrayOutputStream brief = new ByteArrayOutputStream();
        reports.briefsPdf(List.of(reports.brief(wang)), TableLayout.Paper.A4, brief);
        PageLayout layout = layout(Paper.A4, Printer.MarginType.HARDWARE_MINIMUM);
        double fit = Math.min(layout.getPrintableWidth() / Paper.A4.getWidth(), layout.getPrintableHeight() / Paper.A4.getHeight());
        try (PDDocument printed = Loader.loadPDF(pdf.toFile()); PDDocument drawn = Loader.loadPDF(brief.toByteArray())) {
            assertThat(printed.getNumberOfPages()).isEqualTo(drawn.getNumberOfPages()).isEqualTo(1);
            assertPaper(printed, Paper.A4);
        }
        BufferedImage expected = PrintedPages.render(brief.toByteArray(), 0, PrintedPages.SCALE * fit);
        BufferedImage printed = PrintedPages.render(pdf, 0);
        PrintedPages.save(printed, "print-brief-zh-printed");
        PrintedPages.save(expected, "print-brief-zh-drawn");
        PrintedPages.Alignment a = align(expected, printed, layout);
        assertThat(a.whole().atLeast(PAGE_MATCH)).as("the printed brief matches the brief's PDF: " + a).isTrue();
        List<Rectangle> boxes = textBoxes(brief.toByteArray(), "王小明", PrintedPages.SCALE * fit);
        assertThat(boxes).as("王小明 on the brief").isNotEmpty();
        for (Rectangle box : boxes) {
            PrintedPages.Match m = a.match(box);
            assertThat(m.inked()).as("王小明 drawn").isGreaterThan(100);
            assertThat(m.atLeast(MATCH)).as("王小明 printed as drawn: " + m).isTrue();
        }
    }

    @Test
    void withoutLprOnLinuxNothingIsSentAndTheUserIsToldWhatToInstall(FxRobot robot) {
        Messages en = new Messages(Locale.ENGLISH);
        PrintSpooler missing = new PrintSpooler(true, base.resolve("no-lpr"));
        FollowUpReports reports = new FollowUpReports(context.followUps(), context.customers(), context.membership(), en);
        Table table = new Table("Visits", "Nov 23, 2026", List.of(Table.Column.text("Customer", 1)), List.of(List.of("王小明")), true);
        AtomicReference<String> list = new AtomicReference<>();
        AtomicReference<String> brief = new AtomicReference<>();
        Set<Path> before = queue.files();
        robot.interact(() -> {
            new TablePrinter(en, Printer::getDefaultPrinter, missing).print(table, stage, runner, list::set);
            new BriefPrinter(en, Printer::getDefaultPrinter, missing).print(List.of(reports.brief(id("000001"))), reports, stage, runner, brief::set);
        });
        String told = "Printing on Linux needs the lpr command, which is not installed (Debian and Ubuntu: sudo apt install cups-bsd)."
                + " Nothing was sent; export to PDF instead, or install it and print again.";
        assertThat(list.get()).isEqualTo(told);
        assertThat(brief.get()).isEqualTo(told);
        assertThat(queue.files()).isEqualTo(before);
    }

    /**
     * The printed PDF has the pages TablePrinter draws for {@code table} on {@code paper}, each
     * matching its drawing, every one of {@code names} on them included.
     */
    private void assertPrintedAsDrawn(Path pdf, Table table, Messages messages, Paper paper, String shots, List<String> names)
            throws Exception {
        PageLayout layout = layout(paper, Printer.MarginType.DEFAULT);
        List<Node> pages = pages(table, messages, layout);
        try (PDDocument printed = Loader.loadPDF(pdf.toFile())) {
            assertThat(printed.getNumberOfPages()).as("pages").isEqualTo(pages.size());
            assertPaper(printed, paper);
        }
        List<String> found = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            BufferedImage expected = PrintedPages.snapshot(pages.get(i));
            BufferedImage printed = PrintedPages.render(pdf, i);
            PrintedPages.save(printed, shots + "-printed-" + (i + 1));
            PrintedPages.save(expected, shots + "-drawn-" + (i + 1));
            PrintedPages.Alignment a = align(expected, printed, layout);
            assertThat(a.whole().atLeast(PAGE_MATCH)).as("page " + (i + 1) + " printed as drawn: " + a).isTrue();
            for (NameMatch n : nameMatches(pages.get(i), a, names)) {
                assertThat(n.match().inked()).as(n.name() + " drawn").isGreaterThan(100);
                assertThat(n.match().atLeast(MATCH)).as(n.name() + " printed as drawn on page " + (i + 1) + ": " + n.match()).isTrue();
                found.add(n.name());
            }
        }
        assertThat(found).as("names on the pages").containsAll(names);
    }

    private static List<Node> pages(Table table, Messages messages, PageLayout layout) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> new TablePrinter(messages, () -> null)
                .pages(table, layout.getPrintableWidth(), layout.getPrintableHeight())).get();
    }

    private record NameMatch(String name, PrintedPages.Match match) {
    }

    /** How each of {@code names} drawn on {@code page} (each time it is drawn) matches the printed page there. */
    private static List<NameMatch> nameMatches(Node page, PrintedPages.Alignment a, List<String> names) {
        List<NameMatch> matches = new ArrayList<>();
        for (Node n : ((Pane) page).getChildren()) {
            if (n instanceof Text t && names.contains(t.getText())) {
                javafx.geometry.Bounds b = t.getBoundsInParent();
                double s = PrintedPages.SCALE;
                matches.add(new NameMatch(t.getText(), a.match(new Rectangle((int) Math.floor(b.getMinX() * s) - 2,
                        (int) Math.floor(b.getMinY() * s) - 2, (int) Math.ceil(b.getWidth() * s) + 4, (int) Math.ceil(b.getHeight() * s) + 4))));
            }
        }
        return matches;
    }

    private static PrintedPages.Alignment align(BufferedImage expected, BufferedImage printed, PageLayout layout) {
        return PrintedPages.align(expected, printed, (int) Math.round(layout.getLeftMargin() * PrintedPages.SCALE),
                (int) Math.round(layout.getTopMargin() * PrintedPages.SCALE));
    }

    /** Waits for the status line to say the job went to the printer (a brief takes seconds: it is rendered first). */
    private static void awaitStatus(FxRobot robot, String label, String text) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text.equals(((Label) robot.lookup(label).query()).getText()));
        } catch (TimeoutException e) {
            throw new AssertionError("the status line says \u201c" + ((Label) robot.lookup(label).query()).getText() + "\u201d, not \u201c" + text + "\u201d", e);
        }
    }

    private static PageLayout layout(Paper paper, Printer.MarginType margins) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Printer.getDefaultPrinter().createPageLayout(paper, PageOrientation.PORTRAIT, margins)).get();
    }

    private static void assertPaper(PDDocument printed, Paper paper) {
        for (int i = 0; i < printed.getNumberOfPages(); i++) {
            PDRectangle box = printed.getPage(i).getMediaBox();
            assertThat(box.getWidth()).as("page width, points").isCloseTo((float) paper.getWidth(), org.assertj.core.data.Offset.offset(1f));
            assertThat(box.getHeight()).as("page height, points").isCloseTo((float) paper.getHeight(), org.assertj.core.data.Offset.offset(1f));
        }
    }

    /** Where {@code text} stands on the first page of {@code pdf}, in pixels at {@code scale}. */
    private static List<Rectangle> textBoxes(byte[] pdf, String text, double scale) throws IOException {
        List<Rectangle> boxes = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String s, List<TextPosition> positions) {
                int at = s.indexOf(text);
                if (at >= 0 && positions.size() == s.length()) {
                    TextPosition first = positions.get(at);
                    TextPosition last = positions.get(at + text.length() - 1);
                    double x = first.getXDirAdj();
                    double top = first.getYDirAdj() - first.getHeightDir() * 1.4;
                    double right = last.getXDirAdj() + last.getWidthDirAdj();
                    double bottom = first.getYDirAdj() + first.getHeightDir() * 0.4;
                    boxes.add(new Rectangle((int) Math.floor(x * scale) - 2, (int) Math.floor(top * scale) - 2,
                            (int) Math.ceil((right - x) * scale) + 4, (int) Math.ceil((bottom - top) * scale) + 4));
                }
            }
        };
        stripper.setStartPage(1);
        stripper.setEndPage(1);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            stripper.getText(doc);
        }
        return boxes;
    }

    private static void selectTab(TabPane tabs, String selector) {
        tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> t.getContent() != null && t.getContent().lookup(selector) != null)
                .findFirst().orElseThrow());
    }
}
