package app.regulars.app.imports;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.customer.CustomerImport;
import app.regulars.fx.FxTaskRunner;
import app.regulars.fx.ImportDialog;
import app.regulars.fx.ImportViewModel;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.membership.PurchaseImport;
import app.regulars.survey.ResponseImport;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.MappedImport;
import app.regulars.tables.Progress;
import app.regulars.tables.RowFile;
import app.regulars.testing.CutOffText;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The import window driven as a user would: a file chosen, its columns mapped, problems seen, imported, rejected rows saved. */
@ExtendWith(ApplicationExtension.class)
class ImportDialogTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Path dir;
    private final AtomicInteger changed = new AtomicInteger();
    /** What the file choosers answer. */
    private Path toOpen;
    private Path toSave;

    private final ImportDialog.Files files = new ImportDialog.Files() {
        @Override
        public Path open(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
            return toOpen;
        }

        @Override
        public Path save(Window owner, String title, String suggestedName) {
            return toSave;
        }
    };

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dir = Files.createDirectories(base.resolve("run" + (++counter)));
        context = TestStores.open(dir.resolve("data"));
        TestStores.addKnownCustomers(context.customers());
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    private void show(FxRobot robot, MappedImport kind, Locale locale) {
        Messages messages = new Messages(locale);
        robot.interact(() -> {
            stage.getScene().setRoot(new ImportDialog(new ImportViewModel(kind, runner, messages, changed::incrementAndGet), messages, files));
            Theme.LIGHT.apply(stage.getScene());
        });
    }

    private Path csv(String name, String text, Charset charset) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, text.getBytes(charset));
        return f;
    }

    private app.regulars.customer.ImportUndoService undo() {
        return context.services().get(app.regulars.customer.ImportUndoService.class);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    /** The field chooser over a file's column (0 = the first column of the file), once the table has it. */
    @SuppressWarnings("unchecked")
    private static ComboBox<MappedImport.Field> chooser(FxRobot robot, int column) {
        TableView<?> table = robot.lookup("#importTable").queryTableView();
        waitUntil(() -> table.getColumns().size() > column + 1);
        javafx.scene.layout.VBox graphic = (javafx.scene.layout.VBox) table.getColumns().get(column + 1).getGraphic();
        ComboBox<MappedImport.Field> chooser = (ComboBox<MappedImport.Field>) graphic.getChildren().get(1);
        assertThat(chooser.getId()).isEqualTo("importMap" + column);
        return chooser;
    }

    private static void map(FxRobot robot, int column, String label) {
        ComboBox<MappedImport.Field> chooser = chooser(robot, column);
        MappedImport.Field field = chooser.getItems().stream().filter(f -> (f.key() == null ? "Ignored" : f.label()).equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no field " + label));
        robot.interact(() -> chooser.setValue(field));
    }

    private static String chosen(FxRobot robot, int column) {
        return chooser(robot, column).getValue().key();
    }

    /** The cell of the preview at a row and a file's column (0 = the first column of the file), once shown. */
    private static TableCell<?, ?> cell(FxRobot robot, int row, int column) {
        TableView<?> table = robot.lookup("#importTable").queryTableView();
        Object item = table.getItems().get(row);
        return robot.lookup("#importTable .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() == item
                        && c.getTableColumn() == table.getColumns().get(column + 1))
                .findFirst().orElseThrow();
    }

    private static String customersCsv(int rows, int... badBirthdays) {
        StringBuilder s = new StringBuilder("Kunde,Handy,生日,Lieblingstee\n");
        for (int i = 1; i <= rows; i++) {
            int n = i;
            boolean bad = java.util.Arrays.stream(badBirthdays).anyMatch(b -> b == n);
            s.append("Gast ").append(i).append(",1390000").append(String.format("%04d", i)).append(',')
                    .append(bad ? "next spring" : "1990-03-" + String.format("%02d", 1 + i % 28)).append(",Longjing\n");
        }
        return s.toString();
    }

    @Test
    void aCsvFileMappedByHandShowsItsProblemsImportsAndSavesTheRejectedRows(FxRobot robot) throws IOException {
        show(robot, new CustomerImport(context.customers(), undo(), new Messages(Locale.ENGLISH)), Locale.ENGLISH);
        toOpen = csv("guests.csv", customersCsv(25, 3, 23), StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> robot.lookup("#importTable").queryTableView().getItems().size() == 20
                && !robot.lookup("#importBlocker").queryAs(Label.class).getText().isEmpty());
        assertThat(text(robot, "#importFile")).isEqualTo("guests.csv");
        assertThat(text(robot, "#importEncoding")).isEqualTo("Encoding: UTF-8");
        assertThat(chosen(robot, 2)).as("生日 is a birthday, as the command line reads it").isEqualTo("BIRTHDAY");
        assertThat(chosen(robot, 0)).isNull();
        assertThat(text(robot, "#importBlocker")).contains("has no name column");
        assertThat(robot.lookup("#importStart").queryButton().isDisabled()).isTrue();

        map(robot, 0, "Name");
        map(robot, 1, "Phone");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        assertThat(robot.lookup("#importBlocker").queryAs(Label.class).isVisible()).isFalse();
        assertThat(text(robot, "#importSummary")).isEqualTo("First 20 rows · 1 problem in these rows: point at a red cell to read it");
        TableCell<?, ?> bad = cell(robot, 2, 2);
        assertThat(bad.getStyleClass()).contains("import-error");
        assertThat(bad.getTooltip().getText()).as("the importer's own message")
                .isEqualTo("生日: \"next spring\" is not a birthday (for example 1990-05-12, 05-12, lunar:08-15 or lunar:leap:04-10).");
        assertThat(cell(robot, 1, 2).getStyleClass()).doesNotContain("import-error");
        assertThat(cell(robot, 0, 3).getStyleClass()).as("an ignored column is grey").contains("import-ignored");
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-mapping-en");

        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus"))
                .isEqualTo("Nothing was imported: 2 of 25 rows were rejected. Correct them (or the mapping) and import again.");
        assertThat(robot.lookup("#importRejected").queryListView().getItems()).hasSize(2)
                .first().asString().startsWith("line 4: 生日:");
        assertThat(text(robot, "#importIgnored")).isEqualTo("Ignored columns: Lieblingstee");
        assertThat(context.customers().countAll()).isEqualTo(4);
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-result-en");

        toSave = dir.resolve("rejected.csv");
        robot.clickOn("#importSaveRejected");
        waitUntil(() -> Files.exists(toSave));
        List<String> saved = Files.readAllLines(toSave, StandardCharsets.UTF_8);
        assertThat(saved.getFirst()).isEqualTo("\uFEFFKunde,Handy,生日,Lieblingstee,Reason");
        assertThat(saved).hasSize(3);
        try (app.regulars.tables.RowReader again = RowFile.open(toSave).rows()) {
            assertThat(again.next().cells()).containsExactly("Gast 3", "13900000003", "next spring", "Longjing",
                    "生日: \"next spring\" is not a birthday (for example 1990-05-12, 05-12, lunar:08-15 or lunar:leap:04-10).");
            assertThat(again.next().cells()).startsWith("Gast 23", "13900000023", "next spring", "Longjing");
            assertThat(again.next()).isNull();
        }
        waitUntil(() -> text(robot, "#importResultStatus").equals("Saved 2 rejected rows to rejected.csv."));

        robot.clickOn("#importBack");
        waitUntil(() -> robot.lookup("#importTable").query().isVisible() && !robot.lookup("#importStart").queryButton().isDisabled());
        assertThat(chosen(robot, 0)).as("the mapping kept").isEqualTo("NAME");
        map(robot, 2, "Ignored");
        waitUntil(() -> text(robot, "#importSummary").startsWith("First 20 rows · No problems"));
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus")).isEqualTo("From guests.csv: 25 customers added, 0 updated, no row skipped (their customer was already there).");
        assertThat(robot.lookup("#importSaveRejected").query().isVisible()).isFalse();
        assertThat(context.customers().countAll()).isEqualTo(29);
        assertThat(changed.get()).as("the pages reload").isEqualTo(1);
    }

    @Test
    void inChineseAGbkFileIsMappedByItsChineseHeaders(FxRobot robot) throws IOException {
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        show(robot, new CustomerImport(context.customers(), undo(), zh), Locale.SIMPLIFIED_CHINESE);
        toOpen = csv("老客户.csv", "姓名,手机,生日,会员卡号,爱好\n" + "李雷,13900001111,1990-01-02,A001,喝茶\n"
                + "韩梅梅,12345,1991-02-03,A002,插花\n" + "林涛,13900003333,明年,A003,\n" + "王芳,13900004444,1992-04-05,A004,书法\n",
                Charset.forName("GBK"));
        robot.clickOn("#importChoose");
        waitUntil(() -> robot.lookup("#importTable").queryTableView().getItems().size() == 4
                && !robot.lookup("#importStart").queryButton().isDisabled());
        assertThat(text(robot, "#importEncoding")).isEqualTo("编码：GB18030");
        assertThat(List.of(chosen(robot, 0), chosen(robot, 1), chosen(robot, 2), chosen(robot, 3))).containsExactly("NAME", "PHONES", "BIRTHDAY", "CODE");
        assertThat(chosen(robot, 4)).isNull();
        assertThat(text(robot, "#importSummary")).isEqualTo("全部 4 行 · 这些行中有 2 个问题：鼠标指向红色单元格可查看原因");
        assertThat(cell(robot, 1, 1).getStyleClass()).contains("import-error");
        assertThat(cell(robot, 2, 2).getStyleClass()).contains("import-error");
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-mapping-zh");

        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus")).startsWith("未导入任何数据：4 行中有 2 行被拒绝");
        assertThat(robot.lookup("#importRejected").queryListView().getItems()).hasSize(2).first().asString().startsWith("第 3 行：手机：");
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-result-zh");
        toSave = dir.resolve("被拒绝.csv");
        robot.clickOn("#importSaveRejected");
        waitUntil(() -> Files.exists(toSave));
        assertThat(Files.readAllLines(toSave, StandardCharsets.UTF_8).getFirst()).isEqualTo("\uFEFF姓名,手机,生日,会员卡号,爱好,原因");
    }

    @Test
    void aWorkbookWithSeveralSheetsOffersThemAndReadsTheOneChosen(FxRobot robot) throws IOException {
        Path book = dir.resolve("book.xlsx");
        try (OutputStream out = Files.newOutputStream(book)) {
            Workbook wb = new Workbook(out, "Test", "1.0");
            Worksheet notes = wb.newWorksheet("Notes");
            notes.value(0, 0, "Read me");
            Worksheet guests = wb.newWorksheet("Guests");
            guests.value(0, 0, "name");
            guests.value(0, 1, "phone");
            guests.value(1, 0, "Excel Guest");
            guests.value(1, 1, "13900005555");
            wb.finish();
        }
        show(robot, new CustomerImport(context.customers(), undo(), new Messages(Locale.ENGLISH)), Locale.ENGLISH);
        toOpen = book;
        robot.clickOn("#importChoose");
        waitUntil(() -> robot.lookup("#importSheet").query().isVisible() && !robot.lookup("#importBlocker").queryAs(Label.class).getText().isEmpty());
        assertThat(text(robot, "#importEncoding")).isEqualTo("Excel workbook");
        @SuppressWarnings("unchecked")
        ComboBox<String> sheet = robot.lookup("#importSheet").queryAs(ComboBox.class);
        assertThat(sheet.getItems()).containsExactly("Notes", "Guests");
        robot.interact(() -> sheet.getSelectionModel().select(1));
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        assertThat(chosen(robot, 0)).isEqualTo("NAME");
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus")).isEqualTo("From book.xlsx: 1 customer added, 0 updated, no row skipped (their customer was already there).");
    }

    @Test
    void aVcardFileImportsWithItsWarningsShown(FxRobot robot) throws IOException {
        show(robot, new CustomerImport(context.customers(), undo(), new Messages(Locale.ENGLISH)), Locale.ENGLISH);
        toOpen = csv("contacts.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Card Guest\r\nTEL;TYPE=WORK:ask at the desk\r\n"
                + "TEL;TYPE=CELL:139 0000 7777\r\nEND:VCARD\r\n", StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        assertThat(text(robot, "#importSummary")).isEqualTo("All 1 rows · No problems in these rows, 1 warning");
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus")).isEqualTo("From contacts.vcf: 1 customer added, 0 updated, no row skipped (their customer was already there).");
        assertThat(robot.lookup("#importWarnings").queryListView().getItems()).singleElement().asString()
                .startsWith("card 1: ").contains("ask at the desk");
    }

    @Test
    void purchasesAndSurveyAnswersTooTheSurveyChosenFirst(FxRobot robot) throws IOException {
        Messages en = new Messages(Locale.ENGLISH);
        importSales(robot, en, "sales.csv", "Handy,Wann,Betrag\n13812345678,2026-11-20,88.00\n", null, null);
        assertThat(text(robot, "#importResultStatus")).isEqualTo("Imported 1 row from sales.csv.");

        // The till's next file repeats that sale: the preview says it is here already, it is left out, and the result says so.
        importSales(robot, en, "sales-2.csv", "Handy,Wann,Betrag\n13812345678,2026-11-20,88.00\n13812345678,2026-11-21,12.00\n",
                "All 2 rows · No problems in these rows · 1 of them is already in the store and will be left out", "import-purchases-preview-again-en");
        assertThat(text(robot, "#importResultStatus"))
                .isEqualTo("Imported 1 row from sales-2.csv. 1 purchase already in the store left out (the same customer, amount and time).");
        Screenshots.save(stage.getScene(), "import-purchases-again-en");

        // The same in Chinese, from a till's file whose Chinese headers map by themselves.
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        show(robot, new PurchaseImport(context.membership(), context.customers().phones(), undo(), zh), Locale.SIMPLIFIED_CHINESE);
        toOpen = csv("收银机.csv", "手机,日期,金额\n13812345678,2026-11-21,12.00\n13812345678,2026-11-22,30.00\n", StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        waitUntil(() -> text(robot, "#importSummary").endsWith("其中 1 行已在店中，不会重复导入"));
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-purchases-preview-again-zh");
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus"))
                .isEqualTo("已从 收银机.csv 导入 1 行。1 条消费记录已在店中（同一客户、金额和时间），未重复导入。");
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-purchases-again-zh");

        show(robot, new ResponseImport(context.surveys(), en), Locale.ENGLISH);
        @SuppressWarnings("unchecked")
        ComboBox<MappedImport.Choice> survey = robot.lookup("#importChoice").queryAs(ComboBox.class);
        waitUntil(() -> survey.getValue() != null);
        MappedImport.Choice nps = survey.getItems().stream().filter(c -> c.label().contains("NPS")).findFirst().orElseThrow();
        robot.interact(() -> survey.setValue(nps));
        toOpen = csv("answers.csv", "code,date,Punkte\n,2026-11-20,9\n", StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        map(robot, 2, "Q1: " + context.surveys().find("NPS").questions().getFirst().text(false));
        waitUntil(() -> "q1".equals(chosen(robot, 2)) && !robot.lookup("#importStart").queryButton().isDisabled());
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus")).isEqualTo("Imported 1 row from answers.csv.");
    }

    /** Imports purchases from a CSV file {@code name} whose German headers are mapped by hand: phone, date, amount. */
    /** Imports {@code content} as purchases in English; with {@code summary}, the preview's line says it first (a screenshot {@code shot}). */
    private void importSales(FxRobot robot, Messages en, String name, String content, String summary, String shot) throws IOException {
        show(robot, new PurchaseImport(context.membership(), context.customers().phones(), undo(), en), Locale.ENGLISH);
        toOpen = csv(name, content, StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> text(robot, "#importBlocker").contains("needs a column for the customer"));
        map(robot, 0, "Phone");
        map(robot, 1, "Date");
        map(robot, 2, "Amount");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        if (summary != null) {
            waitUntil(() -> text(robot, "#importSummary").equals(summary));
            robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
            Screenshots.save(stage.getScene(), shot);
        }
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
    }

    private app.regulars.customer.Customer named(String name) {
        List<app.regulars.customer.Customer> found = new java.util.ArrayList<>();
        context.customers().forEachActive(100, batch -> batch.stream().filter(c -> c.name().equals(name)).forEach(found::add));
        assertThat(found).as(name).hasSize(1);
        return found.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<MappedImport.Field> onDuplicate(FxRobot robot) {
        return robot.lookup("#importOnDuplicate").queryAs(ComboBox.class);
    }

    @Test
    void customersAlreadyHereAreFilledInAsChosenAndTheImportIsUndoneFromItsResult(FxRobot robot) throws IOException {
        show(robot, new CustomerImport(context.customers(), undo(), new Messages(Locale.ENGLISH)), Locale.ENGLISH);
        toOpen = csv("again.csv", "name,phone,email,company\n曾晓燕,13987654321,zeng@example.com,Tea House\n"
                + "New Guest,13900009999,,\nAlice Smith,+1 650 253 0000,,Other Trading\n", StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        ComboBox<MappedImport.Field> rule = onDuplicate(robot);
        assertThat(rule.isVisible()).isTrue();
        assertThat(rule.getItems()).extracting(MappedImport.Field::label).containsExactly("Skip it",
                "Fill in the customer's empty fields", "Overwrite the customer's fields", "Add it as another customer");
        assertThat(rule.getValue().key()).as("skipping is the default, as on the command line").isEqualTo("SKIP");
        robot.interact(() -> rule.setValue(rule.getItems().get(1)));
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-duplicates-en");

        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus"))
                .as("Alice Smith has a company already and the row fills nothing in: skipped")
                .isEqualTo("From again.csv: 1 customer added, 1 updated, 1 row skipped (their customer was already there).");
        assertThat(context.customers().countAll()).isEqualTo(5);
        assertThat(named("曾晓燕").email()).isEqualTo("zeng@example.com");
        assertThat(named("曾晓燕").company()).isEqualTo("Tea House");
        assertThat(named("Alice Smith").company()).as("filled in only where empty").isEqualTo("Blue Bottle Trading");
        assertThat(changed.get()).isEqualTo(1);
        assertThat(robot.lookup("#importUndo").query().isVisible()).isTrue();
        Screenshots.save(stage.getScene(), "import-undo-en");

        robot.clickOn("#importUndo");
        waitUntil(() -> text(robot, "#importResultStatus").startsWith("The import of again.csv"));
        assertThat(text(robot, "#importResultStatus")).endsWith(
                "is undone: the customer it added is removed, and the one it changed is as it was before it.");
        assertThat(context.customers().countAll()).isEqualTo(4);
        assertThat(named("曾晓燕").email()).isNull();
        assertThat(named("曾晓燕").company()).isNull();
        assertThat(robot.lookup("#importUndo").query().isVisible()).as("undone once").isFalse();
        assertThat(changed.get()).as("the pages reload after the undo too").isEqualTo(2);
    }

    @Test
    void inChineseTheDuplicateChoiceFitsAndSkippingAddsNoCopy(FxRobot robot) throws IOException {
        Messages zh = new Messages(Locale.SIMPLIFIED_CHINESE);
        show(robot, new CustomerImport(context.customers(), undo(), zh), Locale.SIMPLIFIED_CHINESE);
        toOpen = csv("再次.csv", "姓名,手机\n王小明,13812345678\n新客人,13900008888\n", StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        assertThat(onDuplicate(robot).getValue().label()).isEqualTo(zh.get("import.onDuplicate.skip"));
        robot.interact(() -> assertThat(CutOffText.under(stage.getScene().getRoot())).isEmpty());
        Screenshots.save(stage.getScene(), "import-duplicates-zh");
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importResult").query().isVisible());
        assertThat(text(robot, "#importResultStatus")).isEqualTo(zh.get("onboarding.imported", "再次.csv", 1, 0, 1));
        assertThat(context.customers().countAll()).isEqualTo(5);
    }

    @Test
    void cancellingAnImportStoresNothingAndReturnsToTheMapping(FxRobot robot) throws IOException {
        CustomerImport customers = new CustomerImport(context.customers(), undo(), new Messages(Locale.ENGLISH));
        MappedImport slow = new MappedImport() {
            @Override public String title() { return customers.title(); }
            @Override public Set<RowFile.Format> formats() { return customers.formats(); }
            @Override public List<Field> fields(Choice choice) { return customers.fields(choice); }
            @Override public ColumnMapping automatic(List<String> header, Choice choice) { return customers.automatic(header, choice); }
            @Override public ImportReport check(RowFile file, ColumnMapping mapping, Choice choice, int rows) {
                return customers.check(file, mapping, choice, rows);
            }

            @Override
            public ImportReport run(RowFile file, ColumnMapping mapping, Choice choice, Progress progress, BooleanSupplier cancelled) {
                progress.update(1, 10);
                long end = System.nanoTime() + 10_000_000_000L;
                while (!cancelled.getAsBoolean() && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                return customers.run(file, mapping, choice, progress, cancelled);
            }
        };
        show(robot, slow, Locale.ENGLISH);
        toOpen = csv("cancel.csv", "name\nNot Stored\n", StandardCharsets.UTF_8);
        robot.clickOn("#importChoose");
        waitUntil(() -> !robot.lookup("#importStart").queryButton().isDisabled());
        robot.clickOn("#importStart");
        waitUntil(() -> robot.lookup("#importCancel").query().isVisible());
        assertThat(robot.lookup("#importClose").queryButton().isDisabled()).as("no closing while importing").isTrue();
        robot.clickOn("#importCancel");
        waitUntil(() -> text(robot, "#importStatus").equals("Cancelled. Nothing was changed."));
        assertThat(robot.lookup("#importStart").queryButton().isDisabled()).isFalse();
        assertThat(context.customers().countAll()).isEqualTo(4);
    }

    @Test
    void theImportMenuUndoesTheLastImportAfterAskingAndSaysWhenThereIsNone(FxRobot robot) throws IOException {
        Path file = csv("later.csv", "name,phone\nLater Guest,13900007777\n", StandardCharsets.UTF_8);
        new app.regulars.customer.CustomerCsvImporter(context.customers()).importFile(file, Progress.NONE, () -> false);
        assertThat(context.customers().countAll()).isEqualTo(5);
        robot.interact(() -> Fx.showShell(stage, context, runner, Locale.ENGLISH, Theme.LIGHT));
        MenuButton menu = robot.lookup("#importMenu").queryAs(MenuButton.class);
        javafx.scene.control.MenuItem undoLast = menu.getItems().stream().filter(i -> "importUndoLast".equals(i.getId())).findFirst().orElseThrow();
        assertThat(undoLast.getText()).isEqualTo("Undo the last import…");

        robot.interact(undoLast::fire);
        waitUntil(() -> alert("Undo the import of later.csv") != null);
        javafx.scene.control.DialogPane ask = alert("Undo the import of later.csv");
        assertThat(ask.getContentText()).endsWith("? The customer it added will be removed, and it changed none.");
        Screenshots.save(ask.getScene(), "import-undo-last-en");
        robot.interact(() -> ((Button) ask.lookupButton(ask.getButtonTypes().getFirst())).fire());
        waitUntil(() -> alert("is undone") != null);
        assertThat(context.customers().countAll()).isEqualTo(4);
        robot.interact(() -> alert("is undone").getScene().getWindow().hide());

        robot.interact(undoLast::fire);
        waitUntil(() -> alert("has already been undone") != null);
        assertThat(alert("has already been undone").getContentText()).isEqualTo("The last import (later.csv) has already been undone.");
        robot.interact(() -> alert("has already been undone").getScene().getWindow().hide());
    }

    /** The dialog pane of a showing alert whose text contains {@code text}, or null. */
    private static javafx.scene.control.DialogPane alert(String text) {
        return Window.getWindows().stream().filter(Window::isShowing).map(w -> w.getScene().getRoot())
                .filter(r -> r instanceof javafx.scene.control.DialogPane p && p.getContentText() != null && p.getContentText().contains(text))
                .map(r -> (javafx.scene.control.DialogPane) r).findFirst().orElse(null);
    }

    @Test
    void theCustomersPageAndTheWindowsMenuOpenTheImportWindow(FxRobot robot) {
        robot.interact(() -> Fx.showShell(stage, context, runner, Locale.ENGLISH, Theme.LIGHT));
        waitUntil(() -> robot.lookup("#importCustomers").tryQuery().isPresent());
        MenuButton menu = robot.lookup("#importMenu").queryAs(MenuButton.class);
        assertThat(menu.getItems()).extracting(javafx.scene.control.MenuItem::getText)
                .containsExactly("Customers…", "Purchases…", "Survey answers…", null, "Undo the last import…");
        robot.clickOn("#importCustomers");
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && "Import: Customers".equals(s.getTitle()) && s.isShowing()));
        Stage dialog = (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s && "Import: Customers".equals(s.getTitle()))
                .findFirst().orElseThrow();
        assertThat(dialog.getOwner()).isSameAs(stage);
        Node hint = dialog.getScene().lookup("#importHint");
        assertThat(hint.isVisible()).isTrue();
        robot.interact(() -> ((Button) dialog.getScene().lookup("#importClose")).fire());
        waitUntil(() -> !dialog.isShowing());
        robot.interact(() -> menu.getItems().get(2).fire());
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && "Import: Survey answers".equals(s.getTitle())));
        Stage answers = (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s && "Import: Survey answers".equals(s.getTitle()))
                .findFirst().orElseThrow();
        assertThat(answers.getScene().lookup("#importChoice")).isNotNull();
        robot.interact(answers::close);
    }
}
