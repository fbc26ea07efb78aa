package app.regulars.app.imports;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerImport;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.membership.PurchaseImport;
import app.regulars.survey.ResponseImport;
import app.regulars.tables.ColumnMapping;
import app.regulars.tables.ImportReport;
import app.regulars.tables.MappedImport;
import app.regulars.tables.Progress;
import app.regulars.tables.RowFile;
import app.regulars.tables.RowProblem;
import app.regulars.testing.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The importers with a mapping the user chose: each column to a field or ignored; none given, the header's names, as ever. */
class MappedImportTest {
    @TempDir
    Path dir;
    AppContext ctx;
    final Messages en = new Messages(Locale.ENGLISH);

    @BeforeEach
    void open() {
        ctx = TestStores.open(dir.resolve("data"));
        TestStores.addKnownCustomers(ctx.customers());
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("in-" + System.nanoTime() + ".csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static ColumnMapping mapping(String... fields) {
        return new ColumnMapping(Arrays.asList(fields));
    }

    @Test
    void headersNoImporterKnowsAreMappedByHandAndTheRestIgnored() throws IOException {
        Path file = csv("Kunde,Telefon,Lieblingstee\nLi Lei,13900001111,Longjing\nHan Meimei,13900002222,Pu'er\n");
        MappedImport kind = new CustomerImport(ctx.customers(), ctx.services().get(app.regulars.customer.ImportUndoService.class), en);
        RowFile source = RowFile.open(file, null, kind.formats());
        assertThat(kind.automatic(List.of("Kunde", "Telefon", "Lieblingstee"), null).fields()).containsExactly(null, null, null);
        assertThatThrownBy(() -> kind.check(source, kind.automatic(List.of("Kunde", "Telefon", "Lieblingstee"), null), null, 20))
                .isInstanceOf(UserException.class).hasMessage("exchange.error.noNameColumn");

        ColumnMapping chosen = mapping("NAME", "PHONES", null);
        ImportReport preview = kind.check(source, chosen, null, 20);
        assertThat(preview.rejected()).isEmpty();
        assertThat(ctx.customers().countAll()).as("nothing stored by a check").isEqualTo(4);

        ImportReport report = kind.run(source, chosen, null, Progress.NONE, () -> false);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.ignoredColumns()).containsExactly("Lieblingstee");
        assertThat(ctx.customers().countAll()).isEqualTo(6);
    }

    @Test
    void aColumnTheHeaderWouldMapCanBeIgnoredAndTheCheckSeesOnlyTheRowsAskedFor() throws IOException {
        StringBuilder text = new StringBuilder("姓名,手机,生日\n");
        for (int i = 0; i < 30; i++) {
            text.append("客户").append(i).append(",1390000").append(String.format("%04d", i)).append(",").append(i == 3 || i == 25 ? "soon" : "1990-01-01").append('\n');
        }
        Path file = csv(text.toString());
        MappedImport kind = new CustomerImport(ctx.customers(), ctx.services().get(app.regulars.customer.ImportUndoService.class), en);
        RowFile source = RowFile.open(file, null, kind.formats());
        ColumnMapping auto = kind.automatic(List.of("姓名", "手机", "生日"), null);
        assertThat(auto.fields()).containsExactly("NAME", "PHONES", "BIRTHDAY");

        ImportReport preview = kind.check(source, auto, null, 20);
        assertThat(preview.rowsRead()).isEqualTo(20);
        assertThat(preview.rejected()).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(5);
            assertThat(r.problems()).extracting(RowProblem::column).containsExactly("生日");
        });
        ImportReport refused = kind.run(source, auto, null, Progress.NONE, () -> false);
        assertThat(refused.rejected()).extracting(r -> r.line()).containsExactly(5L, 27L);
        assertThat(refused.imported()).isZero();

        ImportReport report = kind.run(source, auto.with(2, null), null, Progress.NONE, () -> false);
        assertThat(report.imported()).isEqualTo(30);
        assertThat(report.ignoredColumns()).containsExactly("生日");
    }

    @Test
    void twoColumnsForOneFieldAreRefusedAsTheCommandLineRefusesThem() throws IOException {
        Path file = csv("a,b\nLi Lei,Han Meimei\n");
        MappedImport kind = new CustomerImport(ctx.customers(), ctx.services().get(app.regulars.customer.ImportUndoService.class), en);
        RowFile source = RowFile.open(file, null, kind.formats());
        assertThatThrownBy(() -> kind.check(source, mapping("NAME", "NAME"), null, 20))
                .isInstanceOf(UserException.class).hasMessage("exchange.error.duplicateColumn");
    }

    @Test
    void purchasesWithAMappingChosenByHand() throws IOException {
        Path file = csv("Handy,Wann,Betrag\n13812345678,2026-11-20,88.00\n13987654321,2026-11-21,abc\n");
        MappedImport kind = new PurchaseImport(ctx.membership(), ctx.customers().phones(), ctx.services().get(app.regulars.customer.ImportUndoService.class), en);
        RowFile source = RowFile.open(file, null, kind.formats());
        ColumnMapping chosen = mapping("phone", "date", "amount");
        ImportReport preview = kind.check(source, chosen, null, 20);
        assertThat(preview.rejected()).singleElement().satisfies(r -> assertThat(r.problems()).extracting(RowProblem::column).containsExactly("Betrag"));
        ImportReport report = kind.run(source, chosen.with(2, "amount"), null, Progress.NONE, () -> false);
        assertThat(report.imported()).isZero();
        Path good = csv("Handy,Wann,Betrag\n13812345678,2026-11-20,88.00\n");
        assertThat(kind.run(RowFile.open(good, null, kind.formats()), chosen, null, Progress.NONE, () -> false).imported()).isEqualTo(1);
    }

    @Test
    void surveyAnswersToTheChosenSurveysQuestions() throws IOException {
        MappedImport kind = new ResponseImport(ctx.surveys(), en);
        MappedImport.Choice nps = kind.choices().stream().filter(c -> c.label().contains("NPS")).findFirst().orElseThrow();
        assertThat(kind.fields(nps)).extracting(MappedImport.Field::key).startsWith("code", "date", "channel", "q1");
        Path file = csv("Karte,Datum,Punkte\n,2026-11-20,9\n,2026-11-21,12\n");
        RowFile source = RowFile.open(file, null, kind.formats());
        ColumnMapping chosen = mapping("code", "date", "q1");
        ImportReport preview = kind.check(source, chosen, nps, 20);
        assertThat(preview.rejected()).singleElement().satisfies(r -> assertThat(r.line()).isEqualTo(3));
        Path good = csv("Karte,Datum,Punkte\n,2026-11-20,9\n,2026-11-21,10\n");
        ImportReport report = kind.run(RowFile.open(good, null, kind.formats()), chosen, nps, Progress.NONE, () -> false);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(kind.automatic(List.of("code", "date", "q1", "code"), nps).fields()).containsExactly("code", "date", "q1", null);
    }
}
